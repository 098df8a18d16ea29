package import CallVaultSupport

/// A regular file read with positional reads, as a ``RandomAccessByteSource`` (safe to share
/// between threads).
///
/// A pipe, device, socket or folder is refused when it is opened: it has no length and no
/// positions to read at, which every CallVault reader needs. Reads retry on interruptions and
/// short transfers; a read past the end (the file was cut short, or is shorter than its header
/// says) is a ``ByteSourceError``.
///
/// ```swift
/// let reader = try EnvelopeReader(source: FileByteSource(path: "call.cvr"), identity: identity)
/// ```
public final class FileByteSource: RandomAccessByteSource, Sendable {
    /// The open file.
    package let file: SystemFile

    /// Opens `path` for reading.
    ///
    /// - Throws: ``ByteSourceError`` when the file cannot be opened, or is not a regular file
    ///   (save what a pipe or device gives to a file first).
    public init(path: String) throws {
        do {
            file = try SystemFile.openRegularFileForReading(path)
        } catch {
            throw ByteSourceError(error)
        }
    }

    /// The file's path.
    public var path: String { file.path }

    /// The file's current length.
    ///
    /// - Throws: ``ByteSourceError`` when the system cannot say.
    public func byteCount() throws -> UInt64 {
        do {
            return try file.size()
        } catch {
            throw ByteSourceError(error)
        }
    }

    /// Reads exactly `buffer.count` bytes at `offset`.
    ///
    /// - Throws: ``ByteSourceError`` when the read fails or the file ends first.
    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws {
        do {
            try file.read(into: buffer, at: offset)
        } catch {
            throw ByteSourceError(error)
        }
    }
}

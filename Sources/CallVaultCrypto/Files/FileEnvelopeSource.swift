/// An envelope read from a file with positional reads (safe to share between threads).
///
/// ```swift
/// let reader = try EnvelopeReader(source: FileEnvelopeSource(path: "call.cvr"), identity: identity)
/// ```
public final class FileEnvelopeSource: EnvelopeSource, Sendable {
    let file: OpenFile

    /// Opens `path` for reading.
    ///
    /// - Throws: ``FileError`` when the file cannot be opened, or is not a regular file (a pipe or
    ///   device has no length and no positions to read at, which an envelope reader needs).
    public init(path: String) throws {
        self.file = try OpenFile.forReadingRegularFile(
            path,
            reason:
                "it is a pipe or device, not a regular file; an envelope is read at random positions, so save it to a file first"
        )
    }

    /// The file's path.
    public var path: String { file.path }

    /// The file's current length.
    public func byteCount() throws -> UInt64 {
        try file.size()
    }

    /// Reads exactly `buffer.count` bytes at `offset`, or throws ``FileError``.
    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws {
        try file.read(into: buffer, at: offset)
    }
}

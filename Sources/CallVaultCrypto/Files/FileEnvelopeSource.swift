/// An envelope read from a file with positional reads (safe to share between threads).
///
/// ```swift
/// let reader = try EnvelopeReader(source: FileEnvelopeSource(path: "call.cvr"), identity: identity)
/// ```
public final class FileEnvelopeSource: EnvelopeSource, Sendable {
    let file: OpenFile

    /// Opens `path` for reading.
    ///
    /// - Throws: ``FileError`` when the file cannot be opened.
    public init(path: String) throws {
        self.file = try OpenFile.forReading(path)
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

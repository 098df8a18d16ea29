/// A WAV file read from disk with positional reads (safe to share between threads).
///
/// ```swift
/// var reader = try WAVReader(source: WAVFileSource(path: "call.wav"))
/// ```
public final class WAVFileSource: WAVSource, Sendable {
    private let file: FileDescriptor

    /// Opens `path` for reading.
    ///
    /// - Throws: ``WAVFileError`` when the file cannot be opened.
    public init(path: String) throws {
        file = try FileDescriptor.forReading(path)
    }

    /// The file's path.
    public var path: String { file.path }

    /// The file's current length.
    public func byteCount() throws -> UInt64 {
        try file.size()
    }

    /// Reads exactly `buffer.count` bytes at `offset`, or throws ``WAVFileError``.
    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws {
        try file.read(into: buffer, at: offset)
    }
}

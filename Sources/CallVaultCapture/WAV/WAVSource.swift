/// Random-access bytes a WAV file is read from: a file, a blob store's object, memory.
///
/// ``WAVHeader/parse(from:)`` reads only chunk headers and the `fmt ` chunk through it, and a
/// ``WAVReader`` then reads sample frames from the `data` chunk, so nothing ever loads a whole file.
/// The shape matches CallVaultCrypto's `EnvelopeSource`, so one type can serve both.
///
/// ```swift
/// let header = try WAVHeader.parse(from: WAVFileSource(path: "call.wav"))
/// ```
public protocol WAVSource {
    /// Total bytes available.
    func byteCount() throws -> UInt64

    /// Fills `buffer` completely with the bytes starting at `offset`, or throws.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws
}

/// A WAV file held in memory, for tests and for audio that arrived as one buffer.
///
/// ```swift
/// let reader = try WAVReader(source: WAVMemorySource(downloadedBytes))
/// ```
public struct WAVMemorySource: WAVSource, Sendable {
    /// The file's bytes.
    public let bytes: [UInt8]

    /// Wraps `bytes`.
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The number of bytes.
    public func byteCount() throws -> UInt64 {
        UInt64(bytes.count)
    }

    /// Copies bytes out; throws ``WAVFileError`` for a range past the end.
    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws {
        guard offset <= UInt64(bytes.count), UInt64(buffer.count) <= UInt64(bytes.count) - offset else {
            throw WAVFileError(
                operation: "read", path: WAVFileError.memoryPath,
                reason: "a read of \(buffer.count) bytes at byte \(offset) passes its end at byte \(bytes.count)")
        }
        let start = Int(offset)
        bytes.withUnsafeBytes { all in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: all[start..<(start + buffer.count)]))
        }
    }
}

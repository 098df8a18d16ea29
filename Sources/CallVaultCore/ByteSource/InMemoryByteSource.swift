/// Bytes held in memory, as a ``RandomAccessByteSource``: for tests and for a file that arrived as
/// one buffer.
///
/// ```swift
/// let reader = try WAVReader(source: InMemoryByteSource(downloadedBytes))
/// ```
public struct InMemoryByteSource: RandomAccessByteSource, Sendable {
    /// The bytes.
    public let bytes: [UInt8]

    /// Wraps `bytes`.
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The number of bytes.
    public func byteCount() throws -> UInt64 {
        UInt64(bytes.count)
    }

    /// Copies bytes out.
    ///
    /// - Throws: ``ByteSourceError`` for a range past the end.
    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws {
        try bytes.copyBytes(into: buffer, at: offset)
    }
}

/// A byte array is a ``RandomAccessByteSource`` too: an envelope or a WAV file held in memory.
extension Array: RandomAccessByteSource where Element == UInt8 {
    /// The array's length.
    public func byteCount() throws -> UInt64 { UInt64(count) }

    /// Copies bytes out of the array.
    ///
    /// - Throws: ``ByteSourceError`` for a range past its end.
    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws {
        try copyBytes(into: buffer, at: offset)
    }

    /// The one in-memory read: bounds checked, then copied.
    fileprivate func copyBytes(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws(ByteSourceError) {
        guard offset <= UInt64(count), UInt64(buffer.count) <= UInt64(count) - offset else {
            throw ByteSourceError(
                operation: "read", path: ByteSourceError.memoryPath,
                reason: "a read of \(buffer.count) bytes at byte \(offset) passes its end at byte \(count)")
        }
        let start = Int(offset)
        withUnsafeBytes { all in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: all[start..<(start + buffer.count)]))
        }
    }
}

/// Random-access bytes an envelope is read from: a file, a blob store's object, memory.
///
/// Readers fetch the header, the end marker and then only the segments they need, so a source must
/// serve reads at any offset.
public protocol EnvelopeSource {
    /// Total bytes available.
    func byteCount() throws -> UInt64

    /// Fills `buffer` completely with the bytes starting at `offset`, or throws.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws
}

/// Where an ``EnvelopeWriter`` sends the header and each sealed segment, in order.
///
/// A segment is handed over as soon as it is sealed, so an output that persists each write (for
/// example with `fsync`) loses at most the open segment in a crash.
public protocol EnvelopeOutput {
    /// Appends `bytes`. The buffer is only valid during the call.
    mutating func write(_ bytes: UnsafeRawBufferPointer) throws
}

/// An envelope held in memory.
extension Array: EnvelopeSource where Element == UInt8 {
    /// The array's length.
    public func byteCount() throws -> UInt64 { UInt64(count) }

    /// Copies bytes out of the array; throws ``EnvelopeError/rangeOutOfBounds(reason:)`` past its end.
    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws {
        guard offset <= UInt64(count), UInt64(buffer.count) <= UInt64(count) - offset else {
            throw EnvelopeError.rangeOutOfBounds(
                reason: "a read of \(buffer.count) bytes at offset \(offset) passes the end of \(count) bytes")
        }
        withUnsafeBytes { all in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: all[Int(offset)..<Int(offset) + buffer.count]))
        }
    }
}

/// Collects an envelope (or decrypted plaintext) in memory.
extension Array: EnvelopeOutput where Element == UInt8 {
    /// Appends the bytes.
    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        append(contentsOf: bytes)
    }
}

/// An output that drops everything: for measuring, or for verifying an envelope without keeping
/// its plaintext.
public struct DiscardingEnvelopeOutput: EnvelopeOutput, Sendable {
    /// Bytes received so far.
    public private(set) var byteCount: UInt64 = 0

    /// Creates an empty discarding output.
    public init() {}

    /// Counts and drops the bytes.
    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        byteCount += UInt64(bytes.count)
    }
}

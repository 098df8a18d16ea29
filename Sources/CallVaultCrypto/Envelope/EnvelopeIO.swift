public import CallVaultCore

/// The bytes an envelope is read from: now CallVaultCore's `RandomAccessByteSource`, which WAV
/// files and blobs are read from too.
@available(*, deprecated, renamed: "RandomAccessByteSource")
public typealias EnvelopeSource = RandomAccessByteSource

/// An envelope read from a file: now CallVaultCore's `FileByteSource`.
@available(*, deprecated, renamed: "FileByteSource")
public typealias FileEnvelopeSource = FileByteSource

/// Where an ``EnvelopeWriter`` sends the header and each sealed segment, in order.
///
/// A segment is handed over as soon as it is sealed, so an output that persists each write (for
/// example with `fsync`) loses at most the open segment in a crash.
public protocol EnvelopeOutput {
    /// Appends `bytes`. The buffer is only valid during the call.
    mutating func write(_ bytes: UnsafeRawBufferPointer) throws
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

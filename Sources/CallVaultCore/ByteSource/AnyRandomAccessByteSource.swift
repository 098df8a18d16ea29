/// Any ``RandomAccessByteSource``, behind one concrete type: what a protocol that hands out
/// sources of several kinds returns (a blob store's `source(for:)`), and what a generic reader
/// then reads.
///
/// ```swift
/// let source = AnyRandomAccessByteSource(try FileByteSource(path: "call.cvr"))
/// ```
public struct AnyRandomAccessByteSource: RandomAccessByteSource, Sendable {
    private let byteCountBody: @Sendable () throws -> UInt64
    private let readBody: @Sendable (UnsafeMutableRawBufferPointer, UInt64) throws -> Void

    /// Wraps `source`.
    public init(_ source: some RandomAccessByteSource & Sendable) {
        self.byteCountBody = { try source.byteCount() }
        self.readBody = { buffer, offset in try source.read(into: buffer, at: offset) }
    }

    /// A source over a store's own reading functions.
    ///
    /// - Parameters:
    ///   - byteCount: returns the total bytes.
    ///   - read: fills its buffer completely with the bytes from its offset, or throws.
    public init(
        byteCount: @escaping @Sendable () throws -> UInt64,
        read: @escaping @Sendable (UnsafeMutableRawBufferPointer, UInt64) throws -> Void
    ) {
        self.byteCountBody = byteCount
        self.readBody = read
    }

    /// Total bytes.
    public func byteCount() throws -> UInt64 { try byteCountBody() }

    /// Fills `buffer` from `offset`.
    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws {
        try readBody(buffer, offset)
    }
}

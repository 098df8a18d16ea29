/// Bytes that can be read at any offset: a file, a blob store's object, memory.
///
/// The one input shape of CallVault's readers: an `EnvelopeReader` fetches an envelope's header,
/// its end marker and then only the segments it needs; `WAVHeader.parse(from:)` reads chunk
/// headers and a `WAVReader` then sample frames; a blob store hands out its blobs as one. Nothing
/// ever loads a whole recording. A host implements it to read from its own storage.
///
/// ```swift
/// let source = try FileByteSource(path: "call.cvr")
/// var header = [UInt8](repeating: 0, count: 16)
/// try header.withUnsafeMutableBytes { try source.read(into: $0, at: 0) }
/// ```
public protocol RandomAccessByteSource {
    /// Total bytes available.
    func byteCount() throws -> UInt64

    /// Fills `buffer` completely with the bytes starting at `offset`, or throws; a range past the
    /// end is an error, never a short read.
    ///
    /// - Parameters:
    ///   - buffer: where the bytes go; valid only during the call.
    ///   - offset: the position of the first byte, from 0.
    /// - Throws: the implementation's error (``ByteSourceError`` for CallVault's own sources) when
    ///   the range is past the end or the storage cannot be read.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws
}

/// Where a ``WAVWriter`` puts a file's bytes: a file, a blob store's object, memory.
///
/// The writer writes the header, then the sample data in order, then (unless it was told the
/// length up front) rewrites the header with the final sizes. Offsets say where each write goes.
///
/// ```swift
/// var writer = try WAVWriter(output: WAVMemoryOutput(), format: format)
/// try writer.write(samples)
/// try writer.finish()
/// let file = writer.output.bytes
/// ```
public protocol WAVOutput {
    /// Writes `bytes` at `offset`, replacing what is there and extending the output as needed. The
    /// buffer is only valid during the call.
    mutating func write(_ bytes: UnsafeRawBufferPointer, at offset: UInt64) throws
}

/// Collects a WAV file in memory.
public struct WAVMemoryOutput: WAVOutput, Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    /// Creates an empty output.
    public init() {}

    /// Writes `buffer` at `offset`, filling any gap before it with zero bytes.
    public mutating func write(_ buffer: UnsafeRawBufferPointer, at offset: UInt64) throws {
        guard offset <= UInt64(Int.max - buffer.count) else {
            throw WAVFileError(
                operation: "write", path: WAVFileError.memoryPath,
                reason: "byte \(offset) is beyond what memory can address")
        }
        let start = Int(offset)
        if start > bytes.count {
            bytes.append(contentsOf: repeatElement(0, count: start - bytes.count))
        }
        let overlap = min(buffer.count, bytes.count - start)
        if overlap > 0 {
            bytes.replaceSubrange(
                start..<(start + overlap), with: UnsafeRawBufferPointer(rebasing: buffer[0..<overlap]))
        }
        if overlap < buffer.count {
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[overlap...]))
        }
    }
}

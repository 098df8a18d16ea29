import CallVaultCapture
import CallVaultCore

/// A source that counts the bytes it is asked for, and can claim to be larger than the bytes it
/// holds (reads past them return zeros), so tests can present hostile sizes without gigabytes.
final class CountingSource: RandomAccessByteSource {
    let bytes: [UInt8]
    let claimedByteCount: UInt64
    private(set) var requestedByteCount = 0
    private(set) var readCount = 0

    init(_ bytes: [UInt8], claimedByteCount: UInt64? = nil) {
        self.bytes = bytes
        self.claimedByteCount = claimedByteCount ?? UInt64(bytes.count)
    }

    func byteCount() throws -> UInt64 { claimedByteCount }

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws {
        readCount += 1
        requestedByteCount += buffer.count
        guard offset <= claimedByteCount, UInt64(buffer.count) <= claimedByteCount - offset else {
            throw WAVFileError(operation: "read", path: "counting source", reason: "past the end")
        }
        for index in 0..<buffer.count {
            let position = offset + UInt64(index)
            buffer[index] = position < UInt64(bytes.count) ? bytes[Int(position)] : 0
        }
    }
}

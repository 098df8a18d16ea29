import CallVaultCore

/// Whole-file sealing and opening on every core.
///
/// Segments are independent, so a batch of them is sealed or opened in parallel, while memory
/// stays bounded by the batch size whatever the file's size. Output goes to a temporary file that
/// is renamed into place only when everything succeeded: a failed seal or a tampered envelope
/// leaves nothing at the destination.
public enum EnvelopeFile {
    /// Plaintext bytes per batch: about 8 MiB of plaintext and 8 MiB of ciphertext in memory at once.
    static let batchByteCount = 8 << 20

    /// Seals `inputRange` of the file at `inputPath` (all of it by default) into a new envelope at
    /// `outputPath`.
    ///
    /// The range's length is declared in the header, so a file that changes size while being
    /// sealed is caught. `progress` is called after each batch with the bytes done and the total.
    @discardableResult
    public static func seal(
        inputPath: String, inputRange: Range<UInt64>? = nil, outputPath: String,
        configuration: EnvelopeConfiguration, recipients: [Recipient],
        progress: ((_ done: UInt64, _ total: UInt64) -> Void)? = nil
    ) throws -> EnvelopeSummary {
        let input = try OpenFile.forReading(inputPath)
        let inputSize = try input.size()
        let region = inputRange ?? 0..<inputSize
        guard region.upperBound <= inputSize else {
            throw FileError(
                operation: "read", path: inputPath,
                reason: "it holds \(inputSize) bytes, fewer than the \(region.upperBound) to be sealed")
        }
        var configuration = configuration
        configuration.declaredPlaintextByteCount = UInt64(region.count)
        let sealing = try EnvelopeSealing(
            configuration: configuration, recipients: recipients, dataKey: DataKey.generate())
        let header = sealing.header
        let length = UInt64(region.count)
        let output = try FileEnvelopeOutput(destination: outputPath)
        output.file.preallocate(
            EnvelopeLayout.envelopeByteCount(
                headerByteCount: header.byteCount, segmentSize: header.segmentSize, plaintextByteCount: length))
        try header.serialized.withUnsafeBytes { try output.write($0) }
        try BatchSealer(cipher: sealing.cipher, segmentSize: header.segmentSize, plaintextByteCount: length)
            .run(
                read: { buffer, offset in try input.read(into: buffer, at: region.lowerBound + offset) },
                write: { try output.write($0) }, progress: progress)
        try output.commit()
        return EnvelopeSummary(
            header: header, wraps: sealing.wraps, segmentCount: Int(length / UInt64(header.segmentSize)) + 1,
            plaintextByteCount: length,
            envelopeByteCount: EnvelopeLayout.envelopeByteCount(
                headerByteCount: header.byteCount, segmentSize: header.segmentSize, plaintextByteCount: length))
    }
}

/// Seals a plaintext stream batch by batch, each batch across all cores.
private struct BatchSealer {
    let cipher: SegmentCipher
    let segmentSize: Int
    let plaintextByteCount: UInt64

    func run(
        read: (UnsafeMutableRawBufferPointer, UInt64) throws -> Void,
        write: (UnsafeRawBufferPointer) throws -> Void,
        progress: ((UInt64, UInt64) -> Void)?
    ) throws {
        let size = segmentSize
        let sealedSize = size + EnvelopeFormat.tagByteCount
        let segmentCount = Int(plaintextByteCount / UInt64(size)) + 1
        let perBatch = max(1, EnvelopeFile.batchByteCount / size)
        let plaintext = try SecureBuffer(count: perBatch * size)
        defer { plaintext.wipe(plaintext.count) }
        let sealed = UnsafeMutableRawBufferPointer.allocate(
            byteCount: perBatch * sealedSize + EnvelopeFormat.trailerByteCount, alignment: 64)
        defer { sealed.deallocate() }
        let marker = EnvelopeLayout.endMarker(plaintextByteCount: plaintextByteCount)
        let finalCount = Int(plaintextByteCount % UInt64(size))

        var first = 0
        while first < segmentCount {
            let end = min(first + perBatch, segmentCount)
            let start = UInt64(first) * UInt64(size)
            let batchPlaintext = Int(min(UInt64(end - first) * UInt64(size), plaintextByteCount - start))
            try read(UnsafeMutableRawBufferPointer(rebasing: plaintext.buffer[..<batchPlaintext]), start)
            let source = UnsafeRawBufferPointer(plaintext.buffer)
            marker.withUnsafeBytes { markerBytes in
                Parallel.forEachChunk(of: end - first) { chunk in
                    for local in chunk {
                        let index = first + local
                        let isFinal = index == segmentCount - 1
                        let count = isFinal ? finalCount : size
                        cipher.seal(
                            UnsafeRawBufferPointer(rebasing: source[(local * size)..<(local * size + count)]),
                            index: UInt64(index), isFinal: isFinal,
                            associatedData: isFinal ? markerBytes : UnsafeRawBufferPointer(start: nil, count: 0),
                            into: UnsafeMutableRawBufferPointer(rebasing: sealed[(local * sealedSize)...]))
                    }
                }
            }
            var sealedCount = batchPlaintext + (end - first) * EnvelopeFormat.tagByteCount
            if end == segmentCount {
                marker.withUnsafeBytes {
                    UnsafeMutableRawBufferPointer(rebasing: sealed[sealedCount..<sealedCount + $0.count]).copyMemory(
                        from: $0)
                }
                sealedCount += marker.count
            }
            try write(UnsafeRawBufferPointer(rebasing: sealed[..<sealedCount]))
            progress?(start + UInt64(batchPlaintext), plaintextByteCount)
            first = end
        }
    }
}

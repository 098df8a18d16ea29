import CallVaultCore

/// Whole-file sealing and opening on every core.
///
/// Segments are independent and sit at offsets computed from their index, so a file is cut into
/// batches of segments that threads read, seal or open, and write on their own (see
/// `ParallelBatches`). Memory stays bounded by the batch size times the thread count whatever the
/// file's size. Output goes to a temporary file that is renamed into place only when everything
/// succeeded: a failed seal or a tampered envelope leaves nothing at the destination.
public enum EnvelopeFile: Sendable {
    /// The most plaintext one batch holds.
    static let maximumBatchByteCount = 4 << 20

    /// Segments per batch: up to 4 MiB, and small enough that every thread gets several batches.
    static func segmentsPerBatch(segmentCount: Int, segmentSize: Int) -> Int {
        let bySize = max(1, maximumBatchByteCount / segmentSize)
        let bySpread = max(1, segmentCount / (ParallelBatches.threadCount * 4))
        return min(bySize, bySpread)
    }

    /// Seals `inputRange` of the file at `inputPath` (all of it by default) into a new envelope at
    /// `outputPath`.
    ///
    /// The range's length is declared in the header, so a file that changes size while being
    /// sealed is caught. `progress` is called (from any thread, one call at a time) with the bytes
    /// done and the total. A pipe, terminal or device (`/dev/stdin`) is read to its end and sealed
    /// as a stream, with no declared length; an empty one is refused. The output must not be the
    /// input, nor anything but a new or regular file (see ``FileEnvelopeOutput``).
    @discardableResult
    public static func seal(
        inputPath: String, inputRange: Range<UInt64>? = nil, outputPath: String,
        configuration: EnvelopeConfiguration, recipients: [Recipient],
        progress: ((_ done: UInt64, _ total: UInt64) -> Void)? = nil
    ) throws -> EnvelopeSummary {
        let input = try OpenFile.forReading(inputPath)
        guard try input.isRegularFile() else {
            return try sealStream(
                input, inputRange: inputRange, outputPath: outputPath, configuration: configuration,
                recipients: recipients)
        }
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
        let envelopeLength = EnvelopeLayout.envelopeByteCount(
            headerByteCount: header.byteCount, segmentSize: header.segmentSize, plaintextByteCount: length)
        let output = try FileEnvelopeOutput(
            destination: outputPath,
            inputs: OutputDestination.FileIdentity(descriptor: input.descriptor).map { [$0] } ?? [])
        output.file.preallocate(envelopeLength)
        try header.serialized.withUnsafeBytes { try output.write($0) }

        let size = header.segmentSize
        let sealedSize = header.sealedSegmentByteCount
        let segmentCount = Int(length / UInt64(size)) + 1
        let perBatch = segmentsPerBatch(segmentCount: segmentCount, segmentSize: size)
        let marker = EnvelopeLayout.endMarker(plaintextByteCount: length)
        let tally = ProgressTally(total: length, callback: progress)
        let cipher = sealing.cipher
        try ParallelBatches.run(
            batchCount: (segmentCount + perBatch - 1) / perBatch,
            makeBuffers: { try BatchBuffers(plaintext: perBatch * size, sealed: perBatch * sealedSize + marker.count) }
        ) { batch, buffers in
            let first = batch * perBatch
            let end = min(first + perBatch, segmentCount)
            let start = UInt64(first) * UInt64(size)
            let plaintextCount = Int(min(UInt64(end - first) * UInt64(size), length - start))
            let plaintext = UnsafeMutableRawBufferPointer(rebasing: buffers.plaintext.buffer[..<plaintextCount])
            try input.read(into: plaintext, at: region.lowerBound + start)
            for index in first..<end {
                let local = index - first
                let isFinal = index == segmentCount - 1
                let count = isFinal ? plaintextCount - local * size : size
                try marker.withUnsafeBytes { markerBytes in
                    try cipher.seal(
                        UnsafeRawBufferPointer(rebasing: plaintext[(local * size)..<(local * size + count)]),
                        index: UInt64(index), isFinal: isFinal,
                        associatedData: isFinal ? markerBytes : UnsafeRawBufferPointer(start: nil, count: 0),
                        into: UnsafeMutableRawBufferPointer(rebasing: buffers.sealed[(local * sealedSize)...]))
                }
            }
            var sealedCount = plaintextCount + (end - first) * EnvelopeFormat.tagByteCount
            if end == segmentCount {
                marker.withUnsafeBytes {
                    UnsafeMutableRawBufferPointer(rebasing: buffers.sealed[sealedCount..<sealedCount + $0.count])
                        .copyMemory(from: $0)
                }
                sealedCount += marker.count
            }
            buffers.plaintext.wipe(plaintextCount)
            let offset = UInt64(header.byteCount) + UInt64(first) * UInt64(sealedSize)
            try output.file.write(UnsafeRawBufferPointer(rebasing: buffers.sealed[..<sealedCount]), at: offset)
            output.file.startWriteback(offset: offset, count: sealedCount)
            tally.add(UInt64(plaintextCount))
        }
        try output.commit()
        return EnvelopeSummary(
            header: header, wraps: sealing.wraps, segmentCount: segmentCount, plaintextByteCount: length,
            envelopeByteCount: envelopeLength)
    }
}

/// One thread's working memory for a batch: plaintext in locked, wiped memory; ciphertext in
/// ordinary memory.
final class BatchBuffers {
    let plaintext: SecureBuffer
    let sealed: UnsafeMutableRawBufferPointer

    init(plaintext plaintextCount: Int, sealed sealedCount: Int) throws {
        self.plaintext = try SecureBuffer(count: plaintextCount)
        self.sealed = UnsafeMutableRawBufferPointer.allocate(byteCount: sealedCount, alignment: 64)
    }

    deinit {
        sealed.deallocate()
    }
}

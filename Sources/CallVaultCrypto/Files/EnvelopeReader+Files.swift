extension EnvelopeReader {
    /// Decrypts the recording (or the plaintext bytes in `range`) into a new file at `outputPath`,
    /// opening segments on every core.
    ///
    /// The file appears only if every segment needed verified: on tampering nothing is left at
    /// `outputPath`. For an incomplete envelope, without `allowIncomplete` every full segment is
    /// verified and ``EnvelopeError/truncated(intactSegments:trailingBytes:)`` is thrown; with it,
    /// the verified prefix is written. `prefix` and `suffix` are written around the plaintext (for
    /// example a WAV header and its pad byte); `progress` is called after each batch with the plaintext bytes done and the total.
    @discardableResult
    public func decrypt(
        toFile outputPath: String, range: Range<UInt64>? = nil, allowIncomplete: Bool = false,
        prefix: [UInt8] = [], suffix: [UInt8] = [], progress: ((_ done: UInt64, _ total: UInt64) -> Void)? = nil
    ) throws -> EnvelopeReadResult {
        if !layout.isComplete, !allowIncomplete {
            try openBatches(of: 0..<layout.readableSegmentCount) { _, _, _ in }
            throw EnvelopeError.truncated(
                intactSegments: layout.readableSegmentCount, trailingBytes: layout.trailingByteCount)
        }
        let range = range ?? 0..<layout.readablePlaintextByteCount
        try checkInside(range)
        let output = try FileEnvelopeOutput(destination: outputPath)
        output.file.preallocate(UInt64(prefix.count) + UInt64(range.count) + UInt64(suffix.count))
        try prefix.withUnsafeBytes { try output.write($0) }
        var segmentCount = 0
        if !range.isEmpty {
            let size = UInt64(header.segmentSize)
            let segments = Int(range.lowerBound / size)..<Int((range.upperBound - 1) / size) + 1
            segmentCount = segments.count
            try openBatches(of: segments) { first, end, plaintext in
                let batchStart = UInt64(first) * size
                let batchEnd = batchStart + UInt64(plaintext.count)
                let from = Int(max(range.lowerBound, batchStart) - batchStart)
                let to = Int(min(range.upperBound, batchEnd) - batchStart)
                try output.write(UnsafeRawBufferPointer(rebasing: plaintext[from..<to]))
                progress?(min(range.upperBound, batchEnd) - range.lowerBound, UInt64(range.count))
            }
        }
        try suffix.withUnsafeBytes { try output.write($0) }
        try output.commit()
        let isWhole = range == 0..<layout.readablePlaintextByteCount
        return EnvelopeReadResult(
            isComplete: layout.isComplete && isWhole, segmentCount: segmentCount,
            plaintextByteCount: UInt64(range.count))
    }

    /// Opens `segments` batch by batch, each batch on every core, and hands each batch's plaintext
    /// (`first`, `end`, bytes) to `deliver` only after all of its segments verified.
    func openBatches(
        of segments: Range<Int>,
        deliver: (_ first: Int, _ end: Int, _ plaintext: UnsafeRawBufferPointer) throws -> Void
    ) throws {
        guard !segments.isEmpty else { return }
        let size = header.segmentSize
        let sealedSize = header.sealedSegmentByteCount
        let perBatch = max(1, EnvelopeFile.batchByteCount / size)
        let plaintext = try SecureBuffer(count: perBatch * size)
        defer { plaintext.wipe(plaintext.count) }
        let sealed = UnsafeMutableRawBufferPointer.allocate(byteCount: perBatch * sealedSize, alignment: 64)
        defer { sealed.deallocate() }
        let verified = UnsafeMutableBufferPointer<Bool>.allocate(capacity: perBatch)
        defer { verified.deallocate() }
        let layout = self.layout
        let cipher = self.cipher

        var first = segments.lowerBound
        while first < segments.upperBound {
            let end = min(first + perBatch, segments.upperBound)
            let lastCount = layout.plaintextCount(ofSegment: end - 1)
            let sealedCount = (end - first - 1) * sealedSize + lastCount + EnvelopeFormat.tagByteCount
            try source.read(
                into: UnsafeMutableRawBufferPointer(rebasing: sealed[..<sealedCount]),
                at: layout.offset(ofSegment: first))
            let input = UnsafeRawBufferPointer(sealed)
            layout.endMarker.withUnsafeBytes { marker in
                Parallel.forEachChunk(of: end - first) { chunk in
                    for local in chunk {
                        let index = first + local
                        let isFinal = layout.isFinal(index)
                        let count = layout.plaintextCount(ofSegment: index)
                        verified[local] = cipher.open(
                            UnsafeRawBufferPointer(
                                rebasing: input[
                                    (local * sealedSize)..<(local * sealedSize + count + EnvelopeFormat.tagByteCount)]),
                            index: UInt64(index), isFinal: isFinal,
                            associatedData: isFinal ? marker : UnsafeRawBufferPointer(start: nil, count: 0),
                            into: UnsafeMutableRawBufferPointer(rebasing: plaintext.buffer[(local * size)...]))
                    }
                }
            }
            if let failed = (0..<(end - first)).first(where: { !verified[$0] }) {
                throw EnvelopeError.segmentTampered(index: first + failed)
            }
            let plaintextCount = (end - first - 1) * size + lastCount
            try deliver(first, end, UnsafeRawBufferPointer(rebasing: plaintext.buffer[..<plaintextCount]))
            first = end
        }
    }
}

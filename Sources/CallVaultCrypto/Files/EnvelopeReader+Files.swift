import CallVaultCore

extension EnvelopeReader where Source: Sendable {
    /// Decrypts the recording (or the plaintext bytes in `range`) into a new file at `outputPath`,
    /// opening segments on every core.
    ///
    /// The file appears only if every segment needed verified: on tampering nothing is left at
    /// `outputPath`, and the error names the first tampered segment. For an incomplete envelope,
    /// without `allowIncomplete` every readable segment is verified and
    /// ``EnvelopeError/truncated(intactSegments:trailingBytes:)`` is thrown; with it, the verified
    /// part is written. `prefix` and `suffix` are written around the plaintext (for example a WAV
    /// header and its pad byte); `progress` is called (from any thread, one call at a time) with the
    /// plaintext bytes done and the total.
    ///
    /// The source is read from several threads at once, which is why it must be `Sendable`. The
    /// output is written as ``FileEnvelopeOutput`` writes: it must be a new or regular file and not
    /// the envelope itself, and a process killed while writing leaves no plaintext behind.
    @discardableResult
    public func decrypt(
        toFile outputPath: String, range: Range<UInt64>? = nil, allowIncomplete: Bool = false,
        prefix: [UInt8] = [], suffix: [UInt8] = [], progress: ((_ done: UInt64, _ total: UInt64) -> Void)? = nil
    ) throws -> EnvelopeReadResult {
        if !layout.isComplete, !allowIncomplete {
            try openInBatches(0..<layout.readablePlaintextByteCount, into: nil, progress: nil)
            throw EnvelopeError.truncated(
                intactSegments: layout.readableSegmentCount, trailingBytes: layout.trailingByteCount)
        }
        let range = range ?? 0..<layout.readablePlaintextByteCount
        try checkInside(range)
        let input = (source as? FileByteSource).flatMap {
            OutputDestination.FileIdentity(descriptor: $0.file.descriptor)
        }
        let output = try FileEnvelopeOutput(destination: outputPath, inputs: input.map { [$0] } ?? [])
        output.file.preallocate(UInt64(prefix.count) + UInt64(range.count) + UInt64(suffix.count))
        try prefix.withUnsafeBytes { try output.write($0) }
        let segmentCount = try openInBatches(
            range, into: (output.file, UInt64(prefix.count)),
            progress: ProgressTally(total: UInt64(range.count), callback: progress))
        try suffix.withUnsafeBytes { try output.file.write($0, at: UInt64(prefix.count) + UInt64(range.count)) }
        try output.commit()
        return EnvelopeReadResult(
            isComplete: layout.isComplete && range == 0..<layout.readablePlaintextByteCount,
            segmentCount: segmentCount, plaintextByteCount: UInt64(range.count))
    }

    /// Opens the segments holding `range` in parallel batches (and the final segment when `range`
    /// reaches the end, see ``EnvelopeLayout/segments(covering:)``) and, with an output, writes the
    /// bytes of `range` at `output.offset` onwards. Returns how many segments were opened.
    @discardableResult
    private func openInBatches(
        _ range: Range<UInt64>, into output: (file: OpenFile, offset: UInt64)?, progress: ProgressTally?
    ) throws -> Int {
        let layout = self.layout
        let segments = layout.segments(covering: range)
        guard !segments.isEmpty else { return 0 }
        let cipher = self.cipher
        let source = self.source
        let size = layout.segmentSize
        let sealedSize = layout.sealedSegmentByteCount
        let perBatch = EnvelopeFile.segmentsPerBatch(segmentCount: segments.count, segmentSize: size)
        try ParallelBatches.run(
            batchCount: (segments.count + perBatch - 1) / perBatch,
            makeBuffers: { try BatchBuffers(plaintext: perBatch * size, sealed: perBatch * sealedSize) }
        ) { batch, buffers in
            let first = segments.lowerBound + batch * perBatch
            let end = min(first + perBatch, segments.upperBound)
            let lastCount = layout.plaintextCount(ofSegment: end - 1)
            let sealedCount = (end - first - 1) * sealedSize + lastCount + EnvelopeFormat.tagByteCount
            try source.read(
                into: UnsafeMutableRawBufferPointer(rebasing: buffers.sealed[..<sealedCount]),
                at: layout.offset(ofSegment: first))
            defer { buffers.plaintext.wipe(buffers.plaintext.count) }
            try layout.endMarker.withUnsafeBytes { marker in
                for index in first..<end {
                    let local = index - first
                    let isFinal = layout.isFinal(index)
                    let count = layout.plaintextCount(ofSegment: index)
                    let opened = cipher.open(
                        UnsafeRawBufferPointer(
                            rebasing: buffers.sealed[
                                (local * sealedSize)..<(local * sealedSize + count + EnvelopeFormat.tagByteCount)]),
                        index: UInt64(index), isFinal: isFinal,
                        associatedData: isFinal ? marker : UnsafeRawBufferPointer(start: nil, count: 0),
                        into: UnsafeMutableRawBufferPointer(rebasing: buffers.plaintext.buffer[(local * size)...]))
                    guard opened else { throw EnvelopeError.segmentTampered(index: index) }
                }
            }
            guard let output else { return }
            let batchStart = UInt64(first) * UInt64(size)
            let batchEnd = batchStart + UInt64((end - first - 1) * size + lastCount)
            let from = max(range.lowerBound, batchStart)
            let to = min(range.upperBound, batchEnd)
            let offset = output.offset + (from - range.lowerBound)
            try output.file.write(
                UnsafeRawBufferPointer(
                    rebasing: buffers.plaintext.buffer[Int(from - batchStart)..<Int(to - batchStart)]),
                at: offset)
            output.file.startWriteback(offset: offset, count: Int(to - from))
            progress?.add(to - from)
        }
        return segments.count
    }
}

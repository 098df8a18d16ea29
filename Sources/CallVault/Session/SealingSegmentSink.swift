import CallVaultCapture
import CallVaultCrypto

/// Seals each finished segment into the recording's envelope, in memory: the session then hands
/// the sealed bytes to the vault's `BlobWriteQueue`, which writes them and makes them durable
/// off the session's actor. A class, so the session and the recorder share it; the writer
/// appears when recording first starts (nothing is written for calls never recorded).
final class SealingSegmentSink: SegmentSink {
    var writer: EnvelopeWriter<SealedBytes>?
    /// What the writer sealed since the session last took it.
    let sealed = SealedBytes()
    /// Segments sealed into ``sealed`` since the session last took it.
    private(set) var pendingSegments = 0

    func segmentCompleted(_ segment: RecordedSegment) throws {
        guard let writer else {
            // A recorder that never started closes with an empty final segment: nothing to seal.
            if segment.frameCount == 0 && segment.isFinal { return }
            throw RecordingSessionError.segmentBeforeStart
        }
        let before = writer.sealedSegmentCount
        try writer.append(segment.bytes)
        pendingSegments += writer.sealedSegmentCount - before
    }

    /// Whether sealed bytes wait to be written.
    var hasPending: Bool { !sealed.pending.isEmpty }

    /// The sealed bytes and the segments they hold, since the last call.
    func take() -> (bytes: [UInt8], segments: Int) {
        defer { pendingSegments = 0 }
        return (sealed.take(), pendingSegments)
    }

    /// Seals the last segment and the end marker; they join the bytes ``take()`` returns.
    func finish() throws -> EnvelopeSummary? {
        guard let writer else { return nil }
        let before = writer.sealedSegmentCount
        let summary = try writer.finish()
        pendingSegments += writer.sealedSegmentCount - before
        return summary
    }
}

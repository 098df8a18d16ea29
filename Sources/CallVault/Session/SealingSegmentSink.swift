import CallVaultCapture
import CallVaultCrypto
import CoreMetrics

/// Seals each finished segment into the recording's envelope and flushes it to the blob store, so
/// a crash loses at most the segment still open. A class, so the session and the recorder share it;
/// the writer appears when recording first starts (nothing is written for calls never recorded).
final class SealingSegmentSink: SegmentSink {
    var writer: EnvelopeWriter<BlobEnvelopeOutput>?
    let sealed: Counter

    private var counted = 0

    init(sealed: Counter) {
        self.sealed = sealed
    }

    /// Counts the segments the writer sealed since the last call (it seals whole segments as they
    /// fill, and the last one when it finishes).
    func countSealed() {
        guard let writer else { return }
        let total = writer.sealedSegmentCount
        if total > counted { sealed.increment(by: total - counted) }
        counted = total
    }

    func segmentCompleted(_ segment: RecordedSegment) throws {
        guard let writer else {
            // A recorder that never started closes with an empty final segment: nothing to seal.
            if segment.frameCount == 0 && segment.isFinal { return }
            throw RecordingSessionError.segmentBeforeStart
        }
        try writer.append(segment.bytes)
        try writer.output.blob.flush()
        countSealed()
    }
}

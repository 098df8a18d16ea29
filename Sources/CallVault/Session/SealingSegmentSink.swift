import CallVaultCapture
import CallVaultCrypto

/// Seals each finished segment into the recording's envelope and flushes it to the blob store, so
/// a crash loses at most the segment still open. A class, so the session and the recorder share it;
/// the writer appears when recording first starts (nothing is written for calls never recorded).
final class SealingSegmentSink: SegmentSink {
    var writer: EnvelopeWriter<BlobEnvelopeOutput>?

    func segmentCompleted(_ segment: RecordedSegment) throws {
        guard let writer else {
            // A recorder that never started closes with an empty final segment: nothing to seal.
            if segment.frameCount == 0 && segment.isFinal { return }
            throw RecordingSessionError.segmentBeforeStart
        }
        try writer.append(segment.bytes)
        try writer.output.blob.flush()
    }
}

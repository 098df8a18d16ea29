import CallVault
import CallVaultCore
import CallVaultCrypto
import CallVaultRetention
import CallVaultSupport
import Foundation

/// What can be checked of a recording's blob without any key, against facts an edit of the blob
/// cannot reach: the signed catalog row (the recording's id, its state and its timeline's length),
/// the signed retention record or latest redaction certificate (the key commitment of the content),
/// and the envelope's own end marker.
///
/// It catches a deleted blob, a blob cut short (or cut and given a forged tail), a blob swapped
/// for another recording's, and an end marker edited. A flipped ciphertext bit needs the data key:
/// ``CallVaultFileStore/VaultFolder/verifyIntegrity(deepWith:)`` authenticates every segment.
enum BlobEvidenceCheck {
    /// The problems of `recording`'s blob (complete or incomplete recordings only).
    static func problems(
        of recording: RecordingEntry, retention: RetentionRecord?, blobs: FileBlobStore
    ) -> [(DatabaseIntegrityProblem.Kind, String)] {
        let source: AnyRandomAccessByteSource
        do {
            source = try blobs.source(for: recording.contentID)
        } catch StorageError.blobMissing {
            return [(.blobMissing, "the catalog says \(recording.state.rawValue), its blob file is gone")]
        } catch {
            return [(.blobUnreadable, "its blob cannot be read: \(error)")]
        }
        let header: EnvelopeHeader
        do {
            header = try EnvelopeHeader.read(from: source)
        } catch EnvelopeError.headerTruncated {
            return [(.blobCutShort, "its blob is cut short inside the envelope header")]
        } catch {
            return [(.blobUnreadable, "its blob's envelope header does not read: \(error)")]
        }
        var problems: [(DatabaseIntegrityProblem.Kind, String)] = []
        if header.recordingID != recording.id {
            problems.append((.blobMismatch, "its blob's header names recording \(header.recordingID)"))
        }
        if let commitment = expectedCommitment(of: recording, retention: retention),
            Hex.encode(header.keyCommitment) != commitment
        {
            problems.append(
                (.blobMismatch, "its blob's key commitment is not the one its signed record holds: another envelope"))
        }
        let layout: EnvelopeLayout
        do {
            layout = try EnvelopeLayout.measure(header, in: source)
        } catch {
            problems.append((.blobEndMarkerInvalid, "its blob's end marker was altered: \(error)"))
            return problems
        }
        switch layout.status {
        case .complete(_, let length):
            if recording.state == .complete, let expected = expectedLength(of: recording), expected != length {
                problems.append(
                    (
                        .blobLengthMismatch,
                        "its blob ends after \(length) bytes of audio, the signed catalog row records \(expected)"
                    ))
            }
        case .incomplete, .endMarkerCut:
            // A crash-cut recording (state incomplete) has no end marker by nature.
            if recording.state == .complete {
                problems.append(
                    (
                        .blobCutShort,
                        "the catalog says complete, its blob has no end marker: cut short after \(layout.readableSegmentCount) whole segment(s)"
                    ))
            }
        }
        return problems
    }

    /// The key commitment (hex) of the recording's current content, by its latest signed
    /// redaction certificate, or else its retention record (written when the call was sealed).
    static func expectedCommitment(of recording: RecordingEntry, retention: RetentionRecord?) -> String? {
        if let redaction = recording.redactions.last { return redaction.content.keyCommitment }
        return retention?.attributes.keyCommitment.map { Hex.encode($0) }
    }

    /// Plaintext bytes the signed timeline records (sample frames times bytes per frame).
    static func expectedLength(of recording: RecordingEntry) -> UInt64? {
        guard let timeline = recording.timeline, let frame = recording.format.bytesPerFrame, timeline.frameCount >= 0
        else { return nil }
        return UInt64(timeline.frameCount) * UInt64(frame)
    }
}

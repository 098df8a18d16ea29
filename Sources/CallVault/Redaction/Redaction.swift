import CallVaultAccess
import CallVaultAudit
public import CallVaultCore
public import CallVaultCrypto
import CallVaultSupport
import Foundation

extension PlaybackService {
    /// Silences a span of a recording (card data captured by mistake): the audio is decrypted
    /// under a `delete` grant, the span replaced by silence, the result sealed into a new envelope
    /// with a new data key, the catalog switched to it, and the old content's keys shredded and
    /// blob deleted. Everything outside the span is unchanged to the sample.
    ///
    /// The steps are ordered so a crash never loses the recording: the new content is complete
    /// and keyed before the catalog points at it, and the old content is listed for destruction
    /// in the same catalog write (``Vault/recoverInterruptedRecordings()`` finishes an interrupted
    /// one).
    ///
    /// - Throws: ``PlaybackError/denied(_:)`` when the policy does not allow `delete` for the
    ///   principal and purpose; `EnvelopeError.rangeOutOfBounds` for a span outside the recording.
    @discardableResult
    public func redact(_ id: RecordingID, seconds: Range<Double>, reason: String, _ request: PlaybackRequest)
        async throws -> SignedRedactionCertificate
    {
        var request = request
        request.action = .delete
        request.seconds = nil
        let (playback, recording, _) = try await release(id, request)
        let format = playback.format
        guard let frameBytes = format.bytesPerFrame, let silence = format.encoding.silenceByte else {
            throw EnvelopeError.noMediaFormat
        }
        let frameCount = Int64(playback.samples.count / frameBytes)
        let first = Int64((seconds.lowerBound * Double(format.sampleRate)).rounded())
        let last = Int64((seconds.upperBound * Double(format.sampleRate)).rounded())
        guard seconds.lowerBound >= 0, first < last, last <= frameCount else {
            throw EnvelopeError.rangeOutOfBounds(
                reason:
                    "\(seconds.lowerBound) s to \(seconds.upperBound) s is not inside the recording's \(Double(frameCount) / Double(format.sampleRate)) s"
            )
        }
        var samples = playback.samples
        samples.replaceSubrange(
            Int(first) * frameBytes..<Int(last) * frameBytes,
            with: repeatElement(silence, count: Int(last - first) * frameBytes))

        // 1. The new content, complete and keyed, under a new storage key.
        let content = RecordingID()
        let blob = try vault.storage.blobs.create(content)
        let writer = try EnvelopeWriter(
            configuration: EnvelopeConfiguration(recordingID: id, mediaFormat: format, wrapPlacement: .external),
            recipients: vault.settings.recipients, output: BlobEnvelopeOutput(blob: blob))
        try writer.append(samples)
        let summary = try writer.finish()
        try blob.finish()
        try await vault.storage.keys.store(summary.wraps, for: content)

        // 2. The switch, naming the old content for destruction in the same write.
        let previous = recording.contentID
        let previousCommitment = try await commitment(of: id)
        let certificate = try SignedRedactionCertificate(
            signing: RedactionCertificate(
                recordingID: id, fromSeconds: seconds.lowerBound, toSeconds: seconds.upperBound, frames: [first, last],
                reason: reason, redactedBy: request.principal.id, redactedAt: vault.clock.now,
                previousKeyCommitment: Hex.encode(previousCommitment ?? []),
                keyCommitment: Hex.encode(summary.header.keyCommitment)),
            with: vault.settings.receiptSigner)
        var updated = recording
        updated.contentID = content
        updated.supersededContent.append(previous)
        updated.redactions.append(certificate)
        try await vault.storage.catalog.save(updated)

        // 3. The old content destroyed: keys first.
        try await vault.finishSupersededContent(of: updated)
        if var retention = try await vault.storage.retention.record(id) {
            retention.attributes.keyCommitment = summary.header.keyCommitment
            retention.attributes.cardDataRanges.removeAll {
                $0.start >= .seconds(seconds.lowerBound) && $0.end <= .seconds(seconds.upperBound)
            }
            try await vault.storage.retention.save([retention])
        }
        _ = try await vault.recordAudit(
            AuditRecord(
                actor: request.principal.id, action: try AuditAction("recording.redacted"),
                target: AuditRecord.target(id), purpose: request.purpose, outcome: .succeeded,
                reasons: [
                    "\(reason): \(seconds.lowerBound) s to \(seconds.upperBound) s silenced",
                    "previous content's keys shredded and blob deleted",
                ]))
        return certificate
    }

    private func commitment(of id: RecordingID) async throws -> [UInt8]? {
        try await vault.storage.retention.record(id)?.attributes.keyCommitment
    }
}

extension Vault {
    /// Destroys the contents a redaction replaced (keys first), then clears them from the entry.
    func finishSupersededContent(of recording: RecordingEntry) async throws {
        guard !recording.supersededContent.isEmpty else { return }
        for content in recording.supersededContent where content != recording.contentID {
            try await storage.keys.shred(content)
            try storage.blobs.delete(content)
        }
        var cleared = recording
        cleared.supersededContent = []
        try await storage.catalog.save(cleared)
    }
}

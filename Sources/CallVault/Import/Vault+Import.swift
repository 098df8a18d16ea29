import CallVaultAudit
import CallVaultCapture
import CallVaultConsent
public import CallVaultCore
import CallVaultCrypto
import CallVaultRetention
import Foundation

extension Vault {
    /// Seals a recording made before CallVault (a vendor's archived WAV file) into the vault, so
    /// that it is kept, held, played, exported, swept and verified exactly as a live recording is.
    ///
    /// The parties' places are resolved by the vault's consent engine as for a live call; each
    /// party gets a signed receipt whose method is `operator-attestation`,
    /// naming the operator and the evidence they attest (never a key press). The audio is read
    /// from `source` one segment at a time and sealed into the envelope as it is read: the file is
    /// never held in memory whole, and no plaintext is written anywhere. The catalog entry, the
    /// retention schedule and the audit entries (`recording.imported`, `consent.receipt`,
    /// `recording.started`, `recording.sealed`) are those of a live call, dated by the call's
    /// start and the audio's length.
    ///
    /// Everything that can be checked is checked before anything is written: the parties, their
    /// places, the start time (never before 1970), the evidence, the call id and the whole WAV
    /// structure. A call id is kept in Unicode canonical composition (NFC), so a duplicate is found
    /// however the archive spelled it; one with surrounding white space or a character that does
    /// not print as itself (a zero-width space) is refused.
    ///
    /// ```swift
    /// let recording = try await vault.importRecording(request, from: try FileByteSource(path: "call.wav"))
    /// ```
    ///
    /// - Parameters:
    ///   - request: The call's facts and the operator's attestation.
    ///   - source: The WAV file's bytes.
    ///   - sourceName: How the audit log names the file (its path or its archive reference).
    /// - Returns: The recording's catalog entry.
    /// - Throws: ``RecordingImportError`` for a request or file refused (nothing written), or for
    ///   an import that failed part-way (undone and audited); the stores' and audit log's errors.
    @discardableResult
    public func importRecording(
        _ request: RecordingImport, from source: some RandomAccessByteSource, sourceName: String = "a WAV source"
    ) async throws -> RecordingEntry {
        try await metrics.counting("import") {
            let request = try ImportCheck.canonical(request)
            let checked = try await ImportCheck.check(request, source: source, vault: self)
            return try await seal(checked, request: request, sourceName: sourceName)
        }
    }

    private func seal<Source: RandomAccessByteSource>(
        _ checked: ImportCheck.Checked<Source>, request: RecordingImport, sourceName: String
    ) async throws -> RecordingEntry {
        var reader = checked.reader
        let format = reader.format
        var entry = checked.entry
        entry.receipts = try checked.receipts.map {
            try SignedConsentReceipt(signing: $0, with: settings.receiptSigner)
        }
        try await catalog.save(entry)
        try await auditImport(checked, request: request, sourceName: sourceName)
        for receipt in checked.receipts {
            try await auditRecording(
                request.recordingID, "consent.receipt",
                ["party \(receipt.party): \(receipt.outcome.rawValue) by \(receipt.method.rawValue)"])
        }

        let blob = try storage.blobs.create(request.recordingID)
        let segmentSize = checked.segmentSize
        let writer = try EnvelopeWriter(
            configuration: EnvelopeConfiguration(
                recordingID: request.recordingID, segmentSize: segmentSize, mediaFormat: format,
                wrapPlacement: .external),
            recipients: settings.recipients, output: BlobEnvelopeOutput(blob: blob))
        try blob.flush()
        try await storage.keys.store(writer.wraps, for: request.recordingID)
        entry.state = .recording
        try await catalog.save(entry)
        try await auditRecording(
            request.recordingID, "recording.started", ["imported: envelope opened; wrapped key stored"])

        let summary: EnvelopeSummary
        let audioHash: String
        do {
            (summary, audioHash) = try Self.stream(&reader, into: writer, blob: blob, segmentSize: segmentSize)
            try blob.finish()
        } catch {
            try await undoImport(&entry, reason: "\(error)")
            throw RecordingImportError(.interrupted(request.recordingID, reason: "\(error)"), underlying: error)
        }
        metrics.segmentsSealed.increment(by: summary.segmentCount)
        var timeline = RecordingTimeline()
        timeline.origin = 0
        timeline.frameCount = Int64(reader.frameCount)
        entry.timeline = timeline
        entry.endedAt = checked.endsAt
        entry.state = .complete
        var attributes = entry.retentionAttributes
        attributes.keyCommitment = summary.header.keyCommitment
        let schedule = try settings.scheduler.schedule(for: attributes)
        try await storage.retention.save([RetentionRecord(attributes: attributes, schedule: schedule)])
        try await catalog.save(entry)
        try await auditRecording(
            request.recordingID, "recording.sealed",
            [
                "\(summary.segmentCount) segments, \(timeline.frameCount) sample frames",
                "0 pauses, 0 exclusions", "imported audio BLAKE2b-256 \(audioHash)",
            ])
        logger.notice("imported a recording", metadata: ["recording": "\(request.recordingID)"])
        return entry
    }

    /// Reads the audio a segment at a time into the envelope, and returns the envelope's summary
    /// and the BLAKE2b-256 hash of the audio (so an auditor can match the archived file's samples
    /// to the recording). The buffer is wiped when done: plaintext lives only as long as needed.
    private static func stream<Source: RandomAccessByteSource>(
        _ reader: inout WAVReader<Source>, into writer: EnvelopeWriter<BlobEnvelopeOutput>, blob: any BlobWriter,
        segmentSize: Int
    ) throws -> (EnvelopeSummary, String) {
        var hash = try BLAKE2b()
        var buffer = [UInt8](repeating: 0, count: segmentSize)
        defer { buffer.withUnsafeMutableBytes { _ = $0.initializeMemory(as: UInt8.self, repeating: 0) } }
        var segments = 0
        while true {
            let frames = try buffer.withUnsafeMutableBytes { try reader.readFrames(into: $0) }
            guard frames > 0 else { break }
            let count = frames * max(reader.format.bytesPerFrame ?? 1, 1)
            try buffer.withUnsafeBytes { all in
                let audio = UnsafeRawBufferPointer(rebasing: all[0..<count])
                hash.update(audio)
                try writer.append(audio)
            }
            segments += 1
            // Durable every minute of audio, as a recorder is every segment: an import cut short
            // by a crash is settled as an incomplete recording with what reached the disk.
            if segments % 60 == 0 { try blob.flush() }
        }
        let summary = try writer.finish()
        return (summary, try hash.finalize().description)
    }

    /// An import that failed while the audio was sealed: its keys are shredded and its partial
    /// envelope removed, and the call stays in the catalog as unrecorded, with the failure audited.
    private func undoImport(_ entry: inout RecordingEntry, reason: String) async throws {
        try await storage.keys.shred(entry.id)
        try storage.blobs.delete(entry.id)
        entry.state = .unrecorded
        entry.endedAt = clock.now
        try await catalog.save(entry)
        try await auditRecording(
            entry.id, "recording.unrecorded",
            ["import failed part-way (\(reason)); partial envelope removed and keys shredded"])
    }

    private func auditImport<Source: RandomAccessByteSource>(
        _ checked: ImportCheck.Checked<Source>, request: RecordingImport, sourceName: String
    ) async throws {
        let format = checked.reader.format
        var reasons = [
            "imported from \(sourceName): \(format), \(checked.reader.frameCount) sample frames, started \(CivilTime.iso8601(request.startedAt))"
        ]
        if let evidence = checked.evidence {
            reasons.append("operator's attestation of consent evidence: \(evidence)")
        } else {
            reasons.append("no consent evidence attested: no party needed notice or consent")
        }
        if !checked.dropped.isEmpty {
            reasons.append(
                "dropped, not in the recording: \(checked.dropped.map(\.description).joined(separator: "; "))")
        }
        _ = try await recordAudit(
            AuditRecord(
                actor: request.attestation.operator, action: try AuditAction("recording.imported"),
                target: AuditRecord.target(request.recordingID), purpose: nil, outcome: .succeeded, reasons: reasons))
    }

    private func auditRecording(_ id: RecordingID, _ action: String, _ reasons: [String]) async throws {
        _ = try await recordAudit(
            AuditRecord(
                actor: recorderIdentity, action: try AuditAction(action), target: AuditRecord.target(id),
                purpose: nil, outcome: .succeeded, reasons: reasons))
    }
}

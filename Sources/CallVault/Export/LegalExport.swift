import CallVaultAccess
import CallVaultAudit
public import CallVaultCore
public import CallVaultCrypto
import Foundation

extension PlaybackService {
    /// Makes a legal export of a recording for `recipients` (the requester's, a court's or a
    /// regulator's public keys): the request goes through the policy as `export-legal`, the audio
    /// is re-encrypted for the recipients, and the package is signed with the organisation's key
    /// (the one that signs consent receipts).
    ///
    /// - Throws: ``PlaybackError/denied(_:)`` and the other errors of ``play(_:_:)``.
    public func exportForLegalRequest(_ id: RecordingID, _ request: PlaybackRequest, recipients: [Recipient])
        async throws -> ExportPackage
    {
        var request = request
        request.action = .exportLegal
        let (playback, recording, grant) = try await release(id, request)

        var files: [String: [UInt8]] = [:]
        let writer = try EnvelopeWriter(
            configuration: EnvelopeConfiguration(recordingID: id, mediaFormat: playback.format),
            recipients: recipients, output: [UInt8]())
        try writer.append(playback.samples)
        _ = try writer.finish()
        files["recording.cvr"] = writer.output
        for (index, receipt) in recording.receipts.enumerated() {
            files["receipts/\(index + 1).json"] = Array(try receipt.fileContents().utf8)
        }
        // Consents given after the call prove the purposes the recording may be used for beyond
        // those told of on it.
        for (index, receipt) in try await vault.laterConsents(of: id).enumerated() {
            files["later-consents/\(index + 1).json"] = Array(try receipt.fileContents().utf8)
        }
        let schedule = try await vault.storage.retention.record(id)?.schedule
        files["metadata.json"] = try ExportJSON.encode(
            ExportedMetadata(recording: recording, schedule: schedule, seconds: request.seconds))
        let history = try await vault.trail.entries(about: AuditRecord.target(id))
        files["audit-history.json"] = try ExportJSON.encode(history.map(ExportedAuditEntry.init))

        let now = vault.clock.now
        let package = try ExportPackage.sealing(files: files, signingKey: vault.settings.receiptSigner) { listed in
            ExportManifest(
                recordingID: id, createdAt: now, exportedBy: request.principal.id, purpose: request.purpose,
                legalReference: request.legalReference, grantNonce: grant.content.nonce,
                recipients: recipients.map(\.fingerprint.description),
                recordingIsComplete: playback.recordingIsComplete, files: listed)
        }
        let manifestDigest = try BLAKE2b.hash(Array(try package.manifest.fileContents().utf8)).description
        try await vault.registerExport(
            ExportRecord(
                exportID: manifestDigest, kind: .legalExport, recordingIDs: [id], exportedAt: now,
                exportedBy: request.principal.id, purpose: request.purpose,
                request: request.legalReference ?? "(no legal reference given)",
                recipients: recipients.map(\.fingerprint.description)))
        _ = try await vault.recordAudit(
            AuditRecord(
                actor: request.principal.id, action: try AuditAction("recording.exported"),
                target: AuditRecord.target(id), purpose: request.purpose, outcome: .succeeded,
                reasons: [
                    "legal export for \(recipients.count) recipient(s)",
                    "manifest \(manifestDigest)",
                ] + (request.legalReference.map { ["reference \($0)"] } ?? [])))
        return package
    }
}

extension Vault {
    /// Signs a record of a copy leaving the vault and adds it to the export register. Called
    /// before the export is audited and returned: a crash in between leaves a copy registered that
    /// was never handed over (a deletion certificate then names one copy too many, the safe side),
    /// never a copy handed over unregistered.
    func registerExport(_ record: ExportRecord) async throws {
        try await storage.exports.add(try SignedExportRecord(signing: record, with: settings.receiptSigner))
    }
}

/// The JSON of export files: sorted keys, ISO 8601 dates, readable.
enum ExportJSON {
    static func encode(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return Array(try encoder.encode(value)) + [UInt8(ascii: "\n")]
    }
}

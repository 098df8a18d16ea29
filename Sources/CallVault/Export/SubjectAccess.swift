import CallVaultAccess
import CallVaultAudit
import CallVaultCore
public import CallVaultCrypto
import Foundation

extension PlaybackService {
    /// Answers a data subject's access request (GDPR Art. 15) over the whole vault: for each of the
    /// customer's recordings, its metadata, consent receipts and transparency report, and its audio
    /// re-encrypted for `recipients` (the privacy team's key, for delivery over a secure channel)
    /// where the access policy allows `download` for the request's purpose; where it does not, the
    /// package says why. Everything is in one signed package.
    ///
    /// - Parameters:
    ///   - customerID: the data subject.
    ///   - request: who prepares it and for what purpose (usually `customer-request`); its action
    ///     and span are ignored.
    ///   - recipients: who can open the audio in the package.
    ///   - languageTag: the language of the reports, if not each call's.
    /// - Returns: the signed package, registered in the vault's export register and recorded in
    ///   its audit log.
    /// - Throws: the catalog's, retention store's and audit log's errors; playback's errors other
    ///   than a denial (a denied recording is listed as withheld, with the reasons); envelope and
    ///   signing errors when the package cannot be sealed.
    public func subjectAccessExport(
        customerID: String, _ request: PlaybackRequest, recipients: [Recipient], languageTag: String? = nil
    ) async throws -> ExportPackage {
        var request = request
        request.action = .download
        request.seconds = nil
        var files: [String: [UInt8]] = [:]
        var summary: [SubjectAccessSummary.Recording] = []
        var included: [RecordingID] = []
        for recording in try await vault.storage.catalog.recordings(ofCustomer: customerID) {
            let folder = "recordings/\(recording.id)"
            included.append(recording.id)
            let schedule = try await vault.storage.retention.record(recording.id)?.schedule
            files["\(folder)/metadata.json"] = try ExportJSON.encode(
                ExportedMetadata(recording: recording, schedule: schedule, seconds: nil))
            for (index, receipt) in recording.receipts.enumerated() {
                files["\(folder)/receipts/\(index + 1).json"] = Array(try receipt.fileContents().utf8)
            }
            for (index, receipt) in try await vault.laterConsents(of: recording.id).enumerated() {
                files["\(folder)/later-consents/\(index + 1).json"] = Array(try receipt.fileContents().utf8)
            }
            let report = try await vault.transparencyReport(for: recording.id, languageTag: languageTag)
            files["\(folder)/transparency.txt"] = Array((report.text + "\n").utf8)
            var audio = "none recorded"
            if recording.state == .complete || recording.state == .incomplete {
                do {
                    let playback = try await release(recording.id, request).playback
                    let writer = try EnvelopeWriter(
                        configuration: EnvelopeConfiguration(recordingID: recording.id, mediaFormat: playback.format),
                        recipients: recipients, output: [UInt8]())
                    try writer.append(playback.samples)
                    _ = try writer.finish()
                    files["\(folder)/recording.cvr"] = writer.output
                    audio = "included, encrypted for the package's recipients"
                } catch let error as PlaybackError {
                    guard let decision = error.decision else { throw error }
                    audio = "withheld: " + decision.reasons.map(\.description).joined(separator: "; ")
                }
            }
            summary.append(
                SubjectAccessSummary.Recording(
                    recordingID: recording.id.description, callStartedAt: recording.startedAt,
                    state: recording.state.rawValue, audio: audio))
        }
        files["summary.json"] = try ExportJSON.encode(
            SubjectAccessSummary(customerID: customerID, preparedAt: vault.clock.now, recordings: summary))
        let now = vault.clock.now
        let package = try ExportPackage.sealing(files: files, signingKey: vault.settings.receiptSigner) { listed in
            ExportManifest(
                recordingID: nil, createdAt: now, exportedBy: request.principal.id, purpose: request.purpose,
                legalReference: "GDPR Art. 15 request of customer \(customerID)", grantNonce: "",
                recipients: recipients.map(\.fingerprint.description), recordingIsComplete: true, files: listed)
        }
        let manifestDigest = try BLAKE2b.hash(Array(try package.manifest.fileContents().utf8)).description
        try await vault.registerExport(
            ExportRecord(
                exportID: manifestDigest, kind: .subjectAccess,
                recordingIDs: included, exportedAt: now,
                exportedBy: request.principal.id, purpose: request.purpose,
                request: "GDPR Art. 15 request of customer \(customerID)",
                recipients: recipients.map(\.fingerprint.description)))
        _ = try await vault.recordAudit(
            AuditRecord(
                actor: request.principal.id, action: try AuditAction("subject-access.exported"),
                target: "customer:\(customerID)", purpose: request.purpose, outcome: .succeeded,
                reasons: ["\(summary.count) recording(s)", "manifest \(manifestDigest)"]))
        return package
    }
}

/// The first file of a subject access package: what it holds.
struct SubjectAccessSummary: Encodable {
    struct Recording: Encodable {
        let recordingID: String
        let callStartedAt: Date
        let state: String
        let audio: String
    }

    let customerID: String
    let preparedAt: Date
    let recordings: [Recording]
}

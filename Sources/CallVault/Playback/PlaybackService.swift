public import CallVaultAccess
import CallVaultAudit
public import CallVaultCore
import CallVaultCrypto
import CallVaultRetention

/// The one way audio leaves a vault: principal, action and purpose go to the access policy; the
/// decision (allow or deny) is audited; an allow becomes a short-lived signed grant; the
/// `KeyCustodian` checks the grant and only then releases the data key; the envelope reader
/// decrypts just the span asked for.
///
/// ```swift
/// let playback = try await service.play(recordingID, PlaybackRequest(principal: supervisor, purpose: .quality))
/// try player.play(playback.wav())
/// ```
public struct PlaybackService: Sendable {
    let vault: Vault
    let controller: AccessController
    let custodian: any KeyCustodian

    /// Creates the service over a vault, its access controller and a custodian.
    public init(vault: Vault, controller: AccessController, custodian: any KeyCustodian) {
        self.vault = vault
        self.controller = controller
        self.custodian = custodian
    }

    /// What the policy sees of a recording: its catalog entry, the purposes later consents added
    /// (``Vault/disclosedPurposes(of:)``), the active legal holds covering it, and whether its
    /// processing is restricted (quarantined after a withdrawal, or restricted by
    /// an erasure request a legal minimum overrode).
    public func accessAttributes(of id: RecordingID) async throws -> RecordingAccessAttributes {
        guard let recording = try await vault.storage.catalog.recording(id) else {
            throw StorageError.recordingNotFound(id)
        }
        let retention = try await vault.storage.retention.record(id)
        let attributes = recording.retentionAttributes
        let holds = try await vault.storage.retention.activeHolds().filter { $0.holds(attributes) }
        // A quarantine the audit log records stands even if the catalog row was rolled back to a
        // version from before it.
        var quarantined = recording.isQuarantined
        if !quarantined {
            quarantined = try await vault.trail.entries(about: AuditRecord.target(id)).contains {
                $0.record.action.identifier == "recording.quarantined"
            }
        }
        let restricted = quarantined || retention?.restriction(at: vault.clock.now) != nil
        return RecordingAccessAttributes(
            recordingID: id, agentID: recording.agentID, team: recording.team, queue: recording.queue,
            disclosedPurposes: try await vault.disclosedPurposes(of: recording), jurisdictions: recording.jurisdictions,
            holds: holds.map(\.id.description), sensitivity: recording.sensitivity, isRestricted: restricted)
    }

    /// Decides, audits, grants, unwraps and decrypts.
    ///
    /// - Throws: ``PlaybackError/denied(_:)`` with the decision's reasons;
    ///   ``PlaybackError/noAudio(_:state:)``; the custodian's grant errors; the envelope reader's
    ///   errors for a damaged or tampered recording (never partial audio passed off as whole).
    public func play(_ id: RecordingID, _ request: PlaybackRequest) async throws -> Playback {
        guard request.action != .delete else { throw PlaybackError.notAPlaybackAction(request.action.identifier) }
        return try await release(id, request).playback
    }

    /// ``play(_:_:)``, also returning the recording's entry and the grant it was released under
    /// (`delete` too, for redaction, which reads the audio to rewrite it).
    func release(_ id: RecordingID, _ request: PlaybackRequest) async throws -> (
        playback: Playback, recording: RecordingEntry, grant: SignedAccessGrant
    ) {
        guard [.listen, .download, .exportLegal, .delete].contains(request.action) else {
            throw PlaybackError.notAPlaybackAction(request.action.identifier)
        }
        let attributes = try await accessAttributes(of: id)
        let outcome = try await controller.request(
            AccessRequest(
                principal: request.principal, action: request.action, recording: attributes,
                purpose: request.purpose, at: vault.clock.now, justification: request.justification,
                legalReference: request.legalReference, approvals: request.approvals))
        (outcome.decision.isAllowed ? vault.metrics.decisionsAllowed : vault.metrics.decisionsDenied).increment()
        guard let grant = outcome.grant else { throw PlaybackError.denied(outcome.decision) }
        guard let recording = try await vault.storage.catalog.recording(id),
            recording.state == .complete || recording.state == .incomplete
        else {
            let state = try await vault.storage.catalog.recording(id)?.state.rawValue ?? "missing"
            throw PlaybackError.noAudio(id, state: state)
        }
        let wraps = try await vault.storage.keys.wraps(for: recording.contentID)
        guard !wraps.isEmpty else {
            guard try await vault.deletionIsRecorded(id) else { throw PlaybackError.keysMissingWithoutDeletion(id) }
            throw PlaybackError.noAudio(id, state: "keys shredded")
        }
        let dataKey = try await custodian.releaseDataKey(for: id, wraps: wraps, grant: grant, action: request.action)
        let reader = try Self.completeOrDamaged(recording) {
            try EnvelopeReader(source: try vault.storage.blobs.source(for: recording.contentID), dataKey: dataKey)
        }
        // The audio is interpreted by the authenticated header's format, never the catalog's.
        guard let format = reader.header.mediaFormat, format == recording.format else {
            throw PlaybackError.mediaFormatMismatch(id, catalog: recording.format, header: reader.header.mediaFormat)
        }
        let samples: [UInt8]
        var start = 0.0
        if let seconds = request.seconds {
            start = seconds.lowerBound
            samples = try Self.completeOrDamaged(recording) {
                try reader.plaintext(
                    in: try reader.byteRange(fromSeconds: seconds.lowerBound, toSeconds: seconds.upperBound))
            }
        } else {
            var output: [UInt8] = []
            _ = try Self.completeOrDamaged(recording) {
                try reader.readAll(to: &output, allowIncomplete: recording.state == .incomplete)
            }
            samples = output
        }
        let playback = Playback(
            decision: outcome.decision, format: format, samples: samples, startSeconds: start,
            recordingIsComplete: recording.state == .complete)
        return (playback, recording, grant)
    }
}

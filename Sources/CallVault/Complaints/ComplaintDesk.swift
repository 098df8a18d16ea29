public import CallVaultAccess
import CallVaultAudit
public import CallVaultCore
public import CallVaultRetention
import Foundation

/// Files and advances complaints: each step is checked by the ``Complaint`` state machine, saved
/// by compare-and-swap, audited, and its effects performed (a legal hold on the linked recordings
/// while the case is open, released by the handler and a reviewer when it closes). Handlers reach
/// the linked recordings for the dispute-resolution purpose through ``listen(to:for:as:)``.
public struct ComplaintDesk: Sendable {
    let store: any ComplaintStore
    let holds: LegalHoldRegistry
    let playback: PlaybackService
    let policy: ComplaintPolicy

    /// Creates a desk. `holds` must authorise the principals who file and close complaints.
    public init(
        store: any ComplaintStore, holds: LegalHoldRegistry, playback: PlaybackService,
        policy: ComplaintPolicy = ComplaintPolicy()
    ) {
        self.store = store
        self.holds = holds
        self.playback = playback
        self.policy = policy
    }

    private var vault: Vault { playback.vault }

    /// Logs a complaint and holds its recordings: those named and those of the calls named, or,
    /// when it names neither, every recording of its customer that still has content, so that
    /// none is swept while the complaint is open.
    @discardableResult
    public func file(
        customerID: String?, channel: String, callIDs: [String] = [], recordingIDs: [RecordingID], text: String,
        receivedBy: PrincipalID
    ) async throws -> Complaint {
        let linked = try await recordings(named: recordingIDs, calls: callIDs, customer: customerID)
        let (complaint, effects) = try Complaint.receive(
            customerID: customerID, channel: channel, callIDs: callIDs, recordingIDs: linked, text: text,
            receivedBy: receivedBy, at: vault.clock.now, policy: policy)
        // The hold first: a complaint is never on file without its hold (a failed save leaves a
        // hold that keeps the recordings, which is the safe way round).
        try await perform(effects, for: complaint)
        try await store.save(complaint, replacing: nil)
        try await audit(complaint, "complaint.filed", by: receivedBy, "received by \(channel)")
        return complaint
    }

    /// The recordings a complaint concerns: those named, then those of its calls that still have
    /// content, each once; when it names neither, its customer's. A complaint that names a call
    /// or only a customer would otherwise hold nothing, and the evidence could be swept (one that
    /// names its recordings does not freeze all of the customer's others).
    private func recordings(named: [RecordingID], calls: [String], customer: String?) async throws -> [RecordingID] {
        var linked = named
        var seen = Set(named)
        var found: [RecordingEntry] = []
        for call in calls { found += try await vault.catalog.recordings(ofCall: call) }
        if let customer, named.isEmpty, calls.isEmpty {
            found += try await vault.catalog.recordings(ofCustomer: customer)
        }
        for recording in found
        where [.recording, .complete, .incomplete].contains(recording.state) && seen.insert(recording.id).inserted {
            linked.append(recording.id)
        }
        return linked
    }

    /// A handler picks the complaint up.
    @discardableResult
    public func startInvestigation(_ id: ComplaintID, by handler: PrincipalID) async throws -> Complaint {
        try await step(id) { complaint, now in
            try complaint.startInvestigation(by: handler, at: now)
        } audit: {
            ("complaint.investigating", handler, "investigation started")
        }
    }

    /// Closes the complaint as resolved or rejected, reviewed by a second person.
    ///
    /// The closure is saved before the hold is released, so a failure to release (the handler or
    /// reviewer not authorised for holds) leaves a closed complaint whose recordings are still
    /// held: the safe way round. Release the hold through the `LegalHoldRegistry` then.
    @discardableResult
    public func close(
        _ id: ComplaintID, as state: Complaint.State, outcome: String, by handler: PrincipalID,
        reviewedBy reviewer: PrincipalID
    ) async throws -> Complaint {
        try await step(id) { complaint, now in
            try complaint.close(as: state, outcome: outcome, by: handler, reviewedBy: reviewer, at: now)
        } audit: {
            ("complaint.\(state.rawValue)", handler, "reviewed by \(reviewer): \(outcome)")
        }
    }

    /// Plays a recording linked to an open complaint, for dispute resolution, citing the complaint
    /// as the request's reference (policies can require it).
    public func listen(to recording: RecordingID, for id: ComplaintID, as principal: Principal) async throws
        -> Playback
    {
        guard let complaint = try await store.complaint(id) else { throw ComplaintError.notFound(id) }
        guard complaint.state.isOpen, complaint.recordingIDs.contains(recording) else {
            throw ComplaintError.notLinked(id, recording)
        }
        return try await playback.play(
            recording,
            PlaybackRequest(principal: principal, purpose: .disputeResolution, legalReference: "complaint:\(id)"))
    }

    /// Open complaints past a deadline.
    public func overdue() async throws -> [Complaint] {
        let now = vault.clock.now
        return try await store.complaints(in: [.received, .investigating]).filter { $0.isOverdue(at: now) }
    }

    private func step(
        _ id: ComplaintID, _ change: (inout Complaint, Date) throws -> [ComplaintEffect],
        audit describe: () -> (String, PrincipalID, String)
    ) async throws -> Complaint {
        guard let previous = try await store.complaint(id) else { throw ComplaintError.notFound(id) }
        var complaint = previous
        let effects = try change(&complaint, vault.clock.now)
        try await store.save(complaint, replacing: previous)
        try await perform(effects, for: complaint)
        let (action, actor, detail) = describe()
        try await audit(complaint, action, by: actor, detail)
        return complaint
    }

    private func perform(_ effects: [ComplaintEffect], for complaint: Complaint) async throws {
        for effect in effects {
            switch effect {
            case .placeHold(let hold, let recordings, let principal):
                try await holds.place(
                    id: hold, matter: "complaint \(complaint.id)", reason: "open customer complaint",
                    scope: .recordings(recordings), by: principal)
            case .releaseHold(let hold, let requester, let approver, let reason):
                try await holds.requestRelease(hold, by: requester, reason: reason)
                try await holds.approveRelease(hold, by: approver)
            }
        }
    }

    private func audit(_ complaint: Complaint, _ action: String, by actor: PrincipalID, _ detail: String) async throws {
        let action = try AuditAction(action)
        let records =
            [
                AuditRecord(
                    actor: actor, action: action, target: "complaint:\(complaint.id)", purpose: .disputeResolution,
                    outcome: .succeeded, reasons: [detail])
            ]
            + complaint.recordingIDs.map {
                AuditRecord(
                    actor: actor, action: action, target: AuditRecord.target($0), purpose: .disputeResolution,
                    outcome: .succeeded, reasons: ["complaint \(complaint.id)", detail])
            }
        _ = try await vault.recordAudit(records)
    }
}

public import CallVaultCore
import Foundation

/// Carries out erasure requests: every recording of the customer that no legal minimum, write-once
/// lock or legal hold protects is deleted now (with certificates); the rest are marked, restricted
/// (GDPR Art. 18) and deleted by the sweeper the moment their protection ends.
///
/// Business minimums do not protect a recording from erasure; legal obligations (Art. 17(3)(b)) and
/// legal claims under hold (Art. 17(3)(e)) do.
///
/// ```swift
/// let handler = ErasureRequestHandler(store: store, sweeper: sweeper, audit: auditLog, clock: SystemWallClock())
/// let report = try await handler.handle(request)
/// send(report.letter)
/// ```
public struct ErasureRequestHandler: Sendable {
    let store: any RetentionStore
    let sweeper: RetentionSweeper
    let audit: any RetentionAuditSink
    let clock: any WallClock

    /// Creates a handler that deletes through `sweeper` (and so certifies every deletion).
    public init(
        store: any RetentionStore, sweeper: RetentionSweeper, audit: any RetentionAuditSink, clock: any WallClock
    ) {
        self.store = store
        self.sweeper = sweeper
        self.audit = audit
        self.clock = clock
    }

    /// Handles a request and reports the outcome. Handling the same request again is harmless: it
    /// erases what has since become erasable and reports the rest.
    public func handle(_ request: ErasureRequest) async throws -> ErasureReport {
        let records = try await store.records(ofCustomer: request.customerID)
        let marked = records.filter { $0.deletion == nil }.map { record in
            var record = record
            if record.erasure == nil {
                record.erasure = ErasureMark(requestID: request.id, requestedAt: request.receivedAt)
            }
            return record
        }
        try await store.save(marked)
        try await audit.record(
            RetentionAuditEvent(
                id: "erasure-requested:\(request.id)", action: .erasureRequested, at: clock.now,
                actor: request.handledBy,
                detail:
                    "Erasure request \(request.id) for customer \(request.customerID): \(records.count) recordings found."
            ))

        let (report, refusals) = try await sweeper.delete(records.map(\.recordingID))
        let byID = Dictionary(records.map { ($0.recordingID, $0) }, uniquingKeysWith: { first, _ in first })
        var erased: [ErasureReport.ErasedRecording] = []
        for id in report.deleted {
            guard let tombstone = try await store.tombstone(id) else { continue }
            erased.append(
                ErasureReport.ErasedRecording(
                    recordingID: id, callStartedAt: byID[id]?.attributes.startedAt ?? tombstone.deletedAt,
                    certificate: tombstone.certificate))
        }
        let holds = try await store.activeHolds()
        var restricted: [ErasureReport.RestrictedRecording] = []
        for record in marked {
            guard let refusal = refusals[record.recordingID] else { continue }
            let entry = restriction(of: record, refusal: refusal, holds: holds)
            restricted.append(entry)
            try await audit.record(
                RetentionAuditEvent(
                    id: "recording-restricted:\(record.recordingID):\(request.id)", action: .recordingRestricted,
                    at: clock.now, actor: request.handledBy, recordingID: record.recordingID,
                    detail:
                        "Restricted instead of erased under request \(request.id): \(entry.reasons.joined(separator: " "))"
                ))
        }
        return ErasureReport(
            request: request, completedAt: clock.now, erased: erased.sorted { $0.callStartedAt < $1.callStartedAt },
            restricted: restricted.sorted { $0.callStartedAt < $1.callStartedAt }, pending: report.failures)
    }

    private func restriction(of record: RetentionRecord, refusal: DeletionRefusal, holds: [LegalHold])
        -> ErasureReport.RestrictedRecording
    {
        var reasons: [String] = []
        let now = clock.now
        for reason in record.schedule.reasons where reason.isLegalObligation {
            if case .minimum(let period, let until) = reason.finding, until > now {
                reasons.append(
                    "\(reason.ruleName) requires keeping it \(period.spelledOut) after the call, until \(CivilTime.day(until))."
                )
            }
            if case .earlierLegalMinimum(let until, _, _) = reason.finding, until > now {
                reasons.append(
                    "A legal obligation recorded when it was first scheduled requires keeping it until \(CivilTime.day(until))."
                )
            }
        }
        // A lock outlasting the legal minimum sets the date the letter gives, so it is named, and
        // only called a legal requirement when a legal rule asked for it.
        if let lock = record.schedule.writeOnceUntil, lock > now,
            reasons.isEmpty || lock > record.schedule.legalKeepUntil
        {
            let lawAsksIt = record.schedule.reasons.contains { reason in
                guard reason.isLegalObligation, case .writeOnce(let until) = reason.finding else { return false }
                return until >= lock
            }
            reasons.append(
                lawAsksIt
                    ? "It is stored write-once, as the law requires, until \(CivilTime.day(lock))."
                    : "It is stored write-once under our retention policy until \(CivilTime.day(lock)) and cannot be erased before then."
            )
        }
        let holding = holds.filter { $0.holds(record.attributes) }
        for hold in holding {
            reasons.append("It is preserved for legal proceedings (\(hold.matter)) under a legal hold.")
        }
        if reasons.isEmpty {
            reasons.append("It could not be erased now (\(refusal)); it stays restricted until it is.")
        }
        return ErasureReport.RestrictedRecording(
            recordingID: record.recordingID, callStartedAt: record.attributes.startedAt,
            until: holding.isEmpty ? record.dueAt : nil, reasons: reasons)
    }
}

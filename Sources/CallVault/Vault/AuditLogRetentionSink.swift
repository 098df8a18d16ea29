public import CallVaultAudit
public import CallVaultRetention

/// Writes the retention engine's events (holds, deletions, erasure requests) to the vault's
/// audit log, so one tamper-evident log holds every access, hold and deletion. Retried events keep
/// their ids, which the log uses to record each once.
///
/// Made by a host, it writes through the log's public `record(_:)`, which a vault's log refuses
/// for CallVault's own namespaces (`AuditError.reservedForCallVault`): a host cannot place a hold
/// or claim a deletion by writing its event. The vault's own registry and sweeper write as
/// CallVault.
public struct AuditLogRetentionSink: RetentionAuditSink, LegalHoldAuditSource {
    let log: AuditLog
    /// Whether the events are the vault's own (its hold registry's and sweeper's).
    let writesAsCallVault: Bool

    /// Writes to `log`.
    public init(log: AuditLog) {
        self.log = log
        self.writesAsCallVault = false
    }

    /// Writes the vault's own retention events to `log` (its hold registry's and sweeper's).
    package init(callVaultLog log: AuditLog) {
        self.log = log
        self.writesAsCallVault = true
    }

    /// Records one event.
    public func record(_ event: RetentionAuditEvent) async throws {
        try await record([event])
    }

    /// Records several events in one append.
    public func record(_ events: [RetentionAuditEvent]) async throws {
        guard !events.isEmpty else { return }
        let records = try events.map(Self.auditRecord)
        if writesAsCallVault {
            _ = try await log.recordAsCallVault(records)
        } else {
            _ = try await log.record(records)
        }
    }

    /// The holds placed and released according to the log's event ids.
    public func legalHoldHistory() async throws -> LegalHoldAuditHistory {
        let placed = await log.eventIDs(withPrefix: LegalHoldAuditHistory.placedPrefix)
        let released = await log.eventIDs(withPrefix: LegalHoldAuditHistory.releasedPrefix)
        return LegalHoldAuditHistory(eventIDs: placed.union(released))
    }

    static func auditRecord(for event: RetentionAuditEvent) throws -> AuditRecord {
        let target =
            event.recordingID.map(AuditRecord.target) ?? event.holdID.map { "hold:\($0)" } ?? "retention"
        let action: AuditAction =
            switch event.action {
            case .holdPlaced: .holdPlaced
            case .holdReleaseRequested: .holdReleaseRequested
            case .holdReleased: .holdReleased
            case .recordingDeleted: .recordingDeleted
            case .recordingRestricted: .recordingRestricted
            case .holdReleaseWithdrawn: try AuditAction("hold.release-withdrawn")
            case .erasureRequested: try AuditAction("erasure.requested")
            }
        var reasons = [event.detail]
        if let hold = event.holdID, event.recordingID != nil { reasons.append("hold \(hold)") }
        return AuditRecord(
            actor: event.actor, action: action, target: target, purpose: nil, outcome: .succeeded,
            reasons: reasons, eventID: event.id)
    }
}

import CallVaultAudit
public import CallVaultCore
import CallVaultRetention

/// What ``Vault/recomputeSchedules(identity:)`` did.
public struct RescheduleReport: Hashable, Sendable {
    /// The recordings whose schedules changed.
    public var changed: [RecordingID] = []
    /// The recordings whose schedules could not be recomputed under the current rules, and why;
    /// each keeps the schedule it had (never a shorter one on a guess).
    public var kept: [RecordingID: String] = [:]

    /// Nothing recomputed yet.
    public init() {}
}

extension Vault {
    /// Recomputes every stored schedule under the current catalog, policies and stated period
    /// (``RecordingSettings/scheduler``), after the configuration changed: a recording made
    /// before the organisation stated its period gets it, and a changed policy applies to what
    /// was recorded before. `RetentionScheduler.recompute(_:for:)` never shortens a legal
    /// minimum and never lifts a write-once lock early. Deleted recordings and deletions in
    /// progress are left alone; a recording whose schedule cannot be recomputed (it declares a
    /// regime that can no longer be declared) keeps its schedule, and the audit entry says so.
    ///
    /// - Returns: what changed and what was kept; one `retention.schedules-recomputed` audit entry
    ///   records it when anything did.
    @discardableResult
    public func recomputeSchedules(identity: PrincipalID = "callvault-sweeper") async throws -> RescheduleReport {
        let scheduler = settings.scheduler
        var report = RescheduleReport()
        var cursor: RecordingID?
        let pageSize = 500
        while true {
            let page = try await catalog.recordings(after: cursor, limit: pageSize)
            var updated: [RetentionRecord] = []
            for recording in page where recording.state != .deleted {
                guard var record = try await storage.retention.record(recording.id), record.deletion == nil else {
                    continue
                }
                do {
                    let schedule = try scheduler.recompute(record.schedule, for: record.attributes)
                    guard schedule != record.schedule else { continue }
                    record.schedule = schedule
                    updated.append(record)
                    report.changed.append(recording.id)
                } catch {
                    report.kept[recording.id] = "\(error)"
                }
            }
            if !updated.isEmpty { try await storage.retention.save(updated) }
            guard page.count == pageSize, let last = page.last else { break }
            cursor = last.id
        }
        if !report.changed.isEmpty || !report.kept.isEmpty {
            let kept = report.kept.keys.sorted().map { "kept its schedule: \($0): \(report.kept[$0] ?? "")" }
            _ = try await recordAudit(
                AuditRecord(
                    actor: identity, action: try AuditAction("retention.schedules-recomputed"), target: "retention",
                    purpose: nil, outcome: .succeeded,
                    reasons: [
                        "the configuration changed: \(report.changed.count) schedule(s) recomputed under catalog \(scheduler.catalog.version) and policies \(scheduler.policyVersion)"
                    ] + kept))
        }
        return report
    }
}

import CallVaultCore
public import CallVaultRetention

/// An audit sink that keeps events in memory, in arrival order, repeats included.
public final class InMemoryRetentionAuditLog: RetentionAuditSink {
    private let storage = LockedState<[RetentionAuditEvent]>([])
    private let faults: FaultPlan?

    /// Creates an empty log; `faults` simulates crashes.
    public init(faults: FaultPlan? = nil) {
        self.faults = faults
    }

    /// Every event received, repeats included.
    public var events: [RetentionAuditEvent] { storage.withLock { $0 } }

    /// The events with repeats (same id) dropped, as a deduplicating audit log keeps them.
    public var distinctEvents: [RetentionAuditEvent] {
        var seen = Set<String>()
        return events.filter { seen.insert($0.id).inserted }
    }

    /// Appends the event.
    public func record(_ event: RetentionAuditEvent) async throws {
        try faults?.step("audit")
        storage.withLock { $0.append(event) }
    }
}

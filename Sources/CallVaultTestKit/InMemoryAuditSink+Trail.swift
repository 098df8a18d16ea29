public import CallVault
public import CallVaultAudit

extension InMemoryAuditSink: AuditTrail {
    /// The entries about `target`, oldest first.
    public func entries(about target: String) async throws -> [AuditEntry] {
        entries.filter { $0.record.target == target }
    }
}

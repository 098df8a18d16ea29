public import CallVaultAudit

/// Reads the audit log back: what transparency reports, exports and access histories are built
/// from. The log's sinks implement it (the test kit's in-memory sink, the SQLite sink, a log file
/// through ``AuditFileTrail``).
public protocol AuditTrail: Sendable {
    /// Every entry whose target is `target` (for a recording, `AuditRecord.target(id)`), oldest
    /// first.
    func entries(about target: String) async throws -> [AuditEntry]
}

/// The audit trail of a log file written by `AuditFileSink`.
public struct AuditFileTrail: AuditTrail {
    /// The log file.
    public let path: String

    /// A trail over the log file at `path`.
    public init(path: String) {
        self.path = path
    }

    /// Reads the file and keeps the entries about `target`.
    public func entries(about target: String) async throws -> [AuditEntry] {
        try AuditLogReader.entries(at: path).filter { $0.record.target == target }
    }
}

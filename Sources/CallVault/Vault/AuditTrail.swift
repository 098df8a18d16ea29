public import CallVaultAudit
public import CallVaultRetention

/// Reads the audit log back: what transparency reports, exports and access histories are built
/// from. A vault reads its own `AuditLog`, which reads its sink (every `AuditSink` reads back what
/// it stores); ``AuditFileTrail`` reads a log file without opening a log (for commands that only
/// read a vault).
public protocol AuditTrail: Sendable {
    /// Every entry whose target is `target` (for a recording, `AuditRecord.target(id)`), oldest
    /// first.
    func entries(about target: String) async throws -> [AuditEntry]
}

/// An audit log reads its entries back through its sink, so a vault's trail is its log.
extension AuditLog: AuditTrail {}

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

extension AuditFileTrail: LegalHoldAuditSource {
    /// The holds placed and released according to the log file's event ids (read without a key,
    /// for commands that only read a vault).
    public func legalHoldHistory() async throws -> LegalHoldAuditHistory {
        LegalHoldAuditHistory(eventIDs: try AuditLogReader.entries(at: path).compactMap(\.record.eventID))
    }
}

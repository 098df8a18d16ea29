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

    /// The entries about each of `targets`, oldest first, in one read where the trail can (a
    /// sweep reads a batch of recordings' histories at once). Targets with no entry may be
    /// missing from the result. By default, one `entries(about:)` per target.
    func entries(about targets: [String]) async throws -> [String: [AuditEntry]]
}

extension AuditTrail {
    /// One `entries(about:)` per target.
    public func entries(about targets: [String]) async throws -> [String: [AuditEntry]] {
        var found: [String: [AuditEntry]] = [:]
        for target in Set(targets) { found[target] = try await entries(about: target) }
        return found
    }
}

/// An audit log reads its entries back through its sink, so a vault's trail is its log (its
/// batched read included).
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

    /// Reads the file once and keeps the entries about each of `targets`.
    public func entries(about targets: [String]) async throws -> [String: [AuditEntry]] {
        try AuditLogReader.entries(at: path, about: targets)
    }
}

extension AuditFileTrail: LegalHoldAuditSource {
    /// The holds placed and released according to the log file's event ids (read without a key,
    /// for commands that only read a vault).
    public func legalHoldHistory() async throws -> LegalHoldAuditHistory {
        LegalHoldAuditHistory(eventIDs: try AuditLogReader.entries(at: path).compactMap(\.record.eventID))
    }
}

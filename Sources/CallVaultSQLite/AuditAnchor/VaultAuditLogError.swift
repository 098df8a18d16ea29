public import CallVaultCore
public import Foundation

/// What opening or checking a vault reports when its audit log is not the log the vault's
/// database anchors, or no longer reaches the anchored checkpoint. Nothing was written: a vault
/// never starts a new log in place of one that went missing.
///
/// The `callvault` tool exits with status 3 for ``cutShort(path:endsAt:anchor:)`` (the log is a
/// valid prefix of the anchored one: incomplete) and 2 for every other case (missing, emptied,
/// replaced, tampered with, or an anchor that does not verify: altered or damaged).
public enum VaultAuditLogError: CallVaultError, Equatable {
    /// The log file is not there. `anchor` is what the database knows of it (`nil`: a vault made
    /// by an earlier version, whose log was never started or was removed).
    case missing(path: String, anchor: AuditLogAnchor?)
    /// The log file is empty, or holds only part of its header.
    case emptied(path: String, anchor: AuditLogAnchor?)
    /// The file is another log than the anchored one (another vault's, or a log started afresh),
    /// or not an audit log at all; `found` says what it is.
    case replaced(path: String, found: String, anchor: AuditLogAnchor)
    /// The log is the anchored one and verifies, but ends at entry `endsAt`, before the anchored
    /// checkpoint: entries were cut off its end.
    case cutShort(path: String, endsAt: UInt64, anchor: AuditLogAnchor)
    /// A line of the log was changed, forged, inserted, moved or deleted (including whole lines
    /// appended that do not chain, which no crash leaves).
    case tampered(path: String, line: Int, detail: String)
    /// The database's anchor does not verify with the vault's key, or cannot be read: the database
    /// was edited or damaged.
    case anchorNotTrusted(database: String, reason: String)
    /// A checkpoint of another log was offered to the anchor of this one.
    case anchorOfAnotherLog(database: String, anchored: UUID, offered: UUID)

    /// What is wrong and what to do.
    public var description: String {
        switch self {
        case .missing(let path, let anchor):
            "The vault's audit log \(path) is missing\(Self.anchored(anchor)). Nothing was written, and no new log is started in its place: restore audit.log from a backup that reaches the anchored entry (see Operations, \"The audit log is reported missing\")."
        case .emptied(let path, let anchor):
            "The vault's audit log \(path) is empty (or holds only part of its header)\(Self.anchored(anchor)): its history was erased. Nothing was written: restore audit.log from a backup that reaches the anchored entry (see Operations, \"The audit log is reported missing\")."
        case .replaced(let path, let found, let anchor):
            "The vault's audit log \(path) was replaced: \(found), but the vault's database anchors \(Self.describe(anchor)). Nothing was written: keep the file as evidence and restore this vault's own audit.log from a backup (see Operations, \"The audit log is reported missing\")."
        case .cutShort(let path, let endsAt, let anchor):
            "The vault's audit log \(path) was cut short: it ends at entry \(endsAt), but the vault's database anchors \(Self.describe(anchor)); entries \(endsAt + 1) to \(anchor.sequence) were removed. Nothing was written: restore audit.log from a backup that reaches entry \(anchor.sequence)."
        case .tampered(let path, let line, let detail):
            "The vault's audit log \(path) was tampered with at line \(line): \(detail). Nothing was written: keep the file as evidence, check it with `callvault vault audit`, and restore it from a backup."
        case .anchorNotTrusted(let database, let reason):
            "The audit log anchor in \(database) cannot be trusted: \(reason). The database was edited or damaged; restore it from a backup, or check the audit log with `callvault audit verify` against the organisation's public key and a witness file."
        case .anchorOfAnotherLog(let database, let anchored, let offered):
            "The audit log anchor in \(database) names log \(anchored.uuidString.lowercased()), not log \(offered.uuidString.lowercased()): the vault's audit log was replaced while it was open."
        }
    }

    static func describe(_ anchor: AuditLogAnchor) -> String {
        "log \(anchor.identity.logID.uuidString.lowercased()) up to its signed entry \(anchor.sequence)"
    }

    private static func anchored(_ anchor: AuditLogAnchor?) -> String {
        guard let anchor else {
            return
                ", and the vault's database holds no anchor for it (a vault made by an earlier version whose log was never started, or was removed with its anchor)"
        }
        return ", but the vault's database anchors \(describe(anchor))"
    }
}

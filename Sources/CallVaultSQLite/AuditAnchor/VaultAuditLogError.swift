public import CallVaultCore
public import Foundation

/// What opening or checking a vault reports when its audit log is not the log the vault's
/// database anchors, or no longer reaches the anchored checkpoint. Nothing was written: a vault
/// never starts a new log in place of one that went missing.
///
/// The `callvault` tool exits with status 3 for ``cutShort(path:endsAt:anchor:)`` (the log is a
/// valid prefix of the anchored one: incomplete) and 2 for every other case (missing, emptied,
/// replaced, tampered with, or an anchor that does not verify: altered or damaged).
public struct VaultAuditLogError: CallVaultError, Equatable, CallVaultReasonedError {
    /// The stable codes of ``VaultAuditLogError``.
    public struct Code: CallVaultErrorCode {
        /// The error type these codes belong to.
        public typealias Owner = VaultAuditLogError
        /// The code's stable text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// The log file is not there. `anchor` is what the database knows of it (`nil`: a vault made
        /// by an earlier version, whose log was never started or was removed).
        public static let missing = Code("vaultauditlog.missing")
        /// The log file is empty, or holds only part of its header.
        public static let emptied = Code("vaultauditlog.emptied")
        /// The file is another log than the anchored one (another vault's, or a log started afresh),
        /// or not an audit log at all; `found` says what it is.
        public static let replaced = Code("vaultauditlog.replaced")
        /// The log is the anchored one and verifies, but ends at entry `endsAt`, before the anchored
        /// checkpoint: entries were cut off its end.
        public static let cutShort = Code("vaultauditlog.cut-short")
        /// A line of the log was changed, forged, inserted, moved or deleted (including whole lines
        /// appended that do not chain, which no crash leaves).
        public static let tampered = Code("vaultauditlog.tampered")
        /// The database's anchor does not verify with the vault's key, or cannot be read: the database
        /// was edited or damaged.
        public static let anchorNotTrusted = Code("vaultauditlog.anchor-not-trusted")
        /// A checkpoint of another log was offered to the anchor of this one.
        public static let anchorOfAnotherLog = Code("vaultauditlog.anchor-of-another-log")

        /// Every code of this type.
        public static let all: [Code] = [
            missing, emptied, replaced, cutShort, tampered, anchorNotTrusted, anchorOfAnotherLog,
        ]
    }

    /// What happened, with its details; the package's own code switches over it.
    package enum Reason: Equatable, Sendable {
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
    }

    /// What happened, with its details.
    package let reason: Reason
    /// The error that caused this one, if any.
    public let underlying: (any Error)?

    /// Creates an error from its reason and cause.
    package init(_ reason: Reason, underlying: (any Error)? = nil) {
        self.reason = reason
        self.underlying = underlying
    }

    /// What kind of failure this is.
    public var code: Code {
        switch reason {
        case .missing: .missing
        case .emptied: .emptied
        case .replaced: .replaced
        case .cutShort: .cutShort
        case .tampered: .tampered
        case .anchorNotTrusted: .anchorNotTrusted
        case .anchorOfAnotherLog: .anchorOfAnotherLog
        }
    }

    /// What is wrong and what to do.
    public var message: String {
        switch reason {
        case .missing(let path, let anchor):
            "The vault's audit log \(path) is missing\(Self.anchored(anchor)). Nothing was written, and no new log is started in its place: restore audit.log from \(Self.backup(anchor)) (see Operations, \"The audit log is reported missing\")."
        case .emptied(let path, let anchor):
            "The vault's audit log \(path) is empty (or holds only part of its header)\(Self.anchored(anchor)): its history was erased. Nothing was written: restore audit.log from \(Self.backup(anchor)) (see Operations, \"The audit log is reported missing\")."
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

    /// Which backup to restore: one that reaches the anchored entry, or (no anchor to check it
    /// against) the most recent.
    private static func backup(_ anchor: AuditLogAnchor?) -> String {
        anchor == nil
            ? "the vault's most recent backup (the database holds no anchor to check it against)"
            : "a backup that reaches the anchored entry"
    }

    private static func anchored(_ anchor: AuditLogAnchor?) -> String {
        guard let anchor else {
            return
                ", and the vault's database holds no anchor for it (a vault made by an earlier version whose log was never started, or was removed with its anchor)"
        }
        return ", but the vault's database anchors \(describe(anchor))"
    }

    /// The log file is not there. `anchor` is what the database knows of it (`nil`: a vault made
    /// by an earlier version, whose log was never started or was removed).
    public static func missing(path: String, anchor: AuditLogAnchor?) -> VaultAuditLogError {
        VaultAuditLogError(.missing(path: path, anchor: anchor))
    }
    /// The code for ``missing(path:anchor:)``, for `catch VaultAuditLogError.missing`.
    public static let missing = Code.missing

    /// The log file is empty, or holds only part of its header.
    public static func emptied(path: String, anchor: AuditLogAnchor?) -> VaultAuditLogError {
        VaultAuditLogError(.emptied(path: path, anchor: anchor))
    }
    /// The code for ``emptied(path:anchor:)``, for `catch VaultAuditLogError.emptied`.
    public static let emptied = Code.emptied

    /// The file is another log than the anchored one (another vault's, or a log started afresh),
    /// or not an audit log at all; `found` says what it is.
    public static func replaced(path: String, found: String, anchor: AuditLogAnchor) -> VaultAuditLogError {
        VaultAuditLogError(.replaced(path: path, found: found, anchor: anchor))
    }
    /// The code for ``replaced(path:found:anchor:)``, for `catch VaultAuditLogError.replaced`.
    public static let replaced = Code.replaced

    /// The log is the anchored one and verifies, but ends at entry `endsAt`, before the anchored
    /// checkpoint: entries were cut off its end.
    public static func cutShort(path: String, endsAt: UInt64, anchor: AuditLogAnchor) -> VaultAuditLogError {
        VaultAuditLogError(.cutShort(path: path, endsAt: endsAt, anchor: anchor))
    }
    /// The code for ``cutShort(path:endsAt:anchor:)``, for `catch VaultAuditLogError.cutShort`.
    public static let cutShort = Code.cutShort

    /// A line of the log was changed, forged, inserted, moved or deleted (including whole lines
    /// appended that do not chain, which no crash leaves).
    public static func tampered(path: String, line: Int, detail: String) -> VaultAuditLogError {
        VaultAuditLogError(.tampered(path: path, line: line, detail: detail))
    }
    /// The code for ``tampered(path:line:detail:)``, for `catch VaultAuditLogError.tampered`.
    public static let tampered = Code.tampered

    /// The database's anchor does not verify with the vault's key, or cannot be read: the database
    /// was edited or damaged.
    public static func anchorNotTrusted(database: String, reason: String) -> VaultAuditLogError {
        VaultAuditLogError(.anchorNotTrusted(database: database, reason: reason))
    }
    /// The code for ``anchorNotTrusted(database:reason:)``, for `catch VaultAuditLogError.anchorNotTrusted`.
    public static let anchorNotTrusted = Code.anchorNotTrusted

    /// A checkpoint of another log was offered to the anchor of this one.
    public static func anchorOfAnotherLog(database: String, anchored: UUID, offered: UUID) -> VaultAuditLogError {
        VaultAuditLogError(.anchorOfAnotherLog(database: database, anchored: anchored, offered: offered))
    }
    /// The code for ``anchorOfAnotherLog(database:anchored:offered:)``, for `catch VaultAuditLogError.anchorOfAnotherLog`.
    public static let anchorOfAnotherLog = Code.anchorOfAnotherLog
}

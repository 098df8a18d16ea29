import CallVaultAudit
import CallVaultSQLite

extension VaultLocation {
    /// The folder's stores for a command that only reads, once the audit log has been checked
    /// against the anchor the database keeps: a log that is missing, emptied, cut short, replaced
    /// or tampered with fails the command (status 2, or 3 for a log cut short), as it fails every
    /// command that writes. A torn last line, which only a crash leaves, is noted and tolerated
    /// here; the next command that writes refuses it until it is set aside.
    func checkedStores() throws -> SQLiteVault {
        let folder = self.folder
        try checkSimulation(.reading)
        let stores = try folder.stores()
        let check = try folder.checkAuditLog(stores: stores)
        if let tornTail = check.tornTail, check.problem == nil {
            Terminal.note(
                "note: the audit log's last line (line \(tornTail.line), \(tornTail.byteCount) bytes) was cut short by a crash; commands that write refuse the vault until it is set aside (see Operations)."
            )
        } else {
            try check.requireSound()
        }
        return stores
    }
}

/// The exit statuses of a vault whose audit log is not the log its anchor names.
enum VaultAuditLogExit {
    /// 3 for a log cut short (a valid prefix of the anchored log: incomplete); 2 for every other
    /// case (missing, emptied, replaced, tampered with, an anchor that does not verify).
    static func status(for error: VaultAuditLogError) -> Int32 {
        switch error.reason {
        case .cutShort: 3
        case .missing, .emptied, .replaced, .tampered, .anchorNotTrusted, .anchorOfAnotherLog: 2
        }
    }

    /// The verdict `vault audit` prints for it.
    static func verdict(for error: VaultAuditLogError) -> String {
        switch error.reason {
        case .cutShort: "incomplete"
        case .missing, .emptied, .replaced, .tampered, .anchorNotTrusted, .anchorOfAnotherLog: "tampered"
        }
    }

    /// A few words for the one-line note on standard error.
    static func summary(of error: VaultAuditLogError) -> String {
        switch error.reason {
        case .missing: "the log is missing"
        case .emptied: "the log is empty"
        case .replaced, .anchorOfAnotherLog: "the log was replaced by another log"
        case .cutShort(_, let endsAt, let anchor):
            "the log was cut short at entry \(endsAt), before the anchored entry \(anchor.sequence)"
        case .tampered(_, let line, _): "the log was tampered with at line \(line)"
        case .anchorNotTrusted: "the database's anchor cannot be trusted"
        }
    }

    /// The anchor's state `vault audit --json` reports for it.
    static func state(for error: VaultAuditLogError) -> String {
        switch error.reason {
        case .missing: "log-missing"
        case .emptied: "log-emptied"
        case .replaced, .anchorOfAnotherLog: "log-replaced"
        case .cutShort: "log-cut-short"
        case .tampered: "log-tampered"
        case .anchorNotTrusted: "anchor-not-trusted"
        }
    }
}

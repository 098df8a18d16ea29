extension AuditAction {
    /// A vault was created, and its audit log with it (the log's first entry).
    public static let vaultCreated = AuditAction(known: "vault.created")
    /// A vault anchored a log it had no anchor for: a vault made by an earlier version of CallVault
    /// opened for the first time, or one whose anchor was removed from its database.
    public static let logAnchored = AuditAction(known: "audit.anchored")
    /// A vault found its anchor behind the log's last checkpoint (a crash between the log's sync
    /// and the database's update, or a database restored from an older copy) and moved it on.
    public static let anchorAdvanced = AuditAction(known: "audit.anchor-advanced")
    /// A vault found entries after the log's last checkpoint when it opened: written by a process
    /// that stopped before signing them, or added by someone else. They are signed from here on.
    public static let unsignedEntriesFound = AuditAction(known: "audit.unsigned-entries-found")
}

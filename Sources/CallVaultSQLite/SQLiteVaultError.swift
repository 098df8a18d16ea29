public import CallVaultCore

/// What the embedded storage reports when the disk, the database or the vault folder lets it down.
///
/// Misuse the seams define (a blob that already exists, a shredded recording given keys again, a
/// legal hold changed meanwhile) is reported with the seams' own errors (`VaultStorageError`,
/// `RetentionStoreError`), exactly as the in-memory stores report it, so a host handles both the
/// same way. These cases are what only a real disk and a real database can do.
public enum SQLiteVaultError: CallVaultError, Equatable {
    /// A file operation on the vault folder failed.
    case io(path: String, operation: String, reason: String)
    /// A row of the vault database cannot be turned back into the value that was stored.
    case unreadableRow(table: String, key: String, reason: String)
    /// A value is too large for the database's 64-bit integers.
    case valueOutOfRange(field: String, value: String)
    /// The database was migrated by a newer CallVault, whose schema this version does not know.
    case newerSchema(path: String, unknownMigrations: [String])
    /// Audit entries were appended to a sink whose log was never opened.
    case auditLogNotOpened(path: String)
    /// An audit append does not continue the stored chain: another writer appended meanwhile.
    case auditSequenceMismatch(expected: UInt64, found: UInt64)

    /// What went wrong and what to do.
    public var description: String {
        switch self {
        case .io(let path, let operation, let reason):
            "\(operation) failed for \(path): \(reason). Check that the disk is not full or failing and that the process may write to the vault folder, then retry."
        case .unreadableRow(let table, let key, let reason):
            "The vault database holds a row in \(table) for \(key) that cannot be read back (\(reason)); it was changed outside CallVault or damaged: restore the database from a backup."
        case .valueOutOfRange(let field, let value):
            "\(field) \(value) does not fit the database's 64-bit integers; this is a bug in the caller, since CallVault never produces such values."
        case .newerSchema(let path, let unknown):
            "The vault database \(path) was migrated by a newer CallVault (migrations \(unknown.joined(separator: ", ")) are unknown to this version); run the newer version, or restore a backup made before the upgrade."
        case .auditLogNotOpened(let path):
            "Audit entries were appended to \(path) before its log was opened; create the AuditLog over the sink, which opens it first."
        case .auditSequenceMismatch(let expected, let found):
            "The stored audit log continues at entry \(expected), but the append starts at entry \(found): another writer appended to the log meanwhile. Open a new AuditLog over the sink, so it continues from the stored head."
        }
    }
}

public import CallVaultCore

/// What opening or creating a vault's database reports about the files themselves.
///
/// Opening an existing vault never creates anything: a missing or empty `vault.sqlite`, or a
/// missing blob folder, is damage to report (an empty database in its place would list no
/// recordings and orphan every blob), never a fresh start. Only ``SQLiteVault/create(at:)`` (and
/// `VaultFolder.create`, which calls it) makes a database.
public enum VaultDatabaseError: CallVaultError, Equatable {
    /// The vault's database file does not exist.
    case missing(path: String)
    /// The database file is empty, or holds no CallVault schema.
    case empty(path: String)
    /// The file is not an SQLite database, or SQLite finds it corrupt.
    case notADatabase(path: String, reason: String)
    /// A folder the vault needs (the vault folder, its blob folder) does not exist.
    case missingFolder(path: String, role: String)
    /// ``SQLiteVault/create(at:)`` was asked to create a database where one already exists.
    case alreadyExists(path: String)
    /// The database's record of applied schema migrations was edited (a row deleted): it no longer
    /// matches the schema. Nothing was migrated or written.
    case migrationsDamaged(path: String, detail: String)
    /// The database was written by an older CallVault and still needs migrations; a read-only
    /// open never migrates.
    case migrationsPending(path: String, pending: [String])

    /// What is wrong and what to do.
    public var description: String {
        switch self {
        case .missing(let path):
            "The vault's database \(path) is missing; the vault cannot be used without it (its recordings, keys, holds and deletions are listed there). Restore it from the vault's backup; nothing was created in its place."
        case .empty(let path):
            "The vault's database \(path) is empty (or holds no CallVault schema): it was truncated or replaced. Restore it from the vault's backup; nothing was written to it."
        case .notADatabase(let path, let reason):
            "The vault's database \(path) cannot be read as a database (\(reason)); it is damaged. Restore it from the vault's backup."
        case .missingFolder(let path, let role):
            "The vault's \(role) \(path) is missing; restore it from the vault's backup (nothing was created in its place). A new vault is made with `callvault vault init` or `SQLiteVault.create(at:)`."
        case .alreadyExists(let path):
            "A vault database already exists at \(path); open it instead of creating one, or choose another folder. (If a create was interrupted before it finished, the file is empty: delete it and create again.)"
        case .migrationsDamaged(let path, let detail):
            "The vault's database \(path) has a damaged migration table: \(detail). It was edited outside CallVault; nothing was migrated or written. Restore the database from the vault's backup."
        case .migrationsPending(let path, let pending):
            "The vault's database \(path) was written by an older CallVault and needs the migrations \(pending.joined(separator: ", ")); commands that only read never migrate. Run one command that opens the vault for writing (such as `callvault vault sweep --plan`) first."
        }
    }
}

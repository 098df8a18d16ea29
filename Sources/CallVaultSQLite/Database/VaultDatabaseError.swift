public import CallVaultCore

/// What opening or creating a vault's database reports about the files themselves.
///
/// Opening an existing vault never creates anything: a missing or empty `vault.sqlite`, or a
/// missing blob folder, is damage to report (an empty database in its place would list no
/// recordings and orphan every blob), never a fresh start. Only ``SQLiteVault/create(at:)`` (and
/// `VaultFolder.create`, which calls it) makes a database.
public struct VaultDatabaseError: CallVaultError, Equatable, CallVaultReasonedError {
    /// The stable codes of ``VaultDatabaseError``.
    public struct Code: CallVaultErrorCode {
        /// The error type these codes belong to.
        public typealias Owner = VaultDatabaseError
        /// The code's stable text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// The vault's database file does not exist.
        public static let missing = Code("vaultdatabase.missing")
        /// The database file is empty, or holds no CallVault schema.
        public static let empty = Code("vaultdatabase.empty")
        /// The file is not an SQLite database, or SQLite finds it corrupt.
        public static let notADatabase = Code("vaultdatabase.not-a-database")
        /// A folder the vault needs (the vault folder, its blob folder) does not exist.
        public static let missingFolder = Code("vaultdatabase.missing-folder")
        /// ``SQLiteVault/create(at:)`` was asked to create a database where one already exists.
        public static let alreadyExists = Code("vaultdatabase.already-exists")
        /// The database's record of applied schema migrations was edited (a row deleted): it no longer
        /// matches the schema. Nothing was migrated or written.
        public static let migrationsDamaged = Code("vaultdatabase.migrations-damaged")
        /// The database was written by an older CallVault and still needs migrations; a read-only
        /// open never migrates.
        public static let migrationsPending = Code("vaultdatabase.migrations-pending")
        /// The database's schema holds what CallVault never made (a trigger, a view, an extra
        /// index or table) or an index or table defined otherwise, or SQLite finds its tables
        /// and indexes disagreeing: it was edited outside CallVault.
        public static let schemaAltered = Code("vaultdatabase.schema-altered")

        /// Every code of this type.
        public static let all: [Code] = [
            missing, empty, notADatabase, missingFolder, alreadyExists, migrationsDamaged, migrationsPending,
            schemaAltered,
        ]
    }

    /// What happened, with its details; the package's own code switches over it.
    package enum Reason: Equatable, Sendable {
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
        /// The database's schema holds what CallVault never made (a trigger, a view, an extra
        /// index or table) or an index or table defined otherwise, or SQLite finds its tables
        /// and indexes disagreeing: it was edited outside CallVault.
        case schemaAltered(path: String, detail: String)
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
        case .empty: .empty
        case .notADatabase: .notADatabase
        case .missingFolder: .missingFolder
        case .alreadyExists: .alreadyExists
        case .migrationsDamaged: .migrationsDamaged
        case .migrationsPending: .migrationsPending
        case .schemaAltered: .schemaAltered
        }
    }

    /// What is wrong and what to do.
    public var message: String {
        switch reason {
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
        case .schemaAltered(let path, let detail):
            "The vault's database \(path) was edited outside CallVault: \(detail). A trigger, view or index CallVault did not make can change what a query finds or what a deletion deletes, so nothing was read from it or written to it. Keep the file as evidence, and restore the database from the vault's backup."
        case .migrationsPending(let path, let pending):
            "The vault's database \(path) was written by an older CallVault and needs the migrations \(pending.joined(separator: ", ")); commands that only read never migrate. Run one command that opens the vault for writing (such as `callvault vault sweep --plan`) first."
        }
    }

    /// The vault's database file does not exist.
    public static func missing(path: String) -> VaultDatabaseError { VaultDatabaseError(.missing(path: path)) }
    /// The code for ``missing(path:)``, for `catch VaultDatabaseError.missing`.
    public static let missing = Code.missing

    /// The database file is empty, or holds no CallVault schema.
    public static func empty(path: String) -> VaultDatabaseError { VaultDatabaseError(.empty(path: path)) }
    /// The code for ``empty(path:)``, for `catch VaultDatabaseError.empty`.
    public static let empty = Code.empty

    /// The file is not an SQLite database, or SQLite finds it corrupt.
    public static func notADatabase(path: String, reason: String) -> VaultDatabaseError {
        VaultDatabaseError(.notADatabase(path: path, reason: reason))
    }
    /// The code for ``notADatabase(path:reason:)``, for `catch VaultDatabaseError.notADatabase`.
    public static let notADatabase = Code.notADatabase

    /// A folder the vault needs (the vault folder, its blob folder) does not exist.
    public static func missingFolder(path: String, role: String) -> VaultDatabaseError {
        VaultDatabaseError(.missingFolder(path: path, role: role))
    }
    /// The code for ``missingFolder(path:role:)``, for `catch VaultDatabaseError.missingFolder`.
    public static let missingFolder = Code.missingFolder

    /// ``SQLiteVault/create(at:)`` was asked to create a database where one already exists.
    public static func alreadyExists(path: String) -> VaultDatabaseError {
        VaultDatabaseError(.alreadyExists(path: path))
    }
    /// The code for ``alreadyExists(path:)``, for `catch VaultDatabaseError.alreadyExists`.
    public static let alreadyExists = Code.alreadyExists

    /// The database's record of applied schema migrations was edited (a row deleted): it no longer
    /// matches the schema. Nothing was migrated or written.
    public static func migrationsDamaged(path: String, detail: String) -> VaultDatabaseError {
        VaultDatabaseError(.migrationsDamaged(path: path, detail: detail))
    }
    /// The code for ``migrationsDamaged(path:detail:)``, for `catch VaultDatabaseError.migrationsDamaged`.
    public static let migrationsDamaged = Code.migrationsDamaged

    /// The database was written by an older CallVault and still needs migrations; a read-only
    /// open never migrates.
    public static func migrationsPending(path: String, pending: [String]) -> VaultDatabaseError {
        VaultDatabaseError(.migrationsPending(path: path, pending: pending))
    }
    /// The code for ``migrationsPending(path:pending:)``, for `catch VaultDatabaseError.migrationsPending`.
    public static let migrationsPending = Code.migrationsPending

    /// The database's schema holds what CallVault never made (a trigger, a view, an extra index or
    /// table) or an index or table defined otherwise, or SQLite finds its tables and indexes
    /// disagreeing: it was edited outside CallVault.
    public static func schemaAltered(path: String, detail: String) -> VaultDatabaseError {
        VaultDatabaseError(.schemaAltered(path: path, detail: detail))
    }
    /// The code for ``schemaAltered(path:detail:)``, for `catch VaultDatabaseError.schemaAltered`.
    public static let schemaAltered = Code.schemaAltered
}

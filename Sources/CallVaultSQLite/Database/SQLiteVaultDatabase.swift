import CallVault
import Foundation
package import GRDB

/// The vault's SQLite database: one file, `vault.sqlite`, holding the catalog, the key store, the
/// retention store and the audit log, opened in WAL mode and migrated to the current schema.
///
/// One database for all four stores means one backup, one fsync policy and transactions that a
/// later version can make span stores; each store still only touches its own tables.
///
/// Opening never creates: a missing or empty file is an error (``VaultDatabaseError``), since an
/// empty database in its place would list no recordings; ``create(path:)`` makes a new one.
///
/// ```swift
/// let database = try SQLiteVaultDatabase(path: "/var/lib/callvault/vault.sqlite")
/// let catalog = SQLiteRecordingCatalog(database: database)
/// ```
public final class SQLiteVaultDatabase: Sendable {
    /// The database file's path.
    public let path: String
    /// The connection pool: one writer, several readers that never block it (WAL).
    package let pool: DatabasePool
    /// Whether the database was opened for reading only (a vault folder's `stores()`).
    package let isReadOnly: Bool

    /// Runs `updates` in a write transaction. A database opened for reading only refuses before
    /// trying, with a CallVault error (`StorageError.readOnly`) rather than SQLite's.
    package func write<T: Sendable>(_ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try refuseIfReadOnly()
        return try await pool.write(updates)
    }

    /// ``write(_:)``, blocking the calling thread (for the few writes made outside async code).
    package func writeBlocking<T>(_ updates: (Database) throws -> T) throws -> T {
        try refuseIfReadOnly()
        return try pool.write(updates)
    }

    private func refuseIfReadOnly() throws {
        if isReadOnly { throw StorageError(.readOnlyStore(store: "the vault's database (\(path))")) }
    }

    /// Opens the existing database at `path` and runs every migration not yet applied.
    ///
    /// - Throws: ``VaultDatabaseError/missing(path:)`` or ``VaultDatabaseError/empty(path:)`` for a
    ///   file that is gone, empty or holds no CallVault schema (nothing is created or written);
    ///   ``VaultDatabaseError/notADatabase(path:reason:)`` for a damaged file;
    ///   ``SQLiteVaultError/newerSchema(path:unknownMigrations:)`` when a newer CallVault migrated
    ///   the file; GRDB's `DatabaseError` when the file cannot be opened.
    public convenience init(path: String) throws {
        try self.init(path: path, creating: false)
    }

    /// Creates a new database at `path` (mode 0600, as its `-wal` and `-shm` files will be) with the
    /// current schema.
    ///
    /// - Throws: ``VaultDatabaseError/alreadyExists(path:)`` when there is a file at `path`;
    ///   `SQLiteVaultError.io` for the disk; GRDB's `DatabaseError`.
    public static func create(path: String) throws -> SQLiteVaultDatabase {
        try SQLiteVaultDatabase(path: path, creating: true)
    }

    /// Opens the existing database at `path` for reading only: nothing is migrated or written
    /// (for commands that only read, which must never change the vault).
    ///
    /// - Throws: the errors of ``init(path:)``;
    ///   ``VaultDatabaseError/migrationsPending(path:pending:)`` for a database an older CallVault
    ///   wrote (open it for writing once); ``VaultDatabaseError/migrationsDamaged(path:detail:)``.
    public static func openReadOnly(path: String) throws -> SQLiteVaultDatabase {
        try SQLiteVaultDatabase(path: path, creating: false, readOnly: true)
    }

    private init(path: String, creating: Bool, readOnly: Bool = false) throws {
        self.path = path
        if creating {
            try VaultDatabaseFile.createEmpty(at: path)
        } else {
            try VaultDatabaseFile.checkExisting(at: path)
        }
        do {
            var configuration = Self.configuration()
            configuration.readonly = readOnly
            isReadOnly = readOnly
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch let error as DatabaseError
            where error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT
        {
            throw VaultDatabaseError(.notADatabase(path: path, reason: "\(error.resultCode)"), underlying: error)
        }
        if readOnly {
            let pending = try pool.read { db in
                let applied = try VaultMigrations.migrator.appliedIdentifiers(db)
                if applied.isEmpty { throw VaultDatabaseError.empty(path: path) }
                let unknown = applied.subtracting(VaultMigrations.identifiers)
                guard unknown.isEmpty else {
                    throw SQLiteVaultError.newerSchema(path: path, unknownMigrations: unknown.sorted())
                }
                return try MigrationTableCheck.pending(db, applied: applied, path: path)
            }
            // A repair of data runs only in an open for writing.
            guard pending.changingData.isEmpty else {
                throw VaultDatabaseError.migrationsPending(path: path, pending: pending.changingData)
            }
            if !pending.identifiers.isEmpty {
                // An older CallVault's schema (checked above: nothing of the pending migrations is
                // there): add its tables, indexes and columns, which changes no row, so the
                // commands that only read work on it.
                let writer = try DatabasePool(path: path, configuration: Self.configuration())
                try VaultMigrations.migrator.migrate(writer)
                try writer.close()
            }
            try pool.read { db in try SchemaCheck.requireExpected(db, path: path) }
            return
        }
        try pool.writeWithoutTransaction { db in
            // FULL, not NORMAL: in WAL mode NORMAL survives a process crash but a power cut may roll
            // back the last commits. Those commits are a shredded key's deletion, a legal hold, a
            // deletion journal entry, an audit entry: losing one after it was acknowledged would let
            // shredded keys come back or a signed certificate contradict the store. The cost is one
            // fsync of the WAL per transaction, and the vault commits per recording, not per segment.
            // Set here, on the pool's one writer connection, because GRDB sets NORMAL when it turns
            // WAL on, after `prepareDatabase` has run.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        try pool.write { db in
            let applied = try VaultMigrations.migrator.appliedIdentifiers(db)
            // A database no migration ever ran on is not this vault's: migrating it would start an
            // empty catalog in its place.
            if !creating && applied.isEmpty { throw VaultDatabaseError.empty(path: path) }
            let unknown = applied.subtracting(VaultMigrations.identifiers)
            // An older binary must not write to a schema it does not know: it would keep writing
            // rows a newer version's invariants (and its migrations) no longer expect.
            guard unknown.isEmpty else {
                throw SQLiteVaultError.newerSchema(path: path, unknownMigrations: unknown.sorted())
            }
            // A deleted row of the (unsigned) migration table must not re-run its migration.
            if !creating { _ = try MigrationTableCheck.pending(db, applied: applied, path: path) }
        }
        try VaultMigrations.migrator.migrate(pool)
        try pool.read { db in try SchemaCheck.requireExpected(db, path: path) }
    }

    /// The names of the schema migrations, in the order they run; a release only ever appends.
    public static var migrationIdentifiers: [String] { VaultMigrations.identifiers }

    /// The migrations applied to this database, in the order they ran.
    public func appliedMigrations() async throws -> [String] {
        try await pool.read { db in try VaultMigrations.migrator.appliedMigrations(db) }
    }

    static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.label = "CallVault vault"
        configuration.foreignKeysEnabled = true
        // Another process (a second recorder, the command-line tool) may hold the write lock for a
        // moment; wait for it instead of failing the recording.
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // Deleted rows (wrapped keys above all) are overwritten with zeros in the database file,
            // rather than left in free pages where a disk image would still show them.
            try db.execute(sql: "PRAGMA secure_delete = ON")
            // Truncate the WAL back to 4 MiB after checkpoints, so old frames (which may hold
            // copies of deleted rows) do not linger in a large file.
            try db.execute(sql: "PRAGMA journal_size_limit = 4194304")
            // A page cache of 64 MiB for the writer and 16 MiB for each reader, instead of
            // SQLite's 2 MiB: a sweep reads and rewrites rows all over a database of hundreds of
            // megabytes, and with the default every page came back through a `pread` (a 100,000-
            // recording sweep took 16 % longer). The cache grows only as pages are read.
            try db.execute(sql: "PRAGMA cache_size = \(db.configuration.readonly ? -16_384 : -65_536)")
        }
        return configuration
    }
}

public import CallVault
public import Foundation

/// A whole vault on one machine: a folder holding the SQLite database and the blob files.
///
/// ```
/// <vault>/vault.sqlite          catalog, wrapped keys, retention, audit log (+ -wal, -shm)
/// <vault>/blobs/ab/cd/<id>.cvr  encrypted recordings (<id>.cvr.partial while being written)
/// ```
///
/// A vault is created once, with ``create(at:)``, and opened with ``open(at:)`` from then on;
/// opening never creates, so a lost database is reported instead of silently replaced.
///
/// ```swift
/// let stores = try SQLiteVault.open(at: URL(fileURLWithPath: "/var/lib/callvault"))
/// let audit = try await AuditLog(sink: stores.auditSink, signingKey: key, clock: SystemWallClock())
/// let vault = Vault(
///     storage: stores.storage, audit: audit, clock: SystemWallClock(), settings: settings)
/// try await vault.recoverInterruptedRecordings()
/// ```
public struct SQLiteVault: Sendable {
    /// The vault folder.
    public let directory: URL
    /// The database.
    public let database: SQLiteVaultDatabase
    /// The blob files.
    public let blobs: FileBlobStore
    /// The wrapped data keys.
    public let keys: SQLiteKeyStore
    /// The recording catalog.
    public let catalog: SQLiteRecordingCatalog
    /// Retention schedules, holds and tombstones.
    public let retention: SQLiteRetentionStore
    /// The audit log's sink, for an `AuditLog` (and the vault's `AuditTrail`).
    public let auditSink: SQLiteAuditSink
    /// Consents given or withdrawn after the call.
    public var laterConsents: SQLiteLaterConsentStore { SQLiteLaterConsentStore(database: database) }
    /// The register of copies that left the vault.
    public var exports: SQLiteExportRegister { SQLiteExportRegister(database: database) }
    /// Complaints.
    public var complaints: SQLiteComplaintStore { SQLiteComplaintStore(database: database) }
    /// Staff training completions (signed and verified with the catalog's signing key, if it has
    /// one).
    public var training: SQLiteTrainingRegister {
        SQLiteTrainingRegister(database: database, signingKey: catalog.signingKey)
    }

    /// The stores as a `VaultStores`, for a `Vault`.
    public var storage: VaultStores {
        VaultStores(
            blobs: blobs, keys: keys, catalog: catalog, retention: retention, laterConsents: laterConsents,
            exports: exports)
    }

    /// The database file's name inside the vault folder.
    public static let databaseFileName = "vault.sqlite"
    /// The blob folder's name inside the vault folder.
    public static let blobFolderName = "blobs"

    /// Opens the existing vault in `directory` and migrates its database to the current schema.
    /// Nothing is ever created: a vault is made once, with ``create(at:)``.
    ///
    /// - Throws: ``VaultDatabaseError`` for a missing folder, a missing or empty database, or a
    ///   missing blob folder (damage to restore from a backup, never a fresh start);
    ///   ``SQLiteVaultError/newerSchema(path:unknownMigrations:)`` for a database a newer
    ///   CallVault migrated; GRDB's `DatabaseError` when the database cannot be opened.
    public static func open(at directory: URL) throws -> SQLiteVault {
        try open(atPath: directory.path)
    }

    /// Opens the existing vault in the folder at `path`; see ``open(at:)``.
    public static func open(atPath path: String) throws -> SQLiteVault {
        let databasePath = try existingDatabasePath(in: path)
        return try stores(at: path, database: try SQLiteVaultDatabase(path: databasePath))
    }

    /// Creates a new vault in `directory`: the folder (mode 0700) if it does not exist, the
    /// database (mode 0600) with the current schema, and the blob folder.
    ///
    /// ```swift
    /// let stores = try SQLiteVault.create(at: URL(fileURLWithPath: "/var/lib/callvault"))
    /// ```
    ///
    /// - Throws: ``VaultDatabaseError/alreadyExists(path:)`` when the folder already holds a
    ///   database (open it instead); ``SQLiteVaultError/io(path:operation:reason:)`` when the
    ///   folders cannot be made; GRDB's `DatabaseError`.
    public static func create(at directory: URL) throws -> SQLiteVault {
        try create(atPath: directory.path)
    }

    /// Creates a new vault in the folder at `path`; see ``create(at:)``.
    public static func create(atPath path: String) throws -> SQLiteVault {
        if try POSIXFiles.status(path) == nil {
            do {
                try FileManager.default.createDirectory(
                    atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw SQLiteVaultError(
                    .io(path: path, operation: "creating the vault folder", reason: "\(error)"), underlying: error)
            }
            try POSIXFiles.restrictToOwner(path)
        }
        let database = try SQLiteVaultDatabase.create(path: "\(path)/\(databaseFileName)")
        let stores = try stores(at: path, database: database)
        try POSIXFiles.syncDirectory(path)
        return stores
    }

    /// The database of the existing vault in the folder at `path`, after checking that the folder,
    /// the database and the blob folder are there (an open never creates any of them).
    private static func existingDatabasePath(in path: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw VaultDatabaseError.missingFolder(path: path, role: "folder")
        }
        let databasePath = "\(path)/\(databaseFileName)"
        try VaultDatabaseFile.checkExisting(at: databasePath)
        let blobPath = "\(path)/\(blobFolderName)"
        guard FileManager.default.fileExists(atPath: blobPath, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw VaultDatabaseError.missingFolder(path: blobPath, role: "blob folder")
        }
        return databasePath
    }

    /// Opens the existing vault in the folder at `path` for reading only: the database is never
    /// migrated or written (see ``SQLiteVaultDatabase/openReadOnly(path:)``: every store over it
    /// refuses to write), and the blob store is one that only reads
    /// (`FileBlobStore.init(readingFrom:)`: creating, deleting or closing a blob throws
    /// `StorageError.readOnly`).
    public static func openReadOnly(atPath path: String) throws -> SQLiteVault {
        let databasePath = try existingDatabasePath(in: path)
        return try stores(
            at: path, database: try SQLiteVaultDatabase.openReadOnly(path: databasePath),
            blobs: FileBlobStore(readingFrom: "\(path)/\(blobFolderName)"))
    }

    private static func stores(at path: String, database: SQLiteVaultDatabase, blobs: FileBlobStore? = nil) throws
        -> SQLiteVault
    {
        SQLiteVault(
            directory: URL(fileURLWithPath: path, isDirectory: true), database: database,
            blobs: try blobs ?? FileBlobStore(directory: "\(path)/\(blobFolderName)"),
            keys: SQLiteKeyStore(database: database),
            catalog: SQLiteRecordingCatalog(database: database), retention: SQLiteRetentionStore(database: database),
            auditSink: SQLiteAuditSink(database: database))
    }
}

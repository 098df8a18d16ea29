public import CallVault
public import Foundation

/// A whole vault on one machine: a folder holding the SQLite database and the blob files.
///
/// ```
/// <vault>/vault.sqlite          catalog, wrapped keys, retention, audit log (+ -wal, -shm)
/// <vault>/blobs/ab/cd/<id>.cvr  encrypted recordings (<id>.cvr.partial while being written)
/// ```
///
/// ```swift
/// let stores = try SQLiteVault.open(at: URL(fileURLWithPath: "/var/lib/callvault"))
/// let audit = try await AuditLog(sink: stores.auditSink, signingKey: key, clock: SystemWallClock())
/// let vault = Vault(
///     storage: stores.storage, audit: audit, trail: stores.auditSink, clock: SystemWallClock(), settings: settings)
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
    /// Complaints.
    public var complaints: SQLiteComplaintStore { SQLiteComplaintStore(database: database) }
    /// Staff training completions.
    public var training: SQLiteTrainingRegister { SQLiteTrainingRegister(database: database) }

    /// The stores as a `VaultStorage`, for a `Vault`.
    public var storage: VaultStorage {
        VaultStorage(blobs: blobs, keys: keys, catalog: catalog, retention: retention)
    }

    /// The database file's name inside the vault folder.
    public static let databaseFileName = "vault.sqlite"
    /// The blob folder's name inside the vault folder.
    public static let blobFolderName = "blobs"

    /// Opens the vault in `directory`, creating the folder (mode 0700), the database and the blob
    /// folder on first use, and migrating the database to the current schema.
    ///
    /// - Throws: ``SQLiteVaultError/io(path:operation:reason:)`` when the folders cannot be made,
    ///   ``SQLiteVaultError/newerSchema(path:unknownMigrations:)`` for a database a newer
    ///   CallVault migrated, or GRDB's `DatabaseError` when the database cannot be opened.
    public static func open(at directory: URL) throws -> SQLiteVault {
        try open(atPath: directory.path)
    }

    /// Opens the vault in the folder at `path`; see ``open(at:)``.
    public static func open(atPath path: String) throws -> SQLiteVault {
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw SQLiteVaultError.io(path: path, operation: "creating the vault folder", reason: "\(error)")
        }
        let database = try SQLiteVaultDatabase(path: "\(path)/\(databaseFileName)")
        return SQLiteVault(
            directory: URL(fileURLWithPath: path, isDirectory: true), database: database,
            blobs: try FileBlobStore(directory: "\(path)/\(blobFolderName)"), keys: SQLiteKeyStore(database: database),
            catalog: SQLiteRecordingCatalog(database: database), retention: SQLiteRetentionStore(database: database),
            auditSink: SQLiteAuditSink(database: database))
    }
}

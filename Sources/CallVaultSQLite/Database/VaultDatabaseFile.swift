import CallVaultSupport
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The database file on disk: made only by a create, checked before every open, and kept 0600.
///
/// SQLite creates a database with mode 0644 (less the umask) and gives its `-wal` and `-shm` files
/// the database's own mode; so the file is made here first, empty, with mode 0600 set explicitly,
/// and SQLite then opens it and copies that mode to the others.
enum VaultDatabaseFile {
    /// The suffixes of the files SQLite keeps beside the database in WAL mode.
    static let companions = ["-wal", "-shm"]

    /// Makes the empty database file (mode 0600), refusing to replace one.
    ///
    /// - Throws: ``VaultDatabaseError/alreadyExists(path:)``; `SQLiteVaultError.io`.
    static func createEmpty(at path: String) throws {
        let file: SystemFile
        do {
            file = try SystemFile.create(path)
        } catch {
            if error.errorNumber == EEXIST { throw VaultDatabaseError.alreadyExists(path: path) }
            throw POSIXFiles.failure(error)
        }
        guard fchmod(file.descriptor, 0o600) == 0 else {
            throw POSIXFiles.failure(.system("fchmod", "set the database's mode", path))
        }
        try POSIXFiles.reporting { () throws(SystemCallError) in try file.synchronize() }
    }

    /// Checks that an existing vault's database is there and not empty, and takes away any access
    /// others have to it and its companions (vaults made before 0600 was set had 0644).
    ///
    /// - Throws: ``VaultDatabaseError/missing(path:)``, ``VaultDatabaseError/empty(path:)``;
    ///   `SQLiteVaultError.io` when the modes cannot be tightened.
    static func checkExisting(at path: String) throws {
        guard let status = try POSIXFiles.status(path) else { throw VaultDatabaseError.missing(path: path) }
        guard status.size > 0 else { throw VaultDatabaseError.empty(path: path) }
        for file in [path] + companions.map({ path + $0 }) {
            try POSIXFiles.restrictToOwner(file)
        }
    }
}

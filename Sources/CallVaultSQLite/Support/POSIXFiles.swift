import CallVaultSupport

/// The support layer's file calls (`SystemFile`, `FileSystem`) with their failures reported as
/// ``SQLiteVaultError/io(path:operation:reason:)``, for the database file and the vault folder.
enum POSIXFiles {
    /// The error of a failed system call, keeping the system's cause (a `POSIXError` for its
    /// `errno`) as the underlying error.
    static func failure(_ error: SystemCallError) -> SQLiteVaultError {
        SQLiteVaultError(
            .io(path: error.path, operation: error.operation, reason: error.reason), underlying: error.underlyingCause)
    }

    /// Runs `body`, reporting a failed system call as a ``SQLiteVaultError``.
    static func reporting<Result>(_ body: () throws(SystemCallError) -> Result) throws(SQLiteVaultError) -> Result {
        try SystemCallError.mapping(body, to: failure)
    }

    /// Flushes a folder to disk, so a name created, renamed or removed in it survives a power cut.
    static func syncDirectory(_ path: String) throws(SQLiteVaultError) {
        try reporting { () throws(SystemCallError) in try FileSystem.synchronizeDirectory(path) }
    }

    /// Creates a folder (mode 0700); returns whether it was created (false: it existed).
    static func makeDirectory(_ path: String) throws(SQLiteVaultError) -> Bool {
        try reporting { () throws(SystemCallError) in try FileSystem.makeDirectory(path) }
    }

    /// Takes away the group's and others' access to a file or folder (see
    /// `FileSystem.restrictToOwner(_:)`).
    static func restrictToOwner(_ path: String) throws(SQLiteVaultError) {
        try reporting { () throws(SystemCallError) in try FileSystem.restrictToOwner(path) }
    }

    /// A file's size and modification time, or `nil` when nothing is at `path`.
    static func status(_ path: String) throws(SQLiteVaultError) -> FileSystem.Status? {
        try reporting { () throws(SystemCallError) in try FileSystem.status(path) }
    }

    /// Removes a file; returns whether it existed.
    static func remove(_ path: String) throws(SQLiteVaultError) -> Bool {
        try reporting { () throws(SystemCallError) in try FileSystem.removeFile(path) }
    }
}

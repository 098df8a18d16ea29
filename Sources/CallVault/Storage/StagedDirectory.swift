package import CallVaultSupport
package import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A folder built beside its destination under a temporary name and renamed into place only when
/// whole, so a crash at any moment leaves the destination absent (or the empty folder it was) or
/// complete, never half-built: how a new vault and a legal export are written.
///
/// The temporary folder is `.<name>.callvault-<kind>-<random>` in the destination's parent (one
/// file system, so the rename is atomic), mode 0700. While it is being built its builder holds an
/// exclusive `flock` on it, which the operating system drops when the builder dies: a folder of
/// that name nobody holds is a leftover of a killed run (``leftovers()``), never a vault or a
/// package, and is safe to remove.
///
/// Every file call goes through the support layer (`SystemFile`, `FileSystem`), so its fault
/// hook reaches the flushes that make the folder durable.
package struct StagedDirectory {
    /// Where the folder ends up.
    package let destination: URL
    /// What is built (`init`, `export`), part of the temporary folder's name.
    package let kind: String
    /// The flush calls the build makes (tests make them fail).
    package let calls: SystemCalls

    /// A staging for `destination`.
    package init(_ destination: URL, kind: String, calls: SystemCalls = .system) {
        self.destination = destination.standardizedFileURL
        self.kind = kind
        self.calls = calls
    }

    private var parent: String { destination.deletingLastPathComponent().path }
    /// The temporary folders' common prefix, without the random part.
    package var prefix: String { ".\(destination.lastPathComponent).callvault-\(kind)-" }

    /// Temporary folders of this destination that no live builder holds: what a killed run left.
    ///
    /// A folder staged for one of these temporary folders is a leftover too: a builder that
    /// stages something inside its own staging (the demo stages a vault, whose init stages
    /// itself) makes `..<name>.callvault-<kind>-<r>.callvault-<inner>-<s>` beside it, which a
    /// kill leaves together with the outer one.
    package func leftovers() throws(StagedDirectoryError) -> [URL] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: parent)
        } catch {
            // No parent folder: nothing was ever staged there.
            if !FileManager.default.fileExists(atPath: parent) { return [] }
            throw .io(path: parent, operation: "listing the folder", reason: "\(error)", underlying: error)
        }
        var found: [URL] = []
        for name in names.sorted() where name.hasPrefix(prefix) || name.hasPrefix("." + prefix) {
            let path = parent + "/" + name
            guard let folder = try? SystemFile.open(path, flags: O_RDONLY | O_DIRECTORY | O_NOFOLLOW) else { continue }
            // Held: another run is building it right now.
            guard flock(folder.descriptor, LOCK_EX | LOCK_NB) == 0 else { continue }
            found.append(URL(fileURLWithPath: path, isDirectory: true))
        }
        return found
    }

    /// Removes the leftovers of killed runs; returns what was removed.
    @discardableResult
    package func removeLeftovers() throws(StagedDirectoryError) -> [URL] {
        let found = try leftovers()
        for url in found {
            do {
                try FileManager.default.removeItem(at: url)
            } catch {
                throw .io(
                    path: url.path, operation: "removing a half-built folder", reason: "\(error)", underlying: error)
            }
        }
        return found
    }

    /// Builds the folder: makes the temporary folder, lets `body` fill it, makes every file and
    /// folder in it durable, renames it onto the destination (which must not exist, or be an empty
    /// folder) and makes the rename durable. On a failure the temporary folder is removed.
    ///
    /// - Throws: ``StagedDirectoryError/destinationNotEmpty(path:)``; `body`'s errors;
    ///   ``StagedDirectoryError/io(path:operation:reason:underlying:)``.
    package func build(_ body: (URL) throws -> Void) throws {
        try makeParent()
        let staging: String
        let folder: SystemFile
        do throws(SystemCallError) {
            staging = try FileSystem.makeTemporaryDirectory(parent + "/" + prefix)
        } catch {
            throw StagedDirectoryError.failure("creating a temporary folder", error)
        }
        do throws(SystemCallError) {
            folder = try SystemFile.open(staging, flags: O_RDONLY | O_DIRECTORY, calls: calls)
        } catch {
            throw StagedDirectoryError.failure("opening", error)
        }
        defer {
            // Unlock before closing: a child process forked meanwhile (by any thread of the host)
            // holds a copy of the descriptor until it execs, and would keep the finished folder
            // locked against the vault's own open.
            flock(folder.descriptor, LOCK_UN)
        }
        do {
            guard flock(folder.descriptor, LOCK_EX) == 0 else {
                throw StagedDirectoryError.failure("locking", .system("flock", "lock", staging))
            }
            do throws(SystemCallError) {
                try folder.setMode(0o700)
            } catch {
                throw StagedDirectoryError.failure("chmod", error)
            }
            try body(URL(fileURLWithPath: staging, isDirectory: true))
            try Self.syncTree(staging, calls: calls)
            do throws(SystemCallError) {
                try FileSystem.rename(staging, to: destination.path)
            } catch {
                let code = error.errorNumber ?? 0
                if code == ENOTEMPTY || code == EEXIST || code == ENOTDIR || code == EISDIR {
                    throw StagedDirectoryError.destinationNotEmpty(path: destination.path)
                }
                throw StagedDirectoryError.io(
                    path: destination.path, operation: "renaming \(staging) to", reason: error.reason,
                    underlying: error.underlyingCause)
            }
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
        try Self.sync(parent, directory: true, calls: calls)
    }

    /// Writes a new file (mode 0600, set explicitly whatever the umask), refusing to replace one,
    /// and syncs it.
    package static func writeNewFile(_ bytes: [UInt8], to path: String, calls: SystemCalls = .system)
        throws(StagedDirectoryError)
    {
        let file: SystemFile
        do throws(SystemCallError) {
            file = try SystemFile.open(path, flags: O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, calls: calls)
        } catch {
            throw .failure("creating", error)
        }
        do throws(SystemCallError) {
            try file.setMode(0o600)
            try file.append(bytes)
            try file.synchronize()
        } catch {
            // The operations as this folder's errors have always named them.
            let operation =
                switch error.call {
                case "write": "writing"
                case "fchmod": "chmod"
                default: error.call
                }
            throw .failure(operation, error)
        }
    }

    /// Makes a folder (mode 0700, set explicitly) if it does not exist.
    package static func makeFolder(_ path: String) throws(StagedDirectoryError) {
        do throws(SystemCallError) {
            _ = try FileSystem.makeDirectory(path)
        } catch {
            throw .failure(error.call, error)
        }
    }

    private func makeParent() throws(StagedDirectoryError) {
        guard !FileManager.default.fileExists(atPath: parent) else { return }
        do {
            try FileManager.default.createDirectory(
                atPath: parent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .io(path: parent, operation: "creating the folder", reason: "\(error)", underlying: error)
        }
    }

    /// Syncs every file and folder under `root`, folders after what they hold.
    private static func syncTree(_ root: String, calls: SystemCalls) throws(StagedDirectoryError) {
        let names: [String]
        do {
            names = try FileManager.default.subpathsOfDirectory(atPath: root)
        } catch {
            throw .io(path: root, operation: "listing the folder", reason: "\(error)", underlying: error)
        }
        for name in names.sorted(by: >) {
            var info = stat()
            let path = root + "/" + name
            guard lstat(path, &info) == 0 else { throw .failure("stat", .system("lstat", "inspect", path)) }
            let mode = info.st_mode & S_IFMT
            if mode == S_IFDIR || mode == S_IFREG { try sync(path, directory: mode == S_IFDIR, calls: calls) }
        }
        try sync(root, directory: true, calls: calls)
    }

    private static func sync(_ path: String, directory: Bool, calls: SystemCalls) throws(StagedDirectoryError) {
        let file: SystemFile
        do throws(SystemCallError) {
            file = try SystemFile.open(path, flags: O_RDONLY | (directory ? O_DIRECTORY : 0), calls: calls)
        } catch {
            throw .failure("opening to sync", error)
        }
        do throws(SystemCallError) {
            try file.synchronize()
        } catch {
            throw .failure("fsync", error)
        }
    }
}

/// What building a staged folder reports; callers turn it into their own module's errors.
package enum StagedDirectoryError: Error, Equatable, CustomStringConvertible {
    /// The destination holds files (or is a file): nothing there is replaced.
    case destinationNotEmpty(path: String)
    /// A file operation failed; `underlying` is the system's cause (a `POSIXError` for an `errno`)
    /// or Foundation's error, kept for the public error the caller reports it as.
    case io(path: String, operation: String, reason: String, underlying: (any Error)?)

    /// `operation` failed on the file the support layer's error names, for its reason.
    static func failure(_ operation: String, _ error: SystemCallError) -> StagedDirectoryError {
        .io(path: error.path, operation: operation, reason: error.reason, underlying: error.underlyingCause)
    }

    /// Two errors are equal when they are the same kind for the same file, operation and reason
    /// (the underlying cause is not compared).
    package static func == (lhs: StagedDirectoryError, rhs: StagedDirectoryError) -> Bool {
        switch (lhs, rhs) {
        case (.destinationNotEmpty(let left), .destinationNotEmpty(let right)): left == right
        case (.io(let leftPath, let leftOperation, let leftReason, _), .io(let path, let operation, let reason, _)):
            leftPath == path && leftOperation == operation && leftReason == reason
        default: false
        }
    }

    package var description: String {
        switch self {
        case .destinationNotEmpty(let path):
            "\(path) already holds files; nothing there was replaced. Choose a new or empty folder."
        case .io(let path, let operation, let reason, _):
            "\(operation) failed for \(path): \(reason). Check that the disk is not full and that the folder is writable, then retry."
        }
    }
}

package import Foundation

#if canImport(Glibc)
    import Glibc
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
package struct StagedDirectory {
    /// Where the folder ends up.
    package let destination: URL
    /// What is built (`init`, `export`), part of the temporary folder's name.
    package let kind: String

    /// A staging for `destination`.
    package init(_ destination: URL, kind: String) {
        self.destination = destination.standardizedFileURL
        self.kind = kind
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
            throw .io(path: parent, operation: "listing the folder", reason: "\(error)")
        }
        var found: [URL] = []
        for name in names.sorted() where name.hasPrefix(prefix) || name.hasPrefix("." + prefix) {
            let path = parent + "/" + name
            let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
            guard descriptor >= 0 else { continue }
            defer { close(descriptor) }
            // Held: another run is building it right now.
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { continue }
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
                throw .io(path: url.path, operation: "removing a half-built folder", reason: "\(error)")
            }
        }
        return found
    }

    /// Builds the folder: makes the temporary folder, lets `body` fill it, makes every file and
    /// folder in it durable, renames it onto the destination (which must not exist, or be an empty
    /// folder) and makes the rename durable. On a failure the temporary folder is removed.
    ///
    /// - Throws: ``StagedDirectoryError/destinationNotEmpty(path:)``; `body`'s errors;
    ///   ``StagedDirectoryError/io(path:operation:reason:)``.
    package func build(_ body: (URL) throws -> Void) throws {
        try makeParent()
        var template = Array((parent + "/" + prefix + "XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { mkdtemp($0) != nil } ?? false
        }
        guard made else { throw StagedDirectoryError.failure(parent, "creating a temporary folder") }
        let staging =
            template.withUnsafeBufferPointer { buffer in buffer.baseAddress.map { String(cString: $0) } } ?? ""
        let descriptor = open(staging, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StagedDirectoryError.failure(staging, "opening") }
        defer {
            // Unlock before closing: a child process forked meanwhile (by any thread of the host)
            // holds a copy of the descriptor until it execs, and would keep the finished folder
            // locked against the vault's own open.
            flock(descriptor, LOCK_UN)
            close(descriptor)
        }
        do {
            guard flock(descriptor, LOCK_EX) == 0 else { throw StagedDirectoryError.failure(staging, "locking") }
            guard fchmod(descriptor, 0o700) == 0 else { throw StagedDirectoryError.failure(staging, "chmod") }
            try body(URL(fileURLWithPath: staging, isDirectory: true))
            try Self.syncTree(staging)
            guard rename(staging, destination.path) == 0 else {
                let code = errno
                if code == ENOTEMPTY || code == EEXIST || code == ENOTDIR || code == EISDIR {
                    throw StagedDirectoryError.destinationNotEmpty(path: destination.path)
                }
                throw StagedDirectoryError.failure(destination.path, "renaming \(staging) to", code)
            }
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
        try Self.sync(parent, directory: true)
    }

    /// Writes a new file (mode 0600, set explicitly whatever the umask), refusing to replace one,
    /// and syncs it.
    package static func writeNewFile(_ bytes: [UInt8], to path: String) throws(StagedDirectoryError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { throw .failure(path, "creating") }
        defer { close(descriptor) }
        guard fchmod(descriptor, 0o600) == 0 else { throw .failure(path, "chmod") }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress.map { $0 + written }, bytes.count - written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw .failure(path, "writing")
            }
            written += count
        }
        while fsync(descriptor) != 0 {
            if errno != EINTR { throw .failure(path, "fsync") }
        }
    }

    /// Makes a folder (mode 0700, set explicitly) if it does not exist.
    package static func makeFolder(_ path: String) throws(StagedDirectoryError) {
        if mkdir(path, 0o700) != 0 {
            guard errno == EEXIST else { throw .failure(path, "mkdir") }
            return
        }
        guard chmod(path, 0o700) == 0 else { throw .failure(path, "chmod") }
    }

    private func makeParent() throws(StagedDirectoryError) {
        guard !FileManager.default.fileExists(atPath: parent) else { return }
        do {
            try FileManager.default.createDirectory(
                atPath: parent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .io(path: parent, operation: "creating the folder", reason: "\(error)")
        }
    }

    /// Syncs every file and folder under `root`, folders after what they hold.
    private static func syncTree(_ root: String) throws(StagedDirectoryError) {
        let names: [String]
        do {
            names = try FileManager.default.subpathsOfDirectory(atPath: root)
        } catch {
            throw .io(path: root, operation: "listing the folder", reason: "\(error)")
        }
        for name in names.sorted(by: >) {
            var info = stat()
            let path = root + "/" + name
            guard lstat(path, &info) == 0 else { throw .failure(path, "stat") }
            let mode = info.st_mode & S_IFMT
            if mode == S_IFDIR || mode == S_IFREG { try sync(path, directory: mode == S_IFDIR) }
        }
        try sync(root, directory: true)
    }

    private static func sync(_ path: String, directory: Bool) throws(StagedDirectoryError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | (directory ? O_DIRECTORY : 0))
        guard descriptor >= 0 else { throw .failure(path, "opening to sync") }
        defer { close(descriptor) }
        while fsync(descriptor) != 0 {
            if errno != EINTR { throw .failure(path, "fsync") }
        }
    }
}

/// What building a staged folder reports; callers turn it into their own module's errors.
package enum StagedDirectoryError: Error, Equatable, CustomStringConvertible {
    /// The destination holds files (or is a file): nothing there is replaced.
    case destinationNotEmpty(path: String)
    /// A file operation failed.
    case io(path: String, operation: String, reason: String)

    static func failure(_ path: String, _ operation: String, _ code: Int32 = errno) -> StagedDirectoryError {
        .io(path: path, operation: operation, reason: String(cString: strerror(code)))
    }

    package var description: String {
        switch self {
        case .destinationNotEmpty(let path):
            "\(path) already holds files; nothing there was replaced. Choose a new or empty folder."
        case .io(let path, let operation, let reason):
            "\(operation) failed for \(path): \(reason). Check that the disk is not full and that the folder is writable, then retry."
        }
    }
}

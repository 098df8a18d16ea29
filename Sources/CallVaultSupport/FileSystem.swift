#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The folder-level calls CallVault's file code makes: making folders and names durable,
/// renaming, removing, and inspecting by path. Each failure is a ``SystemCallError``.
package enum FileSystem {
    /// A file's size and last modification, from `stat`.
    package struct Status: Equatable, Sendable {
        /// Bytes.
        package let size: UInt64
        /// The last modification, in seconds since 1970 (with the fraction the file system keeps).
        package let modifiedSecondsSince1970: Double
    }

    /// The folder part of `path`: `.` for a bare name, `/` for a name in the root.
    package static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Flushes a folder to disk (`fsync` of the folder), so a name created, renamed or removed in
    /// it survives a power cut.
    package static func synchronizeDirectory(_ path: String) throws(SystemCallError) {
        let folder: SystemFile
        do {
            folder = try SystemFile.open(path, flags: O_RDONLY | O_DIRECTORY)
        } catch {
            throw SystemCallError(call: "open", operation: "open the folder", path: path, cause: error.cause)
        }
        try folder.synchronize()
    }

    /// `rename(2)`: atomic on one file system, replacing any file at `destination`.
    package static func rename(_ source: String, to destination: String) throws(SystemCallError) {
        guard systemRename(source, destination) == 0 else {
            throw .system("rename", "rename to '\(destination)'", source)
        }
    }

    /// Removes a file; returns whether it existed.
    package static func removeFile(_ path: String) throws(SystemCallError) -> Bool {
        if unlink(path) == 0 { return true }
        if errno == ENOENT { return false }
        throw .system("unlink", "remove", path)
    }

    /// Creates a folder with mode 0700 (set explicitly, whatever the umask); returns whether it
    /// was created (false: it existed).
    package static func makeDirectory(_ path: String) throws(SystemCallError) -> Bool {
        if mkdir(path, 0o700) == 0 {
            guard chmod(path, 0o700) == 0 else { throw .system("chmod", "restrict the folder to its owner", path) }
            return true
        }
        if errno == EEXIST { return false }
        throw .system("mkdir", "create the folder", path)
    }

    /// Creates a new folder named `prefix` followed by six random characters (`mkdtemp`), mode
    /// 0700; returns its path.
    package static func makeTemporaryDirectory(_ prefix: String) throws(SystemCallError) -> String {
        var template = Array((prefix + "XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { mkdtemp($0) != nil } ?? false
        }
        guard made else { throw .system("mkdtemp", "create a temporary folder in", directory(of: prefix)) }
        return template.withUnsafeBufferPointer { buffer in buffer.baseAddress.map { String(cString: $0) } } ?? ""
    }

    /// A file's size and modification time, or `nil` when nothing is at `path`.
    package static func status(_ path: String) throws(SystemCallError) -> Status? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw .system("stat", "inspect", path)
        }
        #if canImport(Darwin)
            let time = info.st_mtimespec
        #else
            let time = info.st_mtim
        #endif
        return Status(
            size: UInt64(max(0, info.st_size)),
            modifiedSecondsSince1970: Double(time.tv_sec) + Double(time.tv_nsec) / 1e9)
    }

    /// Takes away the group's and others' access to a file or folder, if it exists and has any.
    /// A file this process may not change (another owner's, or on a read-only mount, such as a
    /// backup being examined) is left as it is: it can still be read, and tightening it is not
    /// this process's to do.
    package static func restrictToOwner(_ path: String) throws(SystemCallError) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { return }
            throw .system("stat", "inspect", path)
        }
        let mode = info.st_mode & 0o7777
        guard mode & 0o077 != 0 else { return }
        guard chmod(path, mode & 0o700) == 0 else {
            if errno == EPERM || errno == EROFS { return }
            throw .system("chmod", "restrict the mode to the owner", path)
        }
    }
}

/// The system's `rename`, which `FileSystem.rename` hides.
private func systemRename(_ source: String, _ destination: String) -> Int32 {
    rename(source, destination)
}

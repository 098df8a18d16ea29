import CallVaultSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Temporary output files that never leave their contents behind.
///
/// Outputs (decrypted audio, envelopes, identity files) are written to a temporary file in the
/// destination's folder and appear at the destination only when complete. On Linux the temporary
/// file is unnamed (`O_TMPFILE`): it is in no folder while it is written, so if the process is
/// killed, even with `SIGKILL`, the kernel frees it and nothing is left, not even a name; once
/// complete it is linked into place (`linkat` through `/proc/self/fd`). Where `O_TMPFILE` is not
/// supported (some file systems, non-Linux systems) it is a hidden named file, locked with `flock`
/// while its process lives; a later output into the same folder removes any such file whose lock
/// is free, that is, whose writer died.
extension OpenFile {
    /// The start of a named temporary file's name.
    static let temporaryPrefix = ".callvault-partial."

    #if os(Linux) && (arch(x86_64) || arch(arm64))
        /// `O_TMPFILE` (`__O_TMPFILE | O_DIRECTORY`; the C macro is not imported into Swift).
        static let unnamedTemporaryFlag: Int32 = 0o20_000_000 | O_DIRECTORY
    #endif

    /// Creates a temporary output file, readable only by its owner, in `destination`'s folder,
    /// after removing any temporaries left there by writers that died.
    ///
    /// - Parameters:
    ///   - destination: the path the output will be moved to; the temporary is made in its folder.
    ///   - allowUnnamed: `false` forces the named form (for tests of it).
    /// - Returns: the open temporary file, unnamed (`O_TMPFILE`) where the system allows it, else
    ///   named and locked by this process.
    /// - Throws: ``FileError`` when the file cannot be created or locked.
    static func temporary(besides destination: String, allowUnnamed: Bool = true) throws -> OpenFile {
        let directory = FileSystem.directory(of: destination)
        removeAbandonedTemporaries(in: directory)
        if allowUnnamed, let descriptor = openUnnamed(in: directory) {
            let file = SystemFile(adopting: descriptor, path: destination)
            return OpenFile(file: file, path: destination, temporary: .unnamed)
        }
        let name = destination.split(separator: "/").last.map(String.init) ?? "output"
        var template = Array("\(directory)/\(temporaryPrefix)\(name).XXXXXX".utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else { throw FileError.fromErrno("create a temporary file beside", destination) }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            unlink(path)
            close(descriptor)
            throw FileError.fromErrno("lock a temporary file beside", destination, code)
        }
        return OpenFile(file: SystemFile(adopting: descriptor, path: path), path: destination, temporary: .named(path))
    }

    /// An unnamed file in `directory`, locked, or `nil` where that is not supported.
    private static func openUnnamed(in directory: String) -> Int32? {
        #if os(Linux) && (arch(x86_64) || arch(arm64))
            // Linking it into place goes through /proc/self/fd; without /proc, use a named file.
            guard access("/proc/self/fd", F_OK) == 0 else { return nil }
            let descriptor = open(directory, unnamedTemporaryFlag | O_RDWR | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { return nil }
            // Locked like a named one: while it is briefly linked under a temporary name to
            // replace an existing file, no other writer's clean-up may take it.
            _ = flock(descriptor, LOCK_EX | LOCK_NB)
            return descriptor
        #else
            return nil
        #endif
    }

    /// Removes temporary outputs in `directory` whose writer died (their lock is free); also the
    /// hidden `.NAME.callvault-XXXXXX` files earlier versions left when killed.
    static func removeAbandonedTemporaries(in directory: String) {
        guard let folder = opendir(directory) else { return }
        defer { closedir(folder) }
        var names: [String] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if isTemporaryName(name) { names.append(name) }
        }
        for name in names {
            let path = directory + "/" + name
            let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
            guard descriptor >= 0 else { continue }
            defer { close(descriptor) }
            var info = stat()
            guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
                flock(descriptor, LOCK_EX | LOCK_NB) == 0
            else { continue }
            unlink(path)
        }
    }

    /// Whether `name` is one of ours: `.callvault-partial.NAME.XXXXXX`, or an earlier version's
    /// `.NAME.callvault-XXXXXX`.
    static func isTemporaryName(_ name: String) -> Bool {
        if name.hasPrefix(temporaryPrefix) { return true }
        let bytes = Array(name.utf8)
        let marker = Array(".callvault-".utf8)
        guard bytes.first == UInt8(ascii: "."), bytes.count > marker.count + 7 else { return false }
        let random = bytes.suffix(6)
        return Array(bytes.dropLast(6).suffix(marker.count)) == marker
            && random.allSatisfy { (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) }
    }

    /// Makes this complete temporary file appear at `destination`, atomically: flushed to disk,
    /// then linked (or renamed) into place, replacing a regular file there, and the folder entry
    /// made durable. The destination is checked again just before, with `inputs`.
    func commit(as destination: String, distinctFrom inputs: [OutputDestination.FileIdentity]) throws {
        try synchronize()
        try OutputDestination.check(destination, distinctFrom: inputs)
        switch temporary {
        case .named(let name):
            guard rename(name, destination) == 0 else { throw FileError.fromErrno("rename into place", destination) }
        case .unnamed:
            try linkUnnamed(at: destination)
        case nil:
            throw FileError(operation: "commit", path: destination, reason: "it is not a temporary output")
        }
        // Best effort, as before: the file is complete and in place; a folder that cannot be
        // flushed (some network file systems refuse) leaves only the name's durability to the system.
        try? FileSystem.synchronizeDirectory(FileSystem.directory(of: destination))
    }

    private func linkUnnamed(at destination: String) throws {
        let handle = "/proc/self/fd/\(descriptor)"
        if linkat(AT_FDCWD, handle, AT_FDCWD, destination, AT_SYMLINK_FOLLOW) == 0 { return }
        guard errno == EEXIST else { throw FileError.fromErrno("link into place", destination) }
        // A regular file is there (checked just before): link under a hidden name, then rename
        // over it, so the destination always holds either the old file or the whole new one.
        let directory = FileSystem.directory(of: destination)
        let name = destination.split(separator: "/").last.map(String.init) ?? "output"
        for _ in 0..<16 {
            let suffix = String(UInt64.random(in: 0..<(1 << 40)), radix: 36)
            let temporary = "\(directory)/\(Self.temporaryPrefix)\(name).\(suffix)"
            guard linkat(AT_FDCWD, handle, AT_FDCWD, temporary, AT_SYMLINK_FOLLOW) == 0 else {
                if errno == EEXIST { continue }
                throw FileError.fromErrno("link into place", destination)
            }
            guard rename(temporary, destination) == 0 else {
                let code = errno
                unlink(temporary)
                throw FileError.fromErrno("rename into place", destination, code)
            }
            return
        }
        throw FileError(operation: "link into place", path: destination, reason: "no free temporary name was found")
    }

    /// Deletes a named temporary file; an unnamed one vanishes when its descriptor is closed.
    func discard() {
        if case .named(let name) = temporary { unlink(name) }
    }
}

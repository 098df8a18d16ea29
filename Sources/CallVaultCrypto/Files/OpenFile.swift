#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file descriptor with whole-buffer positional reads and writes that retry on `EINTR` and short
/// transfers, closed when released. Positional I/O lets several threads share one descriptor.
final class OpenFile: @unchecked Sendable {
    let descriptor: Int32
    let path: String

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit {
        close(descriptor)
    }

    static func forReading(_ path: String) throws -> OpenFile {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileError.fromErrno("open", path) }
        return OpenFile(descriptor: fd, path: path)
    }

    /// Creates a new, empty temporary file beside `destination`, readable only by its owner.
    static func temporary(besides destination: String) throws -> OpenFile {
        let directory = Self.directory(of: destination)
        let name = destination.split(separator: "/").last.map(String.init) ?? "output"
        var template = Array("\(directory)/.\(name).callvault-XXXXXX".utf8CString)
        let fd = mkstemp(&template)
        guard fd >= 0 else { throw FileError.fromErrno("create a temporary file beside", destination) }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return OpenFile(descriptor: fd, path: path)
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    func size() throws -> UInt64 {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw FileError.fromErrno("inspect", path) }
        return UInt64(info.st_size)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws {
        var done = 0
        while done < buffer.count {
            let count = pread(
                descriptor, buffer.baseAddress.map { $0 + done }, buffer.count - done, off_t(offset) + off_t(done))
            if count < 0 {
                if errno == EINTR { continue }
                throw FileError.fromErrno("read", path)
            }
            guard count > 0 else {
                throw FileError(
                    operation: "read", path: path,
                    reason:
                        "it ends at byte \(offset + UInt64(done)), before the \(buffer.count) bytes expected there (did it change while being read?)"
                )
            }
            done += count
        }
    }

    func write(_ buffer: UnsafeRawBufferPointer, at offset: UInt64) throws {
        var done = 0
        while done < buffer.count {
            let count = pwrite(
                descriptor, buffer.baseAddress.map { $0 + done }, buffer.count - done, off_t(offset) + off_t(done))
            if count < 0 {
                if errno == EINTR { continue }
                throw FileError.fromErrno("write", path)
            }
            done += count
        }
    }

    /// Reserves `length` bytes on disk so the writes that follow need no block allocation (on ext4
    /// that makes writing a large file several times faster). Best effort: if it fails, the writes
    /// allocate as they go and report any real shortage of space themselves.
    func preallocate(_ length: UInt64) {
        #if os(Linux)
            if length > 0 { _ = posix_fallocate(descriptor, 0, off_t(length)) }
        #endif
    }

    /// Starts writing `range` back to disk without waiting, so the final `fsync` has little left to
    /// do. On Linux `POSIX_FADV_DONTNEED` begins writeback of dirty pages in the range (and lets the
    /// kernel drop them once written, which also keeps a large output from crowding the page cache).
    func startWriteback(offset: UInt64, count: Int) {
        #if os(Linux)
            _ = posix_fadvise(descriptor, off_t(offset), off_t(count), POSIX_FADV_DONTNEED)
        #endif
    }

    func synchronize() throws {
        guard fsync(descriptor) == 0 else { throw FileError.fromErrno("flush to disk", path) }
    }

    /// Moves this (temporary) file over `destination` atomically, then persists the directory entry.
    func commit(as destination: String) throws {
        try synchronize()
        guard rename(path, destination) == 0 else { throw FileError.fromErrno("rename into place", destination) }
        let directory = open(Self.directory(of: destination), O_RDONLY | O_CLOEXEC)
        if directory >= 0 {
            _ = fsync(directory)
            close(directory)
        }
    }

    /// Deletes this (temporary) file.
    func discard() {
        unlink(path)
    }
}

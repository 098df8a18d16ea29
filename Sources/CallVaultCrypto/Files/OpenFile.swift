#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file descriptor with whole-buffer positional reads and writes that retry on `EINTR` and short
/// transfers, closed when released. Positional I/O lets several threads share one descriptor.
final class OpenFile: @unchecked Sendable {
    let descriptor: Int32
    /// The file's path; for a temporary output, the destination it will appear at.
    let path: String
    /// How a temporary output exists until it is committed (see `OpenFile+Temporary.swift`).
    let temporary: Temporary?

    /// A temporary output file.
    enum Temporary {
        /// Unnamed (`O_TMPFILE`): nothing of it exists in any folder until it is linked into place.
        case unnamed
        /// Named (on file systems without `O_TMPFILE`), hidden and locked while this process lives.
        case named(String)
    }

    init(descriptor: Int32, path: String, temporary: Temporary? = nil) {
        self.descriptor = descriptor
        self.path = path
        self.temporary = temporary
    }

    deinit {
        close(descriptor)
    }

    static func forReading(_ path: String) throws -> OpenFile {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileError.fromErrno("open", path) }
        return OpenFile(descriptor: fd, path: path)
    }

    /// Opens `path` for reading if it is a regular file, without blocking on a pipe that has no
    /// writer (`open` of a FIFO waits for one), and refuses anything else with `reason`.
    static func forReadingRegularFile(_ path: String, reason: String) throws -> OpenFile {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw FileError.fromErrno("open", path) }
        let file = OpenFile(descriptor: fd, path: path)
        guard try file.isRegularFile() else { throw FileError(operation: "read", path: path, reason: reason) }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return file
    }

    /// Whether this is a regular file (not a pipe, device or socket, which have no length and no
    /// positions to read at).
    func isRegularFile() throws -> Bool {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw FileError.fromErrno("inspect", path) }
        return info.st_mode & S_IFMT == S_IFREG
    }

    /// Reads up to `buffer.count` bytes from the current position (for pipes and devices), retrying
    /// on `EINTR`; 0 at the end.
    func readSequentially(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let count = systemRead(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno != EINTR { throw FileError.fromErrno("read", path) }
        }
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

}

/// The system's `read`, which `OpenFile`'s own `read(into:at:)` hides inside the class.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

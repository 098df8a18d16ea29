#if canImport(Glibc)
    package import Glibc
#elseif canImport(Musl)
    package import Musl
#elseif canImport(Darwin)
    package import Darwin
#endif

/// An open file: whole-buffer positional reads and writes that retry on `EINTR` and on short
/// transfers, flushes, and its size; closed when released.
///
/// The one file handle of CallVault's file code (WAV files, envelope files, blob and vault
/// files). Positional I/O keeps no shared file position, so one handle may serve several threads.
/// Every failure is a ``SystemCallError`` naming the call, the file and the `errno`.
package final class SystemFile: Sendable {
    /// The file descriptor, for the few calls this type does not wrap (`flock`, `linkat`).
    package let descriptor: Int32
    /// The path it was opened at.
    package let path: String
    private let calls: SystemCalls

    /// Takes ownership of an open descriptor: it is closed when this handle is released.
    package init(adopting descriptor: Int32, path: String, calls: SystemCalls = .system) {
        self.descriptor = descriptor
        self.path = path
        self.calls = calls
    }

    deinit {
        close(descriptor)
    }

    /// Opens `path` with `open(2)` `flags` (`O_CLOEXEC` is added), retrying on `EINTR`; a file it
    /// creates gets `mode` (by default 0600, owner only: recorded speech is personal data).
    package static func open(
        _ path: String, flags: Int32, mode: mode_t = 0o600, calls: SystemCalls = .system
    ) throws(SystemCallError) -> SystemFile {
        while true {
            let descriptor = systemOpen(path, flags | O_CLOEXEC, mode)
            if descriptor >= 0 { return SystemFile(adopting: descriptor, path: path, calls: calls) }
            if errno != EINTR { throw .system("open", flags & O_CREAT != 0 ? "create" : "open", path) }
        }
    }

    /// Opens an existing file for reading.
    package static func openForReading(_ path: String, calls: SystemCalls = .system) throws(SystemCallError)
        -> SystemFile
    {
        try open(path, flags: O_RDONLY, calls: calls)
    }

    /// Opens `path` for reading if it is a regular file, without blocking on a pipe that has no
    /// writer (`open` of a FIFO waits for one); anything else is refused with
    /// ``SystemCallError/Cause/notRegularFile``.
    package static func openRegularFileForReading(_ path: String, calls: SystemCalls = .system)
        throws(SystemCallError) -> SystemFile
    {
        let file = try open(path, flags: O_RDONLY | O_NONBLOCK, calls: calls)
        guard try file.isRegularFile() else {
            throw SystemCallError(call: "fstat", operation: "read", path: path, cause: .notRegularFile)
        }
        _ = fcntl(file.descriptor, F_SETFL, fcntl(file.descriptor, F_GETFL) & ~O_NONBLOCK)
        return file
    }

    /// Creates a file for writing, owner only; an existing file is truncated if `replacing`, else
    /// the creation fails with `EEXIST` (`O_EXCL`: of two racing creators, exactly one succeeds).
    package static func create(
        _ path: String, replacing: Bool = false, appending: Bool = false, calls: SystemCalls = .system
    ) throws(SystemCallError) -> SystemFile {
        let flags = O_WRONLY | O_CREAT | (replacing ? O_TRUNC : O_EXCL) | (appending ? O_APPEND : 0)
        return try open(path, flags: flags, calls: calls)
    }

    /// The file's `fstat` information.
    package func status() throws(SystemCallError) -> stat {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .system("fstat", "inspect", path) }
        return info
    }

    /// The file's current length.
    package func size() throws(SystemCallError) -> UInt64 {
        UInt64(max(try status().st_size, 0))
    }

    /// Whether this is a regular file (not a pipe, device, socket or folder).
    package func isRegularFile() throws(SystemCallError) -> Bool {
        try status().st_mode & S_IFMT == S_IFREG
    }

    /// Fills `buffer` with the bytes at `offset`; a file that ends first is an error
    /// (``SystemCallError/Cause/endOfFile(offset:expected:available:)``).
    package func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws(SystemCallError) {
        let count = try readAvailable(into: buffer, at: offset)
        guard count == buffer.count else {
            throw SystemCallError(
                call: "pread", operation: "read", path: path,
                cause: .endOfFile(offset: offset, expected: buffer.count, available: count))
        }
    }

    /// Reads into `buffer` from `offset` until it is full or the file ends; returns the bytes read.
    package func readAvailable(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64)
        throws(SystemCallError) -> Int
    {
        var done = 0
        while done < buffer.count {
            let position = try self.position(offset, plus: done, call: "pread")
            let count = calls.pread(descriptor, buffer.baseAddress.map { $0 + done }, buffer.count - done, position)
            if count < 0 {
                if errno == EINTR { continue }
                throw .system("pread", "read", path)
            }
            if count == 0 { break }
            done += count
        }
        return done
    }

    /// Reads up to `buffer.count` bytes from the current position (for pipes and devices),
    /// retrying on `EINTR`; 0 at the end.
    package func readSequentially(into buffer: UnsafeMutableRawBufferPointer) throws(SystemCallError) -> Int {
        while true {
            let count = calls.read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno != EINTR { throw .system("read", "read", path) }
        }
    }

    /// Writes all of `buffer` at `offset`, extending the file as needed.
    package func write(_ buffer: UnsafeRawBufferPointer, at offset: UInt64) throws(SystemCallError) {
        var done = 0
        while done < buffer.count {
            let position = try self.position(offset, plus: done, call: "pwrite")
            let count = calls.pwrite(descriptor, buffer.baseAddress.map { $0 + done }, buffer.count - done, position)
            if count < 0 {
                if errno == EINTR { continue }
                throw .system("pwrite", "write", path)
            }
            done += count
        }
    }

    /// Writes all of `buffer` at the file's position (its end, for a file opened to append).
    package func append(_ buffer: UnsafeRawBufferPointer) throws(SystemCallError) {
        var done = 0
        while done < buffer.count {
            let count = calls.write(descriptor, buffer.baseAddress.map { $0 + done }, buffer.count - done)
            if count < 0 {
                if errno == EINTR { continue }
                throw .system("write", "write", path)
            }
            done += count
        }
    }

    /// Sets the file's permission bits to `mode` (`fchmod`), whatever the umask made them.
    package func setMode(_ mode: mode_t) throws(SystemCallError) {
        guard fchmod(descriptor, mode) == 0 else { throw .system("fchmod", "set the mode of", path) }
    }

    /// Cuts the file (or extends it with zeros) to `length` bytes (`ftruncate`).
    package func truncate(to length: UInt64) throws(SystemCallError) {
        guard let size = off_t(exactly: length) else {
            throw SystemCallError(
                call: "ftruncate", operation: "truncate", path: path, cause: .offsetOutOfRange(length))
        }
        while ftruncate(descriptor, size) != 0 {
            if errno != EINTR { throw .system("ftruncate", "truncate", path) }
        }
    }

    /// Writes all of `bytes` at the file's position (its end, for a file opened to append).
    package func append(_ bytes: [UInt8]) throws(SystemCallError) {
        // `withUnsafeBytes` rethrows untyped; the failure is carried out of it as a value.
        let failure = bytes.withUnsafeBytes { buffer -> SystemCallError? in
            do throws(SystemCallError) {
                try append(buffer)
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
    }

    /// Flushes the file's data and metadata to disk (`fsync`), so it survives a power cut.
    package func synchronize() throws(SystemCallError) {
        while calls.fsync(descriptor) != 0 {
            if errno != EINTR { throw .system("fsync", "flush to disk", path) }
        }
    }

    /// Flushes the file's data, and its length if it changed, to disk (`fdatasync`): cheaper than
    /// ``synchronize()`` when only the contents changed.
    package func synchronizeData() throws(SystemCallError) {
        while calls.fdatasync(descriptor) != 0 {
            if errno != EINTR { throw .system("fdatasync", "flush to disk", path) }
        }
    }

    /// Flushes everything written to the file system that holds this file, by any file, to disk
    /// (`syncfs`): one call where a round of many files' writes must become durable together.
    ///
    /// - Throws: `ENOSYS` where the system has no `syncfs` (callers then synchronize each file);
    ///   the write-back error otherwise (Linux 5.8 and later report one seen since this file was
    ///   opened).
    package func synchronizeFileSystem() throws(SystemCallError) {
        while calls.syncfs(descriptor) != 0 {
            if errno != EINTR { throw .system("syncfs", "flush the file system to disk", path) }
        }
    }

    /// Reserves `length` bytes on disk so the writes that follow need no block allocation (on ext4
    /// that makes writing a large file several times faster). Best effort: if it fails, the writes
    /// allocate as they go and report any real shortage of space themselves.
    package func preallocate(_ length: UInt64) {
        #if os(Linux)
            if length > 0, let length = off_t(exactly: length) { _ = posix_fallocate(descriptor, 0, length) }
        #endif
    }

    /// Starts writing a range back to disk without waiting, so the final `fsync` has little left to
    /// do. On Linux `POSIX_FADV_DONTNEED` begins writeback of dirty pages in the range (and lets the
    /// kernel drop them once written, which also keeps a large output from crowding the page cache).
    package func startWriteback(offset: UInt64, count: Int) {
        #if os(Linux)
            if let offset = off_t(exactly: offset) {
                _ = posix_fadvise(descriptor, offset, off_t(count), POSIX_FADV_DONTNEED)
            }
        #endif
    }

    private func position(_ offset: UInt64, plus done: Int, call: String) throws(SystemCallError) -> off_t {
        let (sum, overflow) = offset.addingReportingOverflow(UInt64(done))
        guard !overflow, let position = off_t(exactly: sum) else {
            throw SystemCallError(
                call: call, operation: call == "pread" ? "read" : "write", path: path,
                cause: .offsetOutOfRange(offset))
        }
        return position
    }
}

/// The system's `open`, which `SystemFile.open` hides inside the class.
private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
    open(path, flags, mode)
}

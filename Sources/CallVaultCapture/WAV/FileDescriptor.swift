import CallVaultCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An open file with whole-buffer positional reads and writes that retry on `EINTR` and short
/// transfers, closed when released. Positional I/O keeps no shared file position, so it is safe to
/// share between threads.
final class FileDescriptor: Sendable {
    let descriptor: Int32
    let path: String

    /// Opens `path` with `open(2)` flags (`O_CLOEXEC` is added); a created file gets mode 0600.
    private init(path: String, flags: Int32) throws(WAVFileError) {
        let descriptor = open(path, flags | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Self.error(flags & O_CREAT != 0 ? "create" : "open", path) }
        self.descriptor = descriptor
        self.path = path
    }

    /// Opens an existing file for reading.
    static func forReading(_ path: String) throws(WAVFileError) -> FileDescriptor {
        try FileDescriptor(path: path, flags: O_RDONLY)
    }

    /// Creates a file for writing, owner-only; an existing file is truncated if `replacing`, else an
    /// error.
    static func creating(_ path: String, replacing: Bool) throws(WAVFileError) -> FileDescriptor {
        try FileDescriptor(path: path, flags: O_WRONLY | O_CREAT | (replacing ? O_TRUNC : O_EXCL))
    }

    deinit {
        close(descriptor)
    }

    func size() throws(WAVFileError) -> UInt64 {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw Self.error("inspect", path) }
        return UInt64(max(info.st_size, 0))
    }

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws(WAVFileError) {
        var done = 0
        while done < buffer.count {
            let position = try self.position(offset, plus: done)
            let count = pread(descriptor, buffer.baseAddress.map { $0 + done }, buffer.count - done, position)
            if count < 0 {
                if errno == EINTR { continue }
                throw Self.error("read", path)
            }
            guard count > 0 else {
                throw WAVFileError(
                    operation: "read", path: path,
                    reason:
                        "it ends at byte \(offset + UInt64(done)), before the \(buffer.count) bytes expected there (did it change while being read?)"
                )
            }
            done += count
        }
    }

    func write(_ buffer: UnsafeRawBufferPointer, at offset: UInt64) throws(WAVFileError) {
        var done = 0
        while done < buffer.count {
            let position = try self.position(offset, plus: done)
            let count = pwrite(descriptor, buffer.baseAddress.map { $0 + done }, buffer.count - done, position)
            if count < 0 {
                if errno == EINTR { continue }
                throw Self.error("write", path)
            }
            done += count
        }
    }

    func synchronize() throws(WAVFileError) {
        guard fsync(descriptor) == 0 else { throw Self.error("flush to disk", path) }
    }

    private func position(_ offset: UInt64, plus done: Int) throws(WAVFileError) -> off_t {
        let (sum, overflow) = offset.addingReportingOverflow(UInt64(done))
        guard !overflow, let position = off_t(exactly: sum) else {
            throw WAVFileError(operation: "seek in", path: path, reason: "byte \(offset) is beyond any file")
        }
        return position
    }

    private static func error(_ operation: String, _ path: String) -> WAVFileError {
        let code = errno
        return WAVFileError(
            operation: operation, path: path, reason: String(cString: strerror(code)),
            underlying: systemCallCause(errno: code, call: operation))
    }
}

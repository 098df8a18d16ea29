import CallVaultCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few POSIX file calls the blob store needs, each turning a failure into a typed error that
/// names the file and the operation.
enum POSIXFiles {
    /// The text of an `errno` value.
    static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }

    static func failure(_ path: String, _ operation: String, _ code: Int32 = errno) -> SQLiteVaultError {
        SQLiteVaultError(
            .io(path: path, operation: operation, reason: reason(code)),
            underlying: systemCallCause(errno: code, call: operation))
    }

    /// Opens a file; retries on `EINTR`. Returns the descriptor, or `-errno`.
    static func openFile(_ path: String, _ flags: Int32, _ mode: mode_t = 0) -> Int32 {
        while true {
            let descriptor = open(path, flags, mode)
            if descriptor >= 0 { return descriptor }
            if errno != EINTR { return -errno }
        }
    }

    /// Writes every byte of `buffer`.
    static func writeAll(_ descriptor: Int32, _ buffer: UnsafeRawBufferPointer, path: String) throws {
        guard var base = buffer.baseAddress else { return }
        var remaining = buffer.count
        while remaining > 0 {
            let written = write(descriptor, base, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                throw failure(path, "write")
            }
            base += written
            remaining -= written
        }
    }

    /// Reads into `buffer` from `offset` until it is full or the file ends; returns the bytes read.
    static func readFully(
        _ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64, path: String
    ) throws -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var done = 0
        while done < buffer.count {
            let read = pread(descriptor, base + done, buffer.count - done, off_t(offset) + off_t(done))
            if read < 0 {
                if errno == EINTR { continue }
                throw failure(path, "read")
            }
            if read == 0 { break }
            done += read
        }
        return done
    }

    /// `fsync` of an open file.
    static func sync(_ descriptor: Int32, path: String) throws {
        while fsync(descriptor) != 0 {
            if errno != EINTR { throw failure(path, "fsync") }
        }
    }

    /// `fsync` of a directory, so a name created, renamed or removed in it survives a power cut.
    static func syncDirectory(_ path: String) throws {
        let descriptor = openFile(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(path, "open (directory)", -descriptor) }
        defer { close(descriptor) }
        try sync(descriptor, path: path)
    }

    /// Creates a directory (mode 0700, set explicitly whatever the umask); returns whether it was
    /// created (false: it existed).
    static func makeDirectory(_ path: String) throws -> Bool {
        if mkdir(path, 0o700) == 0 {
            guard chmod(path, 0o700) == 0 else { throw failure(path, "chmod") }
            return true
        }
        if errno == EEXIST { return false }
        throw failure(path, "mkdir")
    }

    /// Takes away the group's and others' access to a file or folder, if it exists and has any.
    /// A file this process may not change (another owner's, or on a read-only mount, such as a
    /// backup being examined) is left as it is: it can still be read, and tightening it is not
    /// this process's to do.
    static func restrictToOwner(_ path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { return }
            throw failure(path, "stat")
        }
        let mode = info.st_mode & 0o7777
        guard mode & 0o077 != 0 else { return }
        guard chmod(path, mode & 0o700) == 0 else {
            if errno == EPERM || errno == EROFS { return }
            throw failure(path, "restricting the mode to the owner")
        }
    }

    /// The size and modification time of a file, or `nil` when it does not exist.
    static func status(_ path: String) throws -> (size: UInt64, modified: Date)? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw failure(path, "stat")
        }
        return (UInt64(max(0, info.st_size)), modificationDate(info))
    }

    /// The size of an open file.
    static func size(_ descriptor: Int32, path: String) throws -> UInt64 {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw failure(path, "fstat") }
        return UInt64(max(0, info.st_size))
    }

    /// `rename(2)`: atomic on one file system. Returns 0, or -1 with `errno` set.
    static func move(_ source: String, to destination: String) -> Int32 {
        rename(source, destination)
    }

    /// Removes a file; returns whether it existed.
    static func remove(_ path: String) throws -> Bool {
        if unlink(path) == 0 { return true }
        if errno == ENOENT { return false }
        throw failure(path, "unlink")
    }

    private static func modificationDate(_ info: stat) -> Date {
        #if canImport(Darwin)
            let time = info.st_mtimespec
        #else
            let time = info.st_mtim
        #endif
        return Date(timeIntervalSince1970: Double(time.tv_sec) + Double(time.tv_nsec) / 1e9)
    }
}

/// An open file descriptor that closes itself, shared by a blob source's reading closures.
final class OpenDescriptor: Sendable {
    let descriptor: Int32
    let path: String

    init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit { close(descriptor) }
}

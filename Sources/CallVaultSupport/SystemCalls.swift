import CCallVaultSystem

#if canImport(Glibc)
    package import Glibc
#elseif canImport(Musl)
    package import Musl
#elseif canImport(Darwin)
    package import Darwin
#endif

/// The transfer and flush calls a ``SystemFile`` makes, replaceable so tests can make them return
/// `EINTR`, transfer fewer bytes than asked, or fail with a chosen `errno`: paths the real kernel
/// takes only under signals, full disks and failing hardware.
///
/// A replacement sets `errno` before returning -1, as the system call does.
package struct SystemCalls: Sendable {
    /// `pread(2)`.
    package var pread: @Sendable (Int32, UnsafeMutableRawPointer?, Int, off_t) -> Int
    /// `pwrite(2)`.
    package var pwrite: @Sendable (Int32, UnsafeRawPointer?, Int, off_t) -> Int
    /// `write(2)`, at the file's position (for files opened with `O_APPEND`).
    package var write: @Sendable (Int32, UnsafeRawPointer?, Int) -> Int
    /// `read(2)`, at the file's position (for pipes and devices).
    package var read: @Sendable (Int32, UnsafeMutableRawPointer?, Int) -> Int
    /// `fsync(2)`.
    package var fsync: @Sendable (Int32) -> Int32
    /// `fdatasync(2)` (where the system has it; `fsync` elsewhere).
    package var fdatasync: @Sendable (Int32) -> Int32
    /// `syncfs(2)` (Linux; elsewhere it fails with `ENOSYS`).
    package var syncfs: @Sendable (Int32) -> Int32

    /// Creates a set of calls.
    package init(
        pread: @escaping @Sendable (Int32, UnsafeMutableRawPointer?, Int, off_t) -> Int,
        pwrite: @escaping @Sendable (Int32, UnsafeRawPointer?, Int, off_t) -> Int,
        write: @escaping @Sendable (Int32, UnsafeRawPointer?, Int) -> Int,
        read: @escaping @Sendable (Int32, UnsafeMutableRawPointer?, Int) -> Int,
        fsync: @escaping @Sendable (Int32) -> Int32,
        fdatasync: @escaping @Sendable (Int32) -> Int32,
        syncfs: @escaping @Sendable (Int32) -> Int32 = { callvault_syncfs($0) }
    ) {
        self.pread = pread
        self.pwrite = pwrite
        self.write = write
        self.read = read
        self.fsync = fsync
        self.fdatasync = fdatasync
        self.syncfs = syncfs
    }

    /// The system's own calls.
    package static let system = SystemCalls(
        pread: { systemPread($0, $1, $2, $3) },
        pwrite: { systemPwrite($0, $1, $2, $3) },
        write: { systemWrite($0, $1, $2) },
        read: { systemRead($0, $1, $2) },
        fsync: { systemFsync($0) },
        fdatasync: { systemFdatasync($0) }
    )
}

// Free functions, so the closures above name the C calls and not the struct's own properties.
private func systemPread(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int, _ offset: off_t) -> Int {
    pread(fd, buffer, count, offset)
}

private func systemPwrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int, _ offset: off_t) -> Int {
    pwrite(fd, buffer, count, offset)
}

private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(fd, buffer, count)
}

private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}

private func systemFsync(_ fd: Int32) -> Int32 {
    fsync(fd)
}

private func systemFdatasync(_ fd: Int32) -> Int32 {
    #if canImport(Darwin)
        fsync(fd)
    #else
        fdatasync(fd)
    #endif
}

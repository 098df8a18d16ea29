import CallVaultSupport
import Foundation
import Synchronization
import Testing

/// The one file handle retries what the kernel may do to any transfer (return early, or be
/// interrupted by a signal) and reports every failure with its call and `errno`. The fault hook
/// (`SystemCalls`) makes the kernel's rare paths happen on demand.
@Suite("Support: SystemFile")
struct SystemFileTests {
    @Test("a write the kernel takes three bytes at a time still writes every byte, in place")
    func shortWrites() throws {
        let path = Self.scratchPath()
        defer { unlink(path) }
        let calls = Self.system.with(pwrite: { fd, buffer, count, offset in pwrite(fd, buffer, min(count, 3), offset) })
        let file = try SystemFile.create(path, calls: calls)
        let bytes = (0..<1_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try bytes.withUnsafeBytes { try file.write($0, at: 5) }
        #expect(try file.size() == 1_005)
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path)).dropFirst(5)) == bytes)
    }

    @Test("a read the kernel returns two bytes at a time still fills the buffer")
    func shortReads() throws {
        let path = Self.scratchPath()
        defer { unlink(path) }
        let bytes = (0..<777).map { UInt8(truncatingIfNeeded: $0 &* 13) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let calls = Self.system.with(pread: { fd, buffer, count, offset in pread(fd, buffer, min(count, 2), offset) })
        let file = try SystemFile.openForReading(path, calls: calls)
        var read = [UInt8](repeating: 0, count: 700)
        try read.withUnsafeMutableBytes { try file.read(into: $0, at: 77) }
        #expect(read == Array(bytes[77...]))
    }

    @Test("an interrupted read, write, append and flush (EINTR) are retried, not reported")
    func interruptedCallsAreRetried() throws {
        let path = Self.scratchPath()
        defer { unlink(path) }
        let interruptions = Mutex([String: Int]())
        /// Fails the first two calls of each kind with EINTR.
        @Sendable func interrupted(_ call: String) -> Bool {
            interruptions.withLock { counts in
                counts[call, default: 0] += 1
                return counts[call, default: 0] <= 2
            }
        }
        let calls = SystemCalls(
            pread: { fd, buffer, count, offset in
                if interrupted("pread") { errno = EINTR; return -1 }
                return pread(fd, buffer, count, offset)
            },
            pwrite: { fd, buffer, count, offset in
                if interrupted("pwrite") { errno = EINTR; return -1 }
                return pwrite(fd, buffer, count, offset)
            },
            write: { fd, buffer, count in
                if interrupted("write") { errno = EINTR; return -1 }
                return write(fd, buffer, count)
            },
            read: SystemCalls.system.read,
            fsync: { fd in
                if interrupted("fsync") { errno = EINTR; return -1 }
                return fsync(fd)
            },
            fdatasync: { fd in
                if interrupted("fdatasync") { errno = EINTR; return -1 }
                return fdatasync(fd)
            })
        let file = try SystemFile.open(path, flags: O_RDWR | O_CREAT | O_EXCL, calls: calls)
        try ([1, 2, 3] as [UInt8]).withUnsafeBytes { try file.append($0) }
        try ([9, 9] as [UInt8]).withUnsafeBytes { try file.write($0, at: 1) }
        try file.synchronize()
        try file.synchronizeData()
        var read = [UInt8](repeating: 0, count: 3)
        try read.withUnsafeMutableBytes { try file.read(into: $0, at: 0) }
        #expect(read == [1, 9, 9])
        #expect(interruptions.withLock { $0 } == ["pread": 3, "pwrite": 3, "write": 3, "fsync": 3, "fdatasync": 3])
    }

    @Test("a failed call carries its name, the file, and the errno as a value", arguments: [ENOSPC, EIO, EDQUOT])
    func errnoIsCarried(_ code: Int32) throws {
        let path = Self.scratchPath()
        defer { unlink(path) }
        let calls = Self.system.with(pwrite: { _, _, _, _ in
            errno = code
            return -1
        })
        let file = try SystemFile.create(path, calls: calls)
        let error = try #require(throws: SystemCallError.self) {
            try ([1] as [UInt8]).withUnsafeBytes { try file.write($0, at: 0) }
        }
        #expect(error.call == "pwrite")
        #expect(error.path == path)
        #expect(error.errorNumber == code)
        #expect(error.cause == .errorNumber(code))
        #expect(error.reason == String(cString: strerror(code)))
    }

    @Test("opening a missing file is ENOENT from open; creating over an existing one is EEXIST")
    func openFailures() throws {
        let path = Self.scratchPath()
        defer { unlink(path) }
        let missing = try #require(throws: SystemCallError.self) { try SystemFile.openForReading(path) }
        #expect(missing.call == "open" && missing.errorNumber == ENOENT && missing.operation == "open")
        _ = try SystemFile.create(path)
        let existing = try #require(throws: SystemCallError.self) { try SystemFile.create(path) }
        #expect(existing.errorNumber == EEXIST && existing.operation == "create")
        #expect(try SystemFile.create(path, replacing: true).size() == 0)
    }

    @Test("a read past the end is an end of file saying where the file ends, with no errno")
    func endOfFile() throws {
        let path = Self.scratchPath()
        defer { unlink(path) }
        try Data([1, 2, 3, 4]).write(to: URL(fileURLWithPath: path))
        let file = try SystemFile.openForReading(path)
        var buffer = [UInt8](repeating: 0, count: 3)
        let error = try #require(throws: SystemCallError.self) {
            try buffer.withUnsafeMutableBytes { try file.read(into: $0, at: 2) }
        }
        #expect(error.cause == .endOfFile(offset: 2, expected: 3, available: 2))
        #expect(error.errorNumber == nil)
        #expect(error.reason.contains("ends at byte 4"))
        #expect(try buffer.withUnsafeMutableBytes { try file.readAvailable(into: $0, at: 2) } == 2)
    }

    @Test("a pipe is refused where a regular file is needed, without waiting for a writer")
    func pipeIsRefused() throws {
        let path = Self.scratchPath()
        defer { unlink(path) }
        #expect(mkfifo(path, 0o600) == 0)
        let error = try #require(throws: SystemCallError.self) { try SystemFile.openRegularFileForReading(path) }
        #expect(error.cause == .notRegularFile)
    }

    @Test("rename, remove, make folder and status report what happened, and failures carry errno")
    func folderCalls() throws {
        let folder = Self.scratchPath()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try FileSystem.makeDirectory(folder))
        #expect(try !FileSystem.makeDirectory(folder))
        _ = try SystemFile.create(folder + "/a")
        try FileSystem.synchronizeDirectory(folder)
        try FileSystem.rename(folder + "/a", to: folder + "/b")
        #expect(try FileSystem.status(folder + "/a") == nil)
        #expect(try FileSystem.status(folder + "/b")?.size == 0)
        #expect(try FileSystem.removeFile(folder + "/b"))
        #expect(try !FileSystem.removeFile(folder + "/b"))
        let error = try #require(throws: SystemCallError.self) {
            try FileSystem.rename(folder + "/b", to: folder + "/c")
        }
        #expect(error.call == "rename" && error.errorNumber == ENOENT)
        #expect(FileSystem.directory(of: folder + "/x") == folder)
        #expect(FileSystem.directory(of: "x") == ".")
        #expect(FileSystem.directory(of: "/x") == "/")
    }

    static let system = SystemCalls.system

    static func scratchPath() -> String {
        NSTemporaryDirectory() + "callvault-support-" + UUID().uuidString.lowercased()
    }
}

extension SystemCalls {
    /// These calls with `pread` replaced.
    func with(pread: @escaping @Sendable (Int32, UnsafeMutableRawPointer?, Int, off_t) -> Int) -> SystemCalls {
        var calls = self
        calls.pread = pread
        return calls
    }

    /// These calls with `pwrite` replaced.
    func with(pwrite: @escaping @Sendable (Int32, UnsafeRawPointer?, Int, off_t) -> Int) -> SystemCalls {
        var calls = self
        calls.pwrite = pwrite
        return calls
    }
}

import CallVaultAudit
import CallVaultCore
import CallVaultCrypto
import CallVaultSupport
import CallVaultTestKit
import Foundation
import Testing

/// The audit log's files are written through the support layer's one file handle, so the fault
/// hook reaches them: writes the kernel cuts short or interrupts still leave whole lines, and a
/// failing write or flush is an ``AuditError/io(path:reason:)`` naming the file, never a success.
@Suite("Audit files under injected faults")
struct AuditFileFaultTests {
    let directory: TemporaryDirectory
    let clock = ManualWallClock(AuditFixture.start)
    let key: SigningKey

    init() throws {
        directory = try TemporaryDirectory()
        key = try AuditFixture.key()
    }

    /// System calls of which every other `write` or `fsync` is interrupted (`EINTR`), and whose
    /// writes take at most three bytes.
    static func interruptedAndShort() -> SystemCalls {
        let counter = LockedState(0)
        @Sendable func interrupted() -> Bool {
            let number = counter.withLock { count in
                count += 1
                return count
            }
            guard number % 2 == 0 else { return false }
            errno = EINTR
            return true
        }
        var calls = SystemCalls.system
        calls.write = { descriptor, buffer, count in interrupted() ? -1 : write(descriptor, buffer, min(count, 3)) }
        calls.fsync = { descriptor in interrupted() ? -1 : fsync(descriptor) }
        return calls
    }

    /// System calls whose `write` or `fsync` fails with `code` while `failing` says so.
    static func failing(_ call: String, with code: Int32, while failing: @escaping @Sendable () -> Bool)
        -> SystemCalls
    {
        var calls = SystemCalls.system
        if call == "write" {
            calls.write = { descriptor, buffer, count in
                guard !failing() else {
                    errno = code
                    return -1
                }
                return write(descriptor, buffer, count)
            }
        } else {
            calls.fsync = { descriptor in
                guard !failing() else {
                    errno = code
                    return -1
                }
                return fsync(descriptor)
            }
        }
        return calls
    }

    static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }

    @Test("a genesis, appends and witnessed checkpoints written three bytes at a time between interruptions verify")
    func interruptedShortWrites() async throws {
        let calls = Self.interruptedAndShort()
        let path = directory.path("audit.log")
        let witnessPath = directory.path("witness.log")
        _ = try AuditFileGenesis.create(
            path: path, signingKey: key, records: [AuditFixture.record(0)], at: AuditFixture.start, logID: UUID(),
            calls: calls)
        let witness = AuditCheckpointFile(path: witnessPath, calls: calls)
        let sink = AuditFileSink(
            path: path, syncPolicy: .everyAppend, tornTailRecovery: .refuse, startsNewLog: false, calls: calls)
        let log = try await AuditLog(
            sink: sink, signingKey: key, clock: clock, witnesses: [witness], configuration: .init(checkpointEvery: 3))
        for index in 1...10 { try await log.record(AuditFixture.record(index)) }
        _ = try await log.checkpoint()

        let entries = try AuditLogReader.entries(at: path)
        #expect(entries.map(\.sequence) == Array(1...11))
        let witnessed = try AuditCheckpointFile.checkpoints(at: witnessPath)
        #expect(!witnessed.isEmpty)
        let verification = try AuditVerifier(trustedKey: key.verifyingKey, witnessed: witnessed, clock: clock)
            .verify(fileAt: path)
        #expect(verification.problem == nil, "\(String(describing: verification.problem))")
    }

    @Test("a full disk on append is an I/O error naming the log, and the entries before it stay whole")
    func fullDiskOnAppend() async throws {
        let full = LockedState(false)
        let calls = Self.failing("write", with: ENOSPC) { full.withLock { $0 } }
        let path = directory.path("audit.log")
        let sink = AuditFileSink(
            path: path, syncPolicy: .everyAppend, tornTailRecovery: .refuse, startsNewLog: true, calls: calls)
        let log = try await AuditLog(sink: sink, signingKey: key, clock: clock)
        try await log.record(AuditFixture.record(0))
        full.withLock { $0 = true }
        await #expect(throws: AuditError.io(path: path, reason: Self.reason(ENOSPC))) {
            try await log.record(AuditFixture.record(1))
        }
        #expect(try AuditLogReader.entries(at: path).map(\.sequence) == [1])
    }

    @Test("a flush that fails is reported as such: on a new log's header, a genesis and a witnessed checkpoint")
    func failingFlush() async throws {
        let calls = Self.failing("fsync", with: EIO) { true }
        let expected = "fsync failed: \(Self.reason(EIO))"

        let logPath = directory.path("new.log")
        let sink = AuditFileSink(
            path: logPath, syncPolicy: .everyCheckpoint, tornTailRecovery: .refuse, startsNewLog: true, calls: calls)
        await #expect(throws: AuditError.io(path: logPath, reason: expected)) {
            _ = try await AuditLog(sink: sink, signingKey: key, clock: clock)
        }

        let genesisPath = directory.path("genesis.log")
        #expect(throws: AuditError.io(path: genesisPath, reason: expected)) {
            _ = try AuditFileGenesis.create(
                path: genesisPath, signingKey: key, records: [AuditFixture.record(0)], at: AuditFixture.start,
                logID: UUID(), calls: calls)
        }

        let witnessPath = directory.path("witness.log")
        let log = try await AuditLog(sink: InMemoryAuditSink(), signingKey: key, clock: clock)
        try await log.record(AuditFixture.record(0))
        let checkpoint = try #require(try await log.checkpoint())
        await #expect(throws: AuditError.io(path: witnessPath, reason: expected)) {
            try await AuditCheckpointFile(path: witnessPath, calls: calls).witness(checkpoint, logID: UUID())
        }
    }
}

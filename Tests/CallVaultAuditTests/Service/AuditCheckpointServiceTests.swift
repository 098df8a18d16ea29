import CallVaultAudit
import CallVaultCore
import CallVaultTestKit
import Foundation
import Logging
import ServiceLifecycle
import Testing

/// The checkpoint service signs a quiet log once its oldest unsigned entry has waited the log's
/// checkpoint interval, signs what is left when it stops, and surfaces failures: each one is
/// reported, and a run of them (or a failed final checkpoint) ends the service with the error.
@Suite("Audit log: the checkpoint service")
struct AuditCheckpointServiceTests {
    typealias Round = Result<AuditCheckpoint?, any Error>

    static let quietLogger: Logger = {
        var logger = Logger(label: "audit-checkpoint-service-tests")
        logger.logLevel = .critical
        return logger
    }()

    /// A log over `sink` that signs every 60 s of waiting (and never by count, in these tests).
    static func log(_ sink: InMemoryAuditSink, clock: ManualWallClock) async throws -> AuditLog {
        try await AuditLog(
            sink: sink, signingKey: try AuditFixture.key(), clock: clock,
            configuration: AuditLog.Configuration(checkpointEvery: 1_000, checkpointInterval: .seconds(60)))
    }

    struct NoSleeper: Error {}

    /// Waits, in real time, until a task is asleep on the clock.
    static func waitForSleeper(_ clock: ManualWallClock) async throws {
        let deadline = ContinuousClock.now.advanced(by: .seconds(120))
        while clock.sleeperCount == 0 {
            guard ContinuousClock.now < deadline else { throw NoSleeper() }
            try await Task.sleep(for: .milliseconds(1))
        }
    }

    @Test("a quiet log is signed by the round after its oldest unsigned entry waited the interval")
    func signsAQuietLog() async throws {
        let clock = ManualWallClock(AuditFixture.start)
        let sink = InMemoryAuditSink()
        let log = try await Self.log(sink, clock: clock)
        let (rounds, continuation) = AsyncStream<Round>.makeStream()
        let service = AuditCheckpointService(
            log: log, clock: clock, logger: Self.quietLogger, onRound: { continuation.yield($0) })
        #expect(service.interval == .seconds(60), "the log's own checkpoint interval by default")
        let group = ServiceGroup(services: [service], logger: Self.quietLogger)
        let running = Task { try await group.run() }
        var iterator = rounds.makeAsyncIterator()

        // The entry is written half-way through the first wait: the first round finds it 30 s old.
        try await Self.waitForSleeper(clock)
        clock.advance(by: .seconds(30))
        try await log.record(AuditFixture.record(0))
        clock.advance(by: .seconds(30))
        #expect(try #require(await iterator.next()).get() == nil, "waited 30 s of 60: not yet due")
        #expect(sink.checkpoints.isEmpty)

        try await Self.waitForSleeper(clock)
        clock.advance(by: .seconds(60))
        let round = try #require(await iterator.next())
        let signed = try #require(try round.get())
        #expect(signed.sequence == 1)
        #expect(sink.checkpoints == [signed])

        try await Self.waitForSleeper(clock)
        await group.triggerGracefulShutdown()
        try await running.value
        continuation.finish()
        #expect(sink.checkpoints == [signed], "nothing unsigned at shutdown: no second checkpoint")
    }

    @Test("graceful shutdown signs the entries written since the last checkpoint")
    func signsAtShutdown() async throws {
        let clock = ManualWallClock(AuditFixture.start)
        let sink = InMemoryAuditSink()
        let log = try await Self.log(sink, clock: clock)
        let service = AuditCheckpointService(log: log, interval: .seconds(3600), clock: clock, logger: Self.quietLogger)
        let group = ServiceGroup(services: [service], logger: Self.quietLogger)
        let running = Task { try await group.run() }
        try await Self.waitForSleeper(clock)
        for index in 0..<3 { try await log.record(AuditFixture.record(index)) }
        #expect(sink.checkpoints.isEmpty)

        await group.triggerGracefulShutdown()
        try await running.value
        #expect(sink.checkpoints.map(\.sequence) == [3])
        let verification = AuditVerifier(trustedKey: try AuditFixture.key().verifyingKey, clock: clock)
            .verify(contents: sink.fileContents())
        #expect(verification.isIntact, "\(verification)")
    }

    @Test("each failed round is reported; the limit's worth in a row ends the service with the error")
    func failuresSurface() async throws {
        let clock = ManualWallClock(AuditFixture.start)
        let faults = FaultPlan()
        let sink = InMemoryAuditSink(faults: faults)
        let log = try await Self.log(sink, clock: clock)
        try await log.record(AuditFixture.record(0))
        let (rounds, continuation) = AsyncStream<Round>.makeStream()
        let service = AuditCheckpointService(
            log: log, clock: clock, logger: Self.quietLogger, consecutiveFailureLimit: 2,
            onRound: { continuation.yield($0) })
        let running = Task { try await service.run() }
        var iterator = rounds.makeAsyncIterator()

        faults.crash(atOperation: 0)
        try await Self.waitForSleeper(clock)
        clock.advance(by: .seconds(60))
        let first = try #require(await iterator.next())
        #expect(throws: SimulatedCrash.self) { try first.get() }
        try await Self.waitForSleeper(clock)
        clock.advance(by: .seconds(60))
        let second = try #require(await iterator.next())
        #expect(throws: SimulatedCrash.self) { try second.get() }
        await #expect(throws: SimulatedCrash.self, "the second failure in a row ends the service") {
            try await running.value
        }
        continuation.finish()
        #expect(sink.checkpoints.isEmpty)
    }

    @Test("a final checkpoint that fails at shutdown is thrown, not swallowed")
    func finalFailureThrown() async throws {
        let clock = ManualWallClock(AuditFixture.start)
        let faults = FaultPlan()
        let sink = InMemoryAuditSink(faults: faults)
        let log = try await Self.log(sink, clock: clock)
        let service = AuditCheckpointService(log: log, interval: .seconds(3600), clock: clock, logger: Self.quietLogger)
        let group = ServiceGroup(services: [service], logger: Self.quietLogger)
        let running = Task { try await group.run() }
        try await Self.waitForSleeper(clock)
        try await log.record(AuditFixture.record(0))
        faults.crash(atOperation: 0)
        await group.triggerGracefulShutdown()
        await #expect(throws: (any Error).self) { try await running.value }
        #expect(sink.checkpoints.isEmpty)
    }
}

import CallVaultCore
import CallVaultRetention
import CallVaultTestKit
import Foundation
import ServiceLifecycle
import Testing

/// The sweep service runs a round at start and one per interval of the injected clock, survives a
/// failing round, and ends on graceful shutdown.
@Suite("Sweeper: the interval service")
struct SweepServiceTests {
    typealias Round = Result<SweepReport, any Error>

    /// Waits, in real time, until a task is asleep on the clock.
    static func waitForSleeper(_ clock: ManualWallClock) async throws {
        // Generous: on two cores the property suites can keep the cooperative pool busy for a
        // while before the service's task runs; the loop only polls.
        let deadline = ContinuousClock.now.advanced(by: .seconds(120))
        while clock.sleeperCount == 0 {
            guard ContinuousClock.now < deadline else { throw FixtureError.missing("a task asleep on the clock") }
            try await Task.sleep(for: .milliseconds(1))
        }
    }

    /// Brazilian SAC calls that ended `daysAgo` days before `now`.
    static func brazilCall(_ number: Int, endedDaysBefore now: Date, _ days: Double) throws
        -> RecordingRetentionAttributes
    {
        try Fixture.call(
            number, endedAt: now.addingTimeInterval(-days * 86_400), places: ["BR"], regimes: ["br-sac-decree-11034"])
    }

    @Test("each interval on the clock brings a round; a failing round is reported and the next one runs")
    func roundsOnTheInterval() async throws {
        let start = try Fixture.date("2026-06-01T00:00:00Z")
        let world = try RetentionWorld(now: start)
        try await world.add([try Self.brazilCall(1, endedDaysBefore: start, 100)])
        let (rounds, continuation) = AsyncStream<Round>.makeStream()
        let service = RetentionSweepService(
            sweeper: world.sweeper(), interval: .seconds(3600), clock: world.clock, logger: RetentionWorld.quietLogger,
            onRound: { continuation.yield($0) })
        let group = ServiceGroup(services: [service], logger: RetentionWorld.quietLogger)
        let running = Task { try await group.run() }
        var iterator = rounds.makeAsyncIterator()

        let first = try #require(await iterator.next()).get()
        #expect(first.asOf == start)
        #expect(first.deleted == [Fixture.recordingID(1)])

        // A recording that falls due 30 minutes in is deleted by the round an hour in, not before.
        try await world.add([try Self.brazilCall(2, endedDaysBefore: start, 90 - 1.0 / 48)])
        try await Self.waitForSleeper(world.clock)
        world.clock.advance(by: .seconds(1800))
        #expect(world.clock.sleeperCount == 1, "half an interval wakes nobody")
        world.clock.advance(by: .seconds(1800))
        let second = try #require(await iterator.next()).get()
        #expect(second.asOf == start.addingTimeInterval(3600))
        #expect(second.deleted == [Fixture.recordingID(2)])

        // The store fails for a whole round: the service reports it and carries on.
        try await Self.waitForSleeper(world.clock)
        world.faults.crash(atOperation: 0)
        world.clock.advance(by: .seconds(3600))
        let failed = try #require(await iterator.next())
        #expect(throws: SimulatedCrash.self) { try failed.get() }
        world.faults.restart()

        try await world.add([try Self.brazilCall(3, endedDaysBefore: start, 200)])
        try await Self.waitForSleeper(world.clock)
        world.clock.advance(by: .seconds(3600))
        let recovered = try #require(await iterator.next()).get()
        #expect(recovered.asOf == start.addingTimeInterval(3 * 3600))
        #expect(recovered.deleted == [Fixture.recordingID(3)])

        try await Self.waitForSleeper(world.clock)
        await group.triggerGracefulShutdown()
        try await running.value
        #expect(world.clock.sleeperCount == 0)
        continuation.finish()
        #expect(await iterator.next().map { _ in "a round" } == nil, "no round after shutdown")
        #expect(world.deletedIDs == Set((1...3).map(Fixture.recordingID)))
    }

    @Test("graceful shutdown ends run() while it waits, without another round")
    func gracefulShutdownWhileWaiting() async throws {
        let start = try Fixture.date("2026-06-01T00:00:00Z")
        let world = try RetentionWorld(now: start)
        let (rounds, continuation) = AsyncStream<Round>.makeStream()
        let service = RetentionSweepService(
            sweeper: world.sweeper(), interval: .seconds(86_400), clock: world.clock,
            logger: RetentionWorld.quietLogger,
            onRound: { continuation.yield($0) })
        let group = ServiceGroup(services: [service], logger: RetentionWorld.quietLogger)
        let running = Task { try await group.run() }
        var iterator = rounds.makeAsyncIterator()
        #expect(try #require(await iterator.next()).get().deleted.isEmpty)
        try await Self.waitForSleeper(world.clock)
        await group.triggerGracefulShutdown()
        try await running.value
        continuation.finish()
        #expect(await iterator.next().map { _ in "a round" } == nil)
        #expect(world.clock.now == start, "the clock never moved")
    }

    @Test("run() on its own ends when its task is cancelled")
    func cancellation() async throws {
        let world = try RetentionWorld(now: try Fixture.date("2026-06-01T00:00:00Z"))
        let service = RetentionSweepService(
            sweeper: world.sweeper(), interval: .seconds(60), clock: world.clock, logger: RetentionWorld.quietLogger)
        let running = Task { try await service.run() }
        try await Self.waitForSleeper(world.clock)
        running.cancel()
        try await running.value
        #expect(world.clock.sleeperCount == 0)
    }
}

import CallVault
import CallVaultAudit
import CallVaultRetention
import CallVaultTestKit
import Foundation
import Logging
import ServiceLifecycle
import Testing

/// What the integration guide shows: a host runs the vault's retention sweeps and its audit
/// checkpoints as two services of one `ServiceGroup`; the sweeps delete what falls due, and at
/// graceful shutdown the log is left with every entry signed.
@Suite("Vault: background work as services")
struct VaultServicesTests {
    struct NoSleepers: Error {}

    /// Waits, in real time, until `count` tasks are asleep on the clock.
    static func waitForSleepers(_ count: Int, on clock: ManualWallClock) async throws {
        let deadline = ContinuousClock.now.advanced(by: .seconds(120))
        while clock.sleeperCount < count {
            guard ContinuousClock.now < deadline else { throw NoSleepers() }
            try await Task.sleep(for: .milliseconds(1))
        }
    }

    @Test("sweeps and checkpoints run in one ServiceGroup; shutdown leaves the log signed to its last entry")
    func sweepsAndCheckpointsInOneGroup() async throws {
        let world = try await VaultWorld()
        let id = try await world.recordCall(seconds: 1)
        var logger = Logger(label: "vault-services-tests")
        logger.logLevel = .critical
        let (sweeps, sweepRounds) = AsyncStream<Result<SweepReport, any Error>>.makeStream()
        let (checks, checkRounds) = AsyncStream<Result<AuditCheckpoint?, any Error>>.makeStream()
        let vault = world.vault
        let group = ServiceGroup(
            services: [
                vault.auditCheckpointService(onRound: { checkRounds.yield($0) }),
                vault.retentionSweepService(interval: .seconds(86_400), onRound: { sweepRounds.yield($0) }),
            ],
            logger: logger)
        let running = Task { try await group.run() }
        var sweepIterator = sweeps.makeAsyncIterator()
        var checkIterator = checks.makeAsyncIterator()

        let first = try #require(await sweepIterator.next()).get()
        #expect(first.deleted.isEmpty, "nothing is due on the day of the call")
        try await Self.waitForSleepers(2, on: world.clock)
        world.clock.advance(by: .seconds(366 * 86_400))
        let second = try #require(await sweepIterator.next()).get()
        #expect(second.deleted == [id], "past the notice's 180 days")
        _ = try #require(await checkIterator.next()).get()

        try await Self.waitForSleepers(2, on: world.clock)
        await group.triggerGracefulShutdown()
        try await running.value
        sweepRounds.finish()
        checkRounds.finish()
        let lastEntry = try #require(world.auditSink.entries.last)
        #expect(world.auditSink.checkpoints.last?.sequence == lastEntry.sequence, "every entry signed at shutdown")
    }
}

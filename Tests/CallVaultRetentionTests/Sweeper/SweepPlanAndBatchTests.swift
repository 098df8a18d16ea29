import CallVaultCore
import CallVaultRetention
import CallVaultTestKit
import Foundation
import Testing

/// A dry run lists what a sweep would do and changes nothing; sweeps work in bounded batches and
/// report progress after each.
@Suite("Sweeper: dry runs, batches and progress")
struct SweepPlanAndBatchTests {
    /// `count` Brazilian SAC recordings, all due on 2026-04-01 (their calls ended in January, kept 90 days).
    static func dueBrazilCalls(_ numbers: Range<Int>) throws -> [RecordingRetentionAttributes] {
        let first = try Fixture.date("2026-01-01T08:00:00Z")
        return try numbers.map { number in
            try Fixture.call(
                number, endedAt: first.addingTimeInterval(Double(number) * 600), places: ["BR"],
                regimes: ["br-sac-decree-11034"], customer: number % 10 == 0 ? "C-held" : "C-\(number)")
        }
    }

    @Test("a dry run for a later date lists what is due by then, held ones apart, and changes nothing")
    func dryRunAsOfLaterDate() async throws {
        // The calls are due on 2026-04-01 (90 days after they ended); a month earlier nothing is.
        let world = try RetentionWorld(now: try Fixture.date("2026-03-01T12:00:00Z"))
        try await world.add(try Self.dueBrazilCalls(1..<12))
        try await world.registry().place(
            id: "hold-c", matter: "Silva v. Operadora", reason: "litigation", scope: .customer("C-held"),
            by: "legal.alice")
        let sweeper = world.sweeper(batchSize: 4)
        let today = try await sweeper.plan()
        #expect(today.deletions.isEmpty && today.held.isEmpty, "\(today)")

        let later = try Fixture.date("2026-04-02T00:00:00Z")
        let plan = try await sweeper.plan(asOf: later)
        #expect(plan.asOf == later)
        #expect(plan.deletions.map(\.recordingID) == [1, 2, 3, 4, 5, 6, 7, 8, 9, 11].map(Fixture.recordingID))
        #expect(plan.deletions.allSatisfy { $0.dueAt <= later && $0.dueAt > world.clock.now })
        #expect(plan.held.map(\.recordingID) == [Fixture.recordingID(10)], "a hold in force now still holds then")
        #expect(world.memoryStore.tombstones.isEmpty && world.ledger.beginCalls.isEmpty, "nothing is begun")
        #expect(try await sweeper.plan(asOf: world.clock.now) == today, "as of now is the plan of now")
    }

    @Test("a dry run lists interrupted, due and held recordings, and changes nothing")
    func dryRunChangesNothing() async throws {
        let world = try RetentionWorld(now: try Fixture.date("2026-06-01T12:00:00Z"))
        try await world.add(try Self.dueBrazilCalls(1..<5))
        // A sweep that dies after journaling its batch leaves four interrupted deletions:
        // operations 0-3 are deletionsInProgress, dueRecords, activeHolds, beginDeletions.
        world.faults.crash(atOperation: 4)
        await #expect(throws: SimulatedCrash.self) { try await world.sweeper().sweep() }
        world.faults.restart()
        let interrupted = Set((1..<5).map(Fixture.recordingID))
        #expect(world.ledger.journaled == interrupted)

        try await world.add(try Self.dueBrazilCalls(5..<12))
        try await world.add([
            try Fixture.call(
                20, endedAt: try Fixture.date("2026-05-30T08:00:00Z"), places: ["BR"], regimes: ["br-sac-decree-11034"])
        ])
        try await world.registry().place(
            id: "hold-c", matter: "Silva v. Operadora", reason: "litigation", scope: .customer("C-held"),
            by: "legal.alice")

        let recordsBefore = world.memoryStore.recordCount
        let eventsBefore = world.audit.events.count
        let shredsBefore = world.ledger.shredderCalls.count
        let beginsBefore = world.ledger.beginCalls.count
        let plan = try await world.sweeper(batchSize: 3).plan()

        #expect(Set(plan.interrupted) == interrupted)
        #expect(plan.held.map(\.recordingID) == [Fixture.recordingID(10)])
        #expect(plan.held.first?.holds == ["hold-c"])
        let planned = plan.deletions.map(\.recordingID)
        #expect(planned == [5, 6, 7, 8, 9, 11].map(Fixture.recordingID), "in due order, held and not-due left out")
        #expect(plan.deletions.allSatisfy { $0.cause == .retentionExpired("br-sac-decree-11034") })
        #expect(plan.deletions.allSatisfy { $0.dueAt <= world.clock.now })
        #expect(plan.description.contains("4 interrupted deletions to finish, 6 to delete, 1 held."))
        #expect(plan.description.contains("finish  \(Fixture.recordingID(1))"))
        #expect(plan.description.contains("held    \(Fixture.recordingID(10))  by hold-c"))

        #expect(world.memoryStore.recordCount == recordsBefore)
        #expect(world.memoryStore.tombstones.isEmpty)
        #expect(world.audit.events.count == eventsBefore)
        #expect(world.ledger.shredderCalls.count == shredsBefore)
        #expect(world.ledger.beginCalls.count == beginsBefore)
        #expect(try await world.sweeper().plan() == plan, "a second dry run sees the same")

        let report = try await world.sweeper(batchSize: 3).sweep()
        #expect(Set(report.deleted) == interrupted.union(planned))
        #expect(report.resumed == 4)
        #expect(report.held == 1)
    }

    @Test("batch size 7 over 50 due recordings: 8 batches of at most 7, progress after each")
    func boundedBatches() async throws {
        let world = try RetentionWorld(now: try Fixture.date("2026-06-01T12:00:00Z"))
        try await world.add(
            try Self.dueBrazilCalls(100..<150).map { call in
                var call = call
                call.customerID = "C-any"
                return call
            })
        let progress = LockedState<[SweepProgress]>([])
        let report = try await world.sweeper(batchSize: 7, concurrency: 3).sweep { update in
            progress.withLock { $0.append(update) }
        }
        #expect(report.deleted.count == 50)
        #expect(Set(report.deleted).count == 50)
        #expect(report.batches == 8)
        let sizes = world.ledger.beginCalls.map(\.count)
        #expect(sizes == [7, 7, 7, 7, 7, 7, 7, 1])
        let updates = progress.withLock { $0 }
        #expect(updates.map(\.batches) == Array(1...8))
        #expect(updates.map(\.deleted) == [7, 14, 21, 28, 35, 42, 49, 50])
        #expect(zip(updates, updates.dropFirst()).allSatisfy { $0.deleted <= $1.deleted && $0.batches < $1.batches })
        #expect(updates.allSatisfy { $0.failed == 0 && $0.held == 0 })
    }

    @Test("held recordings inside batches are skipped, counted, and do not stall paging")
    func heldRecordingsInBatches() async throws {
        let world = try RetentionWorld(now: try Fixture.date("2026-06-01T12:00:00Z"))
        try await world.add(try Self.dueBrazilCalls(1..<51))
        try await world.registry().place(
            id: "hold-c", matter: "Silva v. Operadora", reason: "litigation", scope: .customer("C-held"),
            by: "legal.bob")
        let progress = LockedState<[SweepProgress]>([])
        let report = try await world.sweeper(batchSize: 7).sweep { update in progress.withLock { $0.append(update) } }
        let held = Set([10, 20, 30, 40, 50].map(Fixture.recordingID))
        #expect(report.held == 5)
        #expect(Set(report.deleted) == Set((1..<51).map(Fixture.recordingID)).subtracting(held))
        #expect(report.batches == 8)
        #expect(world.ledger.beginCalls.allSatisfy { $0.count <= 7 })
        #expect(world.ledger.beginCalls.allSatisfy { Set($0).isDisjoint(with: held) })
        let updates = progress.withLock { $0 }
        #expect(updates.last?.held == 5)
        #expect(zip(updates, updates.dropFirst()).allSatisfy { $0.held <= $1.held && $0.deleted <= $1.deleted })
    }

    @Test("a batch size of exactly the due count takes one batch; sizes below one are raised to one")
    func batchEdges() async throws {
        let world = try RetentionWorld(now: try Fixture.date("2026-06-01T12:00:00Z"))
        try await world.add(try Self.dueBrazilCalls(1..<8))
        let exact = try await world.sweeper(batchSize: 7).sweep()
        #expect(exact.deleted.count == 7)
        #expect(exact.batches == 1)
        #expect(RetentionSweeper.Configuration(batchSize: 0, concurrency: -3).batchSize == 1)
        #expect(RetentionSweeper.Configuration(batchSize: 0, concurrency: -3).concurrency == 1)

        let single = try RetentionWorld(now: try Fixture.date("2026-06-01T12:00:00Z"))
        try await single.add(try Self.dueBrazilCalls(1..<4))
        let report = try await single.sweeper(batchSize: 0).sweep()
        #expect(report.deleted.count == 3)
        #expect(single.ledger.beginCalls.allSatisfy { $0.count <= 1 })
    }
}

import CallVaultCore
import CallVaultCrypto
import CallVaultRetention
import CallVaultTestKit
import Foundation
import Testing

/// A deletion that fails or is cut off anywhere is finished by the next sweep with the certificate
/// it would have had, and nothing is deleted early or twice.
@Suite("Sweeper: failures and crashes")
struct SweeperRecoveryTests {
    static let now = "2026-06-01T12:00:00Z"

    /// Twelve recordings: eight due and unheld, one due but held, two not due, one unscheduled.
    static func population(key: SigningKey, now: Date) async throws -> RetentionWorld {
        let world = try RetentionWorld(now: now, key: key)
        var calls: [RecordingRetentionAttributes] = []
        for number in 1...6 {
            calls.append(
                try Fixture.call(
                    number, endedAt: try Fixture.date("2026-01-0\(number)T10:00:00Z"), places: ["BR"],
                    regimes: ["br-sac-decree-11034"], customer: "C-\(number)"))
        }
        calls += [
            try Fixture.call(
                7, endedAt: try Fixture.date("2025-10-01T10:00:00Z"), places: ["FR"], purposes: [.quality]),
            try Fixture.call(
                8, endedAt: try Fixture.date("2026-02-01T10:00:00Z"), places: ["GB"],
                regimes: ["contact-centre-practice"]),
            try Fixture.call(
                9, endedAt: try Fixture.date("2026-01-07T10:00:00Z"), places: ["BR"], regimes: ["br-sac-decree-11034"],
                customer: "C-held"),
            try Fixture.call(
                10, endedAt: try Fixture.date("2025-10-01T10:00:00Z"), places: ["DE"], regimes: ["eu-mifid2-16-7"]),
            try Fixture.call(
                11, endedAt: try Fixture.date("2026-05-20T10:00:00Z"), places: ["BR"], regimes: ["br-sac-decree-11034"]),
            try Fixture.call(12, endedAt: try Fixture.date("2019-01-01T10:00:00Z"), places: ["CA"]),
        ]
        try await world.add(calls)
        try await world.registry().place(
            id: "hold-c", matter: "Lima v. Banco", reason: "litigation", scope: .customer("C-held"), by: "legal.alice")
        return world
    }

    static let expectedDeleted = Set((1...8).map(Fixture.recordingID))

    @Test("a shredder failure for one recording is reported; the next sweep finishes it with the same certificate")
    func shredderFailureThenResume() async throws {
        let key = try SigningKey.generate()
        let now = try Fixture.date(Self.now)
        let failing = Fixture.recordingID(3)

        let reference = try await Self.population(key: key, now: now)
        _ = try await reference.sweeper(batchSize: 3).sweep()
        let expectedCertificate = try #require(reference.tombstonesByID[failing]?.certificate)

        let world = try await Self.population(key: key, now: now)
        world.shredder.fail(for: [failing])
        let first = try await world.sweeper(batchSize: 3).sweep()
        #expect(Set(first.deleted) == Self.expectedDeleted.subtracting([failing]))
        #expect(first.failures.map(\.recordingID) == [failing])
        #expect(first.failures.first?.reason.contains("key service unavailable") == true)
        #expect(first.summary.contains("1 failed"))
        let pending = try #require(try await world.store.record(failing))
        #expect(pending.deletion?.startedAt == now)
        #expect(try await world.store.deletionsInProgress(limit: 10).map(\.recordingID) == [failing])
        #expect(world.memoryShredder.hasKeys(failing) && world.memoryShredder.hasContent(failing))
        #expect(try await world.sweeper().plan().interrupted == [failing])
        await #expect(throws: RetentionStoreError.deletionInProgress(failing)) {
            try await world.store.save([pending])
        }

        world.shredder.recover()
        world.clock.advance(by: .seconds(3 * 86_400))
        let second = try await world.sweeper(batchSize: 3).sweep()
        #expect(second.deleted == [failing])
        #expect(second.resumed == 1)
        let tombstone = try #require(world.tombstonesByID[failing])
        #expect(tombstone.deletedAt == now, "the journal's time, not the resuming sweep's")
        #expect(tombstone.certificate == expectedCertificate)
        for id in Self.expectedDeleted {
            #expect(world.tombstonesByID[id]?.certificate == reference.tombstonesByID[id]?.certificate)
        }
        #expect(
            world.deletionEventsPerRecording == Dictionary(uniqueKeysWithValues: Self.expectedDeleted.map { ($0, 1) }))
    }

    /// Counts the operations of a sweep over the population.
    static func referenceRun(key: SigningKey, now: Date) async throws -> (world: RetentionWorld, operations: Int) {
        let world = try await population(key: key, now: now)
        let before = world.faults.operationCount
        _ = try await world.sweeper(batchSize: 3, concurrency: 2).sweep()
        return (world, world.faults.operationCount - before)
    }

    @Test(
        "a sweep cut off at any operation, restarted and run again, ends exactly as an uninterrupted one",
        arguments: [false, true])
    func crashAtEveryOperation(clockMovesOn: Bool) async throws {
        let key = try SigningKey.generate()
        let now = try Fixture.date(Self.now)
        let later = now.addingTimeInterval(86_400 + 0.5)
        let (reference, operations) = try await Self.referenceRun(key: key, now: now)
        let referenceTombstones = reference.tombstonesByID
        #expect(Set(referenceTombstones.keys) == Self.expectedDeleted)
        #expect(operations > 20)
        for crashAt in 0...operations {
            let world = try await Self.population(key: key, now: now)
            var records: [RecordingID: RetentionRecord] = [:]
            for number in 1...12 {
                let id = Fixture.recordingID(number)
                records[id] = try await world.store.record(id)
            }
            world.faults.crash(atOperation: crashAt)
            let firstError: (any Error)?
            do {
                _ = try await world.sweeper(batchSize: 3, concurrency: 2).sweep()
                firstError = nil
            } catch {
                firstError = error
            }
            #expect(world.faults.hasCrashed == (crashAt < operations), "crash at \(crashAt)")
            #expect(
                (firstError != nil) == (crashAt < operations), "crash at \(crashAt): \(String(describing: firstError))")
            world.faults.restart()
            let journaledBeforeRestart = world.ledger.journaled
            if clockMovesOn { world.clock.set(to: later) }
            let second = try await world.sweeper(batchSize: 3, concurrency: 2).sweep()
            #expect(second.failures.isEmpty, "crash at \(crashAt)")

            let tombstones = world.tombstonesByID
            #expect(Set(tombstones.keys) == Self.expectedDeleted, "crash at \(crashAt)")
            for (id, tombstone) in tombstones {
                let record = try #require(records[id])
                let dueAt = try #require(record.dueAt)
                #expect(tombstone.deletedAt >= dueAt, "\(id) deleted early after a crash at \(crashAt)")
                if !clockMovesOn || journaledBeforeRestart.contains(id) {
                    #expect(
                        tombstone.certificate == referenceTombstones[id]?.certificate,
                        "\(id): certificate differs after a crash at \(crashAt)")
                } else {
                    #expect(tombstone.deletedAt == later.addingTimeInterval(-0.5))
                }
                #expect(
                    world.ledger.certificatesOffered[id]?.count == 1, "\(id) got two certificates (crash at \(crashAt))"
                )
                #expect(!world.memoryShredder.hasKeys(id) && !world.memoryShredder.hasContent(id))
            }
            #expect(
                world.ledger.shreddedBeforeJournal.isEmpty, "keys shredded before the journal (crash at \(crashAt))")
            #expect(world.memoryShredder.contentDeletedBeforeKeys.isEmpty)
            for number in 9...12 {
                let id = Fixture.recordingID(number)
                #expect(try await world.store.record(id) != nil)
                #expect(world.memoryShredder.hasKeys(id) && world.memoryShredder.hasContent(id))
                #expect(world.memoryShredder.keyShredCount(id) == 0)
            }
            #expect(try await world.store.deletionsInProgress(limit: 100).isEmpty)
            #expect(
                world.deletionEventsPerRecording
                    == Dictionary(uniqueKeysWithValues: Self.expectedDeleted.map { ($0, 1) }),
                "audit after a crash at \(crashAt)")
        }
    }
}

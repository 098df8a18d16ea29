import CallVaultCore
import CallVaultCrypto
import CallVaultRetention
import CallVaultTestKit
import Foundation
import Testing

/// A sweep deletes exactly the recordings that are due and under no hold, shreds keys before
/// content, replaces records with tombstones and certifies each deletion.
@Suite("Sweeper: what a sweep deletes")
struct SweeperDeletionTests {
    /// Nine recordings around 2026-06-01: three due and unheld, two due but held, three not yet
    /// due, one that no rule schedules.
    struct Population {
        let world: RetentionWorld
        let now: Date
        let dueAndUnheld: Set<RecordingID>
        let held: Set<RecordingID>
        let notDue: Set<RecordingID>
        let unscheduled: Set<RecordingID>
        let heldByCustomer: LegalHold
        let heldByID: LegalHold

        var all: Set<RecordingID> { dueAndUnheld.union(held).union(notDue).union(unscheduled) }

        init() async throws {
            now = try Fixture.date("2026-06-01T12:00:00.750Z")
            world = try RetentionWorld(now: now)
            let brazilDue = try Fixture.call(
                1, endedAt: try Fixture.date("2026-01-10T10:00:00Z"), places: ["BR"], regimes: ["br-sac-decree-11034"])
            let brazilNotDue = try Fixture.call(
                2, endedAt: try Fixture.date("2026-05-20T10:00:00Z"), places: ["BR"], regimes: ["br-sac-decree-11034"])
            let cnilDue = try Fixture.call(
                3, endedAt: try Fixture.date("2025-10-01T10:00:00Z"), places: ["FR"], purposes: [.quality])
            let cnilNotDue = try Fixture.call(
                4, endedAt: try Fixture.date("2026-03-01T10:00:00Z"), places: ["FR"], purposes: [.quality])
            let mifidConflict = try Fixture.call(
                5, endedAt: try Fixture.date("2025-10-01T10:00:00Z"), places: ["FR"], regimes: ["eu-mifid2-16-7"],
                purposes: [.quality])
            let unscheduled = try Fixture.call(6, endedAt: try Fixture.date("2020-01-01T10:00:00Z"), places: ["CA"])
            let cftcHeld = try Fixture.call(
                7, endedAt: try Fixture.date("2025-05-01T10:00:00Z"), places: ["US"], regimes: ["us-cftc-1-35"],
                customer: "C-held")
            let practiceDue = try Fixture.call(
                8, endedAt: try Fixture.date("2026-02-01T10:00:00Z"), places: ["GB"],
                regimes: ["contact-centre-practice"])
            let brazilHeld = try Fixture.call(
                9, endedAt: try Fixture.date("2026-01-11T10:00:00Z"), places: ["BR"], regimes: ["br-sac-decree-11034"])
            try await world.add([
                brazilDue, brazilNotDue, cnilDue, cnilNotDue, mifidConflict, unscheduled, cftcHeld, practiceDue,
                brazilHeld,
            ])
            let registry = world.registry()
            heldByCustomer = try await registry.place(
                id: "hold-customer", matter: "Ferreira v. Banco", reason: "complaint escalated",
                scope: .customer("C-held"),
                by: "legal.alice")
            heldByID = try await registry.place(
                id: "hold-recording", matter: "Regulator inquiry 7", reason: "sample requested",
                scope: .recordings([brazilHeld.recordingID]), by: "legal.bob")
            dueAndUnheld = [brazilDue.recordingID, cnilDue.recordingID, practiceDue.recordingID]
            held = [cftcHeld.recordingID, brazilHeld.recordingID]
            notDue = [brazilNotDue.recordingID, cnilNotDue.recordingID, mifidConflict.recordingID]
            self.unscheduled = [unscheduled.recordingID]
        }
    }

    @Test("deletes exactly the due, unheld recordings and reports the held ones")
    func deletesExactlyTheDueUnheld() async throws {
        let population = try await Population()
        let world = population.world
        let report = try await world.sweeper().sweep()

        #expect(Set(report.deleted) == population.dueAndUnheld)
        #expect(report.deleted.count == 3)
        #expect(report.held == 2)
        #expect(report.failures.isEmpty)
        #expect(report.resumed == 0)
        #expect(world.deletedIDs == population.dueAndUnheld)
        #expect(world.memoryStore.recordCount == 6)
        for id in population.all.subtracting(population.dueAndUnheld) {
            #expect(try await world.store.record(id) != nil, "\(id) should still exist")
            #expect(world.memoryShredder.hasKeys(id) && world.memoryShredder.hasContent(id))
        }
        #expect(report.summary.contains("3 deleted (0 resumed), 2 held, 0 failed"))
    }

    @Test("each deletion happens no earlier than the rule allows, counted independently")
    func deletionTimesAgainstIndependentCount() async throws {
        let population = try await Population()
        let world = population.world
        _ = try await world.sweeper().sweep()
        let tombstones = world.tombstonesByID
        // Brazil: 90 days after the call ended; practice: 90 days; CNIL: at most 6 months from the start.
        let brazilKeep = Fixture.adding(days: 90, to: try Fixture.date("2026-01-10T10:00:00Z"))
        let practiceKeep = Fixture.adding(days: 90, to: try Fixture.date("2026-02-01T10:00:00Z"))
        let cnilCap = Fixture.adding(months: 6, to: try Fixture.date("2025-10-01T09:55:00Z"))
        for (number, floor) in [(1, brazilKeep), (8, practiceKeep), (3, cnilCap)] {
            let tombstone = try #require(tombstones[Fixture.recordingID(number)])
            #expect(tombstone.deletedAt >= floor)
            #expect(tombstone.deletedAt == (try Fixture.date("2026-06-01T12:00:00Z")), "stated to the whole second")
        }
        // Not-due recordings are due later than now, by the same independent count.
        #expect(Fixture.adding(days: 90, to: try Fixture.date("2026-05-20T10:00:00Z")) > population.now)
        #expect(Fixture.adding(months: 6, to: try Fixture.date("2026-02-28T09:55:00Z")) > population.now)
        #expect(Fixture.adding(years: 5, to: try Fixture.date("2025-10-01T10:00:00Z")) > population.now)
    }

    @Test("tombstones replace the records, and a deleted recording cannot be saved again")
    func tombstonesReplaceRecords() async throws {
        let population = try await Population()
        let world = population.world
        let brazil = try #require(try await world.store.record(Fixture.recordingID(1)))
        _ = try await world.sweeper().sweep()

        for id in population.dueAndUnheld {
            #expect(try await world.store.record(id) == nil)
            let tombstone = try #require(try await world.store.tombstone(id))
            #expect(tombstone.recordingID == id)
        }
        let tombstone = try #require(try await world.store.tombstone(Fixture.recordingID(1)))
        #expect(tombstone.cause == .retentionExpired("br-sac-decree-11034"))
        #expect(try await world.store.deletionsInProgress(limit: 100).isEmpty)
        #expect(try await world.store.records(ofCustomer: "C-held").map(\.recordingID) == [Fixture.recordingID(7)])
        await #expect(throws: RetentionStoreError.recordingDeleted(Fixture.recordingID(1))) {
            try await world.store.save([brazil])
        }
        // A later sweep finds nothing more and changes nothing.
        let before = world.tombstonesByID
        let again = try await world.sweeper().sweep()
        #expect(again.deleted.isEmpty)
        #expect(world.tombstonesByID == before)
        #expect(world.deletedIDs == population.dueAndUnheld)
    }

    @Test("keys are shredded before content, once per recording, and only for deleted recordings")
    func shredderOrder() async throws {
        let population = try await Population()
        let world = population.world
        _ = try await world.sweeper(concurrency: 3).sweep()

        #expect(world.memoryShredder.contentDeletedBeforeKeys.isEmpty)
        #expect(world.ledger.shreddedBeforeJournal.isEmpty)
        let calls = world.ledger.shredderCalls
        for id in population.dueAndUnheld {
            let steps = calls.filter { $0.0 == id }.map(\.1)
            #expect(steps == [.keys, .content], "\(id): \(steps)")
            #expect(world.memoryShredder.keyShredCount(id) == 1)
            #expect(!world.memoryShredder.hasKeys(id))
            #expect(!world.memoryShredder.hasContent(id))
        }
        #expect(Set(calls.map(\.0)) == population.dueAndUnheld)
        #expect(world.memoryShredder.storedCount == population.all.count - population.dueAndUnheld.count)
    }

    @Test("one recording-deleted audit event per deletion, naming the sweeper and the journal time")
    func auditEvents() async throws {
        let population = try await Population()
        let world = population.world
        _ = try await world.sweeper().sweep()
        let deletions = world.audit.events.filter { $0.action == .recordingDeleted }
        #expect(deletions.count == 3)
        #expect(Set(deletions.compactMap(\.recordingID)) == population.dueAndUnheld)
        for event in deletions {
            #expect(event.actor == "sweeper@recorder-7")
            #expect(event.at == (try Fixture.date("2026-06-01T12:00:00Z")))
            #expect(event.id == "recording-deleted:\(event.recordingID.map(\.description) ?? "")")
        }
        #expect(world.audit.events.filter { $0.action == .holdPlaced }.count == 2)
    }
}

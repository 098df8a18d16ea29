import CallVaultCore
import CallVaultRetention
import CallVaultTestKit
import Foundation
import Testing

/// Holds and write-once locks stop deletions, including a hold that arrives between the
/// sweeper's reading a page and its beginning the deletions.
@Suite("Sweeper: legal holds and write-once locks")
struct SweeperHoldAndLockTests {
    static let now = "2026-06-01T12:00:00Z"

    static func twoDueRecordings() async throws -> RetentionWorld {
        let world = try RetentionWorld(now: try Fixture.date(now))
        try await world.add([
            try Fixture.call(
                1, endedAt: try Fixture.date("2026-01-10T10:00:00Z"), places: ["BR"], regimes: ["br-sac-decree-11034"],
                customer: "C-1"),
            try Fixture.call(
                2, endedAt: try Fixture.date("2026-01-11T10:00:00Z"), places: ["BR"], regimes: ["br-sac-decree-11034"],
                customer: "C-2"),
        ])
        return world
    }

    @Test("a hold placed after the sweeper read its page but before it began the deletions is honoured")
    func holdRacingTheSweeper() async throws {
        let world = try await Self.twoDueRecordings()
        let registry = world.registry()
        world.store.beforeNextBeginDeletions {
            try await registry.place(
                id: "hold-late", matter: "Costa v. Banco", reason: "preservation letter received",
                scope: .customer("C-1"), by: "legal.alice")
        }
        let report = try await world.sweeper().sweep()
        #expect(report.deleted == [Fixture.recordingID(2)])
        #expect(report.held == 1)
        #expect(world.ledger.beginCalls.first?.contains(Fixture.recordingID(1)) == true, "the sweeper did ask")
        #expect(!world.ledger.journaled.contains(Fixture.recordingID(1)))
        #expect(try await world.store.record(Fixture.recordingID(1)) != nil)
        #expect(world.memoryShredder.hasKeys(Fixture.recordingID(1)))
        #expect(world.memoryShredder.keyShredCount(Fixture.recordingID(1)) == 0)
    }

    @Test("a hold placed between the dry run and the sweep is honoured")
    func holdAfterPlan() async throws {
        let world = try await Self.twoDueRecordings()
        let plan = try await world.sweeper().plan()
        #expect(Set(plan.deletions.map(\.recordingID)) == [Fixture.recordingID(1), Fixture.recordingID(2)])
        try await world.registry().place(
            matter: "Inquiry 12", reason: "regulator request", scope: .recordings([Fixture.recordingID(2)]),
            by: "legal.bob")
        let report = try await world.sweeper().sweep()
        #expect(report.deleted == [Fixture.recordingID(1)])
        #expect(report.held == 1)
    }

    @Test("a schedule lengthened after the sweeper read its page is honoured")
    func scheduleLengthenedRacingTheSweeper() async throws {
        let world = try await Self.twoDueRecordings()
        let order = try RetentionPolicy(
            id: "acme-court-order", name: "Court order to keep", match: RetentionQuery(customerIDs: ["C-2"]),
            minimum: RetentionPeriod(years: 2), isLegalObligation: true)
        let lengthened = try RetentionScheduler(
            catalog: try RetentionCatalog.bundled, policies: try RetentionPolicySet(version: "v2", policies: [order]))
        let previous = try #require(try await world.store.record(Fixture.recordingID(2)))
        let store = world.store
        world.store.beforeNextBeginDeletions {
            var record = previous
            record.schedule = try lengthened.recompute(previous.schedule, for: previous.attributes)
            try await store.save([record])
        }
        let report = try await world.sweeper().sweep()
        #expect(report.deleted == [Fixture.recordingID(1)])
        let kept = try #require(try await world.store.record(Fixture.recordingID(2)))
        #expect(kept.dueAt == Fixture.adding(years: 2, to: try Fixture.date("2026-01-11T10:00:00Z")))
        #expect(world.memoryShredder.hasKeys(Fixture.recordingID(2)))
    }

    @Test("a hold released by two different officers makes the recording deletable on the next sweep")
    func dualControlRelease() async throws {
        let world = try await Self.twoDueRecordings()
        let registry = world.registry()
        let hold = try await registry.place(
            id: "hold-c1", matter: "Costa v. Banco", reason: "litigation", scope: .customer("C-1"), by: "legal.alice")
        await #expect(throws: LegalHoldError.notAuthorised("agent.eve")) {
            try await registry.requestRelease(hold.id, by: "agent.eve", reason: "tidy up")
        }
        var report = try await world.sweeper().sweep()
        #expect(report.deleted == [Fixture.recordingID(2)])
        #expect(report.held == 1)

        try await registry.requestRelease(hold.id, by: "legal.alice", reason: "case settled")
        await #expect(throws: LegalHoldError.approverIsRequester("hold-c1", principal: "legal.alice")) {
            try await registry.approveRelease(hold.id, by: "legal.alice")
        }
        world.clock.advance(by: .seconds(86_400))
        report = try await world.sweeper().sweep()
        #expect(report.deleted.isEmpty, "a requested release is not a release")
        #expect(report.held == 1)

        try await registry.approveRelease(hold.id, by: "legal.bob")
        #expect(try await world.store.activeHolds().isEmpty)
        world.clock.advance(by: .seconds(86_400))
        report = try await world.sweeper().sweep()
        #expect(report.deleted == [Fixture.recordingID(1)])
        #expect(report.held == 0)
        let actions = world.audit.distinctEvents.filter { $0.holdID == "hold-c1" }.map(\.action)
        #expect(actions == [.holdPlaced, .holdReleaseRequested, .holdReleased])
    }

    @Test("a MiFID recording stays write-once until its fifth anniversary, to the second")
    func writeOnceLockToTheSecond() async throws {
        let ended = try Fixture.date("2021-03-01T10:00:00Z")
        let world = try RetentionWorld(now: try Fixture.date("2026-03-01T09:59:59Z"))
        let records = try await world.add([
            try Fixture.call(1, endedAt: ended, places: ["DE"], regimes: ["eu-mifid2-16-7"])
        ])
        let lock = try #require(records.first?.schedule.writeOnceUntil)
        #expect(lock == Fixture.adding(years: 5, to: ended))

        var report = try await world.sweeper().sweep()
        #expect(report.deleted.isEmpty)
        let (direct, refused) = try await world.sweeper().delete([Fixture.recordingID(1)])
        #expect(direct.deleted.isEmpty)
        #expect(refused[Fixture.recordingID(1)] == .notDue(lock))
        let starts = try await world.store.beginDeletions([Fixture.recordingID(1)], at: world.clock.now)
        #expect(starts == [.refused(Fixture.recordingID(1), .notDue(lock))])

        world.clock.advance(by: .seconds(1))
        report = try await world.sweeper().sweep()
        #expect(report.deleted == [Fixture.recordingID(1)])
        #expect(try await world.certificate(of: Fixture.recordingID(1)).cause == .retentionExpired("eu-mifid2-16-7"))
    }

    @Test("a minimum ending on a 29 February that does not exist rounds to 1 March, never earlier")
    func leapDayRoundsLater() async throws {
        let ended = try Fixture.date("2024-02-29T10:00:00Z")
        let world = try RetentionWorld(now: try Fixture.date("2029-02-28T23:59:59Z"))
        try await world.add([try Fixture.call(1, endedAt: ended, places: ["DE"], regimes: ["eu-mifid2-16-7"])])
        // Foundation clamps to 28 February; the law's five years are not over before 1 March.
        #expect(Fixture.adding(years: 5, to: ended) < world.clock.now)
        #expect(try await world.sweeper().sweep().deleted.isEmpty)
        world.clock.set(to: try Fixture.date("2029-03-01T10:00:00Z"))
        #expect(try await world.sweeper().sweep().deleted == [Fixture.recordingID(1)])
    }

    @Test("a write-once lock from a business policy keeps an erasure-marked recording until the lock ends")
    func businessLockUnderErasure() async throws {
        let worm = try RetentionPolicy(
            id: "acme-vip-worm", name: "VIP calls on WORM storage", match: RetentionQuery(tags: ["vip"]),
            minimum: RetentionPeriod(years: 1), writeOnce: true)
        let world = try RetentionWorld(
            now: try Fixture.date("2026-03-01T12:00:00Z"),
            policies: try RetentionPolicySet(version: "acme-1", policies: [worm]))
        let ended = try Fixture.date("2026-01-01T10:00:00Z")
        let records = try await world.add([try Fixture.call(1, endedAt: ended, places: ["GB"], tags: ["vip"])])
        var marked = try #require(records.first)
        #expect(marked.schedule.legalKeepUntil == ended)
        marked.erasure = ErasureMark(requestID: "E-1", requestedAt: world.clock.now)
        try await world.store.save([marked])
        let lock = Fixture.adding(years: 1, to: ended)
        #expect(marked.dueAt == lock)

        #expect(try await world.sweeper().sweep().deleted.isEmpty)
        let (_, refused) = try await world.sweeper().delete([Fixture.recordingID(1)])
        #expect(refused[Fixture.recordingID(1)] == .notDue(lock))
        world.clock.set(to: lock.addingTimeInterval(1))
        #expect(try await world.sweeper().sweep().deleted == [Fixture.recordingID(1)])
        #expect(try await world.certificate(of: Fixture.recordingID(1)).cause == .erasureRequest("E-1"))
    }
}

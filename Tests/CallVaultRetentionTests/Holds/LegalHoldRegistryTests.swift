import CallVaultCore
import CallVaultRetention
import CallVaultTestKit
import Foundation
import Testing

/// Placing and releasing holds through the registry: authority checked first, holds persisted in
/// the store, and every step reported to the audit log under a stable id.
@Suite("Legal hold registry")
struct LegalHoldRegistryTests {
    typealias H = HoldFixture

    static func call(id: RecordingID = RecordingID(), customer: String = "C-1042", agent: String = "A-7") throws
        -> RecordingRetentionAttributes
    {
        try ScheduleFixture.recording(id: id, in: ["FR"], purposes: [.quality], customer: customer, agent: agent)
    }

    @Test("an officer places a hold: it is stored and audited")
    func place() async throws {
        let fixture = try H()
        let hold = try await fixture.registry.place(
            id: "hold-smith", matter: "Smith v. Acme Bank", reason: "complaint escalated to litigation",
            scope: .customer("C-1042"), by: H.alice)
        #expect(hold.id == "hold-smith")
        #expect(hold.placedBy == H.alice)
        #expect(hold.placedAt == fixture.clock.now)
        #expect(hold.isActive)
        #expect(fixture.store.allHolds == [hold])
        #expect(try await fixture.store.hold("hold-smith") == hold)

        let events = fixture.audit.events
        #expect(events.count == 1)
        let event = try #require(events.first)
        #expect(event.id == "hold-placed:hold-smith")
        #expect(event.action == .holdPlaced)
        #expect(event.at == fixture.clock.now)
        #expect(event.actor == H.alice)
        #expect(event.holdID == "hold-smith")
        #expect(event.recordingID == nil)
        #expect(event.detail.contains("Smith v. Acme Bank") && event.detail.contains("complaint escalated"))
    }

    @Test("someone who is not an officer can place nothing, and nothing is stored or audited")
    func unauthorisedPlace() async throws {
        let fixture = try H()
        await #expect(throws: LegalHoldError.notAuthorised(H.mallory)) {
            try await fixture.registry.place(
                id: "hold-x", matter: "Smith", reason: "litigation", scope: .agent("A-7"), by: H.mallory)
        }
        // Authority is checked before anything else, so a bad request reveals nothing either.
        await #expect(throws: LegalHoldError.notAuthorised(H.mallory)) {
            try await fixture.registry.place(id: "hold-x", matter: "", reason: "", scope: .agent("A-7"), by: H.mallory)
        }
        #expect(fixture.store.allHolds.isEmpty)
        #expect(fixture.audit.events.isEmpty)
        #expect(LegalHoldError.notAuthorised(H.mallory).description.contains("sales.mallory is not authorised"))
    }

    @Test("a hold id already used is refused, and the first hold is untouched")
    func duplicate() async throws {
        let fixture = try H()
        let first = try await fixture.registry.place(
            id: "hold-1", matter: "Smith", reason: "litigation", scope: .customer("C-1042"), by: H.alice)
        fixture.clock.advance(by: .seconds(3600))
        await #expect(throws: LegalHoldError.duplicateHold("hold-1")) {
            try await fixture.registry.place(
                id: "hold-1", matter: "Jones", reason: "inquiry", scope: .agent("A-9"), by: H.bob)
        }
        #expect(fixture.store.allHolds == [first])
        #expect(fixture.audit.events.map(\.id) == ["hold-placed:hold-1"])
    }

    @Test("invalid holds are refused before they are stored")
    func invalidHold() async throws {
        let fixture = try H()
        await #expect(throws: LegalHoldError.missingField("reason")) {
            try await fixture.registry.place(
                id: "hold-1", matter: "Smith", reason: " ", scope: .agent("A-7"), by: H.alice)
        }
        #expect(fixture.store.allHolds.isEmpty)
        #expect(fixture.audit.events.isEmpty)
    }

    @Test("request, withdraw, request again and approve: each step stored and audited under its own id")
    func releaseLifecycle() async throws {
        let fixture = try H()
        let registry = fixture.registry
        let call = try Self.call()
        try await registry.place(
            id: "hold-1", matter: "Smith", reason: "litigation", scope: .customer("C-1042"), by: H.alice)
        let placed = fixture.epochSeconds

        fixture.clock.advance(by: .seconds(86_400 * 30))
        let requested = try await registry.requestRelease("hold-1", by: H.alice, reason: "case settled")
        let firstRequest = fixture.epochSeconds
        #expect(requested.releaseRequest?.requestedAt == fixture.clock.now)
        #expect(try await registry.holds(covering: call).map(\.id) == ["hold-1"], "still holding")

        fixture.clock.advance(by: .seconds(600))
        let withdrawn = try await registry.withdrawReleaseRequest("hold-1", by: H.bob)
        let withdrawal = fixture.epochSeconds
        #expect(withdrawn.releaseRequest == nil)
        #expect(try await fixture.store.hold("hold-1")?.releaseRequest == nil)

        fixture.clock.advance(by: .seconds(86_400))
        try await registry.requestRelease("hold-1", by: H.bob, reason: "appeal dismissed")
        let secondRequest = fixture.epochSeconds

        fixture.clock.advance(by: .seconds(7200))
        let released = try await registry.approveRelease("hold-1", by: H.alice)
        #expect(!released.isActive)
        #expect(released.release?.approvedBy == H.alice)
        #expect(released.release?.releasedAt == fixture.clock.now)
        #expect(try await fixture.store.hold("hold-1") == released)
        #expect(try await fixture.store.activeHolds().isEmpty)
        #expect(try await registry.holds(covering: call).isEmpty)

        let events = fixture.audit.events
        #expect(
            events.map(\.id) == [
                // Requests are numbered; a withdrawal is named after the request it withdraws.
                "hold-placed:hold-1", "hold-release-requested:hold-1:1",
                "hold-release-withdrawn:hold-1:1", "hold-release-requested:hold-1:2",
                "hold-released:hold-1",
            ])
        #expect(
            events.map(\.action) == [
                .holdPlaced, .holdReleaseRequested, .holdReleaseWithdrawn, .holdReleaseRequested, .holdReleased,
            ])
        #expect(events.map(\.actor) == [H.alice, H.alice, H.bob, H.bob, H.alice])
        #expect(events.allSatisfy { $0.holdID == "hold-1" })
        #expect(
            events.map { Int($0.at.timeIntervalSince1970) } == [
                placed, firstRequest, withdrawal, secondRequest, fixture.epochSeconds,
            ])
        #expect(events.last?.detail.contains("requested by legal.bob") == true)
        #expect(fixture.audit.distinctEvents.count == 5)
    }

    @Test("the requester cannot approve through the registry either, and nothing changes")
    func selfApproval() async throws {
        let fixture = try H()
        try await fixture.registry.place(
            id: "hold-1", matter: "Smith", reason: "litigation", scope: .agent("A-7"), by: H.alice)
        let requested = try await fixture.registry.requestRelease("hold-1", by: H.alice, reason: "settled")
        await #expect(throws: LegalHoldError.approverIsRequester("hold-1", principal: H.alice)) {
            try await fixture.registry.approveRelease("hold-1", by: H.alice)
        }
        #expect(try await fixture.store.hold("hold-1") == requested)
        #expect(fixture.audit.events.map(\.action) == [.holdPlaced, .holdReleaseRequested])
    }

    @Test("a second person who is not an officer cannot approve, request or withdraw")
    func unauthorisedRelease() async throws {
        let fixture = try H()
        try await fixture.registry.place(
            id: "hold-1", matter: "Smith", reason: "litigation", scope: .agent("A-7"), by: H.alice)
        await #expect(throws: LegalHoldError.notAuthorised(H.mallory)) {
            try await fixture.registry.requestRelease("hold-1", by: H.mallory, reason: "please")
        }
        let requested = try await fixture.registry.requestRelease("hold-1", by: H.alice, reason: "settled")
        await #expect(throws: LegalHoldError.notAuthorised(H.mallory)) {
            try await fixture.registry.approveRelease("hold-1", by: H.mallory)
        }
        await #expect(throws: LegalHoldError.notAuthorised(H.mallory)) {
            try await fixture.registry.withdrawReleaseRequest("hold-1", by: H.mallory)
        }
        #expect(try await fixture.store.hold("hold-1") == requested)
        #expect(try await fixture.store.activeHolds().map(\.id) == ["hold-1"])
        #expect(fixture.audit.events.count == 2)
    }

    @Test("steps on a hold that does not exist, or was released, are refused")
    func unknownAndReleased() async throws {
        let fixture = try H()
        await #expect(throws: LegalHoldError.unknownHold("hold-none")) {
            try await fixture.registry.requestRelease("hold-none", by: H.alice, reason: "settled")
        }
        await #expect(throws: LegalHoldError.unknownHold("hold-none")) {
            try await fixture.registry.approveRelease("hold-none", by: H.bob)
        }
        await #expect(throws: LegalHoldError.releaseNotRequested("hold-1")) {
            try await fixture.registry.place(
                id: "hold-1", matter: "Smith", reason: "litigation", scope: .agent("A-7"), by: H.alice)
            try await fixture.registry.approveRelease("hold-1", by: H.bob)
        }
        try await fixture.registry.requestRelease("hold-1", by: H.alice, reason: "settled")
        try await fixture.registry.approveRelease("hold-1", by: H.bob)
        await #expect(throws: LegalHoldError.alreadyReleased("hold-1")) {
            try await fixture.registry.approveRelease("hold-1", by: H.alice)
        }
        await #expect(throws: LegalHoldError.alreadyReleased("hold-1")) {
            try await fixture.registry.requestRelease("hold-1", by: H.alice, reason: "again")
        }
        #expect(fixture.audit.events.map(\.action) == [.holdPlaced, .holdReleaseRequested, .holdReleased])
    }

    @Test("holds(covering:) returns the active holds whose scope covers the recording")
    func holdsCovering() async throws {
        let fixture = try H()
        let registry = fixture.registry
        let id = RecordingID()
        let call = try Self.call(id: id)
        try await registry.place(
            id: "hold-customer", matter: "M1", reason: "R", scope: .customer("C-1042"), by: H.alice)
        try await registry.place(id: "hold-agent", matter: "M2", reason: "R", scope: .agent("A-9"), by: H.alice)
        try await registry.place(id: "hold-recording", matter: "M3", reason: "R", scope: .recordings([id]), by: H.bob)
        try await registry.place(
            id: "hold-window", matter: "M4", reason: "R",
            scope: .timeWindow(from: call.endedAt, until: call.endedAt.addingTimeInterval(86_400)), by: H.bob)
        let covering = try await registry.holds(covering: call).map(\.id.rawValue).sorted()
        #expect(covering == ["hold-customer", "hold-recording", "hold-window"])

        try await registry.requestRelease("hold-customer", by: H.alice, reason: "settled")
        #expect(try await registry.holds(covering: call).count == 3, "a pending request still holds")
        try await registry.approveRelease("hold-customer", by: H.bob)
        let remaining = try await registry.holds(covering: call).map(\.id.rawValue).sorted()
        #expect(remaining == ["hold-recording", "hold-window"])
        let otherCall = try Self.call(customer: "C-2", agent: "A-9")
        let other = try await registry.holds(covering: otherCall).map(\.id.rawValue).sorted()
        #expect(other == ["hold-agent", "hold-window"], "the window starts as the call ends, so it covers it")
    }

    @Test("there is no cap: a hold over 100,000 recordings is stored and holds each of them")
    func largeHold() async throws {
        let fixture = try H()
        var ids = Set<RecordingID>()
        ids.reserveCapacity(100_000)
        while ids.count < 100_000 { ids.insert(RecordingID()) }
        let hold = try await fixture.registry.place(
            id: "hold-big", matter: "Regulator inquiry 2026-07", reason: "all desk calls of Q1",
            scope: .recordings(ids),
            by: H.alice)
        guard case .recordings(let stored) = try await fixture.store.hold("hold-big")?.scope else {
            Issue.record("the stored hold lost its scope")
            return
        }
        #expect(stored.count == 100_000)
        #expect(hold.scope == .recordings(ids))
        for id in ids.prefix(50) {
            #expect(try await fixture.registry.holds(covering: try Self.call(id: id)).map(\.id) == ["hold-big"])
        }
        #expect(try await fixture.registry.holds(covering: try Self.call(id: RecordingID())).isEmpty)
    }

    @Test("audit ids are stable: the same step on the same hold always has the same id")
    func stableIDs() async throws {
        func run() async throws -> [String] {
            let fixture = try H()
            try await fixture.registry.place(id: "hold-1", matter: "M", reason: "R", scope: .agent("A-7"), by: H.alice)
            fixture.clock.advance(by: .seconds(60))
            try await fixture.registry.requestRelease("hold-1", by: H.alice, reason: "settled")
            fixture.clock.advance(by: .seconds(60))
            try await fixture.registry.approveRelease("hold-1", by: H.bob)
            return fixture.audit.events.map(\.id)
        }
        let first = try await run()
        #expect(try await run() == first)
        #expect(
            first == [
                "hold-placed:hold-1", "hold-release-requested:hold-1:1", "hold-released:hold-1",
            ])
    }

    /// A process that dies between saving a hold and auditing it leaves the hold placed but
    /// unaudited; retrying the same placement delivers the event (at least once, as promised).
    @Test("a place interrupted before its audit event is audited when retried")
    func interruptedPlace() async throws {
        let faults = FaultPlan()
        let store = InMemoryRetentionStore(faults: faults)
        let audit = InMemoryRetentionAuditLog(faults: faults)
        let registry = LegalHoldRegistry(
            store: store, authoriser: LegalHoldOfficers([H.alice]), audit: audit,
            clock: ManualWallClock(try CatalogFixture.instant("2026-03-02T09:00:00Z")))
        faults.crash(atOperation: 2)  // store.hold, store.saveHold, then the audit record dies
        await #expect(throws: SimulatedCrash.self) {
            try await registry.place(id: "hold-1", matter: "M", reason: "R", scope: .agent("A-7"), by: H.alice)
        }
        faults.restart()
        #expect(store.allHolds.map(\.id) == ["hold-1"], "the hold itself was saved")
        try await registry.place(id: "hold-1", matter: "M", reason: "R", scope: .agent("A-7"), by: H.alice)
        #expect(audit.events.map(\.id) == ["hold-placed:hold-1"])
        #expect(store.allHolds.count == 1)
        await #expect(throws: LegalHoldError.duplicateHold("hold-1")) {
            try await registry.place(
                id: "hold-1", matter: "Another matter", reason: "R", scope: .agent("A-7"), by: H.alice)
        }
    }

    /// Two release requests in one second (one withdrawn in between) still get distinct audit
    /// ids, so a deduplicating audit log keeps both.
    @Test("two release requests in the same second have distinct audit ids")
    func sameSecondRequests() async throws {
        let fixture = try H()
        try await fixture.registry.place(id: "hold-1", matter: "M", reason: "R", scope: .agent("A-7"), by: H.alice)
        try await fixture.registry.requestRelease("hold-1", by: H.alice, reason: "settled")
        try await fixture.registry.withdrawReleaseRequest("hold-1", by: H.bob)
        try await fixture.registry.requestRelease("hold-1", by: H.bob, reason: "settled, per Bob")
        #expect(fixture.audit.events.count == 4)
        #expect(fixture.audit.distinctEvents.count == 4)
    }

    @Test("concurrent officers never overwrite each other: the store's compare-and-swap refuses the loser")
    func concurrentChanges() async throws {
        for _ in 0..<50 {
            let fixture = try H()
            async let first = Self.outcome {
                try await fixture.registry.place(
                    id: "hold-1", matter: "M1", reason: "R", scope: .agent("A-7"), by: H.alice)
            }
            async let second = Self.outcome {
                try await fixture.registry.place(
                    id: "hold-1", matter: "M2", reason: "R", scope: .agent("A-8"), by: H.bob)
            }
            let outcomes = await [first, second]
            let placed = outcomes.compactMap { try? $0.get() }
            #expect(placed.count == 1, "exactly one placement wins")
            #expect(fixture.store.allHolds == placed, "the stored hold is the winner's, not a mix or the loser's")
            #expect(
                outcomes.contains { outcome in
                    if case .failure(let error as LegalHoldError) = outcome { return error == .duplicateHold("hold-1") }
                    return false
                })

            // A withdrawal racing an approval: both read the requested hold; one of them must fail.
            let winner = try #require(placed.first)
            let approver = winner.placedBy == H.alice ? H.bob : H.alice
            try await fixture.registry.requestRelease("hold-1", by: winner.placedBy, reason: "settled")
            async let approve = Self.outcome { try await fixture.registry.approveRelease("hold-1", by: approver) }
            async let withdraw = Self.outcome {
                try await fixture.registry.withdrawReleaseRequest("hold-1", by: approver)
            }
            let steps = await [approve, withdraw]
            let stored = try #require(fixture.store.allHolds.first)
            switch (steps[0], steps[1]) {
            case (.success(let released), .failure):
                #expect(stored == released && !stored.isActive)
            case (.failure, .success(let withdrawn)):
                #expect(stored == withdrawn && stored.isActive && stored.releaseRequest == nil)
            default:
                Issue.record("both steps succeeded or both failed: \(steps)")
            }
        }
    }

    /// The result of an async throwing call, so two racing calls can both be looked at.
    static func outcome<T: Sendable>(_ body: @Sendable () async throws -> T) async -> Result<T, any Error> {
        do {
            return .success(try await body())
        } catch {
            return .failure(error)
        }
    }
}

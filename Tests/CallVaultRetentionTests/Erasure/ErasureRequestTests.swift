import CallVaultCore
import CallVaultCrypto
import CallVaultRetention
import CallVaultTestKit
import Foundation
import Testing

/// An erasure request deletes what no legal minimum or hold protects, restricts the rest with
/// until when and why, writes a letter for the data subject, and is harmless to repeat.
@Suite("Erasure requests")
struct ErasureRequestTests {
    static let requestID = "DSR-2026-0042"
    static let matter = "Procon complaint 2026-118"

    /// Customer C-42 has five recordings: two kept only by business minimums, one no rule
    /// schedules, one under MiFID, one under a legal hold. C-7 has one MiFID recording.
    struct Scenario {
        let world: RetentionWorld
        let sweeper: RetentionSweeper
        let handler: ErasureRequestHandler
        let request: ErasureRequest
        let hold: LegalHold
        let practice = Fixture.recordingID(1)
        let businessPolicy = Fixture.recordingID(2)
        let mifid = Fixture.recordingID(3)
        let held = Fixture.recordingID(4)
        let unscheduled = Fixture.recordingID(5)
        let otherCustomer = Fixture.recordingID(6)
        let mifidEnded: Date

        init() async throws {
            let salesMinimum = try RetentionPolicy(
                id: "acme-sales-3y", name: "Sales calls kept three years", match: RetentionQuery(tags: ["sales"]),
                minimum: RetentionPeriod(years: 3))
            world = try RetentionWorld(
                now: try Fixture.date("2026-09-01T12:00:00Z"),
                policies: try RetentionPolicySet(version: "acme-2026-09", policies: [salesMinimum]))
            mifidEnded = try Fixture.date("2025-03-10T10:00:00Z")
            try await world.add([
                try Fixture.call(
                    1, endedAt: try Fixture.date("2026-08-20T10:00:00Z"), places: ["GB"],
                    regimes: ["contact-centre-practice"], customer: "C-42"),
                try Fixture.call(
                    2, endedAt: try Fixture.date("2026-07-02T10:00:00Z"), places: ["FR"],
                    purposes: [.disputeResolution], tags: ["sales"], customer: "C-42"),
                try Fixture.call(
                    3, endedAt: mifidEnded, places: ["DE"], regimes: ["eu-mifid2-16-7"], customer: "C-42"),
                try Fixture.call(
                    4, endedAt: try Fixture.date("2026-08-01T10:00:00Z"), places: ["BR"],
                    regimes: ["br-sac-decree-11034"], customer: "C-42"),
                try Fixture.call(
                    5, endedAt: try Fixture.date("2024-01-15T10:00:00Z"), places: ["CA"], customer: "C-42"),
                try Fixture.call(
                    6, endedAt: try Fixture.date("2025-03-10T11:00:00Z"), places: ["DE"], regimes: ["eu-mifid2-16-7"],
                    customer: "C-7"),
            ])
            hold = try await world.registry().place(
                id: "hold-procon", matter: ErasureRequestTests.matter, reason: "consumer complaint under review",
                scope: .recordings([held]), by: "legal.alice")
            sweeper = world.sweeper(identity: "sweeper@dpo-desk")
            handler = world.erasureHandler(sweeper)
            request = try ErasureRequest(
                id: ErasureRequestTests.requestID, customerID: "C-42",
                receivedAt: try Fixture.date("2026-08-30T09:00:00Z"),
                handledBy: "dpo.carla")
        }
    }

    @Test("business minimums do not protect; legal minimums and holds do, with until when and why")
    func erasesAndRestricts() async throws {
        let scenario = try await Scenario()
        let world = scenario.world
        // Without the request nothing of C-42 would go now: the business minimums still run.
        #expect(try await world.sweeper().plan().deletions.isEmpty)

        let report = try await scenario.handler.handle(scenario.request)
        #expect(report.request == scenario.request)
        #expect(report.completedAt == world.clock.now)
        #expect(report.pending.isEmpty)
        // Erased, in call order: the unscheduled call of 2024, the sales call, the practice call.
        #expect(report.erased.map(\.recordingID) == [scenario.unscheduled, scenario.businessPolicy, scenario.practice])
        for erased in report.erased {
            let certificate = try SignedDocument<DeletionCertificate>(fileContents: erased.certificate)
                .verified(by: world.key.verifyingKey)
            #expect(certificate.recordingID == erased.recordingID)
            #expect(certificate.cause == .erasureRequest(Self.requestID))
            #expect(certificate.ruleName == "GDPR Art. 17 (right to erasure)")
            #expect(certificate.sweeper == "sweeper@dpo-desk")
            #expect(certificate.deletedAt == world.clock.now)
            #expect(world.tombstonesByID[erased.recordingID]?.certificate == erased.certificate)
            #expect(!world.memoryShredder.hasKeys(erased.recordingID))
        }

        #expect(report.restricted.map(\.recordingID) == [scenario.mifid, scenario.held])
        let mifid = try #require(report.restricted.first)
        #expect(mifid.until == Fixture.adding(years: 5, to: scenario.mifidEnded))
        #expect(
            mifid.reasons.contains { $0.contains("MiFID II") && $0.contains("5 years") && $0.contains("2030-03-10") })
        let held = try #require(report.restricted.last)
        #expect(held.until == nil)
        #expect(held.reasons.contains { $0.contains(Self.matter) })
        #expect(held.reasons.contains { $0.contains("Decreto 11.034/2022") }, "its 90-day minimum is also named")

        // Restricted records carry the mark; the other customer's recording is untouched.
        for id in [scenario.mifid, scenario.held] {
            #expect(try await world.store.record(id)?.erasure?.requestID == Self.requestID)
        }
        #expect(try await world.store.record(scenario.otherCustomer)?.erasure == nil)
        #expect(world.deletedIDs == [scenario.unscheduled, scenario.businessPolicy, scenario.practice])
    }

    @Test("the letter gives the reference, the counts, the call dates and until when")
    func letter() async throws {
        let scenario = try await Scenario()
        let letter = try await scenario.handler.handle(scenario.request).letter
        #expect(letter.contains("reference DSR-2026-0042, received 2026-08-30"))
        #expect(letter.contains("We have erased 3 recordings of your calls"))
        #expect(letter.contains("  - the call of 2024-01-15"))
        #expect(letter.contains("  - the call of 2026-07-02"))
        #expect(letter.contains("We must keep 2 recordings for now"))
        #expect(letter.contains("the call of 2025-03-10: kept until 2030-03-10."))
        #expect(letter.contains("the call of 2026-08-01: kept until the proceedings end."))
        #expect(letter.contains(Self.matter))
        #expect(letter.contains("data protection authority"))
        #expect(!letter.contains("being erased"), "nothing is pending")
    }

    @Test(
        "audit: one erasure-requested event, one recording-restricted per restricted, one recording-deleted per erased")
    func auditEvents() async throws {
        let scenario = try await Scenario()
        let world = scenario.world
        _ = try await scenario.handler.handle(scenario.request)
        let events = world.audit.distinctEvents
        let requested = events.filter { $0.action == .erasureRequested }
        #expect(requested.count == 1)
        #expect(requested.first?.actor == "dpo.carla")
        #expect(requested.first?.detail.contains("5 recordings found") == true)
        let restricted = events.filter { $0.action == .recordingRestricted }
        #expect(Set(restricted.compactMap(\.recordingID)) == [scenario.mifid, scenario.held])
        #expect(restricted.allSatisfy { $0.detail.contains(Self.requestID) })
        #expect(
            world.deletionEventsPerRecording == [
                scenario.unscheduled: 1, scenario.businessPolicy: 1, scenario.practice: 1,
            ])
    }

    @Test("past the legal minimum a sweep deletes the restricted recording, citing the request; the held one waits")
    func restrictedRecordingsGoWhenProtectionEnds() async throws {
        let scenario = try await Scenario()
        let world = scenario.world
        _ = try await scenario.handler.handle(scenario.request)
        let keepUntil = Fixture.adding(years: 5, to: scenario.mifidEnded)

        world.clock.set(to: keepUntil.addingTimeInterval(-1))
        #expect(try await world.sweeper().sweep().deleted.isEmpty)
        world.clock.set(to: keepUntil.addingTimeInterval(1))
        let report = try await world.sweeper().sweep()
        #expect(report.deleted == [scenario.mifid])
        #expect(report.held == 1)
        let certificate = try await world.certificate(of: scenario.mifid)
        #expect(certificate.cause == .erasureRequest(Self.requestID))
        #expect(certificate.keptUntil == keepUntil)
        #expect(certificate.deletedAt == keepUntil.addingTimeInterval(1))
        // The other customer's MiFID call of the same day falls due an hour later, under its rule.
        #expect(try await world.store.record(scenario.otherCustomer) != nil)

        let registry = world.registry()
        try await registry.requestRelease(scenario.hold.id, by: "legal.alice", reason: "complaint closed")
        try await registry.approveRelease(scenario.hold.id, by: "legal.bob")
        world.clock.advance(by: .seconds(3600))
        let after = try await world.sweeper().sweep()
        #expect(Set(after.deleted) == [scenario.held, scenario.otherCustomer])
        #expect(try await world.certificate(of: scenario.held).cause == .erasureRequest(Self.requestID))
        #expect(try await world.certificate(of: scenario.otherCustomer).cause == .retentionExpired("eu-mifid2-16-7"))
    }

    @Test("handling the same request twice is harmless")
    func handlingTwice() async throws {
        let scenario = try await Scenario()
        let world = scenario.world
        let first = try await scenario.handler.handle(scenario.request)
        let tombstones = world.tombstonesByID
        let distinctEvents = world.audit.distinctEvents.count

        let second = try await scenario.handler.handle(scenario.request)
        #expect(second.erased.isEmpty)
        #expect(second.restricted == first.restricted)
        #expect(second.pending.isEmpty)
        #expect(world.tombstonesByID == tombstones)
        #expect(world.audit.distinctEvents.count == distinctEvents)
        #expect(world.ledger.certificatesOffered.values.allSatisfy { $0.count == 1 })
        #expect(try await world.store.record(scenario.mifid)?.erasure?.requestID == Self.requestID)

        // A later, different request keeps the first mark and, once the minimum is over, erases.
        world.clock.set(to: Fixture.adding(years: 5, to: scenario.mifidEnded).addingTimeInterval(60))
        let later = try await scenario.handler.handle(
            try ErasureRequest(
                id: "DSR-2030-0001", customerID: "C-42", receivedAt: world.clock.now, handledBy: "dpo.dan"))
        #expect(later.erased.map(\.recordingID) == [scenario.mifid])
        #expect(try await world.certificate(of: scenario.mifid).cause == .erasureRequest(Self.requestID))
        #expect(later.restricted.map(\.recordingID) == [scenario.held])
    }

    @Test("a write-once lock from a business policy restricts until the lock ends, and is not called a legal duty")
    func businessWriteOnceLock() async throws {
        let worm = try RetentionPolicy(
            id: "acme-vip-worm", name: "VIP calls on WORM storage", match: RetentionQuery(tags: ["vip"]),
            minimum: RetentionPeriod(years: 1), writeOnce: true)
        let world = try RetentionWorld(
            now: try Fixture.date("2026-03-01T12:00:00Z"),
            policies: try RetentionPolicySet(version: "acme-1", policies: [worm]))
        let ended = try Fixture.date("2026-01-01T10:00:00Z")
        let mifidEnded = try Fixture.date("2025-06-01T10:00:00Z")
        try await world.add([
            try Fixture.call(1, endedAt: ended, places: ["GB"], tags: ["vip"], customer: "C-9"),
            try Fixture.call(
                2, endedAt: try Fixture.date("2026-02-20T10:00:00Z"), places: ["BR"], regimes: ["br-sac-decree-11034"],
                tags: ["vip"], customer: "C-9"),
            try Fixture.call(3, endedAt: mifidEnded, places: ["DE"], regimes: ["eu-mifid2-16-7"], customer: "C-9"),
        ])
        let report = try await world.erasureHandler(world.sweeper()).handle(
            try ErasureRequest(id: "DSR-9", customerID: "C-9", receivedAt: world.clock.now, handledBy: "dpo"))
        #expect(report.erased.isEmpty)
        let byID = Dictionary(uniqueKeysWithValues: report.restricted.map { ($0.recordingID, $0) })

        // Only the business lock keeps the first: named, with its date, and not as a legal duty.
        let locked = try #require(byID[Fixture.recordingID(1)])
        #expect(locked.until == Fixture.adding(years: 1, to: ended))
        #expect(
            locked.reasons == [
                "It is stored write-once under our retention policy until 2027-01-01 and cannot be erased before then."
            ])
        // The second has a 90-day legal minimum, but the lock runs longer and sets the date.
        let brazil = try #require(byID[Fixture.recordingID(2)])
        #expect(brazil.until == Fixture.adding(years: 1, to: try Fixture.date("2026-02-20T10:00:00Z")))
        #expect(brazil.reasons.count == 2)
        #expect(brazil.reasons.first?.contains("90 days") == true)
        #expect(brazil.reasons.last?.contains("write-once under our retention policy until 2027-02-20") == true)
        // MiFID's own lock is the law's and ends with its minimum, which already explains it.
        let mifid = try #require(byID[Fixture.recordingID(3)])
        #expect(mifid.until == Fixture.adding(years: 5, to: mifidEnded))
        #expect(mifid.reasons.count == 1)
        #expect(mifid.reasons.first?.contains("MiFID II") == true)
        #expect(!report.letter.contains("as the law requires"))
    }

    @Test("a customer with no recordings gets a letter saying so; an empty request is refused")
    func noRecordings() async throws {
        let scenario = try await Scenario()
        let report = try await scenario.handler.handle(
            try ErasureRequest(
                id: "DSR-9", customerID: "C-none", receivedAt: scenario.world.clock.now, handledBy: "dpo"))
        #expect(report.erased.isEmpty && report.restricted.isEmpty)
        #expect(report.letter.contains("We hold no recordings of your calls."))
        #expect(throws: ErasureError.missingField("request id")) {
            try ErasureRequest(id: " ", customerID: "C-1", receivedAt: scenario.world.clock.now, handledBy: "dpo")
        }
        #expect(throws: ErasureError.missingField("customer id")) {
            try ErasureRequest(id: "DSR-10", customerID: "", receivedAt: scenario.world.clock.now, handledBy: "dpo")
        }
    }
}

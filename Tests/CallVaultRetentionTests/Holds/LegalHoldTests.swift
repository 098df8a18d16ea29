import CallVaultCore
import CallVaultRetention
import Foundation
import Testing

/// A legal hold as a value: what each scope covers, and the two-person release.
@Suite("Legal holds")
struct LegalHoldTests {
    typealias F = ScheduleFixture
    static let alice: PrincipalID = "legal.alice"
    static let bob: PrincipalID = "legal.bob"

    static func hold(_ scope: LegalHoldScope, id: LegalHoldID = "hold-1") throws -> LegalHold {
        try LegalHold(
            id: id, matter: "Smith v. Acme Bank, case 24-1187", reason: "complaint escalated to litigation",
            placedBy: alice, placedAt: try CatalogFixture.instant("2026-03-02T09:00:00Z"), scope: scope)
    }

    /// A call of customer C-1042 with agent A-7, 10:00 to 10:30 on 15 January 2026.
    static func call(
        id: RecordingID = RecordingID(), start: String = "2026-01-15T10:00:00Z", end: String = "2026-01-15T10:30:00Z"
    ) throws
        -> RecordingRetentionAttributes
    {
        try F.recording(
            id: id, start: start, end: end, in: ["FR"], purposes: [.quality], tags: ["escalated"], queue: "complaints",
            customer: "C-1042", agent: "A-7")
    }

    // MARK: Scopes

    @Test("a set of recording ids covers exactly its members, however large")
    func recordingSet() throws {
        var ids = Set<RecordingID>()
        ids.reserveCapacity(100_000)
        while ids.count < 100_000 { ids.insert(RecordingID()) }
        let member = try #require(ids.first)
        let hold = try Self.hold(.recordings(ids))
        #expect(hold.holds(try Self.call(id: member)))
        #expect(!hold.holds(try Self.call(id: RecordingID())))
        var covered = 0
        for id in ids.prefix(1000) where hold.scope.covers(try Self.call(id: id)) { covered += 1 }
        #expect(covered == 1000)
        #expect(!(try Self.hold(.recordings([]))).holds(try Self.call()))
    }

    @Test("a customer or agent scope covers that customer's or agent's recordings only")
    func customerAndAgent() throws {
        let call = try Self.call()
        #expect(LegalHoldScope.customer("C-1042").covers(call))
        #expect(!LegalHoldScope.customer("C-1043").covers(call))
        #expect(!LegalHoldScope.customer("c-1042").covers(call), "ids are compared exactly")
        #expect(LegalHoldScope.agent("A-7").covers(call))
        #expect(!LegalHoldScope.agent("A-8").covers(call))
        #expect(!LegalHoldScope.agent("C-1042").covers(call), "a customer id is not an agent id")
        let anonymous = try F.recording(in: ["FR"])
        #expect(!LegalHoldScope.customer("").covers(anonymous))
        #expect(!LegalHoldScope.agent("").covers(anonymous))
    }

    struct WindowCase: Sendable, CustomTestStringConvertible {
        let start: String
        let end: String
        let covered: Bool
        let name: String

        var testDescription: String { name }
    }

    /// The window is 1 March to 1 June 2026; calls are tested against its edges.
    @Test(
        "a time window covers every call that overlaps it, from its start up to (not at) its end",
        arguments: [
            WindowCase(start: "2026-03-10T10:00:00Z", end: "2026-03-10T10:30:00Z", covered: true, name: "inside"),
            WindowCase(
                start: "2026-02-28T23:50:00Z", end: "2026-03-01T00:10:00Z", covered: true, name: "straddles the start"),
            WindowCase(
                start: "2026-05-31T23:50:00Z", end: "2026-06-01T00:10:00Z", covered: true, name: "straddles the end"),
            WindowCase(
                start: "2026-02-01T00:00:00Z", end: "2026-07-01T00:00:00Z", covered: true, name: "spans the window"),
            WindowCase(
                start: "2026-02-28T23:30:00Z", end: "2026-03-01T00:00:00Z", covered: true, name: "ends at its start"),
            WindowCase(
                start: "2026-03-01T00:00:00Z", end: "2026-03-01T00:00:00Z", covered: true,
                name: "zero length at its start"),
            WindowCase(
                start: "2026-05-31T23:59:59Z", end: "2026-06-01T00:30:00Z", covered: true,
                name: "starts a second before its end"),
            WindowCase(
                start: "2026-06-01T00:00:00Z", end: "2026-06-01T00:30:00Z", covered: false, name: "starts at its end"),
            WindowCase(
                start: "2026-02-28T23:00:00Z", end: "2026-02-28T23:59:59Z", covered: false,
                name: "ends a second before its start"),
            WindowCase(start: "2026-07-01T00:00:00Z", end: "2026-07-01T00:30:00Z", covered: false, name: "after it"),
        ])
    func timeWindow(_ entry: WindowCase) throws {
        let scope = LegalHoldScope.timeWindow(
            from: try CatalogFixture.instant("2026-03-01T00:00:00Z"),
            until: try CatalogFixture.instant("2026-06-01T00:00:00Z"))
        #expect(scope.covers(try Self.call(start: entry.start, end: entry.end)) == entry.covered)
    }

    @Test("a query scope covers what the query matches")
    func queryScope() throws {
        let call = try Self.call()
        #expect(LegalHoldScope.query(RetentionQuery(queues: ["complaints"], tags: ["escalated"])).covers(call))
        #expect(!LegalHoldScope.query(RetentionQuery(queues: ["complaints"], tags: ["routine"])).covers(call))
        #expect(LegalHoldScope.query(RetentionQuery()).covers(call), "an empty query holds everything")
        let window = RetentionQuery(
            startedAtOrAfter: try CatalogFixture.instant("2026-01-01T00:00:00Z"),
            startedBefore: try CatalogFixture.instant("2026-02-01T00:00:00Z"))
        #expect(LegalHoldScope.query(window).covers(call))
    }

    // MARK: Placing

    @Test("a hold needs a matter and a reason", arguments: ["", "   ", "\n\t"])
    func missingFields(blank: String) throws {
        let placedAt = try CatalogFixture.instant("2026-03-02T09:00:00Z")
        #expect(throws: LegalHoldError.missingField("matter")) {
            try LegalHold(
                matter: blank, reason: "litigation", placedBy: Self.alice, placedAt: placedAt, scope: .agent("A-7"))
        }
        #expect(throws: LegalHoldError.missingField("reason")) {
            try LegalHold(
                matter: "Smith", reason: blank, placedBy: Self.alice, placedAt: placedAt, scope: .agent("A-7"))
        }
        #expect(LegalHoldError.missingField("matter").description.contains("needs a matter"))
    }

    @Test("a new hold is active, with a fresh random id unless given one")
    func newHold() throws {
        let placedAt = try CatalogFixture.instant("2026-03-02T09:00:00Z")
        let first = try LegalHold(
            matter: "M", reason: "R", placedBy: Self.alice, placedAt: placedAt, scope: .agent("A-7"))
        let second = try LegalHold(
            matter: "M", reason: "R", placedBy: Self.alice, placedAt: placedAt, scope: .agent("A-7"))
        #expect(first.id != second.id)
        #expect(first.id.rawValue.hasPrefix("hold-"))
        #expect(first.isActive && first.releaseRequest == nil && first.release == nil)
        #expect(first.placedBy == Self.alice && first.placedAt == placedAt)
    }

    // MARK: Dual control

    @Test("a release requested by one officer and approved by another releases the hold")
    func dualControl() throws {
        let requestedAt = try CatalogFixture.instant("2026-09-01T12:00:00Z")
        let approvedAt = try CatalogFixture.instant("2026-09-02T08:30:00Z")
        let hold = try Self.hold(.customer("C-1042"))
        let requested = try hold.requestingRelease(by: Self.alice, at: requestedAt, reason: "case settled")
        #expect(requested.isActive, "a request alone does not release")
        #expect(requested.holds(try Self.call()))
        #expect(requested.releaseRequest?.requestedBy == Self.alice)
        #expect(requested.releaseRequest?.requestedAt == requestedAt)
        #expect(requested.releaseRequest?.reason == "case settled")

        let released = try requested.approvingRelease(by: Self.bob, at: approvedAt)
        #expect(!released.isActive)
        #expect(!released.holds(try Self.call()))
        #expect(released.scope.covers(try Self.call()), "the scope is unchanged; only the hold no longer applies")
        #expect(released.release?.approvedBy == Self.bob)
        #expect(released.release?.releasedAt == approvedAt)
        #expect(released.releaseRequest?.requestedBy == Self.alice, "the request is kept as evidence")
        #expect(hold.isActive, "holds are values: the original is unchanged")
    }

    @Test("the requester cannot approve their own request")
    func approverIsRequester() throws {
        let at = try CatalogFixture.instant("2026-09-01T12:00:00Z")
        let requested = try Self.hold(.agent("A-7")).requestingRelease(by: Self.alice, at: at, reason: "settled")
        #expect(throws: LegalHoldError.approverIsRequester("hold-1", principal: Self.alice)) {
            try requested.approvingRelease(by: Self.alice, at: at.addingTimeInterval(60))
        }
        #expect(
            LegalHoldError.approverIsRequester("hold-1", principal: Self.alice).description.contains(
                "a second, different officer"))
    }

    @Test("the officer who placed the hold may approve a release someone else requested")
    func placerMayApprove() throws {
        let at = try CatalogFixture.instant("2026-09-01T12:00:00Z")
        let released = try Self.hold(.agent("A-7"))
            .requestingRelease(by: Self.bob, at: at, reason: "settled")
            .approvingRelease(by: Self.alice, at: at)
        #expect(!released.isActive)
    }

    @Test("approval needs a request first")
    func approveWithoutRequest() throws {
        let at = try CatalogFixture.instant("2026-09-01T12:00:00Z")
        #expect(throws: LegalHoldError.releaseNotRequested("hold-1")) {
            try Self.hold(.agent("A-7")).approvingRelease(by: Self.bob, at: at)
        }
    }

    @Test("a second request while one is pending is refused, naming the first requester")
    func requestTwice() throws {
        let at = try CatalogFixture.instant("2026-09-01T12:00:00Z")
        let requested = try Self.hold(.agent("A-7")).requestingRelease(by: Self.alice, at: at, reason: "settled")
        #expect(throws: LegalHoldError.releaseAlreadyRequested("hold-1", by: Self.alice)) {
            try requested.requestingRelease(by: Self.bob, at: at, reason: "settled too")
        }
        #expect(throws: LegalHoldError.releaseAlreadyRequested("hold-1", by: Self.alice)) {
            try requested.requestingRelease(by: Self.alice, at: at, reason: "again")
        }
    }

    @Test("a release request needs a reason", arguments: ["", "  "])
    func requestWithoutReason(reason: String) throws {
        let at = try CatalogFixture.instant("2026-09-01T12:00:00Z")
        #expect(throws: LegalHoldError.missingField("release reason")) {
            try Self.hold(.agent("A-7")).requestingRelease(by: Self.alice, at: at, reason: reason)
        }
    }

    @Test("nothing more can happen to a released hold")
    func afterRelease() throws {
        let at = try CatalogFixture.instant("2026-09-01T12:00:00Z")
        let released = try Self.hold(.agent("A-7"))
            .requestingRelease(by: Self.alice, at: at, reason: "settled")
            .approvingRelease(by: Self.bob, at: at)
        #expect(throws: LegalHoldError.alreadyReleased("hold-1")) {
            try released.approvingRelease(by: "legal.carol", at: at)
        }
        #expect(throws: LegalHoldError.alreadyReleased("hold-1")) {
            try released.requestingRelease(by: Self.alice, at: at, reason: "again")
        }
        #expect(throws: LegalHoldError.alreadyReleased("hold-1")) {
            try released.withdrawingReleaseRequest()
        }
    }

    @Test("withdrawing a request keeps the hold active and lets a new request start over")
    func withdraw() throws {
        let at = try CatalogFixture.instant("2026-09-01T12:00:00Z")
        let hold = try Self.hold(.agent("A-7"))
        #expect(throws: LegalHoldError.releaseNotRequested("hold-1")) { try hold.withdrawingReleaseRequest() }
        let withdrawn = try hold.requestingRelease(by: Self.alice, at: at, reason: "settled")
            .withdrawingReleaseRequest()
        #expect(withdrawn.isActive)
        #expect(withdrawn.releaseRequest == nil)
        #expect(withdrawn.releaseRequestCount == 1, "the withdrawn request still counts, so the next is number 2")
        #expect(throws: LegalHoldError.releaseNotRequested("hold-1")) {
            try withdrawn.approvingRelease(by: Self.bob, at: at)
        }
        // Bob now asks; Alice, who asked before, may approve Bob's request.
        let second = try withdrawn.requestingRelease(by: Self.bob, at: at, reason: "appeal dismissed")
        #expect(second.releaseRequest?.number == 2)
        let released = try second.approvingRelease(by: Self.alice, at: at)
        #expect(released.release?.approvedBy == Self.alice)
    }

    @Test("a release is never dated before its request")
    func releaseNotBeforeRequest() throws {
        let requestedAt = try CatalogFixture.instant("2026-09-01T12:00:00Z")
        let released = try Self.hold(.agent("A-7"))
            .requestingRelease(by: Self.alice, at: requestedAt, reason: "settled")
            .approvingRelease(by: Self.bob, at: requestedAt.addingTimeInterval(-3600))
        #expect(released.release?.releasedAt == requestedAt)
    }

    @Test("a hold, its scope and its release steps survive a JSON round trip")
    func codable() throws {
        let at = try CatalogFixture.instant("2026-09-01T12:00:00Z")
        let scopes: [LegalHoldScope] = [
            .recordings([RecordingID(), RecordingID()]), .customer("C-1042"), .agent("A-7"),
            .timeWindow(from: at, until: at.addingTimeInterval(86_400)),
            .query(RetentionQuery(queues: ["complaints"], startedAtOrAfter: at)),
        ]
        for scope in scopes {
            let hold = try Self.hold(scope).requestingRelease(by: Self.alice, at: at, reason: "settled")
            let decoded = try JSONDecoder().decode(LegalHold.self, from: try JSONEncoder().encode(hold))
            #expect(decoded == hold)
            let released = try hold.approvingRelease(by: Self.bob, at: at)
            #expect(try JSONDecoder().decode(LegalHold.self, from: try JSONEncoder().encode(released)) == released)
        }
    }
}

import CallVaultCore
import CallVaultRetention
import Foundation
import Testing

/// Recomputing a schedule after a policy change: it may lengthen or shorten, but never below the
/// legal minimum an earlier schedule recorded, and never lifts a write-once lock.
@Suite("Recomputing retention schedules")
struct RetentionRecomputeTests {
    typealias F = ScheduleFixture
    typealias Step = ScheduleFixture.Step

    /// A UK trading-desk call, taped under FCA SYSC 10A (five years, write-once).
    static func deskCall(id: RecordingID = RecordingID(), declared: [RetentionRuleID] = ["gb-fca-sysc-10a"]) throws
        -> RecordingRetentionAttributes
    {
        try F.recording(id: id, in: ["GB"], declared: declared, purposes: [.legalOrRegulatory], tags: ["desk"])
    }

    static func afterEnd(years: Int) throws -> Date {
        try CatalogFixture.adding(years: years, to: try F.end())
    }

    static func desk(_ minimum: String) throws -> RetentionPolicy {
        try F.policy("acme-desk", name: "Desk calls", match: RetentionQuery(tags: ["desk"]), minimum: minimum)
    }

    static let fcaRequest = Result { () throws -> RetentionPolicy in
        try F.policy(
            "acme-fca-request", name: "FCA request of 2026-10", match: RetentionQuery(tags: ["desk"]), minimum: "P7Y",
            legal: true)
    }

    @Test("a business minimum may shorten down to the legal minimum, and lengthen again")
    func businessMinimumMoves() throws {
        let recording = try Self.deskCall()
        let first = try F.scheduler("v1", [try Self.desk("P10Y")]).schedule(for: recording)
        #expect(first.keepUntil == (try Self.afterEnd(years: 10)))
        #expect(first.legalKeepUntil == (try Self.afterEnd(years: 5)))
        #expect(first.writeOnceUntil == (try Self.afterEnd(years: 5)))
        #expect(first.deletionRule == "acme-desk")
        #expect(first.policyVersion == "v1")

        let shorter = try F.scheduler("v2", [try Self.desk("P6Y")]).recompute(first, for: recording)
        #expect(shorter.keepUntil == (try Self.afterEnd(years: 6)))
        #expect(shorter.deleteAt == (try Self.afterEnd(years: 6)))
        #expect(shorter.legalKeepUntil == (try Self.afterEnd(years: 5)))
        #expect(shorter.writeOnceUntil == (try Self.afterEnd(years: 5)))
        #expect(shorter.policyVersion == "v2")
        #expect(!shorter.reasons.contains { if case .earlierLegalMinimum = $0.finding { true } else { false } })

        let shortest = try F.scheduler("v3", [try Self.desk("P2Y")]).recompute(shorter, for: recording)
        #expect(shortest.keepUntil == (try Self.afterEnd(years: 5)), "never below the legal minimum")
        #expect(shortest.deleteAt == (try Self.afterEnd(years: 5)))
        #expect(shortest.deletionRule == "gb-fca-sysc-10a")

        let longer = try F.scheduler("v4", [try Self.desk("P12Y")]).recompute(shortest, for: recording)
        #expect(longer.keepUntil == (try Self.afterEnd(years: 12)))
        #expect(longer.deleteAt == (try Self.afterEnd(years: 12)))
        #expect(longer.policyVersion == "v4")
        #expect(longer.catalogVersion == (try RetentionCatalog.bundled.version))
    }

    @Test("a legal minimum an earlier version recorded binds the recomputed schedule")
    func earlierLegalMinimumBinds() throws {
        let recording = try Self.deskCall()
        let first = try F.scheduler("v1", [try Self.fcaRequest.get(), try Self.desk("P10Y")]).schedule(for: recording)
        let sevenYears = try Self.afterEnd(years: 7)
        #expect(first.keepUntil == (try Self.afterEnd(years: 10)))
        #expect(first.legalKeepUntil == sevenYears)

        let v2 = try F.scheduler("v2", [try Self.desk("P3Y")])
        let fresh = try v2.schedule(for: recording)
        #expect(fresh.keepUntil == (try Self.afterEnd(years: 5)), "a new recording under v2 gets SYSC 10A's five years")

        let recomputed = try v2.recompute(first, for: recording)
        #expect(recomputed.keepUntil == sevenYears)
        #expect(recomputed.legalKeepUntil == sevenYears)
        #expect(recomputed.deleteAt == sevenYears)
        #expect(recomputed.policyVersion == "v2")
        #expect(
            recomputed.deletionRule == "acme-fca-request", "the deletion cites the legal obligation that set the date")
        let earlier = try #require(recomputed.reasons.first { $0.rule == nil && $0.finding != .noRuleApplies })
        #expect(
            earlier.finding
                == .earlierLegalMinimum(
                    until: sevenYears, catalogVersion: try RetentionCatalog.bundled.version, policyVersion: "v1"))
        #expect(earlier.isLegalObligation)
        #expect(earlier.description.contains("policies v1 required keeping until 2033-01-15"))

        // Recomputed again, the floor carries on, still citing the obligation.
        let again = try F.scheduler("v3", []).recompute(recomputed, for: recording)
        #expect(again.legalKeepUntil == sevenYears)
        #expect(again.keepUntil == sevenYears)
        #expect(again.deletionRule == "acme-fca-request")
    }

    @Test("a longer legal minimum lengthens the schedule without an earlier-minimum reason")
    func legalMinimumLengthens() throws {
        let recording = try Self.deskCall()
        let first = try F.scheduler().schedule(for: recording)
        #expect(first.keepUntil == (try Self.afterEnd(years: 5)))
        let longer = try F.scheduler("v2", [try Self.fcaRequest.get()]).recompute(first, for: recording)
        #expect(longer.legalKeepUntil == (try Self.afterEnd(years: 7)))
        #expect(longer.keepUntil == (try Self.afterEnd(years: 7)))
        #expect(longer.deletionRule == "acme-fca-request")
        #expect(longer.writeOnceUntil == (try Self.afterEnd(years: 5)))
        #expect(!longer.reasons.contains { if case .earlierLegalMinimum = $0.finding { true } else { false } })
    }

    @Test("a write-once lock from an earlier schedule is not lifted when its policy goes")
    func businessLockKept() throws {
        let recording = try Self.deskCall(declared: [])
        let worm = try F.policy(
            "acme-worm", match: RetentionQuery(tags: ["desk"]), minimum: "P3Y", writeOnce: true)
        let first = try F.scheduler("v1", [worm]).schedule(for: recording)
        let threeYears = try Self.afterEnd(years: 3)
        #expect(first.writeOnceUntil == threeYears)
        #expect(first.keepUntil == threeYears)
        #expect(first.legalKeepUntil == recording.endedAt, "a business policy is no legal obligation")

        let recomputed = try F.scheduler("v2", []).recompute(first, for: recording)
        #expect(recomputed.writeOnceUntil == threeYears)
        #expect(recomputed.keepUntil == threeYears)
        #expect(recomputed.legalKeepUntil == recording.endedAt)
    }

    @Test("withdrawing a declared regime keeps its legal minimum and its write-once lock")
    func declarationWithdrawn() throws {
        let id = RecordingID()
        let first = try F.scheduler().schedule(for: try Self.deskCall(id: id))
        let fiveYears = try Self.afterEnd(years: 5)
        #expect(first.writeOnceUntil == fiveYears)
        let corrected = try Self.deskCall(id: id, declared: [])
        let recomputed = try F.scheduler().recompute(first, for: corrected)
        #expect(recomputed.legalKeepUntil == fiveYears)
        #expect(recomputed.keepUntil == fiveYears)
        #expect(recomputed.writeOnceUntil == fiveYears)
        #expect(recomputed.deleteAt == fiveYears)
        #expect(recomputed.deletionRule == "gb-fca-sysc-10a")
    }

    @Test("recomputing under the same catalog and policies changes nothing")
    func idempotent() throws {
        let recording = try F.recording(
            in: ["FR"], declared: ["eu-mifid2-16-7"], purposes: [.quality, .legalOrRegulatory])
        let scheduler = try F.scheduler("v1", [try F.policy("acme-cap", maximum: "P1Y")])
        let first = try scheduler.schedule(for: recording)
        #expect(try scheduler.recompute(first, for: recording) == first)
    }

    @Test("a schedule is recomputed only with its own recording's attributes")
    func anotherRecording() throws {
        let first = try F.scheduler().schedule(for: try Self.deskCall())
        let other = try Self.deskCall()
        #expect(throws: RetentionScheduleError.scheduleForAnotherRecording(other.recordingID)) {
            try F.scheduler().recompute(first, for: other)
        }
    }
}

import CallVaultCore
import CallVaultRetention
import Foundation
import Testing

/// The organisation's stated retention period (what its notices promise) as every recording's
/// policy maximum: recordings no rule covers get it, business minimums yield to it, and legal
/// minimums outlast it with the conflict explained.
@Suite("Stated retention period")
struct StatedRetentionPeriodTests {
    typealias F = ScheduleFixture

    @Test("a recording no rule covers is deleted by the stated period, counted from the call's start")
    func uncoveredRecordingGetsTheStatedPeriod() throws {
        let recording = try F.recording(in: ["US-NY"])
        let without = try F.scheduler().schedule(for: recording)
        #expect(without.deleteBy == nil)
        #expect(without.deleteAt == nil)

        let schedule = try F.scheduler().stating(days: 730).schedule(for: recording)
        let due = try CatalogFixture.adding(days: 730, to: try F.start())
        #expect(schedule.deleteBy == due)
        #expect(schedule.deleteAt == due)
        #expect(schedule.deletionRule == RetentionScheduler.statedPeriodRule)
        #expect(schedule.reasons.contains { $0.rule == RetentionScheduler.statedPeriodRule })
        #expect(!schedule.reasons.contains { $0.finding == .noRuleApplies })
        #expect(schedule.policyVersion.contains("P730D"))
    }

    @Test("a legal minimum longer than the stated period wins, and the conflict says so")
    func legalMinimumOutlastsTheStatedPeriod() throws {
        let recording = try F.recording(in: ["US"], declared: ["us-sec-17a-4-b4"])
        let schedule = try F.scheduler().stating(days: 365).schedule(for: recording)
        let legal = try CatalogFixture.adding(years: 3, to: try F.end())
        let stated = try CatalogFixture.adding(days: 365, to: try F.start())
        #expect(schedule.keepUntil == legal)
        #expect(schedule.deleteBy == legal)
        #expect(schedule.restrictedFrom == stated)
        let conflict = try #require(schedule.conflicts.first)
        #expect(schedule.conflicts.count == 1)
        #expect(conflict.minimumRule == "us-sec-17a-4-b4")
        #expect(conflict.minimumEnds == legal)
        #expect(conflict.maximumRule == RetentionScheduler.statedPeriodRule)
        #expect(conflict.maximumEnds == stated)
        #expect(conflict.resolution == .keptForLegalObligation)
        #expect(schedule.explanation.contains("the legal obligation wins"))
    }

    @Test("a business minimum longer than the stated period yields to it")
    func businessMinimumYields() throws {
        let policy = try F.policy("qa-keep", minimum: "P3Y")
        let recording = try F.recording(in: ["US-NY"])
        let schedule = try F.scheduler("v1", [policy]).stating(days: 400).schedule(for: recording)
        let stated = try CatalogFixture.adding(days: 400, to: try F.start())
        #expect(schedule.deleteAt == stated)
        #expect(schedule.conflicts.map(\.resolution) == [.minimumShortenedToMaximum])
        #expect(schedule.restrictedFrom == nil)
    }

    @Test("a shorter legal maximum still caps the recording below the stated period")
    func shorterLegalMaximumStillCaps() throws {
        let recording = try F.recording(in: ["FR"], purposes: [.quality])
        let schedule = try F.scheduler().stating(days: 730).schedule(for: recording)
        #expect(schedule.deleteBy == (try CatalogFixture.adding(months: 6, to: try F.start())))
        #expect(schedule.deletionRule == "fr-cnil-call-recording")
    }

    @Test("a policy may not take the stated period's id")
    func policyCannotTakeTheStatedPeriodsID() throws {
        let policy = try F.policy(RetentionScheduler.statedPeriodRule, maximum: "P1Y")
        #expect(throws: RetentionScheduleError.policyNamesRegime(RetentionScheduler.statedPeriodRule)) {
            try F.scheduler("v1", [policy])
        }
    }

    @Test(
        "a stated period longer than a period's 9,999 days never ends later than the days stated",
        arguments: [9_999, 10_000, 20_000, 36_525])
    func longStatedPeriodsAreNeverStretched(days: Int) throws {
        let recording = try F.recording(in: ["US-NY"])
        let schedule = try F.scheduler().stating(days: days).schedule(for: recording)
        let exact = try F.start().addingTimeInterval(Double(days) * 86_400)
        let due = try #require(schedule.deleteBy)
        #expect(due <= exact)
        #expect(due > exact.addingTimeInterval(-2 * 86_400 * 100), "less than 200 days short of it")
    }
}

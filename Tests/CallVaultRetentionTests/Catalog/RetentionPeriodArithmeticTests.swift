import CallVaultRetention
import Foundation
import Testing

/// Counting a period from an instant in UTC calendar units, and rounding a day the month lacks
/// later (minimums) or earlier (maximums).
@Suite("Retention period arithmetic")
struct RetentionPeriodArithmeticTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let start: String
        let period: String
        let later: String
        let earlier: String
        let note: String

        init(_ start: String, _ period: String, later: String, earlier: String? = nil, _ note: String) {
            self.start = start
            self.period = period
            self.later = later
            self.earlier = earlier ?? later
            self.note = note
        }

        var testDescription: String { "\(start) + \(period): \(note)" }
    }

    /// Every expected date here was worked out by hand from the calendar.
    static let cases: [Case] = [
        Case(
            "2024-02-29T12:00:00Z", "P1Y", later: "2025-03-01T12:00:00Z", earlier: "2025-02-28T12:00:00Z",
            "leap day plus a year"),
        Case(
            "2024-02-29T12:00:00Z", "P12M", later: "2025-03-01T12:00:00Z", earlier: "2025-02-28T12:00:00Z",
            "leap day plus twelve months"),
        Case("2024-02-29T12:00:00Z", "P4Y", later: "2028-02-29T12:00:00Z", "leap day to leap day"),
        Case(
            "2024-02-29T12:00:00Z", "P1Y1D", later: "2025-03-02T12:00:00Z", earlier: "2025-03-01T12:00:00Z",
            "days count after the rounded month"),
        Case(
            "2026-01-31T08:15:00Z", "P1M", later: "2026-03-01T08:15:00Z", earlier: "2026-02-28T08:15:00Z",
            "31 January plus a month, common year"),
        Case(
            "2024-01-31T08:15:00Z", "P1M", later: "2024-03-01T08:15:00Z", earlier: "2024-02-29T08:15:00Z",
            "31 January plus a month, leap year"),
        Case(
            "2026-01-30T08:15:00Z", "P1M", later: "2026-03-01T08:15:00Z", earlier: "2026-02-28T08:15:00Z",
            "30 January plus a month"),
        Case(
            "2026-03-31T23:00:00Z", "P1M", later: "2026-05-01T23:00:00Z", earlier: "2026-04-30T23:00:00Z",
            "31 March plus a month"),
        Case(
            "2026-08-31T09:00:00Z", "P6M", later: "2027-03-01T09:00:00Z", earlier: "2027-02-28T09:00:00Z",
            "CNIL six months from the last day of August"),
        Case(
            "2026-01-31T00:00:00Z", "P1M1D", later: "2026-03-02T00:00:00Z", earlier: "2026-03-01T00:00:00Z",
            "a month and a day from 31 January"),
        Case("2025-12-31T23:59:59Z", "P1M", later: "2026-01-31T23:59:59Z", "across the year end"),
        Case("2025-12-31T23:59:59Z", "P1D", later: "2026-01-01T23:59:59Z", "a day across the year end"),
        Case(
            "2025-11-30T06:00:00Z", "P3M", later: "2026-03-01T06:00:00Z", earlier: "2026-02-28T06:00:00Z",
            "into a short February of the next year"),
        Case("2025-10-15T06:00:00Z", "P3M", later: "2026-01-15T06:00:00Z", "months across the year end"),
        Case("2026-12-15T17:45:30Z", "P1Y6M", later: "2028-06-15T17:45:30Z", "years and months"),
        Case(
            "2024-02-29T12:00:00Z", "P1Y10M", later: "2025-12-29T12:00:00Z",
            "years and months count together, not through 29 February 2025"),
        Case("2026-01-15T10:30:00Z", "P5Y", later: "2031-01-15T10:30:00Z", "MiFID five years"),
        Case("2026-01-15T10:30:00Z", "P90D", later: "2026-04-15T10:30:00Z", "90 days in a common year"),
        Case("2024-01-15T10:30:00Z", "P90D", later: "2024-04-14T10:30:00Z", "90 days over a leap day"),
        Case("2026-01-15T10:30:00Z", "P0D", later: "2026-01-15T10:30:00Z", "no time"),
        Case(
            "1960-02-29T23:59:59Z", "P1Y", later: "1961-03-01T23:59:59Z", earlier: "1961-02-28T23:59:59Z",
            "a leap day before 1970"),
        Case("1969-12-31T23:59:59Z", "P1D", later: "1970-01-01T23:59:59Z", "a day across the epoch"),
        Case("1969-12-31T18:00:00Z", "P1M", later: "1970-01-31T18:00:00Z", "a month across the epoch"),
        Case("1950-06-30T01:02:03Z", "P20Y", later: "1970-06-30T01:02:03Z", "years from before the epoch"),
        Case(
            "1965-01-31T12:00:00Z", "P1M", later: "1965-03-01T12:00:00Z", earlier: "1965-02-28T12:00:00Z",
            "month end before 1970"),
        Case(
            "1896-02-29T00:00:00Z", "P4Y", later: "1900-03-01T00:00:00Z", earlier: "1900-02-28T00:00:00Z",
            "1900 is not a leap year"),
        Case("1996-02-29T00:00:00Z", "P4Y", later: "2000-02-29T00:00:00Z", "2000 is a leap year"),
        Case("2026-01-15T10:00:00Z", "P1000Y", later: "3026-01-15T10:00:00Z", "the longest period"),
    ]

    @Test("the hand-worked table, both roundings", arguments: cases)
    func table(_ entry: Case) throws {
        let period = try RetentionPeriod(iso8601: entry.period)
        let start = try CatalogFixture.instant(entry.start)
        #expect(period.end(from: start, rounding: .later) == (try CatalogFixture.instant(entry.later)))
        #expect(period.end(from: start, rounding: .earlier) == (try CatalogFixture.instant(entry.earlier)))
    }

    @Test("a fraction of a second in the time of day is kept")
    func fractionalSecondsKept() throws {
        let start = try CatalogFixture.instant("2024-02-29T12:00:00Z").addingTimeInterval(0.25)
        let period = try RetentionPeriod(iso8601: "P1Y")
        let later = try CatalogFixture.instant("2025-03-01T12:00:00Z").addingTimeInterval(0.25)
        let earlier = try CatalogFixture.instant("2025-02-28T12:00:00Z").addingTimeInterval(0.25)
        #expect(abs(period.end(from: start, rounding: .later).timeIntervalSince(later)) < 1e-6)
        #expect(abs(period.end(from: start, rounding: .earlier).timeIntervalSince(earlier)) < 1e-6)
    }

    @Test("the end is never before the start, and later never before earlier")
    func monotone() throws {
        var generator = CatalogFixture.Generator(seed: 0x0BAD_CAFE)
        for _ in 0..<5000 {
            let start = Date(timeIntervalSince1970: Double(Int64(generator.next() % 8_000_000_000) - 4_000_000_000))
            let period = try RetentionPeriod(
                years: Int(generator.next() % 30), months: Int(generator.next() % 30), days: Int(generator.next() % 30))
            let later = period.end(from: start, rounding: .later)
            let earlier = period.end(from: start, rounding: .earlier)
            #expect(later >= earlier && earlier >= start, "\(start) + \(period)")
            // The two roundings differ by exactly one day (last of the month against first of the next) or not at all.
            #expect([0, 86_400].contains(later.timeIntervalSince(earlier)), "\(start) + \(period)")
        }
    }

    /// Foundation clamps a day the month lacks to its last day, which is rounding earlier; rounding
    /// later is the day after that. Over many random dates from 1601 (after the Gregorian reform,
    /// which Foundation's calendar follows) to 2399, both must agree with Foundation.
    @Test("agrees with Foundation's Gregorian calendar in UTC over random dates and periods")
    func agreesWithFoundation() throws {
        var generator = CatalogFixture.Generator(seed: 20_260_115)
        let first = try CatalogFixture.instant("1601-01-01T00:00:00Z").timeIntervalSince1970
        let last = try CatalogFixture.instant("2399-12-31T23:59:59Z").timeIntervalSince1970
        let span = UInt64(last - first)
        var clamped = 0
        for _ in 0..<20_000 {
            let start = Date(timeIntervalSince1970: first + Double(generator.next() % span))
            let years = generator.chance(1, in: 3) ? 0 : Int(generator.next() % 60)
            let months = generator.chance(1, in: 3) ? 0 : Int(generator.next() % 40)
            let days = generator.chance(1, in: 3) ? 0 : Int(generator.next() % 400)
            let period = try RetentionPeriod(years: years, months: months, days: days)

            // Years and months count together as months, then the day is clamped once: Foundation,
            // given years and months separately, would clamp after the years as well (29 February
            // 1672 plus 51 years and 34 months would pass through 28 February 1723 and lose a day).
            let monthsLater = try CatalogFixture.adding(months: years * 12 + months, to: start)
            let startDay = CatalogFixture.calendar.component(.day, from: start)
            let wasClamped = CatalogFixture.calendar.component(.day, from: monthsLater) != startDay
            if wasClamped { clamped += 1 }
            let expectedEarlier = try CatalogFixture.adding(days: days, to: monthsLater)
            let expectedLater = wasClamped ? try CatalogFixture.adding(days: 1, to: expectedEarlier) : expectedEarlier

            #expect(period.end(from: start, rounding: .earlier) == expectedEarlier, "\(start) + \(period), earlier")
            #expect(period.end(from: start, rounding: .later) == expectedLater, "\(start) + \(period), later")
        }
        // The draw must include the ambiguous days, or the rounding half of the test is vacuous.
        #expect(clamped > 100)
    }

    @Test("day-only periods are exact multiples of a day, wherever they fall")
    func dayOnlyPeriods() throws {
        let period = try RetentionPeriod(iso8601: "P400D")
        for text in ["1900-02-28T03:00:00Z", "1969-12-31T23:59:59Z", "2024-02-28T00:00:00Z", "2100-12-31T12:00:00Z"] {
            let start = try CatalogFixture.instant(text)
            #expect(period.end(from: start, rounding: .later).timeIntervalSince(start) == 400 * 86_400)
            #expect(period.end(from: start, rounding: .earlier).timeIntervalSince(start) == 400 * 86_400)
        }
    }
}

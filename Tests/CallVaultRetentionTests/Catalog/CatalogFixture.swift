import CallVaultRetention
import Foundation
import Testing

/// Shared helpers of the catalog, schedule and hold tests: UTC instants, an independent calendar
/// to check period arithmetic against, and a seeded random generator.
enum CatalogFixture {
    /// Foundation's Gregorian calendar in UTC: the independent reference for period arithmetic.
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        return calendar
    }()

    /// The instant an ISO 8601 UTC timestamp such as `2026-01-15T10:00:00Z` names.
    static func instant(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Date {
        do {
            return try Date(text, strategy: .iso8601)
        } catch {
            Issue.record("\(text) is not an ISO 8601 timestamp: \(error)", sourceLocation: sourceLocation)
            throw error
        }
    }

    /// `date` plus calendar units, as Foundation counts them in UTC (clamping to the month's last day).
    static func adding(
        years: Int = 0, months: Int = 0, days: Int = 0, to date: Date,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Date {
        try #require(
            calendar.date(byAdding: DateComponents(year: years, month: months, day: days), to: date),
            sourceLocation: sourceLocation)
    }

    /// A small deterministic generator (SplitMix64), so randomised tests repeat exactly.
    struct Generator: RandomNumberGenerator {
        private var state: UInt64

        init(seed: UInt64) {
            state = seed
        }

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        /// True `numerator` times in `denominator`.
        mutating func chance(_ numerator: UInt64, in denominator: UInt64) -> Bool {
            next() % denominator < numerator
        }
    }
}

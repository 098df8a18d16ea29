import CallVaultRetention
import Foundation
import Testing

/// Reading and writing ISO 8601 periods: only whole years, months and days, in that order.
@Suite("Retention period parsing")
struct RetentionPeriodParsingTests {
    struct ValidCase: Sendable, CustomTestStringConvertible {
        let text: String
        let years: Int
        let months: Int
        let days: Int
        let canonical: String
        let words: String

        var testDescription: String { text }
    }

    static let valid: [ValidCase] = [
        ValidCase(text: "P5Y", years: 5, months: 0, days: 0, canonical: "P5Y", words: "5 years"),
        ValidCase(text: "P6M", years: 0, months: 6, days: 0, canonical: "P6M", words: "6 months"),
        ValidCase(text: "P90D", years: 0, months: 0, days: 90, canonical: "P90D", words: "90 days"),
        ValidCase(text: "P1Y6M", years: 1, months: 6, days: 0, canonical: "P1Y6M", words: "1 year 6 months"),
        ValidCase(text: "P1Y1M1D", years: 1, months: 1, days: 1, canonical: "P1Y1M1D", words: "1 year 1 month 1 day"),
        ValidCase(text: "P2Y15D", years: 2, months: 0, days: 15, canonical: "P2Y15D", words: "2 years 15 days"),
        ValidCase(text: "P1000D", years: 0, months: 0, days: 1000, canonical: "P1000D", words: "1000 days"),
        ValidCase(text: "P1000Y", years: 1000, months: 0, days: 0, canonical: "P1000Y", words: "1000 years"),
        ValidCase(text: "P0010D", years: 0, months: 0, days: 10, canonical: "P10D", words: "10 days"),
        ValidCase(text: "P0D", years: 0, months: 0, days: 0, canonical: "P0D", words: "no time"),
        ValidCase(text: "P0Y0M0D", years: 0, months: 0, days: 0, canonical: "P0D", words: "no time"),
        ValidCase(text: "P18M", years: 0, months: 18, days: 0, canonical: "P18M", words: "18 months"),
    ]

    @Test("valid periods parse to their parts, print canonically and spell out", arguments: valid)
    func parsesValid(_ valid: ValidCase) throws {
        let period = try RetentionPeriod(iso8601: valid.text)
        #expect(period.years == valid.years)
        #expect(period.months == valid.months)
        #expect(period.days == valid.days)
        #expect(period.description == valid.canonical)
        #expect(period.spelledOut == valid.words)
        #expect(period.isZero == (valid.years == 0 && valid.months == 0 && valid.days == 0))
        #expect(try RetentionPeriod(iso8601: period.description) == period)
    }

    struct InvalidCase: Sendable, CustomTestStringConvertible {
        let text: String
        let reason: String

        var testDescription: String { "\"\(text)\"" }
    }

    static let invalid: [InvalidCase] = [
        InvalidCase(text: "", reason: "starts with P"),
        InvalidCase(text: "P", reason: "starts with P and has at least one part"),
        InvalidCase(text: "5Y", reason: "starts with P"),
        InvalidCase(text: "p5y", reason: "starts with P"),
        InvalidCase(text: " P5Y", reason: "starts with P"),
        InvalidCase(text: "P5", reason: "the last number has no unit"),
        InvalidCase(text: "P1Y2", reason: "the last number has no unit"),
        InvalidCase(text: "PT1H", reason: "only years (Y), months (M) and days (D)"),
        InvalidCase(text: "P1YT1H", reason: "only years (Y), months (M) and days (D)"),
        InvalidCase(text: "P1W", reason: "only years (Y), months (M) and days (D)"),
        InvalidCase(text: "P-1Y", reason: "only years (Y), months (M) and days (D)"),
        InvalidCase(text: "P+1Y", reason: "only years (Y), months (M) and days (D)"),
        InvalidCase(text: "P1.5Y", reason: "only years (Y), months (M) and days (D)"),
        InvalidCase(text: "P1,5Y", reason: "only years (Y), months (M) and days (D)"),
        InvalidCase(text: "P5Y ", reason: "only years (Y), months (M) and days (D)"),
        InvalidCase(text: "PP1Y", reason: "only years (Y), months (M) and days (D)"),
        InvalidCase(text: "P1M1Y", reason: "units must appear once each, in the order Y, M, D"),
        InvalidCase(text: "P1Y1Y", reason: "units must appear once each, in the order Y, M, D"),
        InvalidCase(text: "P1D1M", reason: "units must appear once each, in the order Y, M, D"),
        InvalidCase(text: "PY", reason: "a unit has no number before it"),
        InvalidCase(text: "P1YM", reason: "a unit has no number before it"),
        InvalidCase(text: "P12345D", reason: "more than four digits"),
    ]

    @Test("invalid periods are refused with an error naming the text", arguments: invalid)
    func refusesInvalid(_ invalid: InvalidCase) {
        #expect {
            _ = try RetentionPeriod(iso8601: invalid.text)
        } throws: { error in
            guard let error = error as? RetentionPeriodError else { return false }
            return error.text == invalid.text && error.reason.contains(invalid.reason)
                && error.description.contains("\"\(invalid.text)\"") && error.description.contains("such as P5Y")
        }
    }

    /// Four digits a part: the day counts the reference tables use (P2555D, the "7 years (2555
    /// days)" MiFID's notes mention) fit; five digits do not, and the error names the text given.
    @Test("a part of five digits is refused, naming the text", arguments: ["P10000Y", "P10000M", "P99999D"])
    func refusesOutOfRange(text: String) {
        #expect {
            _ = try RetentionPeriod(iso8601: text)
        } throws: { error in
            guard let error = error as? RetentionPeriodError else { return false }
            return error.text == text && error.description.contains("\"\(text)\"")
        }
    }

    @Test(
        "four-digit parts, such as the reference tables' day counts, are accepted",
        arguments: ["P2555D", "P9999D", "P1825D"])
    func acceptsFourDigits(text: String) throws {
        #expect(try RetentionPeriod(iso8601: text).description == text)
    }

    @Test("the memberwise initialiser refuses negative and oversized parts")
    func memberwiseBounds() throws {
        #expect(throws: RetentionPeriodError.self) { try RetentionPeriod(years: -1) }
        #expect(throws: RetentionPeriodError.self) { try RetentionPeriod(months: -6) }
        #expect(throws: RetentionPeriodError.self) { try RetentionPeriod(days: 10_000) }
        let largest = try RetentionPeriod(years: 9999, months: 9999, days: 9999)
        #expect(largest.description == "P9999Y9999M9999D")
        #expect(try RetentionPeriod() == RetentionPeriod.zero)
    }

    @Test("description parses back to the same period for every combination of parts")
    func descriptionRoundTrip() throws {
        var generator = CatalogFixture.Generator(seed: 0x5EED_0001)
        for _ in 0..<2000 {
            let period = try RetentionPeriod(
                years: generator.chance(1, in: 3) ? 0 : Int(generator.next() % 1001),
                months: generator.chance(1, in: 3) ? 0 : Int(generator.next() % 1001),
                days: generator.chance(1, in: 3) ? 0 : Int(generator.next() % 1001))
            let reparsed = try RetentionPeriod(iso8601: period.description)
            #expect(reparsed == period, "\(period)")
        }
    }

    @Test("Codable uses the ISO 8601 text, and refuses invalid text")
    func codable() throws {
        let period = try RetentionPeriod(years: 1, months: 6)
        let data = try JSONEncoder().encode([period])
        #expect(String(decoding: data, as: UTF8.self) == #"["P1Y6M"]"#)
        #expect(try JSONDecoder().decode([RetentionPeriod].self, from: data) == [period])
        #expect {
            _ = try JSONDecoder().decode([RetentionPeriod].self, from: Data(#"["P1W"]"#.utf8))
        } throws: { error in
            guard case .dataCorrupted(let context) = error as? DecodingError else { return false }
            return context.debugDescription.contains("\"P1W\" is not valid")
        }
    }
}

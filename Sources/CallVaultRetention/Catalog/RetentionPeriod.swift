public import CallVaultCore
public import Foundation

/// A length of time as the law states it, in calendar years, months and days: `P5Y`, `P6M`, `P90D`.
///
/// Laws say "five years", not "1,825 days", and the two differ by a leap day or two, so periods are
/// kept in calendar units and counted in UTC. When the count lands on a day the month does not have
/// (29 February plus one year), the rounding decides: a minimum rounds to the later day (1 March, so
/// nothing is deleted a day early), a maximum to the earlier (28 February, so nothing is kept a day
/// too long).
///
/// ```swift
/// let fiveYears = try RetentionPeriod(iso8601: "P5Y")
/// let keepUntil = fiveYears.end(from: endedAt, rounding: .later)
/// ```
public struct RetentionPeriod: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Whole calendar years.
    public let years: Int
    /// Whole calendar months, after the years.
    public let months: Int
    /// Whole days, after the years and months.
    public let days: Int

    /// Creates a period; every part must be between 0 and 9,999.
    ///
    /// - Throws: ``RetentionPeriodError`` when a part is negative or implausibly large.
    public init(years: Int = 0, months: Int = 0, days: Int = 0) throws {
        for (value, unit) in [(years, "years"), (months, "months"), (days, "days")]
        where !(0...Self.limit).contains(value) {
            throw RetentionPeriodError(
                text: "\(value) \(unit)", reason: "each part must be between 0 and \(Self.limit)")
        }
        self.years = years
        self.months = months
        self.days = days
    }

    private init(validYears years: Int, months: Int, days: Int) {
        self.years = years
        self.months = months
        self.days = days
    }

    /// The largest value of a part: four digits, which `P2555D` (seven years in days) fits.
    static let limit = 9999

    /// No time at all: due at once (PCI DSS for card security codes).
    public static let zero = RetentionPeriod(validYears: 0, months: 0, days: 0)

    /// Parses an ISO 8601 period of years, months and days, such as `P5Y`, `P1Y6M` or `P90D`.
    ///
    /// - Throws: ``RetentionPeriodError`` naming the text, for weeks, times of day, fractions,
    ///   signs, repeated or out-of-order units, or an empty period (`P`).
    public init(iso8601 text: String) throws {
        var bytes = Substring(text).utf8[...]
        guard bytes.first == UInt8(ascii: "P"), bytes.count > 1 else {
            throw RetentionPeriodError(text: text, reason: "a period starts with P and has at least one part, like P5Y")
        }
        bytes = bytes.dropFirst()
        var parts: [Int] = [0, 0, 0]
        var lastUnit = -1
        var number = 0
        var digits = 0
        for byte in bytes {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                number = number * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
                guard digits <= 4 else {
                    throw RetentionPeriodError(text: text, reason: "a part has more than four digits")
                }
                continue
            }
            let unit: Int
            switch byte {
            case UInt8(ascii: "Y"): unit = 0
            case UInt8(ascii: "M"): unit = 1
            case UInt8(ascii: "D"): unit = 2
            default:
                throw RetentionPeriodError(
                    text: text,
                    reason: "only years (Y), months (M) and days (D) are allowed, in that order, with whole numbers")
            }
            guard digits > 0 else { throw RetentionPeriodError(text: text, reason: "a unit has no number before it") }
            guard unit > lastUnit else {
                throw RetentionPeriodError(text: text, reason: "units must appear once each, in the order Y, M, D")
            }
            parts[unit] = number
            lastUnit = unit
            number = 0
            digits = 0
        }
        guard digits == 0 else {
            throw RetentionPeriodError(text: text, reason: "the last number has no unit after it")
        }
        do {
            try self.init(years: parts[0], months: parts[1], days: parts[2])
        } catch let error as RetentionPeriodError {
            throw RetentionPeriodError(text: text, reason: error.reason)
        }
    }

    /// Which way to round when a count lands on a day the month does not have.
    public enum Rounding: Sendable {
        /// To the first day of the next month: for minimums.
        case later
        /// To the last day of the month: for maximums.
        case earlier
    }

    /// The instant `self` after `start`, counted in UTC calendar units.
    public func end(from start: Date, rounding: Rounding) -> Date {
        if years == 0 && months == 0 {
            return start.addingTimeInterval(Double(days) * Double(CivilTime.secondsPerDay))
        }
        var moment = CivilTime.moment(of: start)
        let monthIndex = moment.year * 12 + (moment.month - 1) + Int64(years) * 12 + Int64(months)
        moment.year = monthIndex >= 0 ? monthIndex / 12 : (monthIndex - 11) / 12
        moment.month = monthIndex - moment.year * 12 + 1
        let monthLength = CivilTime.daysInMonth(year: moment.year, month: moment.month)
        if moment.day > monthLength {
            switch rounding {
            case .earlier:
                moment.day = monthLength
            case .later:
                moment.day = 1
                moment.month += 1
                if moment.month > 12 {
                    moment.month = 1
                    moment.year += 1
                }
            }
        }
        return CivilTime.date(of: moment).addingTimeInterval(Double(days) * Double(CivilTime.secondsPerDay))
    }

    /// Whether the period is no time at all.
    public var isZero: Bool { years == 0 && months == 0 && days == 0 }

    /// The ISO 8601 form, for example `P5Y` or `P1Y6M`; `P0D` for zero.
    public var description: String {
        guard !isZero else { return "P0D" }
        return "P" + (years > 0 ? "\(years)Y" : "") + (months > 0 ? "\(months)M" : "") + (days > 0 ? "\(days)D" : "")
    }

    /// Words for reports: "5 years", "6 months", "90 days", "1 year 6 months".
    public var spelledOut: String {
        guard !isZero else { return "no time" }
        func part(_ value: Int, _ unit: String) -> String? {
            value == 0 ? nil : "\(value) \(unit)\(value == 1 ? "" : "s")"
        }
        return [part(years, "year"), part(months, "month"), part(days, "day")].compactMap { $0 }.joined(separator: " ")
    }

    /// Encodes as the ISO 8601 text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Decodes from ISO 8601 text; a bad period is a `DecodingError` at its field, so a file
    /// reader can say where it is.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        do {
            try self.init(iso8601: try container.decode(String.self))
        } catch let error as RetentionPeriodError {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }
}

/// A retention period that could not be read.
public struct RetentionPeriodError: CallVaultError, Equatable {
    /// The stable codes of ``RetentionPeriodError``.
    public struct Code: CallVaultErrorCode {
        /// The error type these codes belong to.
        public typealias Owner = RetentionPeriodError
        /// The code's stable text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// The text or value is not an ISO 8601 period of years, months and days.
        public static let invalid = Code("retentionperiod.invalid")

        /// Every code of this type.
        public static let all: [Code] = [invalid]
    }

    /// The code of every ``RetentionPeriodError``, for `catch RetentionPeriodError.invalid`.
    public static let invalid = Code.invalid

    /// The text or value that was refused.
    public let text: String
    /// What is wrong with it.
    public let reason: String

    /// What kind of failure this is: always ``Code/invalid``.
    public var code: Code { .invalid }

    /// Nothing underlies this error: always `nil`.
    public var underlying: (any Error)? { nil }

    /// A sentence naming the text, the problem and the expected form.
    public var message: String {
        "The retention period \"\(text)\" is not valid: \(reason). Write an ISO 8601 period of years, months and days, such as P5Y, P6M or P90D."
    }
}

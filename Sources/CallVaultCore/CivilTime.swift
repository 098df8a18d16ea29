package import Foundation

/// UTC calendar arithmetic on `Date`, without `Calendar`, shared by the package's modules and tool:
/// retention schedules are computed hundreds of thousands of times a second, periods are counted in
/// UTC so every recording server agrees on the same instant whatever its time zone, and parsing is
/// strict (no 30 February rolled over into March).
///
/// The day/civil-date conversions are the proleptic Gregorian algorithms of Howard Hinnant's
/// "chrono-compatible low-level date algorithms".
package enum CivilTime {
    package static let secondsPerDay: Int64 = 86_400

    /// A UTC calendar date and the seconds into that day (with their fraction).
    package struct Moment: Equatable {
        package var year: Int64
        package var month: Int64
        package var day: Int64
        package var secondOfDay: Double
    }

    /// The times formatted and computed with: about 10,000 years either side of 1970, beyond
    /// Foundation's `distantPast` and `distantFuture` (NaN is out of range too).
    package static let representableSeconds: Double = 4e11

    package static func moment(of date: Date) -> Moment {
        // A time read from an edited row may be anything a Double holds: bounded first, so the
        // integer arithmetic below cannot trap (such a time is reported where it is read).
        let raw = date.timeIntervalSince1970
        let seconds = raw.isNaN ? 0 : min(max(raw, -representableSeconds), representableSeconds)
        let wholeDays = (seconds / Double(secondsPerDay)).rounded(.down)
        let days = Int64(wholeDays)
        let (year, month, day) = civil(fromDays: days)
        return Moment(year: year, month: month, day: day, secondOfDay: seconds - wholeDays * Double(secondsPerDay))
    }

    package static func date(of moment: Moment) -> Date {
        let days = self.days(fromCivilYear: moment.year, month: moment.month, day: moment.day)
        return Date(timeIntervalSince1970: Double(days) * Double(secondsPerDay) + moment.secondOfDay)
    }

    package static func isLeap(_ year: Int64) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    package static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    package static func days(fromCivilYear year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    package static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    /// `2031-01-15T10:05:00Z`; with milliseconds (`...00.250Z`) only when the instant is not a whole second.
    package static func iso8601(_ date: Date) -> String {
        guard abs(date.timeIntervalSince1970) <= representableSeconds else {
            // Never a trap on a time an edited row holds: it is printed as the number it is.
            return "(out-of-range time: \(date.timeIntervalSince1970) s since 1970)"
        }
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        let millisecond = milliseconds - seconds * 1000
        let days = seconds >= 0 ? seconds / secondsPerDay : (seconds - secondsPerDay + 1) / secondsPerDay
        let secondOfDay = seconds - days * secondsPerDay
        let (year, month, day) = civil(fromDays: days)
        func padded(_ value: Int64, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        let time =
            "\(padded(secondOfDay / 3600, 2)):\(padded(secondOfDay % 3600 / 60, 2)):\(padded(secondOfDay % 60, 2))"
        let fraction = millisecond == 0 ? "" : "." + padded(millisecond, 3)
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))T\(time)\(fraction)Z"
    }

    /// `2031-01-15T10:05:00Z`, to the whole second (a fraction is dropped, never rounded up into
    /// the next second), in the same proleptic Gregorian arithmetic as ``iso8601(_:)``: what the
    /// tool prints, so that a date reads the same in every listing and report (Foundation's
    /// formatters switch to the Julian calendar before 1582-10-15).
    package static func iso8601WholeSeconds(_ date: Date) -> String {
        iso8601(Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)))
    }

    /// The calendar date of `date` in UTC, `2026-11-29`, for reports a person reads.
    package static func day(_ date: Date) -> String {
        String(iso8601(date).prefix(10))
    }

    /// The first instant ``iso8601(_:)`` writes as it is read: 0000-01-01T00:00:00Z.
    package static let earliestWritable = Date(timeIntervalSince1970: -62_167_219_200)
    /// The last instant ``iso8601(_:)`` writes as it is read: 9999-12-31T23:59:59.999Z. A later
    /// one would print a five-digit year that no reader of the format accepts.
    package static let latestWritable = Date(timeIntervalSince1970: 253_402_300_799.999)

    /// Whether `date` lies in the years 0000 to 9999 (UTC), the range the ISO 8601 text of this
    /// format can hold.
    package static func isWritable(_ date: Date) -> Bool {
        date >= earliestWritable && date <= latestWritable
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)`; `nil` for anything else, and for an
    /// instant that falls outside the years 0000 to 9999 in UTC through its offset (such as
    /// `9999-12-31T23:00:00-05:00`), which could not be written back.
    package static func parseISO8601(_ text: String) -> Date? {
        parseISO8601IgnoringRange(text).flatMap { isWritable($0) ? $0 : nil }
    }

    /// Parses like ``parseISO8601(_:)`` but keeps an instant outside the years 0000 to 9999, so
    /// that a caller can say that this, not the spelling, is what is wrong.
    package static func parseISO8601IgnoringRange(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"), bytes[13] == UInt8(ascii: ":"),
            bytes[16] == UInt8(ascii: ":")
        else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            guard range.upperBound <= bytes.count else { return nil }
            var value: Int64 = 0
            for byte in bytes[range] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            (1...12).contains(month), (1...daysInMonth(year: year, month: month)).contains(day), hour < 24,
            minute < 60, second < 60
        else { return nil }
        var index = 19
        var fraction = 0.0
        if bytes[index] == UInt8(ascii: ".") {
            let digitsStart = index + 1
            index = digitsStart
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                index += 1
            }
            guard (1...9).contains(index - digitsStart), let digits = number(digitsStart..<index) else { return nil }
            fraction = Double(digits) / pow(10, Double(index - digitsStart))
        }
        guard index < bytes.count else { return nil }
        var offset: Int64 = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == bytes.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == bytes.count, bytes[index + 3] == UInt8(ascii: ":"),
                let hours = number(index + 1..<index + 3), let minutes = number(index + 4..<index + 6), hours < 24,
                minutes < 60
            else { return nil }
            offset = (hours * 3600 + minutes * 60) * (bytes[index] == UInt8(ascii: "-") ? -1 : 1)
        default:
            return nil
        }
        let days = days(fromCivilYear: year, month: month, day: day)
        let seconds = days * secondsPerDay + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

}

import CallVaultCore
import Foundation

/// How a transparency report writes a moment for its reader. Persian readers get the Solar Hijri
/// date (the calendar of Iran and Afghanistan) in Persian digits, with the Gregorian date beside
/// it so the report can be matched with other records; everyone else gets ISO 8601 in UTC.
enum TransparencyDates {
    /// The Solar Hijri months, Farvardin to Esfand.
    static let persianMonths = [
        "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
    ]
    /// Persian digits, zero to nine.
    static let persianDigits = Array("۰۱۲۳۴۵۶۷۸۹")

    /// `date` as the report's language writes it.
    static func written(_ date: Date, persian: Bool) -> String {
        guard persian, let solar = solarHijri(date) else { return CivilTime.iso8601(date) }
        let iso = CivilTime.iso8601(date)
        let time = String(iso.dropFirst(11).prefix(8))
        // The Gregorian date sits in a left-to-right isolate so its hyphens keep their order.
        let gregorian = "\u{2066}" + persianDigits(CivilTime.day(date)) + "\u{2069}"
        let month = persianMonths[solar.month - 1]
        return persianDigits("\(solar.day) \(month) \(solar.year)، ساعت \(time) به وقت جهانی")
            + " (\(gregorian) میلادی)"
    }

    /// The Solar Hijri year, month (1 = Farvardin) and day of `date` in UTC, from Foundation's
    /// Persian calendar; `nil` if the calendar cannot say (the report then falls back to ISO 8601,
    /// which is never wrong).
    static func solarHijri(_ date: Date) -> (year: Int, month: Int, day: Int)? {
        var calendar = Calendar(identifier: .persian)
        guard let utc = TimeZone(identifier: "UTC") else { return nil }
        calendar.timeZone = utc
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        guard let year = parts.year, let month = parts.month, let day = parts.day, (1...12).contains(month)
        else { return nil }
        return (year, month, day)
    }

    /// `text` with its ASCII digits written as Persian digits.
    static func persianDigits(_ text: String) -> String {
        String(
            text.map { character in
                guard character.isASCII, let value = character.wholeNumberValue else { return character }
                return persianDigits[value]
            })
    }
}

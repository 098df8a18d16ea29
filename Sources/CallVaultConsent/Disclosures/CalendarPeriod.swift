/// A number of days as whole years, months and days, the way people say a retention period.
///
/// A year is 365 days and a month 30, with room for the leap days and 31-day months a period
/// counted on the calendar takes in: 1826 days (five years with a leap day) is "5 years", 92 days
/// (three months in summer) is "3 months". A remainder of 360 to 364 days counts as a whole year
/// rather than "12 months", rounding up: customers are never told of a shorter period.
struct CalendarPeriod: Hashable, Sendable {
    let years: Int
    let months: Int
    let days: Int

    init(days total: Int) {
        var years = total / 365
        var rest = total - years * 365
        if years > 0 && rest <= (years + 3) / 4 { rest = 0 }
        var months = rest / 30
        var days = rest - months * 30
        if months > 0 && days <= (months * 7 + 11) / 12 { days = 0 }
        // 360 to 364 days left over: a year, less the days of the shortest months.
        if months >= 12 {
            years += 1
            months = 0
            days = 0
        }
        self.years = years
        self.months = months
        self.days = days
    }
}

import CallVaultCore
import Foundation
import Testing

/// `CivilTime.iso8601WholeSeconds`, what the tool prints every time in: proleptic Gregorian
/// throughout (no Julian switch before 1582, as Foundation's formatters make), to the second.
@Suite("CivilTime: whole-second ISO 8601")
struct CivilTimeWholeSecondsTests {
    @Test(
        "an instant prints as it is read, in every year the format holds",
        arguments: [
            "0000-01-01T00:00:00Z", "1582-10-10T00:00:00Z", "1582-10-15T12:00:00Z", "1969-12-31T23:59:59Z",
            "1970-01-01T00:00:00Z", "2024-02-29T08:30:05Z", "9999-12-31T23:59:59Z",
        ])
    func roundTrip(text: String) throws {
        let date = try #require(CivilTime.parseISO8601(text))
        #expect(CivilTime.iso8601WholeSeconds(date) == text)
        #expect(CivilTime.iso8601WholeSeconds(date).prefix(10) == CivilTime.day(date).prefix(10))
    }

    @Test("a fraction is dropped, never rounded into the next second, before 1970 as after")
    func fractionDropped() throws {
        for text in ["1960-05-01T10:00:00Z", "2019-03-04T10:15:00Z"] {
            let date = try #require(CivilTime.parseISO8601(text))
            #expect(CivilTime.iso8601WholeSeconds(date.addingTimeInterval(0.9996)) == text)
        }
    }
}

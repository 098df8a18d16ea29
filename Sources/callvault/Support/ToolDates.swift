import CallVaultCore
import Foundation

/// The dates the tool takes and the dates it works out from them stay within the years 0000 to
/// 9999 (UTC): the ISO 8601 text the tool reads and prints has four-digit years, so a later date
/// would print as a year such as 10004 that nothing, the tool included, reads back.
enum ToolDates {
    /// The instant `text` names, or why it names none the tool can use.
    static func instant(_ text: String) -> Result<Date, ToolDateError> {
        guard let date = CivilTime.parseISO8601IgnoringRange(text) else { return .failure(.notAnInstant(text)) }
        guard CivilTime.isWritable(date) else { return .failure(.outsideCalendar(text)) }
        return .success(date)
    }

    /// Throws a usage error when a date worked out from `option`'s `value` falls outside the years
    /// 0000 to 9999: the command refuses rather than print a date that cannot be read back.
    static func requireWritable(
        _ dates: [(name: String, date: Date?)], workedOutFrom option: String, _ value: Date
    ) throws(ToolDateError) {
        for (name, date) in dates {
            if let date, !CivilTime.isWritable(date) {
                throw .workedOutOutsideCalendar(option: option, value: CivilTime.iso8601(value), what: name)
            }
        }
    }
}

/// A date the tool cannot take or print; a usage error (exit status 64).
enum ToolDateError: Error, Equatable, CustomStringConvertible {
    /// Not an ISO 8601 date and time with a zone.
    case notAnInstant(String)
    /// A date and time that falls outside the years 0000 to 9999 in UTC.
    case outsideCalendar(String)
    /// A date worked out from an option's value falls outside the years 0000 to 9999.
    case workedOutOutsideCalendar(option: String, value: String, what: String)

    var description: String {
        switch self {
        case .notAnInstant(let text):
            "'\(TerminalText.quoted(text))' is not an ISO 8601 date and time with a zone: write it like 2026-01-15T10:00:00Z or 2026-01-15T11:00:00+01:00."
        case .outsideCalendar(let text):
            "'\(TerminalText.quoted(text))' falls outside the years 0000 to 9999 (UTC), the dates CallVault reads and writes: give a time between 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z."
        case .workedOutOutsideCalendar(let option, let value, let what):
            "\(option) \(value) is too late: the \(what) it gives falls after 9999-12-31T23:59:59Z, the last date CallVault reads and writes. Give an earlier \(option)."
        }
    }
}

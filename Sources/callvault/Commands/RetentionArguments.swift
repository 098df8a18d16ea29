import CallVaultCore
import CallVaultRetention
import Foundation

/// Reads the values `callvault retention schedule` takes: rule ids, places, purposes and instants.
///
/// Each throws a ``RetentionArgumentError``, which argument-parser reports as a usage error naming
/// the option and the expected form.
enum RetentionArgument {
    /// A rule id; ids are lower case, so `EU-MIFID2-16-7` reads as `eu-mifid2-16-7`.
    static func ruleID(_ text: String) throws(RetentionArgumentError) -> RetentionRuleID {
        do {
            return try RetentionRuleID(text.lowercased())
        } catch {
            throw .notARuleID(text)
        }
    }

    /// A jurisdiction code, ignoring case; `unknown` is accepted (it means the place is not known).
    static func place(_ text: String) throws(RetentionArgumentError) -> Jurisdiction {
        guard let place = try? Jurisdiction(parsing: text) else { throw .notAPlace(text) }
        return place
    }

    /// A purpose id.
    static func purpose(_ text: String) throws(RetentionArgumentError) -> Purpose {
        guard let purpose = try? Purpose(text) else { throw .notAPurpose(text) }
        return purpose
    }

    /// An instant: `YYYY-MM-DDTHH:MM:SS`, optionally a fraction of a second, then `Z` or an offset
    /// `+HH:MM` / `-HH:MM` (RFC 3339). A date alone, or a time without a zone, is refused: it names
    /// no instant, and a day's difference moves every deadline.
    static func instant(_ text: String) throws(RetentionArgumentError) -> Date {
        switch ToolDates.instant(text) {
        case .success(let date): return date
        case .failure(.outsideCalendar): throw .outsideCalendar(text)
        case .failure: throw .notAnInstant(text)
        }
    }
}

/// A value of `callvault retention schedule` that cannot be read; a usage error.
enum RetentionArgumentError: Error, CustomStringConvertible {
    case notARuleID(String)
    case notAPlace(String)
    case notAPurpose(String)
    case notAnInstant(String)
    case outsideCalendar(String)

    var description: String {
        switch self {
        case .outsideCalendar(let text):
            ToolDateError.outsideCalendar(text).description
        case .notARuleID(let text):
            "'\(TerminalText.quoted(text))' is not a rule id: use the id `callvault retention regimes` lists, such as eu-mifid2-16-7."
        case .notAPlace(let text):
            "'\(TerminalText.quoted(text))' is not a jurisdiction: use an ISO 3166-1 country such as FR, an ISO 3166-2 subdivision such as US-PA, or unknown."
        case .notAPurpose(let text):
            "'\(TerminalText.quoted(text))' is not a purpose: use lower-case letters, digits and hyphens, such as quality, training, dispute-resolution, legal-regulatory or customer-request."
        case .notAnInstant(let text):
            "'\(TerminalText.quoted(text))' is not an ISO 8601 date and time with a zone: write it like 2026-01-15T10:00:00Z or 2026-01-15T11:00:00+01:00."
        }
    }
}

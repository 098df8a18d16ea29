import CallVaultConsent
import CallVaultCore

/// One `--party ROLE@CODE[:MEDIUM]` argument of `callvault consent resolve`, such as
/// `customer@US-CA:mobile`, `agent@US-TX` or `third-party@unknown:voip`.
struct ConsentPartyArgument {
    /// The form the argument takes, for help and error messages.
    static let form = "ROLE@CODE[:MEDIUM]"

    let role: PartyRole
    let location: Jurisdiction
    let medium: CallMedium

    /// Reads `ROLE@CODE[:MEDIUM]`; role and medium ignore case, the medium defaults to landline.
    init(parsing text: String) throws(ConsentArgumentError) {
        let (role, location, suffix) = try Self.parts(of: text)
        var medium = CallMedium.landline
        if let suffix {
            let mediumName = suffix.lowercased()
            guard let named = CallMedium(name: mediumName) else { throw .unknownMedium(mediumName) }
            medium = named
        }
        self.role = role
        self.location = location
        self.medium = medium
    }

    /// Reads `ROLE@CODE[:SUFFIX]` into the role, the place and the text after the colon, if any:
    /// the form `consent resolve` (suffix: the medium) and `vault import` (suffix: the language)
    /// share.
    static func parts(of text: String) throws(ConsentArgumentError) -> (PartyRole, Jurisdiction, String?) {
        let halves = text.split(separator: "@", omittingEmptySubsequences: false)
        guard halves.count == 2 else { throw .notAParty(text) }
        let roleName = String(halves[0]).lowercased()
        guard let role = PartyRole(parsing: roleName) else { throw .unknownRole(roleName) }
        let place = halves[1].split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(place.count) else { throw .notAParty(text) }
        let code = String(place[0])
        guard let location = try? Jurisdiction(parsing: code), !code.isEmpty else { throw .notAPlace(code) }
        return (role, location, place.count == 2 ? String(place[1]) : nil)
    }

    /// The party, with an id made from its position on the command line (`party-1`, `party-2`...).
    func party(number: Int) -> CallParty {
        CallParty(id: PartyID("party-\(number)"), role: role, location: location, medium: medium)
    }
}

/// A `--party` or `--purpose` value `callvault consent resolve` cannot read; a usage error.
enum ConsentArgumentError: Error, CustomStringConvertible {
    case notAParty(String)
    case unknownRole(String)
    case notAPlace(String)
    case unknownMedium(String)
    case notAPurpose(String)

    var description: String {
        let example = "expected \(ConsentPartyArgument.form), such as customer@US-CA:mobile or agent@US-TX"
        return switch self {
        case .notAParty(let text):
            "'\(TerminalText.quoted(text))' is not a party: \(example)."
        case .unknownRole(let role):
            "'\(role)' is not a role (customer, agent, third-party or bot): \(example)."
        case .notAPlace(let code):
            "'\(code)' is not a place: use an ISO 3166-1 country such as DE, an ISO 3166-2 subdivision such as US-CA, or unknown; \(example)."
        case .unknownMedium(let medium):
            "'\(medium)' is not a medium (landline, mobile or voip): \(example)."
        case .notAPurpose(let text):
            "'\(TerminalText.quoted(text))' is not a purpose: use lower-case letters, digits and hyphens, such as quality, training, dispute-resolution, legal-regulatory, customer-request or a purpose of your own."
        }
    }
}

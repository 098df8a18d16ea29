import CallVaultConsent
import CallVaultCore
import Foundation

/// What `consent resolve` reports; its JSON keys are part of the tool's interface.
struct ConsentResolveReport: Encodable {
    struct Party: Encodable {
        var id: String
        var role: String
        var code: String
        var medium: String
        var requirement: String
        /// The strictness of the law at the party's own place, before the strictest rule wins.
        var localStrictness: String
        /// Whether the announcement to this party must itself be on the recording (US-WA, US-CT):
        /// recording opens when it starts.
        var noticeMustBeRecorded: Bool
        /// Whether a warning tone about every 15 seconds may stand for the recorded announcement (US-CT).
        var warningToneAllowed: Bool
    }

    /// A catalog row that set the outcome: where it comes from and when it was last reviewed.
    struct Rule: Encodable {
        var code: String
        var name: String
        var source: String
        /// The row's review date (`2026-12-06`), or null for a host catalog without the column.
        var reviewed: String?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(code, forKey: .code)
            try container.encode(name, forKey: .name)
            try container.encode(source, forKey: .source)
            try container.encode(reviewed, forKey: .reviewed)
        }

        private enum CodingKeys: String, CodingKey {
            case code, name, source, reviewed
        }
    }

    var allParty: Bool
    var noticeSufficient: Bool
    var strictness: String
    var governing: [String]
    /// The rows behind ``governing``, with their sources and review dates.
    var governingRules: [Rule]
    var direction: String
    var purposes: [String]
    var purposesNeedingConsent: [String]
    var parties: [Party]
    var catalogVersion: String
    var reasons: [String]

    init(_ decision: ConsentDecision) {
        allParty = decision.isAllParty
        noticeSufficient = decision.noticeSuffices
        strictness = Self.name(of: decision.strictness)
        governing = decision.governing.map(\.code)
        governingRules = decision.governingRules.map {
            Rule(code: $0.jurisdiction.code, name: $0.name, source: $0.source, reviewed: $0.reviewed)
        }
        direction = decision.direction.description
        purposes = decision.purposes.map(\.identifier)
        purposesNeedingConsent = decision.purposesNeedingConsent.map(\.identifier)
        parties = decision.parties.map {
            Party(
                id: $0.party.id.rawValue, role: $0.party.role.description, code: $0.party.location.code,
                medium: $0.party.medium.description, requirement: $0.requirement.description,
                localStrictness: Self.name(of: $0.localStrictness),
                noticeMustBeRecorded: $0.announcementMustBeRecorded,
                warningToneAllowed: $0.recordedNotice?.allowsWarningTone == true)
        }
        catalogVersion = decision.catalogVersion
        reasons = decision.reasons
    }

    /// A stable name for scripts: `one-party`, `lawful-basis`, `all-party-notice-suffices`,
    /// `all-party-explicit`.
    static func name(of strictness: ConsentStrictness) -> String {
        switch strictness {
        case .oneParty: "one-party"
        case .lawfulBasis: "lawful-basis"
        case .allPartyNoticeSuffices: "all-party-notice-suffices"
        case .allPartyExplicit: "all-party-explicit"
        default: strictness.description
        }
    }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// The report for a person: each party's requirement, the outcome, and the reason trail.
    static func text(for decision: ConsentDecision) -> String {
        let report = ConsentResolveReport(decision)
        var lines = [
            "Call: \(report.direction); purposes: \(report.purposes.joined(separator: ", ")).",
            "Catalog: \(report.catalogVersion).",
            "",
            "Parties:",
        ]
        for party in report.parties {
            let recorded =
                !party.noticeMustBeRecorded
                ? ""
                : party.warningToneAllowed
                    ? ", the announcement on the recording (or a warning tone every 15 s)"
                    : ", the announcement on the recording"
            lines.append(
                "  \(party.id) \(party.role) at \(party.code) (\(party.medium)): \(party.requirement)\(recorded)")
        }
        lines += [
            "",
            "All-party: \(report.allParty ? "yes" : "no"). "
                + "Notice followed by staying on the line counts as consent: \(report.noticeSufficient ? "yes" : "no").",
            "Strictest rule: \(decision.strictness), set by \(report.governing.joined(separator: ", ")).",
            "",
            "Reasons:",
        ]
        lines += report.reasons.map { "  " + $0 }
        return lines.joined(separator: "\n")
    }
}

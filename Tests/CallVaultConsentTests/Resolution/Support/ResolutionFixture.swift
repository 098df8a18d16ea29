import CallVaultConsent
import CallVaultCore
import Testing

/// Shared helpers for the resolver tests: the bundled catalog, parties built from codes, and calls
/// resolved in one line. Kept under one namespace so they cannot clash with other suites' helpers.
enum ResolutionFixture {
    /// The catalog that ships with CallVault.
    static func bundled() throws -> JurisdictionCatalog {
        try JurisdictionCatalog.bundled
    }

    /// A resolver over the bundled catalog.
    static func resolver() throws -> RequirementResolver {
        RequirementResolver(catalog: try bundled())
    }

    /// A jurisdiction from a code the test knows is valid (`unknown` included).
    static func place(_ code: String) throws -> Jurisdiction {
        try Jurisdiction(parsing: code)
    }

    /// A party with an id made from its role and position.
    static func party(
        _ role: PartyRole, _ code: String, _ medium: CallMedium = .landline, id: String? = nil
    ) throws -> CallParty {
        CallParty(id: PartyID(id ?? "\(role)@\(code)"), role: role, location: try place(code), medium: medium)
    }

    /// A customer at `code`.
    static func customer(_ code: String, _ medium: CallMedium = .landline) throws -> CallParty {
        try party(.customer, code, medium, id: "customer")
    }

    /// An agent at `code`.
    static func agent(_ code: String, _ medium: CallMedium = .landline) throws -> CallParty {
        try party(.agent, code, medium, id: "agent")
    }

    /// Resolves an inbound call over the bundled catalog.
    static func resolve(
        _ parties: [CallParty], purposes: [Purpose] = [.quality], direction: CallDirection = .inbound
    ) throws -> ConsentDecision {
        try resolver().resolve(direction: direction, parties: parties, purposes: purposes)
    }

    /// The codes of a decision's governing jurisdictions, as a set (their order is not part of the contract).
    static func governing(_ decision: ConsentDecision) -> Set<String> {
        Set(decision.governing.map(\.code))
    }

    /// The reason trail as one text, for `contains` checks.
    static func trail(_ decision: ConsentDecision) -> String {
        decision.reasons.joined(separator: "\n")
    }

    /// A one-party place with no floors and no subdivisions in the bundled catalog (Japan), where
    /// the agent sits in the table tests so that only the customer's location can raise the rule.
    static let oneParty = "JP"

    /// The header of CallVault's catalog format with every column.
    static let fullHeader = "code,name,consent_model,notice_counts_as_consent,landline,mobile,voip,floors,notes,source"

    /// The header with only the required columns.
    static let requiredHeader = "code,name,consent_model,notice_counts_as_consent,notes,source"
}

extension ConsentStrictness {
    /// A stable name for messages and tables.
    var testName: String {
        switch self {
        case .oneParty: "oneParty"
        case .lawfulBasis: "lawfulBasis"
        case .allPartyNoticeSuffices: "allPartyNoticeSuffices"
        case .allPartyExplicit: "allPartyExplicit"
        default: "unexpected(\(self))"
        }
    }
}

/// Who may listen to recordings: supervisors, the quality team, trainers and so on.
///
/// Customers are told who can hear their recordings. Templates give each audience a name in every
/// language; a host that adds an audience of its own (`DisclosureAudience("external-auditors")`)
/// gives it names through `DisclosureTemplateSet.setName(_:for:in:)`.
/// A struct rather than an enum, so audiences can be added without breaking a host's `switch`.
///
/// ```swift
/// let audiences: Set<DisclosureAudience> = [.supervisors, .qualityTeam, .regulatorsAndCourts]
/// ```
public struct DisclosureAudience: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The identifier: lower-case letters, digits and hyphens, for example `quality-team`.
    public let identifier: String

    /// Creates an audience from its identifier.
    ///
    /// - Throws: ``DisclosureError/invalidAudience(_:)`` unless the identifier is 1 to 64 lower-case
    ///   letters, digits or hyphens.
    public init(_ identifier: String) throws {
        guard (1...64).contains(identifier.count),
            identifier.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") })
        else { throw DisclosureError.invalidAudience(identifier) }
        self.identifier = identifier
    }

    private init(known identifier: String) {
        self.identifier = identifier
    }

    /// Team leaders and supervisors who review calls.
    public static let supervisors = DisclosureAudience(known: "supervisors")
    /// The quality team.
    public static let qualityTeam = DisclosureAudience(known: "quality-team")
    /// Staff who train agents.
    public static let trainers = DisclosureAudience(known: "trainers")
    /// Compliance officers.
    public static let complianceOfficers = DisclosureAudience(known: "compliance-officers")
    /// Regulators and courts, only where the law requires a recording to be handed over.
    public static let regulatorsAndCourts = DisclosureAudience(known: "regulators-and-courts")

    /// The audiences CallVault knows by name, in the order disclosures list them.
    public static let standard: [DisclosureAudience] = [
        .supervisors, .qualityTeam, .trainers, .complianceOfficers, .regulatorsAndCourts,
    ]

    /// Orders a set for listing: the standard audiences in their order, then others by identifier.
    static func listingOrder(_ audiences: Set<DisclosureAudience>) -> [DisclosureAudience] {
        standard.filter(audiences.contains)
            + audiences.filter { !standard.contains($0) }.sorted { $0.identifier < $1.identifier }
    }

    /// The identifier.
    public var description: String { identifier }

    /// Encodes as the identifier.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(identifier)
    }

    /// Decodes from the identifier.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        try self.init(try container.decode(String.self))
    }
}

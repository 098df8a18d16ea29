public import CallVaultCore

/// Identifies a party within one call (a leg id, a participant id from the host's platform).
public struct PartyID: Hashable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The host's identifier.
    public let rawValue: String

    /// Wraps the host's identifier.
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// Wraps a literal identifier.
    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    /// The identifier.
    public var description: String { rawValue }

    /// Encodes as the identifier.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Decodes from the identifier.
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }
}

/// What a party is to the call. The recording organisation's own parties (agents and bots)
/// consent through the organisation; customers and third parties are the ones the law protects.
public struct PartyRole: Hashable, Sendable, Codable, CustomStringConvertible {
    private let name: String

    private init(name: String) {
        self.name = name
    }

    /// The caller or callee the contact center serves.
    public static let customer = PartyRole(name: "customer")
    /// A person working for the recording organisation.
    public static let agent = PartyRole(name: "agent")
    /// Anyone else on the call (an interpreter, a colleague of the customer, a conferenced expert).
    public static let thirdParty = PartyRole(name: "third-party")
    /// An automated participant run by the recording organisation (an IVR, a virtual agent).
    public static let bot = PartyRole(name: "bot")

    /// All roles.
    public static let all: [PartyRole] = [.customer, .agent, .thirdParty, .bot]

    /// Reads `customer`, `agent`, `third-party` or `bot`.
    public init?(parsing text: String) {
        guard let role = Self.all.first(where: { $0.name == text }) else { return nil }
        self = role
    }

    /// Whether the party belongs to the recording organisation, whose own consent it carries.
    public var isRecordingSide: Bool { self == .agent || self == .bot }

    /// The role's name.
    public var description: String { name }

    /// Encodes as the name.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }

    /// Decodes from the name.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let role = PartyRole(parsing: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "unknown role '\(text)'"))
        }
        self = role
    }
}

/// Whether the call came in to the contact center or went out from it.
public enum CallDirection: String, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The customer called in.
    case inbound
    /// The contact center called out.
    case outbound

    /// `inbound` or `outbound`.
    public var description: String { rawValue }
}

/// One party on a call, as the resolver sees it.
public struct CallParty: Hashable, Sendable {
    /// The party's identifier within the call.
    public var id: PartyID
    /// What the party is to the call.
    public var role: PartyRole
    /// Where the party is; `Jurisdiction.unknown` when the host cannot tell.
    public var location: Jurisdiction
    /// How the party is connected.
    public var medium: CallMedium

    /// Creates a party.
    public init(id: PartyID, role: PartyRole, location: Jurisdiction, medium: CallMedium = .landline) {
        self.id = id
        self.role = role
        self.location = location
        self.medium = medium
    }
}

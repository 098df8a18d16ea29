/// Identifies a person or service acting on recordings: an agent, a supervisor, a compliance
/// officer, a sweeper. Access decisions, legal holds and the audit log name principals by it.
public struct PrincipalID: Hashable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The host's identifier for the principal.
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

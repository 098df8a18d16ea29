/// Why a recording is kept or used: quality, training, dispute resolution and so on.
///
/// Customers are told the purposes before recording starts; access for any other purpose needs
/// new consent. A struct rather than an enum, so a host can add purposes of its own
/// (`Purpose("fraud-prevention")`) and later versions can add common ones without breaking a
/// host's `switch`.
public struct Purpose: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The identifier: lower-case letters, digits and hyphens, for example `dispute-resolution`.
    public let identifier: String

    /// Creates a purpose from its identifier.
    ///
    /// - Throws: ``CoreError/invalidPurpose(_:)`` unless the identifier is 1 to 64 lower-case
    ///   letters, digits or hyphens.
    public init(_ identifier: String) throws {
        guard (1...64).contains(identifier.count),
            identifier.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") })
        else { throw CoreError.invalidPurpose(identifier) }
        self.identifier = identifier
    }

    private init(known identifier: String) {
        self.identifier = identifier
    }

    /// Monitoring and improving service quality.
    public static let quality = Purpose(known: "quality")
    /// Training staff.
    public static let training = Purpose(known: "training")
    /// Resolving a dispute or complaint about what was said.
    public static let disputeResolution = Purpose(known: "dispute-resolution")
    /// Meeting a legal or regulatory obligation to record (for example MiFID II order lines).
    public static let legalOrRegulatory = Purpose(known: "legal-regulatory")
    /// Acting on the customer's own request (for example a copy for the customer).
    public static let customerRequest = Purpose(known: "customer-request")

    /// The purposes CallVault knows by name.
    public static let standard: [Purpose] = [
        .quality, .training, .disputeResolution, .legalOrRegulatory, .customerRequest,
    ]

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

/// What a party needs before the call may be recorded, from least to most.
public enum ConsentRequirement: Int, Comparable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// Nothing: the party belongs to the recording organisation.
    case none
    /// To be told that the call is recorded, and why, before recording starts.
    case notice
    /// To agree (explicitly, or by staying on the line where notice counts as consent).
    case consent

    /// Orders by how much is asked of the party.
    public static func < (lhs: ConsentRequirement, rhs: ConsentRequirement) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// `none`, `notice` or `consent`.
    public var description: String {
        switch self {
        case .none: "none"
        case .notice: "notice"
        case .consent: "consent"
        }
    }

    /// Encodes as the description.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Decodes from the description.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        switch text {
        case "none": self = .none
        case "notice": self = .notice
        case "consent": self = .consent
        default:
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "unknown requirement '\(text)'"))
        }
    }
}

/// How strict the law governing a location is, from least to most strict. Across the parties of a
/// call, the strictest wins.
public struct ConsentStrictness: Comparable, Hashable, Sendable, CustomStringConvertible {
    let rank: Int

    private init(rank: Int) {
        self.rank = rank
    }

    /// One party's consent suffices; the recording organisation is a party. Others are told.
    public static let oneParty = ConsentStrictness(rank: 1)
    /// A data-protection lawful basis and notice (with a right to object); consent only for
    /// purposes no other basis covers.
    public static let lawfulBasis = ConsentStrictness(rank: 2)
    /// Every party must consent, and notice followed by staying on the line counts.
    public static let allPartyNoticeSuffices = ConsentStrictness(rank: 3)
    /// Every party must consent by an affirmative act before recording (a key press, a spoken yes,
    /// an agent's attestation). Also the reading of anything unknown.
    public static let allPartyExplicit = ConsentStrictness(rank: 4)

    /// Orders from least to most strict.
    public static func < (lhs: ConsentStrictness, rhs: ConsentStrictness) -> Bool {
        lhs.rank < rhs.rank
    }

    /// A phrase a compliance officer reads.
    public var description: String {
        switch rank {
        case 1: "one-party"
        case 2: "lawful basis with notice"
        case 3: "all-party, notice suffices"
        default: "all-party, explicit consent"
        }
    }
}

/// How a jurisdiction's law treats recording a call, as a catalog states it.
///
/// `mixed` means the rule depends on the medium (the catalog row then gives one per medium);
/// `uncertain` means the sources disagree, and CallVault reads it as all-party.
public struct ConsentModel: Hashable, Sendable, CustomStringConvertible {
    private enum Kind: String, Sendable {
        case oneParty = "one-party"
        case allParty = "all-party"
        case mixed
        case lawfulBasis = "lawful-basis"
        case uncertain
    }

    private let kind: Kind

    private init(_ kind: Kind) {
        self.kind = kind
    }

    /// One party's consent is enough; the recording organisation is a party.
    public static let oneParty = ConsentModel(.oneParty)
    /// Every party must consent.
    public static let allParty = ConsentModel(.allParty)
    /// The rule depends on the medium; see the row's per-medium models.
    public static let mixed = ConsentModel(.mixed)
    /// Data-protection law: a lawful basis and notice, with consent only where no other basis fits.
    public static let lawfulBasis = ConsentModel(.lawfulBasis)
    /// The sources disagree; read as all-party.
    public static let uncertain = ConsentModel(.uncertain)

    /// Reads the catalog spelling (`one-party`, `all-party`, `mixed`, `lawful-basis`, `uncertain`).
    public init?(catalogValue: String) {
        guard let kind = Kind(rawValue: catalogValue) else { return nil }
        self.kind = kind
    }

    /// The catalog spelling.
    public var description: String { kind.rawValue }
}

/// Whether telling a party about recording, and their staying on the line, counts as their consent.
public struct NoticeAsConsent: Hashable, Sendable, CustomStringConvertible {
    private enum Kind: String, Sendable {
        case yes
        case no
        case notApplicable = "n/a"
        case uncertain
    }

    private let kind: Kind

    private init(_ kind: Kind) {
        self.kind = kind
    }

    /// Notice followed by staying on the line is consent.
    public static let yes = NoticeAsConsent(.yes)
    /// Consent must be an affirmative act (a key press, a spoken yes).
    public static let no = NoticeAsConsent(.no)
    /// The question does not arise (nobody else's consent is needed).
    public static let notApplicable = NoticeAsConsent(.notApplicable)
    /// The sources disagree; read as `no`.
    public static let uncertain = NoticeAsConsent(.uncertain)

    /// Reads the catalog spelling (`yes`, `no`, `n/a`, `uncertain`).
    public init?(catalogValue: String) {
        guard let kind = Kind(rawValue: catalogValue) else { return nil }
        self.kind = kind
    }

    /// Whether notice may stand for consent, reading `uncertain` and `n/a` strictly.
    public var allowsImpliedConsent: Bool { kind == .yes }

    /// The catalog spelling.
    public var description: String { kind.rawValue }
}

/// How a party is connected: rules can differ by medium (California Penal Code 632.7 covers
/// cellular and cordless phones, Nevada's statute covers wire communications).
public struct CallMedium: Hashable, Sendable, CustomStringConvertible, CaseIterable {
    private enum Kind: String, Sendable, CaseIterable {
        case landline, mobile, voip
    }

    private let kind: Kind

    private init(_ kind: Kind) {
        self.kind = kind
    }

    /// A fixed-line telephone.
    public static let landline = CallMedium(.landline)
    /// A cellular or cordless telephone.
    public static let mobile = CallMedium(.mobile)
    /// A voice-over-IP client or trunk.
    public static let voip = CallMedium(.voip)

    /// All media, in catalog column order.
    public static let allCases: [CallMedium] = [.landline, .mobile, .voip]

    /// The medium's position in ``allCases``.
    var ordinal: Int {
        switch kind {
        case .landline: 0
        case .mobile: 1
        case .voip: 2
        }
    }

    /// Reads `landline`, `mobile` or `voip`.
    public init?(name: String) {
        guard let kind = Kind(rawValue: name) else { return nil }
        self.kind = kind
    }

    /// The name, as in catalog columns and the tool's `ROLE@CODE:MEDIUM`.
    public var description: String { kind.rawValue }
}

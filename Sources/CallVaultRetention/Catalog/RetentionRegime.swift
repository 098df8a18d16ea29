public import CallVaultCore

/// One retention rule from the catalog: a law, regulation or standard that says how long recordings
/// must, or may, be kept.
///
/// A regime sets a ``minimum`` (keep at least), a ``maximum`` (keep no longer), both or neither
/// (data-protection laws that say "no longer than necessary" and leave the number to the
/// controller). How it reaches a recording is its ``applicability``.
public struct RetentionRegime: Hashable, Sendable, Identifiable {
    /// The stable identifier schedules and certificates cite, for example `eu-mifid2-16-7`.
    public let id: RetentionRuleID
    /// Where the rule binds; `nil` for rules that apply everywhere (PCI DSS, industry practice).
    public let jurisdiction: Jurisdiction?
    /// Places the rule also binds beyond ``jurisdiction`` (the UK for the GDPR, kept as UK GDPR).
    public let alsoCovers: [Jurisdiction]
    /// The rule's name, for example "MiFID II Art 16(7) (Directive 2014/65/EU)".
    public let name: String
    /// Whom and what the rule covers, in the source's words.
    public let scope: String
    /// How the rule comes to apply to a recording.
    public let applicability: Applicability
    /// The purposes the rule is limited to; empty when it applies whatever the purpose.
    public let purposes: Set<Purpose>
    /// How long recordings must be kept, at least.
    public let minimum: RetentionPeriod?
    /// How long recordings may be kept, at most.
    public let maximum: RetentionPeriod?
    /// Whether the rule is law, a contract (an industry standard that binds by agreement, such as
    /// PCI DSS) or observed practice. Only law can keep a recording past another rule's maximum.
    public let binding: Binding
    /// Whether recordings must be stored so they cannot be altered or deleted before the minimum.
    public let writeOnce: Bool
    /// What the rule says, with its caveats.
    public let notes: String
    /// Where the rule was read.
    public let sources: [String]

    /// How a rule comes to apply to a recording.
    public enum Applicability: String, Hashable, Sendable, Codable, CaseIterable {
        /// The host declares it for a recording, because it turns on the firm's regulated activity
        /// (MiFID II order lines, FINRA taping firms).
        case declared
        /// It applies to every recording whose jurisdictions fall under the rule's (data-protection
        /// law, CNIL guidance), subject to ``RetentionRegime/purposes``.
        case jurisdiction
        /// It applies to the flagged card-security-code ranges of a recording (PCI DSS).
        case cardData = "card-data"
        /// It records a duty carried out elsewhere (the legal-hold duty: see ``LegalHold``); it
        /// never changes a schedule.
        case reference
    }

    /// Whether a rule is law, contract or practice.
    public enum Binding: String, Hashable, Sendable, Codable, CaseIterable {
        /// Law or regulation.
        case law
        /// An industry standard that binds by contract, not law (PCI DSS binds through card-brand
        /// rules and acquirer agreements): followed, but, like practice, it never keeps a
        /// recording past a legal maximum and an erasure request is not refused on its account.
        case contract
        /// Observed practice: a business minimum that yields to every legal maximum.
        case practice
    }

    /// Creates a regime, for catalogs built in code.
    public init(
        id: RetentionRuleID, jurisdiction: Jurisdiction?, alsoCovers: [Jurisdiction] = [], name: String,
        scope: String = "",
        applicability: Applicability, purposes: Set<Purpose> = [], minimum: RetentionPeriod?,
        maximum: RetentionPeriod?, binding: Binding = .law, writeOnce: Bool = false, notes: String = "",
        sources: [String] = []
    ) {
        self.id = id
        self.jurisdiction = jurisdiction
        self.alsoCovers = alsoCovers
        self.name = name
        self.scope = scope
        self.applicability = applicability
        self.purposes = purposes
        self.minimum = minimum
        self.maximum = maximum
        self.binding = binding
        self.writeOnce = writeOnce
        self.notes = notes
        self.sources = sources
    }

    /// Whether the rule binds a recording made under `place`: everywhere for a global rule,
    /// otherwise the rule's place, its subdivisions, EU members for an EU rule, or ``alsoCovers``.
    public func covers(_ place: Jurisdiction) -> Bool {
        guard let jurisdiction else { return true }
        return place.falls(under: jurisdiction) || alsoCovers.contains { place.falls(under: $0) }
    }

    /// Whether the host may declare the rule for a recording: not a ``Applicability/reference``
    /// entry that carries a period, whose period covers something other than calls (HIPAA's six
    /// years cover required documentation): declaring it would suggest the recording is kept that
    /// long when nothing keeps it.
    public var isDeclarableForRecordings: Bool {
        !(applicability == .reference && (minimum != nil || maximum != nil))
    }

    /// The catalog code for the rule's place: the jurisdiction, or `ZZ` for everywhere.
    public var code: String { jurisdiction?.code ?? "ZZ" }

    /// `text` (a scope) as it reads inside a sentence: a capitalised first word ("Covered
    /// entities") in lower case, an acronym ("PCI DSS") as it is.
    package static func midSentence(_ text: String) -> String {
        guard let first = text.first, first.isUppercase, text.dropFirst().first?.isLowercase == true else {
            return text
        }
        return first.lowercased() + text.dropFirst()
    }
}

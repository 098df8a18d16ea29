/// A place whose law governs a call: an ISO 3166-1 country (`DE`), an ISO 3166-2 subdivision
/// (`US-CA`, `AU-NSW`), a regional bloc whose rules apply across member states (`EU`), or unknown.
///
/// An unknown location is a value of its own, not a missing one, because the law's answer to it
/// is specific: treat it as the strictest rule.
///
/// ```swift
/// let california = try Jurisdiction(parsing: "us-ca")
/// california.code          // "US-CA"
/// california.country?.code // "US"
/// ```
public struct Jurisdiction: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The normalised code: upper case, `CC` or `CC-SUB`; `unknown` for ``unknown``.
    public let code: String

    /// A location that is not known.
    public static let unknown = Jurisdiction(validatedCode: "unknown")

    init(validatedCode: String) {
        self.code = validatedCode
    }

    /// Parses a code, ignoring case and surrounding spaces; `unknown` parses to ``unknown``.
    ///
    /// - Throws: ``CoreError/invalidJurisdictionCode(_:)`` for anything that is not two letters,
    ///   optionally followed by `-` and one to three letters or digits.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingSpaces().uppercased()
        if trimmed == "UNKNOWN" {
            self = .unknown
            return
        }
        let parts = trimmed.split(separator: "-", omittingEmptySubsequences: false)
        let isLetter = { (c: Character) in c.isASCII && c.isLetter }
        let isAlphanumeric = { (c: Character) in c.isASCII && (c.isLetter || c.isNumber) }
        guard (1...2).contains(parts.count), parts[0].count == 2, parts[0].allSatisfy(isLetter),
            parts.count == 1 || ((1...3).contains(parts[1].count) && parts[1].allSatisfy(isAlphanumeric))
        else { throw CoreError.invalidJurisdictionCode(text) }
        self.code = trimmed
    }

    /// Whether this is ``unknown``.
    public var isUnknown: Bool { self == .unknown }

    /// Whether this is a subdivision of a country (`US-CA`), not a country or bloc.
    public var isSubdivision: Bool { code.utf8.contains(UInt8(ascii: "-")) }

    /// The country a subdivision belongs to (`US` for `US-CA`); `nil` for countries and ``unknown``.
    public var country: Jurisdiction? {
        guard let dash = code.utf8.firstIndex(of: UInt8(ascii: "-")) else { return nil }
        return Jurisdiction(validatedCode: String(code[..<dash]))
    }

    /// The code.
    public var description: String { code }

    /// Encodes as the code string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }

    /// Decodes from a code string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        try self.init(parsing: try container.decode(String.self))
    }
}

extension String {
    /// The string without leading and trailing white space (shared by the package's parsers).
    package func trimmingSpaces() -> String {
        // Indices into the string itself: no array of characters (an access decision checks a
        // justification this way for every rule that asks for one).
        guard let first = firstIndex(where: { !$0.isWhitespace }),
            let last = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[first...last])
    }

    /// Whether the string is empty or only white space, without building a trimmed copy.
    package var isBlank: Bool { allSatisfy(\.isWhitespace) }
}

extension Jurisdiction {
    /// The European Union, as a jurisdiction whose rules (GDPR, ePrivacy, MiFID II) bind its members.
    public static let europeanUnion = Jurisdiction(validatedCode: "EU")

    /// The EU's member states (ISO 3166-1 alpha-2), as of 2026.
    static let europeanUnionMembers: Set<String> = [
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
        "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
    ]

    /// Whether this place (or the country of this subdivision) is an EU member state.
    public var isInEuropeanUnion: Bool {
        Self.europeanUnionMembers.contains((country ?? self).code)
    }

    /// Whether rules made for `other` reach this place: the same place, its country, or the EU for
    /// a member state.
    public func falls(under other: Jurisdiction) -> Bool {
        self == other || country == other || (other == .europeanUnion && isInEuropeanUnion)
    }
}

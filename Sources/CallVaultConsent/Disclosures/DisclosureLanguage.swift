/// A language disclosures are rendered in, named by its BCP 47 tag (`en`, `fr-CA`, `fa`).
///
/// CallVault ships English, Spanish, French, German, Persian and Arabic; a host adds others by
/// adding templates and a grammar for them to a ``DisclosureTemplateSet``. A regional tag falls
/// back to its language (`fr-CA` uses `fr` wherever it has no wording of its own). Whether text
/// runs right to left follows from the tag, so a receipt that stores only the tag loses nothing.
///
/// ```swift
/// let persian = try DisclosureLanguage(tag: "fa-IR")
/// persian.isRightToLeft  // true
/// ```
public struct DisclosureLanguage: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The normalised tag: language in lower case, script in title case, region in upper case.
    public let tag: String

    private init(normalizedTag: String) {
        self.tag = normalizedTag
    }

    /// Parses a BCP 47 tag, ignoring case and accepting `_` for `-` (`pt_br` reads as `pt-BR`).
    ///
    /// - Throws: ``DisclosureError/invalidLanguageTag(_:)`` unless the tag is a 2- or 3-letter
    ///   language code followed by subtags of 1 to 8 letters or digits.
    public init(tag: String) throws {
        let parts = PlainText.trimmed(tag).replacingUnderscores().split(
            separator: "-", omittingEmptySubsequences: false)
        let isAlphanumeric = { (c: Character) in c.isASCII && (c.isLetter || c.isNumber) }
        guard let first = parts.first, (2...3).contains(first.count),
            first.allSatisfy({ $0.isASCII && $0.isLetter }),
            parts.dropFirst().allSatisfy({ (1...8).contains($0.count) && $0.allSatisfy(isAlphanumeric) })
        else { throw DisclosureError.invalidLanguageTag(tag) }
        let normalized = parts.enumerated().map { index, part in
            if index == 0 { return part.lowercased() }
            if part.count == 4 && part.allSatisfy(\.isLetter) {
                return part.prefix(1).uppercased() + part.dropFirst().lowercased()
            }
            if part.count == 2 && part.allSatisfy(\.isLetter) { return part.uppercased() }
            return part.lowercased()
        }
        self.tag = normalized.joined(separator: "-")
    }

    /// English (`en`).
    public static let english = DisclosureLanguage(normalizedTag: "en")
    /// Spanish (`es`).
    public static let spanish = DisclosureLanguage(normalizedTag: "es")
    /// French (`fr`).
    public static let french = DisclosureLanguage(normalizedTag: "fr")
    /// German (`de`).
    public static let german = DisclosureLanguage(normalizedTag: "de")
    /// Persian (`fa`), written right to left.
    public static let persian = DisclosureLanguage(normalizedTag: "fa")
    /// Arabic (`ar`), written right to left.
    public static let arabic = DisclosureLanguage(normalizedTag: "ar")

    /// The languages CallVault ships templates for.
    public static let bundled: [DisclosureLanguage] = [.english, .spanish, .french, .german, .persian, .arabic]

    /// Whether text in this language runs right to left: Arabic, Persian, Hebrew, Urdu and the
    /// like, or any tag whose script subtag is a right-to-left script (`az-Arab`).
    ///
    /// In rendered text, contacts (web addresses, email addresses, phone numbers) are wrapped in
    /// Unicode left-to-right isolates in these languages; see ``DisclosureRenderer``.
    public var isRightToLeft: Bool {
        let parts = tag.split(separator: "-")
        if let script = parts.dropFirst().first(where: { $0.count == 4 && $0.allSatisfy(\.isLetter) }) {
            return Self.rightToLeftScripts.contains(String(script))
        }
        return parts.first.map { Self.rightToLeftLanguages.contains(String($0)) } ?? false
    }

    /// This language, then each shorter tag it falls back to (`zh-Hant-TW`, `zh-Hant`, `zh`).
    var fallbacks: [DisclosureLanguage] {
        var parts = tag.split(separator: "-").map(String.init)
        var chain: [DisclosureLanguage] = []
        while !parts.isEmpty {
            chain.append(DisclosureLanguage(normalizedTag: parts.joined(separator: "-")))
            parts.removeLast()
        }
        return chain
    }

    /// The language's English name and tag where CallVault knows the name (`Persian (fa)`), else
    /// the tag (`'sw'`), for error messages.
    var displayName: String {
        let names = ["en": "English", "es": "Spanish", "fr": "French", "de": "German", "fa": "Persian", "ar": "Arabic"]
        return names[tag].map { "\($0) (\(tag))" } ?? "'\(tag)'"
    }

    private static let rightToLeftScripts: Set<String> = [
        "Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Rohg", "Mand", "Samr", "Yezi",
    ]
    private static let rightToLeftLanguages: Set<String> = [
        "ar", "fa", "he", "iw", "ur", "ps", "sd", "ug", "yi", "dv", "ckb", "syr", "prs", "pnb", "ks", "arc",
    ]

    /// The tag.
    public var description: String { tag }

    /// Encodes as the tag.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(tag)
    }

    /// Decodes from a tag.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        try self.init(tag: try container.decode(String.self))
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String {
        String(map { $0 == "_" ? "-" : $0 })
    }
}

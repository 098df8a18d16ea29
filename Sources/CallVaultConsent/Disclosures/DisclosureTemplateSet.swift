public import CallVaultCore

/// The templates, names and grammars disclosures are rendered from, by language: the bundled set,
/// a host's own, or the bundled set with a host's merged over it.
///
/// A host changes wording, adds a language or names its own purposes and audiences by building a
/// set of just those entries and merging it over ``bundled``; each entry replaces the one for the
/// same language and item. A regional language falls back to its base language item by item, so
/// an `fr-CA` set holding one template borrows the rest from `fr`.
///
/// ```swift
/// let fraud = try Purpose("fraud-prevention")
/// var acme = DisclosureTemplateSet()
/// try acme.setName("fraud prevention", for: fraud, in: .english)
/// try acme.setName("la prévention de la fraude", for: fraud, in: .french)
/// acme.add(try DisclosureTemplate(
///     kind: .ivrNotice, language: .english, scriptID: "acme.ivr.notice", version: "2026.12.1",
///     text: "Welcome to {organisation}. We record calls for {purposes}. Press {withdrawalKey} to opt out."))
/// let renderer = DisclosureRenderer(templates: .bundled.merging(acme))
/// ```
public struct DisclosureTemplateSet: Sendable {
    /// Everything one language holds.
    struct Entries: Sendable {
        var templates: [DisclosureKind: DisclosureTemplate] = [:]
        var purposeNames: [Purpose: String] = [:]
        var audienceNames: [DisclosureAudience: String] = [:]
        var grammar: DisclosureGrammar?

        mutating func merge(_ overrides: Entries) {
            templates.merge(overrides.templates) { _, new in new }
            purposeNames.merge(overrides.purposeNames) { _, new in new }
            audienceNames.merge(overrides.audienceNames) { _, new in new }
            grammar = overrides.grammar ?? grammar
        }
    }

    private var entries: [DisclosureLanguage: Entries]

    /// An empty set, to fill with a host's entries.
    public init() {
        entries = [:]
    }

    init(entries: [DisclosureLanguage: Entries]) {
        self.entries = entries
    }

    /// The languages with entries of their own, by tag.
    public var languages: [DisclosureLanguage] {
        entries.keys.sorted { $0.tag < $1.tag }
    }

    /// Adds a template, replacing any of the same kind in the same language.
    public mutating func add(_ template: DisclosureTemplate) {
        entries[template.language, default: Entries()].templates[template.kind] = template
    }

    /// Names a purpose in a language, replacing any name it had.
    ///
    /// Write the name to fit the bundled templates: after "for" in English; with its article in
    /// Spanish and French ("la prévention de la fraude"); with "die" or "den" as the accusative
    /// after "für" in German; as it follows "برای" in Persian and "لأغراض" in Arabic.
    ///
    /// - Throws: ``DisclosureError/invalidTranslation(_:language:reason:)`` for a blank name or one
    ///   with control characters or braces.
    public mutating func setName(_ name: String, for purpose: Purpose, in language: DisclosureLanguage)
        throws
    {
        try Self.check(name, item: .purpose(purpose), language: language)
        entries[language, default: Entries()].purposeNames[purpose] = PlainText.trimmed(name)
    }

    /// Names an audience in a language, replacing any name it had.
    ///
    /// Write the name as the subject of "may listen" (nominative plural in German and Arabic),
    /// with its article in Spanish and French ("les auditeurs externes").
    ///
    /// - Throws: ``DisclosureError/invalidTranslation(_:language:reason:)`` for a blank name or one
    ///   with control characters or braces.
    public mutating func setName(_ name: String, for audience: DisclosureAudience, in language: DisclosureLanguage)
        throws
    {
        try Self.check(name, item: .audience(audience), language: language)
        entries[language, default: Entries()].audienceNames[audience] = PlainText.trimmed(name)
    }

    /// Sets a language's grammar, replacing any it had.
    public mutating func setGrammar(_ grammar: DisclosureGrammar, for language: DisclosureLanguage) {
        entries[language, default: Entries()].grammar = grammar
    }

    /// This set with `overrides` merged over it: each template, name and grammar in `overrides`
    /// replaces the one for the same language and item.
    public func merging(_ overrides: DisclosureTemplateSet) -> DisclosureTemplateSet {
        var merged = entries
        for (language, added) in overrides.entries { merged[language, default: Entries()].merge(added) }
        return DisclosureTemplateSet(entries: merged)
    }

    /// The template for a kind in a language, or in the nearest language it falls back to.
    public func template(for kind: DisclosureKind, in language: DisclosureLanguage) -> DisclosureTemplate? {
        lookUp(language) { $0.templates[kind] }
    }

    /// A purpose's name in a language, or in the nearest language it falls back to.
    public func name(for purpose: Purpose, in language: DisclosureLanguage) -> String? {
        lookUp(language) { $0.purposeNames[purpose] }
    }

    /// An audience's name in a language, or in the nearest language it falls back to.
    public func name(for audience: DisclosureAudience, in language: DisclosureLanguage) -> String? {
        lookUp(language) { $0.audienceNames[audience] }
    }

    /// A language's grammar, or that of the nearest language it falls back to.
    public func grammar(for language: DisclosureLanguage) -> DisclosureGrammar? {
        lookUp(language) { $0.grammar }
    }

    /// The language in this set that best serves a BCP 47 tag: the tag itself if the set has
    /// entries for it, else the nearest language it falls back to (`fr-CA` finds `fr`).
    ///
    /// - Throws: ``DisclosureError/invalidLanguageTag(_:)`` for a malformed tag;
    ///   ``DisclosureError/unsupportedLanguage(_:supported:)``, listing the languages there are,
    ///   when neither the tag nor any fallback has entries.
    public func language(forTag tag: String) throws -> DisclosureLanguage {
        let requested = try DisclosureLanguage(tag: tag)
        guard let served = requested.fallbacks.first(where: { entries[$0] != nil }) else {
            throw DisclosureError.unsupportedLanguage(tag, supported: languages)
        }
        return served
    }

    /// Whether the set has entries for the language or a language it falls back to.
    func serves(_ language: DisclosureLanguage) -> Bool {
        language.fallbacks.contains { entries[$0] != nil }
    }

    private func lookUp<Value>(_ language: DisclosureLanguage, _ value: (Entries) -> Value?) -> Value? {
        for candidate in language.fallbacks {
            if let entries = entries[candidate], let found = value(entries) { return found }
        }
        return nil
    }

    private static func check(
        _ name: String, item: DisclosureError.TranslationItem, language: DisclosureLanguage
    ) throws(DisclosureError) {
        if PlainText.isBlank(name) { throw .invalidTranslation(item, language: language, reason: "is blank") }
        if PlainText.hasControlCharacters(name) || name.contains("{") || name.contains("}") {
            throw .invalidTranslation(item, language: language, reason: "contains control characters or braces")
        }
    }
}

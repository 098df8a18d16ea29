import CallVaultCrypto

/// Renders announcements and disclosures from a ``DisclosurePolicy`` in any language of a
/// ``DisclosureTemplateSet``.
///
/// The same policy yields the IVR prompt, the agent's script and the written disclosure in every
/// language, so what customers are told never drifts from what the organisation does. Rendering
/// either returns complete text or throws a ``DisclosureError`` that says what is missing: a
/// field the template needs, a language, or a translation of a template, purpose or audience.
/// Output is plain text for speech synthesis: digits for keys, no markup. In right-to-left
/// languages, contacts are wrapped in invisible left-to-right isolates so that phone numbers and
/// web addresses display in the right order, and in agent scripts and written disclosures the
/// organisation's and regulator's names in first-strong isolates, so a Latin name keeps its order.
///
/// ```swift
/// let renderer = DisclosureRenderer()
/// let policy = DisclosurePolicy(
///     organisation: "Acme Bank", purposes: [.quality, .training], retentionDays: 1825,
///     audiences: [.supervisors, .qualityTeam], consentKey: "1", declineKey: "2", withdrawalKey: "9")
/// let prompt = try renderer.render(.ivrConsentRequest, policy: policy, languageTag: "de-AT")
/// prompt.text
/// // "Vielen Dank für Ihren Anruf bei Acme Bank. Wir möchten dieses Gespräch für die
/// //  Qualitätssicherung und die Schulung unseres Personals aufzeichnen. Drücken Sie die Taste 1, …"
/// prompt.scriptID  // "callvault.ivr.consent-request"
/// prompt.version   // "2026.12.1"
/// ```
public struct DisclosureRenderer: Sendable {
    /// The templates, names and grammars used.
    public let templates: DisclosureTemplateSet

    /// Creates a renderer over `templates`, by default the bundled ones.
    public init(templates: DisclosureTemplateSet = .bundled) {
        self.templates = templates
    }

    /// The languages it renders in.
    public var languages: [DisclosureLanguage] { templates.languages }

    /// The supported language that best serves a BCP 47 tag (`fr-CA` finds `fr`).
    ///
    /// - Throws: ``DisclosureError/unsupportedLanguage(_:supported:)`` listing the languages there
    ///   are; ``DisclosureError/invalidLanguageTag(_:)``.
    public func language(forTag tag: String) throws -> DisclosureLanguage {
        try templates.language(forTag: tag)
    }

    /// Renders a disclosure in the language a BCP 47 tag names, or the nearest it falls back to.
    ///
    /// - Throws: as ``render(_:policy:language:)``, and ``DisclosureError/unsupportedLanguage(_:supported:)``.
    public func render(_ kind: DisclosureKind, policy: DisclosurePolicy, languageTag: String) throws
        -> RenderedDisclosure
    {
        let language = try DisclosureLanguage(tag: languageTag)
        return try render(kind, policy: policy, language: language)
    }

    /// Renders a disclosure.
    ///
    /// - Throws: ``DisclosureError/unsupportedLanguage(_:supported:)`` for a language the templates
    ///   lack; ``DisclosureError/missingTranslation(_:language:)`` for a missing template, purpose
    ///   or audience name, or grammar; ``DisclosureError/missingField(_:kind:)`` when the template
    ///   uses a field the policy lacks; the errors of ``DisclosurePolicy/validate()``; and
    ///   ``DisclosureError/unknownPlaceholder(_:scriptID:language:)`` or
    ///   ``DisclosureError/malformedTemplate(scriptID:language:reason:)`` for a broken template.
    public func render(_ kind: DisclosureKind, policy: DisclosurePolicy, language: DisclosureLanguage)
        throws -> RenderedDisclosure
    {
        guard templates.serves(language) else {
            throw DisclosureError.unsupportedLanguage(language.tag, supported: templates.languages)
        }
        try policy.validate()
        guard let template = templates.template(for: kind, in: language) else {
            throw DisclosureError.missingTranslation(.template(kind), language: language)
        }
        let parsed = try template.parsed()
        let wording = DisclosureWording(policy: policy, kind: kind, language: language, templates: templates)
        let text = try parsed.text.filled { (name: String) throws(DisclosureError) -> String in
            guard let placeholder = DisclosurePlaceholder(name: name) else {
                throw DisclosureError.unknownPlaceholder(name, scriptID: template.scriptID, language: template.language)
            }
            return try wording.value(for: placeholder)
        }
        guard !PlainText.isBlank(text) else {
            throw DisclosureError.malformedTemplate(
                scriptID: template.scriptID, language: template.language, reason: "renders as blank text")
        }
        return RenderedDisclosure(
            kind: kind, scriptID: template.scriptID, version: template.version, language: language, text: text,
            textHash: try Self.hash(text))
    }

    private static func hash(_ text: String) throws(DisclosureError) -> String {
        do {
            return try BLAKE2b.hash(Array(text.utf8)).description
        } catch {
            throw DisclosureError(.hashingFailed(reason: String(describing: error)), underlying: error)
        }
    }
}

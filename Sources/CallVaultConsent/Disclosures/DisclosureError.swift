public import CallVaultCore

/// Errors rendering announcements and disclosures, or building the templates they come from.
///
/// Rendering never returns blank or half-filled text: a policy that lacks what a template needs,
/// a language without a template or a translation, and a broken template each throw one of these,
/// naming what is missing and where to add it.
public enum DisclosureError: CallVaultError, Equatable {
    /// Something a language has no wording for.
    public enum TranslationItem: Hashable, Sendable, CustomStringConvertible {
        /// The template for a kind of disclosure.
        case template(DisclosureKind)
        /// A purpose's name.
        case purpose(Purpose)
        /// An audience's name.
        case audience(DisclosureAudience)
        /// The grammar (list words, durations, contact phrases).
        case grammar

        /// A phrase naming the item, for example `the name of the purpose 'fraud-prevention'`.
        public var description: String {
            switch self {
            case .template(let kind): "the \(kind) template"
            case .purpose(let purpose): "the name of the purpose '\(purpose)'"
            case .audience(let audience): "the name of the audience '\(audience)'"
            case .grammar: "a grammar (list words, durations and contact phrases)"
            }
        }
    }

    /// The template uses a field the policy does not set.
    case missingField(DisclosureField, kind: DisclosureKind)
    /// A policy field holds a value that cannot be disclosed as it is.
    case invalidField(DisclosureField, value: String, reason: String)
    /// Two keys that must differ are the same.
    case conflictingKeys(DisclosureField, DisclosureField, key: Character)
    /// The language (and every language it falls back to) lacks the wording for an item.
    case missingTranslation(TranslationItem, language: DisclosureLanguage)
    /// A translation given for an item is blank or holds control characters.
    case invalidTranslation(TranslationItem, language: DisclosureLanguage, reason: String)
    /// No templates in this language, nor in any language it falls back to.
    case unsupportedLanguage(String, supported: [DisclosureLanguage])
    /// Not a BCP 47 language tag.
    case invalidLanguageTag(String)
    /// An audience identifier with characters other than lower-case letters, digits and hyphens.
    case invalidAudience(String)
    /// A template names a placeholder CallVault does not know.
    case unknownPlaceholder(String, scriptID: String, language: DisclosureLanguage)
    /// A template is not well formed, or leaves out what its kind must say.
    case malformedTemplate(scriptID: String, language: DisclosureLanguage, reason: String)
    /// A grammar phrase is not well formed.
    case invalidGrammar(reason: String)
    /// The rendered text could not be hashed.
    case hashingFailed(reason: String)

    /// A sentence saying what is wrong and what to do.
    public var description: String {
        switch self {
        case .missingField(let field, let kind):
            "The \(kind) template needs \(field.explanation), which the DisclosurePolicy does not give; set \(field.name)."
        case .invalidField(let field, let value, let reason):
            "The DisclosurePolicy's '\(field)' value '\(value)' cannot be disclosed: \(reason)."
        case .conflictingKeys(let first, let second, let key):
            "The DisclosurePolicy's '\(first)' and '\(second)' are both '\(key)'; give them different keys so a caller's key press means one thing."
        case .missingTranslation(let item, let language):
            "There is no \(language.displayName) wording for \(item.description); add it to a DisclosureTemplateSet and merge that over the bundled one."
        case .invalidTranslation(let item, let language, let reason):
            "The \(language.displayName) wording for \(item.description) \(reason); give plain text that a person can read aloud."
        case .unsupportedLanguage(let tag, let supported):
            "There are no disclosures in '\(tag)'; use one of \(supported.map(\.tag).joined(separator: ", ")), or add templates for it to a DisclosureTemplateSet."
        case .invalidLanguageTag(let tag):
            "'\(tag)' is not a BCP 47 language tag: use a language code such as 'fr', optionally with a script or region such as 'fr-CA' or 'az-Arab'."
        case .invalidAudience(let identifier):
            "'\(identifier)' is not an audience identifier: use 1 to 64 lower-case letters, digits and hyphens, such as 'external-auditors'."
        case .unknownPlaceholder(let name, let scriptID, let language):
            "Template \(scriptID) (\(language.tag)) uses '{\(name)}', which is not a placeholder; use one of \(DisclosurePlaceholder.all.map { "{\($0.name)}" }.joined(separator: ", "))."
        case .malformedTemplate(let scriptID, let language, let reason):
            "Template \(scriptID) (\(language.tag)) \(reason)."
        case .invalidGrammar(let reason):
            "The disclosure grammar is not usable: \(reason)."
        case .hashingFailed(let reason):
            "The rendered disclosure could not be hashed (\(reason)); check that libsodium is installed and initialises."
        }
    }
}

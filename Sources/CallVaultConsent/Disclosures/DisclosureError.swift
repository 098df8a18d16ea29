public import CallVaultCore

/// Errors rendering announcements and disclosures, or building the templates they come from.
///
/// Rendering never returns blank or half-filled text: a policy that lacks what a template needs,
/// a language without a template or a translation, and a broken template each throw one of these,
/// naming what is missing and where to add it.
public struct DisclosureError: CallVaultError, Equatable, CallVaultReasonedError {
    /// The stable codes of ``DisclosureError``.
    public struct Code: CallVaultErrorCode {
        /// The error type these codes belong to.
        public typealias Owner = DisclosureError
        /// The code's stable text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// The template uses a field the policy does not set.
        public static let missingField = Code("disclosure.missing-field")
        /// A policy field holds a value that cannot be disclosed as it is.
        public static let invalidField = Code("disclosure.invalid-field")
        /// Two keys that must differ are the same.
        public static let conflictingKeys = Code("disclosure.conflicting-keys")
        /// The language (and every language it falls back to) lacks the wording for an item.
        public static let missingTranslation = Code("disclosure.missing-translation")
        /// A translation given for an item is blank or holds control characters.
        public static let invalidTranslation = Code("disclosure.invalid-translation")
        /// No templates in this language, nor in any language it falls back to.
        public static let unsupportedLanguage = Code("disclosure.unsupported-language")
        /// Not a BCP 47 language tag.
        public static let invalidLanguageTag = Code("disclosure.invalid-language-tag")
        /// An audience identifier with characters other than lower-case letters, digits and hyphens.
        public static let invalidAudience = Code("disclosure.invalid-audience")
        /// A template names a placeholder CallVault does not know.
        public static let unknownPlaceholder = Code("disclosure.unknown-placeholder")
        /// A template is not well formed, or leaves out what its kind must say.
        public static let malformedTemplate = Code("disclosure.malformed-template")
        /// A grammar phrase is not well formed.
        public static let invalidGrammar = Code("disclosure.invalid-grammar")
        /// The rendered text could not be hashed.
        public static let hashingFailed = Code("disclosure.hashing-failed")

        /// Every code of this type.
        public static let all: [Code] = [
            missingField, invalidField, conflictingKeys, missingTranslation, invalidTranslation, unsupportedLanguage,
            invalidLanguageTag, invalidAudience, unknownPlaceholder, malformedTemplate, invalidGrammar, hashingFailed,
        ]
    }

    /// What happened, with its details; the package's own code switches over it.
    package enum Reason: Equatable, Sendable {
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
    }

    /// What happened, with its details.
    package let reason: Reason
    /// The error that caused this one, if any.
    public let underlying: (any Error)?

    /// Creates an error from its reason and cause.
    package init(_ reason: Reason, underlying: (any Error)? = nil) {
        self.reason = reason
        self.underlying = underlying
    }

    /// What kind of failure this is.
    public var code: Code {
        switch reason {
        case .missingField: .missingField
        case .invalidField: .invalidField
        case .conflictingKeys: .conflictingKeys
        case .missingTranslation: .missingTranslation
        case .invalidTranslation: .invalidTranslation
        case .unsupportedLanguage: .unsupportedLanguage
        case .invalidLanguageTag: .invalidLanguageTag
        case .invalidAudience: .invalidAudience
        case .unknownPlaceholder: .unknownPlaceholder
        case .malformedTemplate: .malformedTemplate
        case .invalidGrammar: .invalidGrammar
        case .hashingFailed: .hashingFailed
        }
    }

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

    /// A sentence saying what is wrong and what to do.
    public var message: String {
        switch reason {
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

    /// The template uses a field the policy does not set.
    public static func missingField(_ disclosureField: DisclosureField, kind: DisclosureKind) -> DisclosureError {
        DisclosureError(.missingField(disclosureField, kind: kind))
    }
    /// The code for ``missingField(_:kind:)``, for `catch DisclosureError.missingField`.
    public static let missingField = Code.missingField

    /// A policy field holds a value that cannot be disclosed as it is.
    public static func invalidField(_ disclosureField: DisclosureField, value: String, reason: String)
        -> DisclosureError
    { DisclosureError(.invalidField(disclosureField, value: value, reason: reason)) }
    /// The code for ``invalidField(_:value:reason:)``, for `catch DisclosureError.invalidField`.
    public static let invalidField = Code.invalidField

    /// Two keys that must differ are the same.
    public static func conflictingKeys(
        _ disclosureField: DisclosureField, _ disclosureField2: DisclosureField, key: Character
    ) -> DisclosureError { DisclosureError(.conflictingKeys(disclosureField, disclosureField2, key: key)) }
    /// The code for ``conflictingKeys(_:_:key:)``, for `catch DisclosureError.conflictingKeys`.
    public static let conflictingKeys = Code.conflictingKeys

    /// The language (and every language it falls back to) lacks the wording for an item.
    public static func missingTranslation(_ translationItem: TranslationItem, language: DisclosureLanguage)
        -> DisclosureError
    { DisclosureError(.missingTranslation(translationItem, language: language)) }
    /// The code for ``missingTranslation(_:language:)``, for `catch DisclosureError.missingTranslation`.
    public static let missingTranslation = Code.missingTranslation

    /// A translation given for an item is blank or holds control characters.
    public static func invalidTranslation(
        _ translationItem: TranslationItem, language: DisclosureLanguage, reason: String
    ) -> DisclosureError { DisclosureError(.invalidTranslation(translationItem, language: language, reason: reason)) }
    /// The code for ``invalidTranslation(_:language:reason:)``, for `catch DisclosureError.invalidTranslation`.
    public static let invalidTranslation = Code.invalidTranslation

    /// No templates in this language, nor in any language it falls back to.
    public static func unsupportedLanguage(_ text: String, supported: [DisclosureLanguage]) -> DisclosureError {
        DisclosureError(.unsupportedLanguage(text, supported: supported))
    }
    /// The code for ``unsupportedLanguage(_:supported:)``, for `catch DisclosureError.unsupportedLanguage`.
    public static let unsupportedLanguage = Code.unsupportedLanguage

    /// Not a BCP 47 language tag.
    public static func invalidLanguageTag(_ text: String) -> DisclosureError {
        DisclosureError(.invalidLanguageTag(text))
    }
    /// The code for ``invalidLanguageTag(_:)``, for `catch DisclosureError.invalidLanguageTag`.
    public static let invalidLanguageTag = Code.invalidLanguageTag

    /// An audience identifier with characters other than lower-case letters, digits and hyphens.
    public static func invalidAudience(_ text: String) -> DisclosureError { DisclosureError(.invalidAudience(text)) }
    /// The code for ``invalidAudience(_:)``, for `catch DisclosureError.invalidAudience`.
    public static let invalidAudience = Code.invalidAudience

    /// A template names a placeholder CallVault does not know.
    public static func unknownPlaceholder(_ text: String, scriptID: String, language: DisclosureLanguage)
        -> DisclosureError
    { DisclosureError(.unknownPlaceholder(text, scriptID: scriptID, language: language)) }
    /// The code for ``unknownPlaceholder(_:scriptID:language:)``, for `catch DisclosureError.unknownPlaceholder`.
    public static let unknownPlaceholder = Code.unknownPlaceholder

    /// A template is not well formed, or leaves out what its kind must say.
    public static func malformedTemplate(scriptID: String, language: DisclosureLanguage, reason: String)
        -> DisclosureError
    { DisclosureError(.malformedTemplate(scriptID: scriptID, language: language, reason: reason)) }
    /// The code for ``malformedTemplate(scriptID:language:reason:)``, for `catch DisclosureError.malformedTemplate`.
    public static let malformedTemplate = Code.malformedTemplate

    /// A grammar phrase is not well formed.
    public static func invalidGrammar(reason: String) -> DisclosureError {
        DisclosureError(.invalidGrammar(reason: reason))
    }
    /// The code for ``invalidGrammar(reason:)``, for `catch DisclosureError.invalidGrammar`.
    public static let invalidGrammar = Code.invalidGrammar

    /// The rendered text could not be hashed.
    public static func hashingFailed(reason: String) -> DisclosureError {
        DisclosureError(.hashingFailed(reason: reason))
    }
    /// The code for ``hashingFailed(reason:)``, for `catch DisclosureError.hashingFailed`.
    public static let hashingFailed = Code.hashingFailed
}

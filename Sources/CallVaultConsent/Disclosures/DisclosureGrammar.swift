/// The small pieces of a language that templates build on: how lists are joined, how a period is
/// counted, and how to say "by pressing 9" or "by writing to …".
///
/// The bundled languages carry their own; a host adding a language gives one with
/// `DisclosureTemplateSet.setGrammar(_:for:)`. Separators include their spaces, so a language that
/// attaches its conjunction to the next word (Arabic "و") can do so.
///
/// ```swift
/// let dutch = try DisclosureGrammar(
///     listSeparator: ", ", andSeparator: " en ", orSeparator: " of ", pluralRule: .oneIsSingular,
///     years: .init(one: "een jaar", other: "{count} jaar"),
///     months: .init(one: "een maand", other: "{count} maanden"),
///     days: .init(one: "een dag", other: "{count} dagen"),
///     byKeyPhrase: "door tijdens een gesprek op elk moment op {key} te drukken",
///     byWebsitePhrase: "via {address}", byEmailPhrase: "door te mailen naar {address}",
///     byPhonePhrase: "door {address} te bellen")
/// ```
public struct DisclosureGrammar: Hashable, Sendable {
    /// How a language changes its conjunction for the sound of the next word.
    enum Euphony: Hashable, Sendable {
        case none
        /// Spanish: "y" becomes "e" before an "i" sound, "o" becomes "u" before an "o" sound.
        case spanish
    }

    /// Between items of a list but the last two: `", "`.
    public let listSeparator: String
    /// Before the last item of a list: `" and "`.
    public let andSeparator: String
    /// Between alternatives: `" or "`.
    public let orSeparator: String
    /// How numbers choose the forms of ``years``, ``months`` and ``days``.
    public let pluralRule: DisclosurePluralRule
    /// "one year", "{count} years".
    public let years: DisclosurePluralForms
    /// "one month", "{count} months".
    public let months: DisclosurePluralForms
    /// "one day", "{count} days".
    public let days: DisclosurePluralForms
    /// How to withdraw with a key, with `{key}`: "by pressing {key} at any time during a call".
    public let byKeyPhrase: String
    /// How to use a web page, with `{address}`: "by visiting {address}".
    public let byWebsitePhrase: String
    /// How to use an email address, with `{address}`: "by writing to {address}".
    public let byEmailPhrase: String
    /// How to use a phone number, with `{address}`: "by calling {address}".
    public let byPhonePhrase: String
    /// How the language names a complaints authority in general, where the policy names none:
    /// "a data protection authority". `nil`: a policy for a written disclosure must name its
    /// ``DisclosurePolicy/regulator``.
    public let genericRegulator: String?
    /// The ten digits, zero to nine, that written text in this language uses instead of ASCII ones
    /// (Persian "۰۱۲۳۴۵۶۷۸۹"); `nil` keeps ASCII digits. Spoken scripts always keep ASCII digits,
    /// which every speech synthesiser reads.
    public let writtenDigits: String?
    let euphony: Euphony

    /// Creates a grammar, checking every phrase.
    ///
    /// - Throws: ``DisclosureError/invalidGrammar(reason:)`` for an empty separator, a phrase with
    ///   unbalanced braces or a placeholder other than its own, a key or contact phrase without its
    ///   placeholder, an `other` plural form without `{count}`, a blank generic regulator, or
    ///   written digits that are not ten distinct digits.
    public init(
        listSeparator: String, andSeparator: String, orSeparator: String, pluralRule: DisclosurePluralRule,
        years: DisclosurePluralForms, months: DisclosurePluralForms, days: DisclosurePluralForms,
        byKeyPhrase: String, byWebsitePhrase: String, byEmailPhrase: String, byPhonePhrase: String,
        genericRegulator: String? = nil, writtenDigits: String? = nil
    ) throws {
        self.init(
            unchecked: listSeparator, andSeparator: andSeparator, orSeparator: orSeparator, pluralRule: pluralRule,
            years: years, months: months, days: days, byKeyPhrase: byKeyPhrase, byWebsitePhrase: byWebsitePhrase,
            byEmailPhrase: byEmailPhrase, byPhonePhrase: byPhonePhrase, euphony: .none, writtenDigits: writtenDigits,
            genericRegulator: genericRegulator)
        try check()
    }

    /// Creates a grammar without checking it; rendering checks what it uses.
    init(
        unchecked listSeparator: String, andSeparator: String, orSeparator: String, pluralRule: DisclosurePluralRule,
        years: DisclosurePluralForms, months: DisclosurePluralForms, days: DisclosurePluralForms,
        byKeyPhrase: String, byWebsitePhrase: String, byEmailPhrase: String, byPhonePhrase: String,
        euphony: Euphony, writtenDigits: String? = nil, genericRegulator: String? = nil
    ) {
        self.listSeparator = listSeparator
        self.andSeparator = andSeparator
        self.orSeparator = orSeparator
        self.pluralRule = pluralRule
        self.years = years
        self.months = months
        self.days = days
        self.byKeyPhrase = byKeyPhrase
        self.byWebsitePhrase = byWebsitePhrase
        self.byEmailPhrase = byEmailPhrase
        self.byPhonePhrase = byPhonePhrase
        self.euphony = euphony
        self.writtenDigits = writtenDigits
        self.genericRegulator = genericRegulator
    }

    /// Checks every separator and phrase.
    func check() throws(DisclosureError) {
        for separator in [listSeparator, andSeparator, orSeparator] where separator.isEmpty {
            throw .invalidGrammar(reason: "a list separator is empty")
        }
        _ = try Self.fill(byKeyPhrase, placeholder: "key", with: "1")
        for phrase in [byWebsitePhrase, byEmailPhrase, byPhonePhrase] {
            _ = try Self.fill(phrase, placeholder: "address", with: "x")
        }
        if let genericRegulator, PlainText.isBlank(genericRegulator) {
            throw .invalidGrammar(reason: "the generic regulator is blank; leave it out instead")
        }
        if let writtenDigits {
            guard writtenDigits.count == 10, Set(writtenDigits).count == 10, writtenDigits.allSatisfy(\.isWholeNumber)
            else {
                throw .invalidGrammar(
                    reason: "the written digits '\(writtenDigits)' are not ten different digits, zero to nine")
            }
        }
        for forms in [years, months, days] {
            _ = try Self.fill(forms.other, placeholder: "count", with: "5")
            for form in forms.all { _ = try Self.fill(form, placeholder: "count", with: "5", required: false) }
        }
    }

    /// Fills the one placeholder a phrase may use.
    static func fill(
        _ phrase: String, placeholder: String, with value: String, required: Bool = true
    ) throws(DisclosureError) -> String {
        let text: TemplateText
        do throws(TemplateText.Problem) {
            text = try TemplateText(parsing: phrase)
        } catch {
            switch error {
            case .malformed(let reason): throw .invalidGrammar(reason: "the phrase '\(phrase)' \(reason)")
            }
        }
        if let other = text.placeholderNames.first(where: { $0 != placeholder }) {
            throw .invalidGrammar(
                reason: "the phrase '\(phrase)' uses '{\(other)}'; it may only use '{\(placeholder)}'")
        }
        if required && !text.placeholderNames.contains(placeholder) {
            throw .invalidGrammar(reason: "the phrase '\(phrase)' does not use '{\(placeholder)}'")
        }
        guard !PlainText.isBlank(phrase) else { throw .invalidGrammar(reason: "a phrase is blank") }
        return text.filled { _ in value }
    }
}

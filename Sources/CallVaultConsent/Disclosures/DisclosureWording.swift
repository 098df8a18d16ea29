import CallVaultCore

/// The words for each placeholder, for one policy in one language.
struct DisclosureWording {
    let policy: DisclosurePolicy
    let kind: DisclosureKind
    let language: DisclosureLanguage
    let templates: DisclosureTemplateSet

    /// The text a placeholder becomes.
    func value(for placeholder: DisclosurePlaceholder) throws(DisclosureError) -> String {
        switch placeholder.role {
        case .organisation:
            let name = PlainText.trimmed(policy.organisation)
            guard !name.isEmpty else { throw missing(.organisation) }
            return isolatedName(name)
        case .regulator:
            if let regulator = policy.regulator.map(PlainText.trimmed), !regulator.isEmpty {
                return isolatedName(regulator)
            }
            guard let generic = try grammar().genericRegulator else { throw missing(.regulator) }
            return generic
        case .purposes:
            return try purposes()
        case .retention:
            guard let days = policy.retentionDays else { throw missing(.retentionDays) }
            return try written(grammar().duration(days: days))
        case .audiences:
            return try audiences()
        case .consentKey:
            return try written(String(key(policy.consentKey, .consentKey)))
        case .declineKey:
            return try written(String(key(policy.declineKey, .declineKey)))
        case .withdrawalKey:
            return try written(String(key(policy.withdrawalKey, .withdrawalKey)))
        case .withdrawalContact:
            return shown(try contact(policy.withdrawalContact, .withdrawalContact))
        case .complaintContact:
            return shown(try contact(policy.complaintContact, .complaintContact))
        case .howToWithdraw:
            return try howToWithdraw()
        case .howToComplain:
            let contact = try contact(policy.complaintContact, .complaintContact)
            return try grammar().byContact(contact, shownAs: shown(contact))
        }
    }

    private func purposes() throws(DisclosureError) -> String {
        var unique: [Purpose] = []
        for purpose in policy.purposes where !unique.contains(purpose) { unique.append(purpose) }
        guard !unique.isEmpty else { throw missing(.purposes) }
        var names: [String] = []
        for purpose in unique {
            guard let name = templates.name(for: purpose, in: language) else {
                throw .missingTranslation(.purpose(purpose), language: language)
            }
            names.append(name)
        }
        return try grammar().joined(names, .and)
    }

    private func audiences() throws(DisclosureError) -> String {
        guard !policy.audiences.isEmpty else { throw missing(.audiences) }
        var names: [String] = []
        for audience in DisclosureAudience.listingOrder(policy.audiences) {
            guard let name = templates.name(for: audience, in: language) else {
                throw .missingTranslation(.audience(audience), language: language)
            }
            names.append(name)
        }
        return try grammar().joined(names, .and)
    }

    private func howToWithdraw() throws(DisclosureError) -> String {
        guard policy.withdrawalKey != nil || policy.withdrawalContact != nil else { throw missing(.withdrawal) }
        let grammar = try grammar()
        var ways: [String] = []
        if let key = policy.withdrawalKey { ways.append(written(try grammar.byKey(key))) }
        if let contact = policy.withdrawalContact {
            ways.append(try grammar.byContact(contact, shownAs: shown(contact)))
        }
        return grammar.joined(ways, .or)
    }

    private func grammar() throws(DisclosureError) -> DisclosureGrammar {
        guard let grammar = templates.grammar(for: language) else {
            throw .missingTranslation(.grammar, language: language)
        }
        return grammar
    }

    private func key(_ key: Character?, _ field: DisclosureField) throws(DisclosureError) -> Character {
        guard let key else { throw missing(field) }
        return key
    }

    private func contact(_ contact: DisclosureContact?, _ field: DisclosureField) throws(DisclosureError)
        -> DisclosureContact
    {
        guard let contact else { throw missing(field) }
        return contact
    }

    /// The address as it appears in text. In right-to-left languages it is wrapped in a
    /// left-to-right isolate (U+2066 … U+2069): a phone number's digit groups, or a web address
    /// ending in "/", would otherwise be reordered by the bidirectional algorithm and shown wrongly.
    /// Speech synthesisers skip these invisible marks.
    private func shown(_ contact: DisclosureContact) -> String {
        let address = PlainText.trimmed(contact.address)
        guard language.isRightToLeft else { return address }
        return String(PlainText.leftToRightIsolate) + address + String(PlainText.popDirectionalIsolate)
    }

    /// A name given as-is (the organisation, the regulator). In right-to-left languages it is wrapped
    /// in a first-strong isolate (U+2068 … U+2069), so a Latin name ("Acme Bank") or one with digits
    /// keeps its order and does not pull the sentence's punctuation into its own direction, while a
    /// Persian or Arabic name still reads right to left.
    /// IVR prompts, which only a speech synthesiser reads, get no marks.
    private func isolatedName(_ name: String) -> String {
        guard language.isRightToLeft, kind.isRead else { return name }
        return String(PlainText.firstStrongIsolate) + name + String(PlainText.popDirectionalIsolate)
    }

    /// Numbers the renderer writes (periods, keys) in the language's own digits, in written text
    /// only: a spoken script keeps ASCII digits for the speech synthesiser, and contacts and names
    /// keep theirs (a web address or phone number must be typed as given).
    private func written(_ text: String) -> String {
        guard !kind.isSpoken, let digits = templates.grammar(for: language)?.writtenDigits else { return text }
        let local = Array(digits)
        guard local.count == 10 else { return text }
        return String(
            text.map { character in
                guard character.isASCII, let value = character.wholeNumberValue else { return character }
                return local[value]
            })
    }

    private func missing(_ field: DisclosureField) -> DisclosureError {
        .missingField(field, kind: kind)
    }
}

import CallVaultConsent
import Testing

@Suite("Disclosures: template and grammar checks")
struct DisclosureTemplateTests {
    static func template(
        _ text: String, kind: DisclosureKind = .ivrNotice, scriptID: String = "acme.test", version: String = "1"
    ) throws -> DisclosureTemplate {
        try DisclosureTemplate(kind: kind, language: .english, scriptID: scriptID, version: version, text: text)
    }

    @Test("an unknown placeholder is a typed error")
    func unknownPlaceholder() {
        #expect(throws: DisclosureError.unknownPlaceholder("customerName", scriptID: "acme.test", language: .english)) {
            try Self.template("Hello {customerName}, {organisation} records for {purposes}; press {withdrawalKey}.")
        }
    }

    @Test("unbalanced braces, blank text and bad identifiers are malformed templates")
    func malformed() {
        let cases: [(text: String, scriptID: String, version: String, reason: String)] = [
            (
                "{organisation records for {purposes}", "acme.test", "1",
                "has a '{' inside the placeholder '{organisation records for '"
            ),
            (
                "{organisation} records for {purposes", "acme.test", "1",
                "has a '{' that is never closed, at '{purposes'"
            ),
            ("{organisation} records} for {purposes}", "acme.test", "1", "has a '}' without a '{' before it"),
            (
                "{organisation} records for {} {purposes}", "acme.test", "1",
                "has the placeholder '{}', whose name is not ASCII letters"
            ),
            ("   ", "acme.test", "1", "has blank text"),
            (
                "{organisation} {purposes} {withdrawalKey}", "acme test", "1",
                "has a script identifier that is not letters, digits, '.', '-' and '_'"
            ),
            (
                "{organisation} {purposes} {withdrawalKey}", "acme.test", "1 2",
                "has a version that is empty or contains spaces"
            ),
        ]
        for testCase in cases {
            #expect(
                throws: DisclosureError.malformedTemplate(
                    scriptID: testCase.scriptID, language: .english, reason: testCase.reason)
            ) {
                try Self.template(testCase.text, scriptID: testCase.scriptID, version: testCase.version)
            }
        }
    }

    @Test("a template must say what its kind is for")
    func requiredContent() throws {
        #expect(
            throws: DisclosureError.malformedTemplate(
                scriptID: "acme.test", language: .english,
                reason: "leaves out {declineKey}, which every ivr-consent-request template uses")
        ) {
            try Self.template(
                "{organisation} would like to record for {purposes}. Press {consentKey} to agree.",
                kind: .ivrConsentRequest)
        }
        #expect(
            throws: DisclosureError.malformedTemplate(
                scriptID: "acme.test", language: .english,
                reason: "leaves out {howToComplain} or {complaintContact}, which every written-disclosure template uses"
            )
        ) {
            try Self.template(
                "{organisation} records for {purposes}, keeps them {retention}, for {audiences}. {howToWithdraw}.",
                kind: .writtenDisclosure)
        }
        let written = try Self.template(
            "{organisation}: {purposes}; {retention}; {audiences}; {withdrawalContact}; {complaintContact}.",
            kind: .writtenDisclosure)
        #expect(
            try written.placeholders() == [
                .organisation, .purposes, .retention, .audiences, .withdrawalContact, .complaintContact,
            ])
    }

    @Test("placeholders are found by name")
    func placeholderNames() {
        #expect(DisclosurePlaceholder(name: "howToWithdraw") == .howToWithdraw)
        #expect(DisclosurePlaceholder(name: "HowToWithdraw") == nil)
        #expect(DisclosurePlaceholder.howToWithdraw.field == .withdrawal)
        #expect(DisclosurePlaceholder.all.count == 12)
        #expect(DisclosurePlaceholder(name: "regulator") == .regulator)
        #expect(DisclosurePlaceholder.regulator.field == .regulator)
        #expect(DisclosurePlaceholder.retention.description == "{retention}")
    }

    static func grammar(
        byKeyPhrase: String = "by pressing {key}", years: DisclosurePluralForms = .init(other: "{count} years"),
        andSeparator: String = " and "
    ) throws -> DisclosureGrammar {
        try DisclosureGrammar(
            listSeparator: ", ", andSeparator: andSeparator, orSeparator: " or ", pluralRule: .oneIsSingular,
            years: years, months: .init(other: "{count} months"), days: .init(other: "{count} days"),
            byKeyPhrase: byKeyPhrase, byWebsitePhrase: "at {address}", byEmailPhrase: "at {address}",
            byPhonePhrase: "on {address}")
    }

    @Test("grammar phrases must use their own placeholder and no other")
    func grammarChecks() throws {
        _ = try Self.grammar()
        #expect(throws: DisclosureError.invalidGrammar(reason: "the phrase 'by pressing a key' does not use '{key}'")) {
            try Self.grammar(byKeyPhrase: "by pressing a key")
        }
        #expect(
            throws: DisclosureError.invalidGrammar(
                reason: "the phrase 'by pressing {key} or {address}' uses '{address}'; it may only use '{key}'")
        ) {
            try Self.grammar(byKeyPhrase: "by pressing {key} or {address}")
        }
        #expect(throws: DisclosureError.invalidGrammar(reason: "the phrase 'years' does not use '{count}'")) {
            try Self.grammar(years: .init(one: "a year", other: "years"))
        }
        #expect(throws: DisclosureError.invalidGrammar(reason: "a list separator is empty")) {
            try Self.grammar(andSeparator: "")
        }
    }
}

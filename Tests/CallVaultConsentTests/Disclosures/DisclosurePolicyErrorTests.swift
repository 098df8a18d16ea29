import CallVaultConsent
import CallVaultCore
import Testing

@Suite("Disclosures: missing and invalid policy fields")
struct DisclosurePolicyErrorTests {
    let renderer = DisclosureRenderer()

    struct MissingCase: CustomTestStringConvertible, Sendable {
        let kind: DisclosureKind
        let field: DisclosureField
        let remove: @Sendable (inout DisclosurePolicy) -> Void

        var testDescription: String { "\(field) for \(kind)" }
    }

    static let missingCases: [MissingCase] = [
        MissingCase(kind: .ivrNotice, field: .organisation) { $0.organisation = "  " },
        MissingCase(kind: .writtenDisclosure, field: .organisation) { $0.organisation = "" },
        MissingCase(kind: .ivrNotice, field: .purposes) { $0.purposes = [] },
        MissingCase(kind: .agentConsentRequest, field: .purposes) { $0.purposes = [] },
        MissingCase(kind: .agentNotice, field: .retentionDays) { $0.retentionDays = nil },
        MissingCase(kind: .writtenDisclosure, field: .retentionDays) { $0.retentionDays = nil },
        MissingCase(kind: .agentConsentRequest, field: .audiences) { $0.audiences = [] },
        MissingCase(kind: .writtenDisclosure, field: .audiences) { $0.audiences = [] },
        MissingCase(kind: .ivrNotice, field: .withdrawalKey) { $0.withdrawalKey = nil },
        MissingCase(kind: .ivrConsentRequest, field: .consentKey) { $0.consentKey = nil },
        MissingCase(kind: .ivrConsentRequest, field: .declineKey) { $0.declineKey = nil },
        MissingCase(kind: .ivrConsentRequest, field: .withdrawalKey) { $0.withdrawalKey = nil },
        MissingCase(kind: .writtenDisclosure, field: .withdrawal) {
            $0.withdrawalKey = nil
            $0.withdrawalContact = nil
        },
        MissingCase(kind: .writtenDisclosure, field: .complaintContact) { $0.complaintContact = nil },
    ]

    @Test(
        "a field the template needs but the policy lacks is a typed error naming it",
        arguments: missingCases, DisclosureLanguage.bundled)
    func missingField(testCase: MissingCase, language: DisclosureLanguage) {
        var policy = DisclosureFixtures.fullPolicy
        testCase.remove(&policy)
        #expect(throws: DisclosureError.missingField(testCase.field, kind: testCase.kind)) {
            try renderer.render(testCase.kind, policy: policy, language: language)
        }
    }

    @Test("fields a kind does not use may be left out")
    func minimalPolicies() throws {
        let minimal = DisclosurePolicy(organisation: "Acme", purposes: [.quality], withdrawalKey: "9")
        _ = try renderer.render(.ivrNotice, policy: minimal, language: .german)
        let agent = DisclosurePolicy(
            organisation: "Acme", purposes: [.quality], retentionDays: 90, audiences: [.supervisors])
        _ = try renderer.render(.agentNotice, policy: agent, language: .arabic)
        _ = try renderer.render(.agentConsentRequest, policy: agent, language: .persian)
    }

    struct InvalidCase: CustomTestStringConvertible, Sendable {
        let name: String
        let expected: DisclosureError
        let change: @Sendable (inout DisclosurePolicy) -> Void

        var testDescription: String { name }
    }

    static let invalidCases: [InvalidCase] = [
        InvalidCase(
            name: "a letter for a key",
            expected: .invalidField(
                .consentKey, value: "a",
                reason: "use a digit from 0 to 9, which every language reads aloud the same way")
        ) { $0.consentKey = "a" },
        InvalidCase(
            name: "star for a key",
            expected: .invalidField(
                .withdrawalKey, value: "*",
                reason: "use a digit from 0 to 9, which every language reads aloud the same way")
        ) { $0.withdrawalKey = "*" },
        InvalidCase(
            name: "an Arabic-Indic digit for a key",
            expected: .invalidField(
                .declineKey, value: "٢",
                reason: "use a digit from 0 to 9, which every language reads aloud the same way")
        ) { $0.declineKey = "٢" },
        InvalidCase(
            name: "no days of retention",
            expected: .invalidField(
                .retentionDays, value: "0", reason: "give a number of days from 1 to 36525 (100 years)")
        ) { $0.retentionDays = 0 },
        InvalidCase(
            name: "retention beyond a century",
            expected: .invalidField(
                .retentionDays, value: "40000", reason: "give a number of days from 1 to 36525 (100 years)")
        ) { $0.retentionDays = 40_000 },
        InvalidCase(
            name: "agree and decline on one key",
            expected: .conflictingKeys(.consentKey, .declineKey, key: "1")
        ) { $0.declineKey = "1" },
        InvalidCase(
            name: "agree and withdraw on one key",
            expected: .conflictingKeys(.consentKey, .withdrawalKey, key: "1")
        ) { $0.withdrawalKey = "1" },
        InvalidCase(
            name: "an email address without '@'",
            expected: .invalidField(
                .complaintContact, value: "complaints.acme.example",
                reason: "an email address has an '@' and no spaces")
        ) { $0.complaintContact = .email("complaints.acme.example") },
        InvalidCase(
            name: "a phone number with letters",
            expected: .invalidField(
                .withdrawalContact, value: "call us", reason: "a phone number has digits, spaces and + - ( ) . only")
        ) { $0.withdrawalContact = .phone("call us") },
        InvalidCase(
            name: "a blank web address",
            expected: .invalidField(.withdrawalContact, value: " ", reason: "it is blank")
        ) { $0.withdrawalContact = .website(" ") },
        InvalidCase(
            name: "a line break in the organisation",
            expected: .invalidField(
                .organisation, value: "Acme\nBank", reason: "it contains control characters such as line breaks")
        ) { $0.organisation = "Acme\nBank" },
    ]

    @Test("invalid values are typed errors, whatever the kind", arguments: invalidCases)
    func invalidField(testCase: InvalidCase) {
        var policy = DisclosureFixtures.fullPolicy
        testCase.change(&policy)
        #expect(throws: testCase.expected) { try policy.validate() }
        for kind in DisclosureKind.all {
            #expect(throws: testCase.expected) { try renderer.render(kind, policy: policy, language: .english) }
        }
    }

    @Test("the decline key may double as the withdrawal key")
    func declineIsWithdrawal() throws {
        var policy = DisclosureFixtures.fullPolicy
        policy.withdrawalKey = "2"
        try policy.validate()
        #expect(
            try renderer.render(.ivrConsentRequest, policy: policy, language: .english).text.contains(
                "Press 2 at any time"))
    }

    @Test("error messages say what is missing and where to set it")
    func messages() {
        let missing = DisclosureError.missingField(.complaintContact, kind: .writtenDisclosure)
        #expect(missing.description.contains("written-disclosure"))
        #expect(missing.description.contains("complaintContact"))
        let either = DisclosureError.missingField(.withdrawal, kind: .writtenDisclosure)
        #expect(either.description.hasSuffix("set withdrawalKey or withdrawalContact."))
        let keys = DisclosureError.conflictingKeys(.consentKey, .declineKey, key: "1")
        #expect(keys.description.contains("different keys"))
    }

    @Test(
        "an organisation or regulator name carrying a direction control is refused",
        arguments: [
            "\u{2069}", "\u{2066}", "\u{2067}", "\u{2068}", "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}",
            "\u{200E}", "\u{200F}", "\u{061C}",
        ])
    func directionControls(control: String) throws {
        var organisation = DisclosureFixtures.fullPolicy
        organisation.organisation = "Acme\(control) Bank"
        #expect(throws: DisclosureError.self) { try organisation.validate() }
        var regulator = DisclosureFixtures.fullPolicy
        regulator.regulator = "Data\(control) Authority"
        #expect(throws: DisclosureError.self) { try regulator.validate() }
        // A zero-width non-joiner shapes Persian letters; it is no direction control.
        var plain = DisclosureFixtures.fullPolicy
        plain.organisation = "شرکت\u{200C}ها Acme"
        #expect(throws: Never.self) { try plain.validate() }
    }
}

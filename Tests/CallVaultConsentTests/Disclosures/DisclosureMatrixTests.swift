import CallVaultConsent
import CallVaultCore
import CallVaultCrypto
import Foundation
import Testing

@Suite("Disclosures: every template in every language")
struct DisclosureMatrixTests {
    let renderer = DisclosureRenderer()

    @Test(
        "every kind renders in every bundled language from a full policy",
        arguments: DisclosureKind.all, DisclosureLanguage.bundled)
    func rendersEverywhere(kind: DisclosureKind, language: DisclosureLanguage) throws {
        for policy in [DisclosureFixtures.fullPolicy, DisclosureFixtures.phonePolicy] {
            let rendered = try renderer.render(kind, policy: policy, language: language)
            let text = rendered.text
            #expect(text.contains { !$0.isWhitespace }, "never blank")
            #expect(!text.contains("{") && !text.contains("}"), "no placeholder is left: \(text)")
            #expect(text.contains(DisclosureFixtures.organisation))
            for required in DisclosureFixtures.requiredStrings(kind, policy) {
                // Contacts keep their digits; keys are written in the language's own digits.
                let isContact = [policy.withdrawalContact?.address, policy.complaintContact?.address].contains(required)
                let shown = isContact ? required : DisclosureFixtures.shown(required, kind, language)
                #expect(text.contains(shown), "\(kind) in \(language) shows '\(shown)': \(text)")
            }
            #expect(rendered.kind == kind)
            #expect(rendered.language == language)
            #expect(rendered.scriptID == DisclosureFixtures.scriptIDs[kind])
            #expect(rendered.version == DisclosureFixtures.bundledVersion)
            #expect(rendered.textHash == (try BLAKE2b.hash(Array(text.utf8)).description))
            #expect(rendered.textHash.count == 64)
            #expect(try renderer.render(kind, policy: policy, language: language) == rendered, "rendering is stable")
        }
    }

    @Test("every purpose and audience of the policy is named", arguments: DisclosureLanguage.bundled)
    func namesEverything(language: DisclosureLanguage) throws {
        let templates = DisclosureTemplateSet.bundled
        let text = try renderer.render(.writtenDisclosure, policy: DisclosureFixtures.fullPolicy, language: language)
            .text
        for purpose in DisclosureFixtures.fullPolicy.purposes {
            let name = try #require(templates.name(for: purpose, in: language))
            #expect(text.contains(name))
        }
        for audience in DisclosureAudience.standard {
            let name = try #require(templates.name(for: audience, in: language))
            #expect(text.contains(name))
        }
    }

    @Test(
        "spoken kinds are one line; the written disclosure is a title and paragraphs",
        arguments: DisclosureKind.all, DisclosureLanguage.bundled)
    func layout(kind: DisclosureKind, language: DisclosureLanguage) throws {
        let text = try renderer.render(kind, policy: DisclosureFixtures.fullPolicy, language: language).text
        if kind.isSpoken {
            #expect(!text.contains("\n"))
        } else {
            let paragraphs = text.split(separator: "\n\n")
            #expect(paragraphs.count == 5)
            #expect(!text.contains("\n\n\n"))
        }
        #expect(text == text.trimmingSpacesForTest(), "no leading or trailing white space")
        #expect(!text.contains("  "), "no doubled spaces")
        #expect(!text.contains("<") && !text.contains(">") && !text.contains("*"), "plain text, no markup")
    }

    @Test(
        "right-to-left text isolates contacts and the organisation's name, and uses no other direction marks",
        arguments: DisclosureLanguage.bundled)
    func bidirectionalText(language: DisclosureLanguage) throws {
        for policy in [DisclosureFixtures.fullPolicy, DisclosureFixtures.phonePolicy] {
            let written = try renderer.render(.writtenDisclosure, policy: policy, language: language).text
            for address in [policy.withdrawalContact?.address, policy.complaintContact?.address].compactMap({ $0 }) {
                let isolated =
                    DisclosureFixtures.leftToRightIsolate + address + DisclosureFixtures.popDirectionalIsolate
                #expect(written.contains(isolated) == language.isRightToLeft)
            }
            for kind in DisclosureKind.all {
                let text = try renderer.render(kind, policy: policy, language: language).text
                // The organisation's name is isolated in right-to-left text a person reads (not in
                // IVR prompts, which only a speech synthesiser reads), and nothing else is.
                let isIVR = kind == .ivrNotice || kind == .ivrConsentRequest
                #expect(text.contains(DisclosureFixtures.isolatedOrganisation) == (language.isRightToLeft && !isIVR))
                let rest = text.replacingOccurrences(of: DisclosureFixtures.isolatedOrganisation, with: "")
                #expect(!rest.unicodeScalars.contains(where: DisclosureFixtures.directionMarks.contains))
                if kind.isSpoken {
                    #expect(!rest.contains(DisclosureFixtures.leftToRightIsolate), "spoken text isolates only the name")
                    if isIVR {
                        #expect(!text.contains("\u{2068}") && !text.contains("\u{2069}"), "IVR text has no marks")
                    }
                }
            }
        }
    }

    @Test("English IVR prompts stay short", arguments: [DisclosureKind.ivrNotice, .ivrConsentRequest])
    func shortPrompts(kind: DisclosureKind) throws {
        let text = try renderer.render(kind, policy: DisclosureFixtures.fullPolicy, language: .english).text
        #expect(text.split(whereSeparator: \.isWhitespace).count <= 42, "\(text)")
    }

    @Test("the English templates read as written")
    func englishWording() throws {
        let notice = try renderer.render(.ivrNotice, policy: DisclosureFixtures.fullPolicy, language: .english)
        #expect(
            notice.text
                == "Thank you for calling Acme Bank. This call is recorded for quality monitoring, staff training "
                + "and dispute resolution. If you do not want to be recorded, press 9 at any time and your call will "
                + "continue without recording.")
        let request = try renderer.render(.ivrConsentRequest, policy: DisclosureFixtures.fullPolicy, language: .english)
        #expect(request.text.contains("Press 1 to agree to recording, or 2 to continue without recording."))
        let written = try renderer.render(
            .writtenDisclosure, policy: DisclosureFixtures.fullPolicy, language: .english)
        #expect(
            written.text.contains(
                "You can do so by pressing 9 at any time during a call or by visiting https://acme.example/recordings/."
            ))
        #expect(written.text.contains("you can complain by writing to complaints@acme.example."))
        #expect(written.text.hasPrefix("Call recording at Acme Bank\n\nAt Acme Bank, we record"))
    }

    @Test("the bundled templates and grammars pass the checks a host's would")
    func bundledAreWellFormed() throws {
        let templates = DisclosureTemplateSet.bundled
        #expect(templates.languages.map(\.tag) == ["ar", "de", "en", "es", "fa", "fr"])
        for language in DisclosureLanguage.bundled {
            for kind in DisclosureKind.all {
                let template = try #require(templates.template(for: kind, in: language))
                let checked = try DisclosureTemplate(
                    kind: kind, language: language, scriptID: template.scriptID, version: template.version,
                    text: template.text)
                #expect(checked == template)
            }
            let grammar = try #require(templates.grammar(for: language))
            _ = try DisclosureGrammar(
                listSeparator: grammar.listSeparator, andSeparator: grammar.andSeparator,
                orSeparator: grammar.orSeparator, pluralRule: grammar.pluralRule, years: grammar.years,
                months: grammar.months, days: grammar.days, byKeyPhrase: grammar.byKeyPhrase,
                byWebsitePhrase: grammar.byWebsitePhrase, byEmailPhrase: grammar.byEmailPhrase,
                byPhonePhrase: grammar.byPhonePhrase)
            for purpose in Purpose.standard { #expect(templates.name(for: purpose, in: language) != nil) }
            for audience in DisclosureAudience.standard { #expect(templates.name(for: audience, in: language) != nil) }
        }
    }
}

extension String {
    fileprivate func trimmingSpacesForTest() -> String {
        var characters = Substring(self)
        while characters.first?.isWhitespace == true { characters.removeFirst() }
        while characters.last?.isWhitespace == true { characters.removeLast() }
        return String(characters)
    }
}

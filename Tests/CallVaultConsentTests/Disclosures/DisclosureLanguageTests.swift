import CallVaultConsent
import Foundation
import Testing

@Suite("Disclosures: languages")
struct DisclosureLanguageTests {
    let renderer = DisclosureRenderer()

    @Test("the bundled languages, with Persian and Arabic right to left")
    func bundled() {
        #expect(DisclosureLanguage.bundled.map(\.tag) == ["en", "es", "fr", "de", "fa", "ar"])
        #expect(DisclosureLanguage.bundled.filter(\.isRightToLeft) == [.persian, .arabic])
        #expect(renderer.languages.count == 6)
    }

    @Test("tags are normalised, and direction follows the language or script")
    func tags() throws {
        #expect(try DisclosureLanguage(tag: "pt_br").tag == "pt-BR")
        #expect(try DisclosureLanguage(tag: " zh-hant-tw ").tag == "zh-Hant-TW")
        #expect(try DisclosureLanguage(tag: "AR-eg").tag == "ar-EG")
        #expect(try DisclosureLanguage(tag: "ar-EG").isRightToLeft)
        #expect(try DisclosureLanguage(tag: "fa-IR").isRightToLeft)
        #expect(try DisclosureLanguage(tag: "he").isRightToLeft)
        #expect(try DisclosureLanguage(tag: "az-Arab").isRightToLeft)
        #expect(try !DisclosureLanguage(tag: "az-Latn").isRightToLeft)
        #expect(try !DisclosureLanguage(tag: "de-CH").isRightToLeft)
        for bad in ["", "e", "english!", "en--GB", "en-toolongsubtag", "12"] {
            #expect(throws: DisclosureError.invalidLanguageTag(bad)) { try DisclosureLanguage(tag: bad) }
        }
    }

    @Test("an unknown language is a typed error listing the supported ones")
    func unknownLanguage() throws {
        let supported: [DisclosureLanguage] = [.arabic, .german, .english, .spanish, .persian, .french]
        #expect(throws: DisclosureError.unsupportedLanguage("xx", supported: supported)) {
            try renderer.language(forTag: "xx")
        }
        #expect(throws: DisclosureError.unsupportedLanguage("sw-KE", supported: supported)) {
            try renderer.render(.ivrNotice, policy: DisclosureFixtures.fullPolicy, languageTag: "sw-KE")
        }
        let japanese = try DisclosureLanguage(tag: "ja")
        #expect(throws: DisclosureError.unsupportedLanguage("ja", supported: supported)) {
            try renderer.render(.ivrNotice, policy: DisclosureFixtures.fullPolicy, language: japanese)
        }
        let message = DisclosureError.unsupportedLanguage("xx", supported: supported).description
        #expect(message.contains("ar, de, en, es, fa, fr"))
    }

    @Test("a regional tag falls back to its language")
    func regionalFallback() throws {
        #expect(try renderer.language(forTag: "fr-CA") == .french)
        #expect(try renderer.language(forTag: "de") == .german)
        let canadian = try renderer.render(.ivrNotice, policy: DisclosureFixtures.fullPolicy, languageTag: "fr-CA")
        let french = try renderer.render(.ivrNotice, policy: DisclosureFixtures.fullPolicy, language: .french)
        #expect(canadian.language.tag == "fr-CA")
        #expect(canadian.text == french.text)
        #expect(canadian.scriptID == french.scriptID && canadian.version == french.version)
    }

    @Test("kinds and languages encode as their identifiers")
    func coding() throws {
        let encoded = try JSONEncoder().encode([DisclosureKind.ivrConsentRequest, .writtenDisclosure])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["ivr-consent-request","written-disclosure"]"#)
        #expect(
            try JSONDecoder().decode([DisclosureKind].self, from: encoded) == [.ivrConsentRequest, .writtenDisclosure])
        let language = try JSONDecoder().decode(DisclosureLanguage.self, from: Data(#""ar-eg""#.utf8))
        #expect(language.tag == "ar-EG" && language.isRightToLeft)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(DisclosureKind.self, from: Data(#""sms""#.utf8))
        }
    }

    @Test("announcement kinds map from what the law asks and who delivers")
    func announcementKinds() {
        #expect(DisclosureKind.announcement(asksForConsent: false, readByAgent: false) == .ivrNotice)
        #expect(DisclosureKind.announcement(asksForConsent: true, readByAgent: false) == .ivrConsentRequest)
        #expect(DisclosureKind.announcement(asksForConsent: false, readByAgent: true) == .agentNotice)
        #expect(DisclosureKind.announcement(asksForConsent: true, readByAgent: true) == .agentConsentRequest)
        #expect(DisclosureKind.all.filter(\.asksForConsent) == [.ivrConsentRequest, .agentConsentRequest])
        #expect(DisclosureKind.all.filter { !$0.isSpoken } == [.writtenDisclosure])
    }
}

import CallVaultConsent
import Foundation
import Testing

/// The Persian and Arabic wording reviewed for issue 12: the phrases a native reviewer asked for,
/// Persian digits in written text, the regulator as a field, and the organisation's name isolated.
@Suite("Disclosures: Persian and Arabic wording")
struct PersianArabicWordingTests {
    let renderer = DisclosureRenderer()

    func render(
        _ kind: DisclosureKind, _ language: DisclosureLanguage,
        _ policy: DisclosurePolicy = DisclosureFixtures.fullPolicy
    )
        throws -> String
    {
        try renderer.render(kind, policy: policy, language: language).text
    }

    /// Every bundled text in `language`, joined.
    func everything(_ language: DisclosureLanguage) throws -> String {
        try DisclosureKind.all.map { try render($0, language) }.joined(separator: "\n")
    }

    @Test("Persian: the organisation records actively, not through a passive with «توسط»")
    func persianActiveVoice() throws {
        let notice = try render(.agentNotice, .persian)
        #expect(notice.contains("\(DisclosureFixtures.isolatedOrganisation) این تماس را برای ارتقای کیفیت خدمات"))
        #expect(notice.contains("ضبط می‌کند."))
        #expect(!(try everything(.persian)).contains("توسط"))
    }

    @Test("Persian: the reviewed phrases are used and the replaced ones are gone")
    func persianPhrases() throws {
        let text = try everything(.persian)
        for phrase in [
            "هر زمان مایل بودید", "آیا موافقید مکالمه ضبط شود؟", "منافع مشروع", "از رضایت خود انصراف دهید",
            "ارتقای کیفیت خدمات", "مدرسان", "مراجع قضایی",
        ] {
            #expect(text.contains(phrase), "missing «\(phrase)»")
        }
        // "کنترل کیفیت" stays in the quality team's name; as a purpose it is now "ارتقای کیفیت خدمات".
        for replaced in ["هر زمان بخواهید", "منفعت مشروع", "پس بگیرید", "برای کنترل کیفیت", "مربیان", "دادگاه‌ها"] {
            #expect(!text.contains(replaced), "still says «\(replaced)»")
        }
    }

    @Test("Persian written text uses Persian digits; spoken scripts and contacts keep ASCII digits")
    func persianDigits() throws {
        let written = try render(.writtenDisclosure, .persian, DisclosureFixtures.phonePolicy)
        #expect(written.contains("به مدت ۵ سال"))
        #expect(written.contains("کلید ۹"))
        #expect(written.contains("+44 20 7946 0000"), "a phone number is typed as given")
        // Outside the contacts, no ASCII digit is left.
        var rest = written
        for contact in ["+44 20 7946 0000", "+44 20 7946 0999"] {
            rest = rest.replacingOccurrences(of: contact, with: "")
        }
        #expect(!rest.contains { $0.isASCII && $0.isNumber }, "\(rest)")
        let spoken = try render(.agentNotice, .persian)
        #expect(spoken.contains("به مدت 5 سال"))
        #expect(!spoken.contains("۵"))
        #expect(try render(.ivrConsentRequest, .persian).contains("کلید 1"))
        // Arabic keeps ASCII digits everywhere, as before.
        #expect(try render(.writtenDisclosure, .arabic).contains("لمدة 5 سنوات"))
    }

    @Test("Arabic: the reviewed phrases are used and the replaced ones are gone")
    func arabicPhrases() throws {
        let text = try everything(.arabic)
        for phrase in [
            "نسجّل هذه المكالمة", "لاتصالكم بنا في \(DisclosureFixtures.organisation)", "وهي مسجَّلة",
            "أو طلب حذفه", "الجهة المختصة بحماية البيانات",
        ] {
            #expect(text.contains(phrase), "missing «\(phrase)»")
        }
        for replaced in ["تُسجَّل لدى", "لاتصالكم بـ", "يتم تسجيل", "إحدى سلطات", "أن تطلبوا منا حذفه"] {
            #expect(!text.contains(replaced), "still says «\(replaced)»")
        }
        // The respectful plural: the customer is never addressed in the singular.
        for singular in ["مكالمتك ", "مكالمتك.", "إجابتك ", "وافقت ", "يمكنك ", "لديك "] {
            #expect(!text.contains(singular), "singular «\(singular)»")
        }
    }

    @Test(
        "the regulator: named when the policy gives one, general words otherwise, and Persian claims no data-protection authority"
    )
    func regulator() throws {
        var policy = DisclosureFixtures.fullPolicy
        #expect(try render(.writtenDisclosure, .english, policy).contains("complain to a data protection authority."))
        let persian = try render(.writtenDisclosure, .persian, policy)
        #expect(persian.contains("همچنین حق دارید به مراجع ذی‌صلاح شکایت کنید."))
        #expect(!persian.contains("حفاظت از داده"))
        policy.regulator = "the Information Commissioner's Office"
        #expect(
            try render(.writtenDisclosure, .english, policy).contains(
                "complain to the Information Commissioner's Office."))
        policy.regulator = "  کمیسیون حفاظت از داده‌ها  "
        #expect(
            try render(.writtenDisclosure, .persian, policy).contains(
                "به \u{2068}کمیسیون حفاظت از داده‌ها\u{2069} شکایت کنید."))
        policy.regulator = "ICO\nUK"
        #expect(throws: DisclosureError.self) { try render(.writtenDisclosure, .english, policy) }
    }

    @Test("a host language with no general words for a regulator needs the policy to name one")
    func hostLanguageRegulator() throws {
        var templates = DisclosureTemplateSet()
        templates.setGrammar(
            try DisclosureGrammar(
                listSeparator: ", ", andSeparator: " en ", orSeparator: " of ", pluralRule: .oneIsSingular,
                years: .init(one: "een jaar", other: "{count} jaar"),
                months: .init(one: "een maand", other: "{count} maanden"),
                days: .init(one: "een dag", other: "{count} dagen"), byKeyPhrase: "door op {key} te drukken",
                byWebsitePhrase: "via {address}", byEmailPhrase: "door te mailen naar {address}",
                byPhonePhrase: "door {address} te bellen"),
            for: try DisclosureLanguage(tag: "nl"))
        let dutch = try DisclosureLanguage(tag: "nl")
        templates.add(
            try DisclosureTemplate(
                kind: .writtenDisclosure, language: dutch, scriptID: "acme.written", version: "1",
                text: """
                    {organisation} neemt gesprekken op voor {purposes} en bewaart ze {retention} voor {audiences}. \
                    Intrekken kan {howToWithdraw}; klagen kan {howToComplain} of bij {regulator}.
                    """))
        try templates.setName("kwaliteitscontrole", for: .quality, in: dutch)
        try templates.setName("leidinggevenden", for: .supervisors, in: dutch)
        let renderer = DisclosureRenderer(templates: templates)
        var policy = DisclosureFixtures.fullPolicy
        policy.purposes = [.quality]
        policy.audiences = [.supervisors]
        #expect(throws: DisclosureError.missingField(.regulator, kind: .writtenDisclosure)) {
            try renderer.render(.writtenDisclosure, policy: policy, languageTag: "nl")
        }
        policy.regulator = "de Autoriteit Persoonsgegevens"
        #expect(
            try renderer.render(.writtenDisclosure, policy: policy, languageTag: "nl").text
                .hasSuffix("of bij de Autoriteit Persoonsgegevens."))
    }

    @Test("a grammar's written digits must be ten different digits, and its general regulator words not blank")
    func grammarChecks() {
        func grammar(digits: String?, regulator: String?) throws -> DisclosureGrammar {
            try DisclosureGrammar(
                listSeparator: ", ", andSeparator: " and ", orSeparator: " or ", pluralRule: .oneIsSingular,
                years: .init(other: "{count} years"), months: .init(other: "{count} months"),
                days: .init(other: "{count} days"), byKeyPhrase: "by pressing {key}", byWebsitePhrase: "at {address}",
                byEmailPhrase: "to {address}", byPhonePhrase: "on {address}", genericRegulator: regulator,
                writtenDigits: digits)
        }
        #expect(throws: DisclosureError.self) { try grammar(digits: "0123", regulator: nil) }
        #expect(throws: DisclosureError.self) { try grammar(digits: "۰۰۲۳۴۵۶۷۸۹", regulator: nil) }
        #expect(throws: DisclosureError.self) { try grammar(digits: "abcdefghij", regulator: nil) }
        #expect(throws: DisclosureError.self) { try grammar(digits: nil, regulator: "  ") }
        #expect(throws: Never.self) { try grammar(digits: "٠١٢٣٤٥٦٧٨٩", regulator: "an authority") }
    }
}

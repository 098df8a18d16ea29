import CallVaultConsent
import CallVaultCore
import Testing

@Suite("Disclosures: retention periods and lists in each language")
struct DisclosureWordingTests {
    let renderer = DisclosureRenderer()

    /// Where a period appears in the agent's notice, around `{retention}`.
    static let retentionSlots: [DisclosureLanguage: (before: String, after: String)] = [
        .english: ("kept for ", " and"),
        .spanish: ("durante ", " y"),
        .french: ("pendant ", " et"),
        .german: ("werden ", " aufbewahrt"),
        .persian: ("به مدت ", " نگهداری"),
        .arabic: ("لمدة ", "،"),
    ]

    /// A period of days and how each bundled language says it.
    struct Period: Sendable, CustomTestStringConvertible {
        let days: Int
        let wording: [DisclosureLanguage: String]

        init(_ days: Int, en: String, es: String, fr: String, de: String, fa: String, ar: String) {
            self.days = days
            wording = [.english: en, .spanish: es, .french: fr, .german: de, .persian: fa, .arabic: ar]
        }

        var testDescription: String { "\(days) days" }
    }

    static let periods: [Period] = [
        Period(1, en: "one day", es: "un día", fr: "un jour", de: "einen Tag", fa: "یک روز", ar: "يوم واحد"),
        Period(30, en: "one month", es: "un mes", fr: "un mois", de: "einen Monat", fa: "یک ماه", ar: "شهر واحد"),
        Period(90, en: "3 months", es: "3 meses", fr: "3 mois", de: "3 Monate", fa: "3 ماه", ar: "3 أشهر"),
        Period(365, en: "one year", es: "un año", fr: "un an", de: "ein Jahr", fa: "یک سال", ar: "سنة واحدة"),
        Period(1825, en: "5 years", es: "5 años", fr: "5 ans", de: "5 Jahre", fa: "5 سال", ar: "5 سنوات"),
        Period(2555, en: "7 years", es: "7 años", fr: "7 ans", de: "7 Jahre", fa: "7 سال", ar: "7 سنوات"),
        Period(730, en: "2 years", es: "2 años", fr: "2 ans", de: "2 Jahre", fa: "2 سال", ar: "سنتين"),
        Period(330, en: "11 months", es: "11 meses", fr: "11 mois", de: "11 Monate", fa: "11 ماه", ar: "11 شهرًا"),
        Period(1826, en: "5 years", es: "5 años", fr: "5 ans", de: "5 Jahre", fa: "5 سال", ar: "5 سنوات"),
        Period(92, en: "3 months", es: "3 meses", fr: "3 mois", de: "3 Monate", fa: "3 ماه", ar: "3 أشهر"),
        Period(362, en: "one year", es: "un año", fr: "un an", de: "ein Jahr", fa: "یک سال", ar: "سنة واحدة"),
        Period(36_500, en: "100 years", es: "100 años", fr: "100 ans", de: "100 Jahre", fa: "100 سال", ar: "100 سنة"),
        Period(
            45, en: "one month and 15 days", es: "un mes y 15 días", fr: "un mois et 15 jours",
            de: "einen Monat und 15 Tage", fa: "یک ماه و 15 روز", ar: "شهر واحد و 15 يومًا"),
        Period(
            400, en: "one year, one month and 5 days", es: "un año, un mes y 5 días", fr: "un an, un mois et 5 jours",
            de: "ein Jahr, einen Monat und 5 Tage", fa: "یک سال، یک ماه و 5 روز", ar: "سنة واحدة وشهر واحد و 5 أيام"),
    ]

    @Test("retention periods read as years, months and days in every language", arguments: periods)
    func retention(period: Period) throws {
        for language in DisclosureLanguage.bundled {
            let slot = try #require(Self.retentionSlots[language])
            var policy = DisclosureFixtures.fullPolicy
            policy.retentionDays = period.days
            let text = try renderer.render(.agentNotice, policy: policy, language: language).text
            let wording = try #require(period.wording[language])
            #expect(
                text.contains(slot.before + wording + slot.after),
                "\(period.days) days in \(language): expected '\(wording)' in \(text)")
        }
    }

    static let purposeLists: [DisclosureLanguage: [String]] = [
        .english: [
            "quality monitoring", "quality monitoring and staff training",
            "quality monitoring, staff training and dispute resolution",
        ],
        .spanish: [
            "el control de calidad", "el control de calidad y la formación del personal",
            "el control de calidad, la formación del personal y la resolución de disputas",
        ],
        .french: [
            "le contrôle de la qualité", "le contrôle de la qualité et la formation du personnel",
            "le contrôle de la qualité, la formation du personnel et le règlement des litiges",
        ],
        .german: [
            "die Qualitätssicherung", "die Qualitätssicherung und die Schulung unseres Personals",
            "die Qualitätssicherung, die Schulung unseres Personals und die Klärung von Streitfällen",
        ],
        .persian: [
            "ارتقای کیفیت خدمات", "ارتقای کیفیت خدمات و آموزش کارکنان",
            "ارتقای کیفیت خدمات، آموزش کارکنان و حل\u{200C}وفصل اختلافات",
        ],
        .arabic: [
            "مراقبة الجودة", "مراقبة الجودة وتدريب الموظفين", "مراقبة الجودة وتدريب الموظفين وتسوية النزاعات",
        ],
    ]

    /// Where the purposes appear in the IVR notice, around `{purposes}`.
    static let purposeSlots: [DisclosureLanguage: (before: String, after: String)] = [
        .english: ("recorded for ", "."),
        .spanish: ("se graba para ", "."),
        .french: ("enregistré pour ", "."),
        .german: ("wird für ", " aufgezeichnet."),
        .persian: ("این تماس برای ", " ضبط"),
        .arabic: ("لأغراض ", "."),
    ]

    @Test(
        "lists of one, two and three items are joined with the language's conjunction",
        arguments: DisclosureLanguage.bundled)
    func lists(language: DisclosureLanguage) throws {
        let expected = try #require(Self.purposeLists[language])
        let slot = try #require(Self.purposeSlots[language])
        let purposes: [Purpose] = [.quality, .training, .disputeResolution]
        for count in 1...3 {
            var policy = DisclosureFixtures.fullPolicy
            policy.purposes = Array(purposes.prefix(count))
            let text = try renderer.render(.ivrNotice, policy: policy, language: language).text
            #expect(text.contains(slot.before + expected[count - 1] + slot.after), "\(text)")
        }
    }

    @Test("a purpose named twice is listed once")
    func repeatedPurpose() throws {
        var policy = DisclosureFixtures.fullPolicy
        policy.purposes = [.quality, .quality, .training]
        let text = try renderer.render(.ivrNotice, policy: policy, language: .english).text
        #expect(text.contains("recorded for quality monitoring and staff training."))
    }

    @Test("audiences are listed in the standard order whatever the set's order")
    func audienceOrder() throws {
        var policy = DisclosureFixtures.fullPolicy
        policy.audiences = [.regulatorsAndCourts, .supervisors]
        let text = try renderer.render(.agentNotice, policy: policy, language: .english).text
        #expect(text.contains("heard only by supervisors and regulators or courts where the law requires it."))
    }

    @Test("Spanish says 'e' rather than 'y' before an 'i' sound")
    func spanishConjunction() throws {
        let audit = try Purpose("internal-audit")
        var names = DisclosureTemplateSet()
        try names.setName("investigaciones internas", for: audit, in: .spanish)
        try names.setName("hielo", for: .training, in: .spanish)
        let renderer = DisclosureRenderer(templates: .bundled.merging(names))
        var policy = DisclosureFixtures.fullPolicy
        policy.purposes = [.quality, audit]
        #expect(
            try renderer.render(.ivrNotice, policy: policy, language: .spanish).text
                .contains("para el control de calidad e investigaciones internas."))
        policy.purposes = [.quality, .training]
        #expect(
            try renderer.render(.ivrNotice, policy: policy, language: .spanish).text
                .contains("para el control de calidad y hielo."), "'hie' sounds like 'ye' and keeps 'y'")
    }

    @Test("withdrawal by key, by contact, or both", arguments: DisclosureLanguage.bundled)
    func waysToWithdraw(language: DisclosureLanguage) throws {
        var policy = DisclosureFixtures.fullPolicy
        let both = try renderer.render(.writtenDisclosure, policy: policy, language: language).text
        policy.withdrawalContact = nil
        let keyOnly = try renderer.render(.writtenDisclosure, policy: policy, language: language).text
        policy = DisclosureFixtures.fullPolicy
        policy.withdrawalKey = nil
        let contactOnly = try renderer.render(.writtenDisclosure, policy: policy, language: language).text
        let address = "https://acme.example/recordings/"
        let key = DisclosureFixtures.shown("9", .writtenDisclosure, language)
        #expect(both.contains(address) && both.contains(key))
        #expect(!keyOnly.contains(address) && keyOnly.contains(key))
        #expect(contactOnly.contains(address) && !contactOnly.contains(key))
    }
}

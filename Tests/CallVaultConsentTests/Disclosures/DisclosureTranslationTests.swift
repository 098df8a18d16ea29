import CallVaultConsent
import CallVaultCore
import Testing

@Suite("Disclosures: host translations and templates")
struct DisclosureTranslationTests {
    static let fraudNames: [DisclosureLanguage: String] = [
        .english: "fraud prevention",
        .spanish: "la prevención del fraude",
        .french: "la prévention de la fraude",
        .german: "die Betrugsprävention",
        .persian: "پیشگیری از کلاهبرداری",
        .arabic: "مكافحة الاحتيال",
    ]

    static let auditorNames: [DisclosureLanguage: String] = [
        .english: "external auditors",
        .spanish: "los auditores externos",
        .french: "les auditeurs externes",
        .german: "externe Prüfer",
        .persian: "حسابرسان مستقل",
        .arabic: "المدققون الخارجيون",
    ]

    @Test(
        "a custom purpose without a translation is a typed error naming it, until the host gives one",
        arguments: DisclosureLanguage.bundled)
    func customPurpose(language: DisclosureLanguage) throws {
        let fraud = try Purpose("fraud-prevention")
        var policy = DisclosureFixtures.fullPolicy
        policy.purposes = [.quality, fraud]
        #expect(throws: DisclosureError.missingTranslation(.purpose(fraud), language: language)) {
            try DisclosureRenderer().render(.ivrNotice, policy: policy, language: language)
        }
        var names = DisclosureTemplateSet()
        for (named, name) in Self.fraudNames { try names.setName(name, for: fraud, in: named) }
        let renderer = DisclosureRenderer(templates: .bundled.merging(names))
        for kind in DisclosureKind.all {
            let text = try renderer.render(kind, policy: policy, language: language).text
            #expect(text.contains(try #require(Self.fraudNames[language])))
        }
    }

    @Test(
        "a custom audience without a translation is a typed error naming it, until the host gives one",
        arguments: DisclosureLanguage.bundled)
    func customAudience(language: DisclosureLanguage) throws {
        let auditors = try DisclosureAudience("external-auditors")
        var policy = DisclosureFixtures.fullPolicy
        policy.audiences = [.supervisors, auditors]
        #expect(throws: DisclosureError.missingTranslation(.audience(auditors), language: language)) {
            try DisclosureRenderer().render(.agentNotice, policy: policy, language: language)
        }
        var names = DisclosureTemplateSet()
        try names.setName(try #require(Self.auditorNames[language]), for: auditors, in: language)
        let text = try DisclosureRenderer(templates: .bundled.merging(names))
            .render(.agentNotice, policy: policy, language: language).text
        #expect(text.contains(try #require(Self.auditorNames[language])))
    }

    @Test("the error names the missing purpose and how to add it")
    func missingTranslationMessage() throws {
        let fraud = try Purpose("fraud-prevention")
        let message = DisclosureError.missingTranslation(.purpose(fraud), language: .persian).description
        #expect(message.contains("Persian (fa)"))
        #expect(message.contains("'fraud-prevention'"))
        #expect(message.contains("DisclosureTemplateSet"))
    }

    @Test("a host template replaces the bundled text, script and version in its language only")
    func hostOverride() throws {
        var host = DisclosureTemplateSet()
        host.add(
            try DisclosureTemplate(
                kind: .ivrNotice, language: .english, scriptID: "acme.ivr.notice", version: "acme-7",
                text: "Welcome to {organisation}. We record calls for {purposes}. Press {withdrawalKey} to opt out."))
        let renderer = DisclosureRenderer(templates: .bundled.merging(host))
        let english = try renderer.render(.ivrNotice, policy: DisclosureFixtures.fullPolicy, language: .english)
        #expect(
            english.text
                == "Welcome to Acme Bank. We record calls for quality monitoring, staff training and dispute "
                + "resolution. Press 9 to opt out.")
        #expect(english.scriptID == "acme.ivr.notice")
        #expect(english.version == "acme-7")
        let bundled = try DisclosureRenderer().render(
            .ivrNotice, policy: DisclosureFixtures.fullPolicy, language: .english)
        #expect(english.textHash != bundled.textHash)
        let french = try renderer.render(.ivrNotice, policy: DisclosureFixtures.fullPolicy, language: .french)
        #expect(french.scriptID == "callvault.ivr.notice" && french.version == DisclosureFixtures.bundledVersion)
        let agent = try renderer.render(.agentNotice, policy: DisclosureFixtures.fullPolicy, language: .english)
        #expect(agent.scriptID == "callvault.agent.notice")
    }

    @Test("a host can rename a standard purpose")
    func renameStandardPurpose() throws {
        var host = DisclosureTemplateSet()
        try host.setName("service quality", for: .quality, in: .english)
        let text = try DisclosureRenderer(templates: .bundled.merging(host))
            .render(.ivrNotice, policy: DisclosureFixtures.fullPolicy, language: .english).text
        #expect(text.contains("recorded for service quality, staff training and dispute resolution."))
    }

    @Test("a regional template overrides its language; the rest falls back")
    func regionalTemplate() throws {
        let canadian = try DisclosureLanguage(tag: "fr-CA")
        var host = DisclosureTemplateSet()
        host.add(
            try DisclosureTemplate(
                kind: .ivrNotice, language: canadian, scriptID: "acme.ivr.notice.ca", version: "1",
                text:
                    "Bienvenue chez {organisation}. Appel enregistré pour {purposes}. Faites le {withdrawalKey} pour refuser."
            ))
        let renderer = DisclosureRenderer(templates: .bundled.merging(host))
        #expect(try renderer.language(forTag: "fr-CA") == canadian)
        let notice = try renderer.render(.ivrNotice, policy: DisclosureFixtures.fullPolicy, language: canadian)
        #expect(notice.scriptID == "acme.ivr.notice.ca")
        #expect(notice.text.contains("pour le contrôle de la qualité"), "names fall back to fr")
        let agent = try renderer.render(.agentNotice, policy: DisclosureFixtures.fullPolicy, language: canadian)
        #expect(agent.scriptID == "callvault.agent.notice" && agent.language == canadian)
    }

    @Test("a host can add a language with a grammar, names and templates")
    func hostLanguage() throws {
        let dutch = try DisclosureLanguage(tag: "nl")
        var host = DisclosureTemplateSet()
        host.setGrammar(
            try DisclosureGrammar(
                listSeparator: ", ", andSeparator: " en ", orSeparator: " of ", pluralRule: .oneIsSingular,
                years: DisclosurePluralForms(one: "een jaar", other: "{count} jaar"),
                months: DisclosurePluralForms(one: "een maand", other: "{count} maanden"),
                days: DisclosurePluralForms(one: "een dag", other: "{count} dagen"),
                byKeyPhrase: "door tijdens een gesprek op elk moment op {key} te drukken",
                byWebsitePhrase: "via {address}", byEmailPhrase: "door te mailen naar {address}",
                byPhonePhrase: "door {address} te bellen"),
            for: dutch)
        try host.setName("kwaliteitscontrole", for: .quality, in: dutch)
        try host.setName("training", for: .training, in: dutch)
        host.add(
            try DisclosureTemplate(
                kind: .ivrNotice, language: dutch, scriptID: "acme.ivr.notice", version: "1",
                text: "Welkom bij {organisation}. Dit gesprek wordt opgenomen voor {purposes}. "
                    + "Druk op {withdrawalKey} als u dat niet wilt."))
        let renderer = DisclosureRenderer(templates: .bundled.merging(host))
        #expect(renderer.languages.contains(dutch))
        var policy = DisclosureFixtures.fullPolicy
        policy.purposes = [.quality, .training]
        let notice = try renderer.render(.ivrNotice, policy: policy, languageTag: "nl-BE")
        #expect(
            notice.text
                == "Welkom bij Acme Bank. Dit gesprek wordt opgenomen voor kwaliteitscontrole en training. "
                + "Druk op 9 als u dat niet wilt.")
        #expect(throws: DisclosureError.missingTranslation(.template(.agentNotice), language: dutch)) {
            try renderer.render(.agentNotice, policy: policy, language: dutch)
        }
    }

    @Test("a language with templates but no grammar is a typed error")
    func missingGrammar() throws {
        let swahili = try DisclosureLanguage(tag: "sw")
        var host = DisclosureTemplateSet()
        host.add(
            try DisclosureTemplate(
                kind: .ivrNotice, language: swahili, scriptID: "acme.ivr.notice", version: "1",
                text: "Karibu {organisation}. {purposes}. {withdrawalKey}."))
        try host.setName("ubora", for: .quality, in: swahili)
        let renderer = DisclosureRenderer(templates: host)
        var policy = DisclosureFixtures.fullPolicy
        policy.purposes = [.quality]
        #expect(throws: DisclosureError.missingTranslation(.grammar, language: swahili)) {
            try renderer.render(.ivrNotice, policy: policy, language: swahili)
        }
        #expect(DisclosureError.missingTranslation(.grammar, language: swahili).description.contains("no 'sw' wording"))
    }

    @Test("a set without a template for the kind is a typed missing translation")
    func missingTemplate() throws {
        var host = DisclosureTemplateSet()
        host.add(
            try DisclosureTemplate(
                kind: .ivrNotice, language: .english, scriptID: "acme.ivr.notice", version: "1",
                text: "{organisation} records for {purposes}; press {withdrawalKey} to stop."))
        #expect(throws: DisclosureError.missingTranslation(.template(.writtenDisclosure), language: .english)) {
            try DisclosureRenderer(templates: host)
                .render(.writtenDisclosure, policy: DisclosureFixtures.fullPolicy, language: .english)
        }
    }

    @Test("blank names and names with braces are refused")
    func invalidNames() throws {
        var host = DisclosureTemplateSet()
        #expect(throws: DisclosureError.invalidTranslation(.purpose(.quality), language: .english, reason: "is blank"))
        {
            try host.setName("  ", for: .quality, in: .english)
        }
        #expect(
            throws: DisclosureError.invalidTranslation(
                .audience(.trainers), language: .german, reason: "contains control characters or braces")
        ) {
            try host.setName("{trainers}", for: .trainers, in: .german)
        }
        #expect(throws: DisclosureError.invalidAudience("External")) { try DisclosureAudience("External") }
    }
}

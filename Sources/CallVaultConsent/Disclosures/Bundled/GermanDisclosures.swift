import CallVaultCore

extension BundledDisclosures {
    /// German, addressing the customer as "Sie". Purposes are accusative after "für" ("die
    /// Qualitätssicherung"); audiences are nominative plural without article, the subject of
    /// "anhören dürfen sie nur"; periods are accusative ("einen Monat").
    static let german = BundledLanguage(
        language: .german,
        grammar: DisclosureGrammar(
            unchecked: ", ", andSeparator: " und ", orSeparator: " oder ", pluralRule: .oneIsSingular,
            years: DisclosurePluralForms(one: "ein Jahr", other: "{count} Jahre"),
            months: DisclosurePluralForms(one: "einen Monat", other: "{count} Monate"),
            days: DisclosurePluralForms(one: "einen Tag", other: "{count} Tage"),
            byKeyPhrase: "jederzeit während eines Anrufs mit der Taste {key}",
            byWebsitePhrase: "auf der Website {address}",
            byEmailPhrase: "per E-Mail an {address}",
            byPhonePhrase: "telefonisch unter {address}",
            euphony: .none, genericRegulator: "einer Datenschutzaufsichtsbehörde"),
        purposeNames: [
            .quality: "die Qualitätssicherung",
            .training: "die Schulung unseres Personals",
            .disputeResolution: "die Klärung von Streitfällen",
            .legalOrRegulatory: "die Erfüllung gesetzlicher Pflichten",
            .customerRequest: "die Bearbeitung Ihrer Anliegen",
        ],
        audienceNames: [
            .supervisors: "Vorgesetzte",
            .qualityTeam: "unser Qualitätsteam",
            .trainers: "Schulungsverantwortliche",
            .complianceOfficers: "Compliance-Beauftragte",
            .regulatorsAndCourts: "Aufsichtsbehörden oder Gerichte, wenn das Gesetz es verlangt",
        ],
        templates: [
            .ivrNotice: """
            Vielen Dank für Ihren Anruf bei {organisation}. Dieses Gespräch wird für {purposes} aufgezeichnet. \
            Wenn Sie keine Aufzeichnung wünschen, drücken Sie jederzeit die Taste {withdrawalKey}; \
            das Gespräch wird dann ohne Aufzeichnung fortgesetzt.
            """,
            .ivrConsentRequest: """
            Vielen Dank für Ihren Anruf bei {organisation}. Wir möchten dieses Gespräch für {purposes} aufzeichnen. \
            Drücken Sie die Taste {consentKey}, um der Aufzeichnung zuzustimmen, \
            oder die Taste {declineKey}, um ohne Aufzeichnung fortzufahren. \
            Mit der Taste {withdrawalKey} können Sie die Aufzeichnung jederzeit beenden.
            """,
            .agentNotice: """
            Bevor wir fortfahren, möchte ich Sie darauf hinweisen, dass dieses Gespräch von {organisation} \
            für {purposes} aufgezeichnet wird. Die Aufzeichnungen werden {retention} aufbewahrt, \
            und anhören dürfen sie nur {audiences}. \
            Sie können mich jederzeit bitten, die Aufzeichnung zu beenden. \
            Sind Sie einverstanden, dass wir mit der Aufzeichnung fortfahren?
            """,
            .agentConsentRequest: """
            Bevor wir fortfahren: {organisation} möchte dieses Gespräch für {purposes} aufzeichnen. \
            Die Aufzeichnungen werden {retention} aufbewahrt, und anhören dürfen sie nur {audiences}. \
            Wenn Sie nein sagen, setzen wir das Gespräch einfach ohne Aufzeichnung fort; \
            wenn Sie ja sagen, können Sie mich jederzeit bitten, die Aufzeichnung zu beenden. \
            Sind Sie damit einverstanden, dass dieses Gespräch aufgezeichnet wird?
            """,
            .writtenDisclosure: """
            Aufzeichnung von Telefongesprächen bei {organisation}

            Bei {organisation} zeichnen wir Telefongespräche mit unseren Kundinnen und Kunden \
            für {purposes} auf. Wir zeichnen nur auf, soweit das Gesetz es erlaubt: weil Sie eingewilligt haben, \
            weil wir ein berechtigtes Interesse an einer zuverlässigen Dokumentation des Gesagten haben \
            oder weil wir gesetzlich dazu verpflichtet sind. Bevor eine Aufzeichnung beginnt, teilen wir Ihnen mit, \
            dass das Gespräch aufgezeichnet wird, und Sie können widersprechen oder ablehnen.

            Wir bewahren Aufzeichnungen {retention} auf und löschen sie danach sicher. \
            Die Aufzeichnungen werden verschlüsselt gespeichert, und anhören dürfen sie nur {audiences}, \
            und zwar nur für die oben genannten Zwecke.

            Sie haben das Recht, der Aufzeichnung zu widersprechen und Ihre Einwilligung jederzeit zu widerrufen. \
            Das können Sie {howToWithdraw} tun. In diesem Fall beenden wir die Aufzeichnung ab diesem Zeitpunkt. \
            Soweit das Gesetz es zulässt, können Sie außerdem eine Kopie der Aufzeichnung Ihres Gesprächs \
            verlangen oder uns bitten, sie zu löschen.

            Wenn Sie mit unserem Umgang mit Gesprächsaufzeichnungen nicht einverstanden sind, \
            können Sie sich {howToComplain} beschweren. \
            Außerdem haben Sie das Recht, sich bei {regulator} zu beschweren.
            """,
        ])
}

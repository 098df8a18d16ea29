import CallVaultCore

extension BundledDisclosures {
    /// French, addressing the customer as "vous", with a no-break space before ":", ";" and "?".
    /// Purposes follow "pour" and audiences follow "que par", both with their articles.
    static let french = BundledLanguage(
        language: .french,
        grammar: DisclosureGrammar(
            unchecked: ", ", andSeparator: " et ", orSeparator: " ou ", pluralRule: .zeroAndOneAreSingular,
            years: DisclosurePluralForms(one: "un an", other: "{count} ans"),
            months: DisclosurePluralForms(one: "un mois", other: "{count} mois"),
            days: DisclosurePluralForms(one: "un jour", other: "{count} jours"),
            byKeyPhrase: "en appuyant sur la touche {key} à tout moment pendant un appel",
            byWebsitePhrase: "en vous rendant sur {address}",
            byEmailPhrase: "en écrivant à {address}",
            byPhonePhrase: "en appelant le {address}",
            euphony: .none, genericRegulator: "d’une autorité de protection des données"),
        purposeNames: [
            .quality: "le contrôle de la qualité",
            .training: "la formation du personnel",
            .disputeResolution: "le règlement des litiges",
            .legalOrRegulatory: "le respect de nos obligations légales",
            .customerRequest: "le traitement de vos demandes",
        ],
        audienceNames: [
            .supervisors: "les superviseurs",
            .qualityTeam: "notre équipe qualité",
            .trainers: "les formateurs",
            .complianceOfficers: "les responsables de la conformité",
            .regulatorsAndCourts: "les autorités de contrôle ou les tribunaux lorsque la loi l’exige",
        ],
        templates: [
            .ivrNotice: """
            Merci d’avoir appelé {organisation}. Cet appel est enregistré pour {purposes}. \
            Si vous ne souhaitez pas que l’appel soit enregistré, appuyez sur {withdrawalKey} à tout moment\u{00A0}: \
            l’appel se poursuivra sans enregistrement.
            """,
            .ivrConsentRequest: """
            Merci d’avoir appelé {organisation}. Nous souhaitons enregistrer cet appel pour {purposes}. \
            Appuyez sur {consentKey} pour accepter l’enregistrement, \
            ou sur {declineKey} pour continuer sans enregistrement. \
            Appuyez sur {withdrawalKey} à tout moment pour arrêter l’enregistrement.
            """,
            .agentNotice: """
            Avant de poursuivre, je vous informe que cet appel est enregistré par {organisation} \
            pour {purposes}. Les enregistrements sont conservés pendant {retention} \
            et ne peuvent être écoutés que par {audiences}. \
            Vous pouvez me demander d’arrêter l’enregistrement à tout moment. \
            Pouvons-nous poursuivre avec l’enregistrement\u{00A0}?
            """,
            .agentConsentRequest: """
            Avant de poursuivre, {organisation} souhaite enregistrer cet appel pour {purposes}. \
            Les enregistrements sont conservés pendant {retention} \
            et ne peuvent être écoutés que par {audiences}. \
            Si vous refusez, nous poursuivrons simplement sans enregistrement\u{00A0}; si vous acceptez, \
            vous pourrez me demander d’arrêter l’enregistrement à tout moment. \
            Acceptez-vous que cet appel soit enregistré\u{00A0}?
            """,
            .writtenDisclosure: """
            Enregistrement des appels chez {organisation}

            Chez {organisation}, nous enregistrons les appels téléphoniques avec nos clients pour {purposes}. \
            Nous n’enregistrons que lorsque la loi le permet\u{00A0}: parce que vous y avez consenti, \
            ou parce que nous avons un intérêt légitime ou une obligation légale à conserver une trace fidèle \
            de ce qui a été dit. Avant le début de tout enregistrement, nous vous informons que l’appel \
            sera enregistré, et vous pouvez vous y opposer ou refuser.

            Nous conservons les enregistrements pendant {retention}, puis nous les supprimons de manière sécurisée. \
            Les enregistrements sont stockés sous forme chiffrée et ne peuvent être écoutés que par {audiences}, \
            et uniquement pour les finalités indiquées ci-dessus.

            Vous avez le droit de vous opposer à l’enregistrement et de retirer votre consentement à tout moment. \
            Vous pouvez le faire {howToWithdraw}. Dans ce cas, nous cessons l’enregistrement dès ce moment. \
            Lorsque la loi le permet, vous pouvez également demander une copie de l’enregistrement \
            de votre appel ou nous demander de le supprimer.

            Si la manière dont nous traitons les enregistrements d’appels ne vous convient pas, \
            vous pouvez déposer une réclamation {howToComplain}. Vous avez également le droit \
            d’introduire une réclamation auprès {regulator}.
            """,
        ])
}

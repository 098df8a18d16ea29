import CallVaultCore

extension BundledDisclosures {
    /// Spanish, addressing the customer as "usted". Purposes follow "para" and audiences are the
    /// subject of "pueden escucharlas", both with their articles.
    static let spanish = BundledLanguage(
        language: .spanish,
        grammar: DisclosureGrammar(
            unchecked: ", ", andSeparator: " y ", orSeparator: " o ", pluralRule: .oneIsSingular,
            years: DisclosurePluralForms(one: "un año", other: "{count} años"),
            months: DisclosurePluralForms(one: "un mes", other: "{count} meses"),
            days: DisclosurePluralForms(one: "un día", other: "{count} días"),
            byKeyPhrase: "pulsando la tecla {key} en cualquier momento durante una llamada",
            byWebsitePhrase: "visitando {address}",
            byEmailPhrase: "escribiendo a {address}",
            byPhonePhrase: "llamando al {address}",
            euphony: .spanish, genericRegulator: "una autoridad de protección de datos"),
        purposeNames: [
            .quality: "el control de calidad",
            .training: "la formación del personal",
            .disputeResolution: "la resolución de disputas",
            .legalOrRegulatory: "el cumplimiento de nuestras obligaciones legales",
            .customerRequest: "la gestión de sus solicitudes",
        ],
        audienceNames: [
            .supervisors: "los supervisores",
            .qualityTeam: "nuestro equipo de calidad",
            .trainers: "los formadores",
            .complianceOfficers: "los responsables de cumplimiento normativo",
            .regulatorsAndCourts: "las autoridades reguladoras o los tribunales cuando la ley lo exija",
        ],
        templates: [
            .ivrNotice: """
            Gracias por llamar a {organisation}. Esta llamada se graba para {purposes}. \
            Si no desea que se grabe, pulse {withdrawalKey} en cualquier momento \
            y la llamada continuará sin grabación.
            """,
            .ivrConsentRequest: """
            Gracias por llamar a {organisation}. Nos gustaría grabar esta llamada para {purposes}. \
            Pulse {consentKey} para aceptar la grabación o {declineKey} para continuar sin grabación. \
            Pulse {withdrawalKey} en cualquier momento para detener la grabación.
            """,
            .agentNotice: """
            Antes de continuar, le informo de que {organisation} graba esta llamada para {purposes}. \
            Las grabaciones se conservan durante {retention} y solo pueden escucharlas {audiences}. \
            Puede pedirme que detenga la grabación en cualquier momento. \
            ¿Le parece bien que continuemos con la grabación?
            """,
            .agentConsentRequest: """
            Antes de continuar, {organisation} desea grabar esta llamada para {purposes}. \
            Las grabaciones se conservan durante {retention} y solo pueden escucharlas {audiences}. \
            Si responde que no, continuaremos sin grabar; si responde que sí, \
            podrá pedirme que detenga la grabación en cualquier momento. \
            ¿Acepta que se grabe esta llamada?
            """,
            .writtenDisclosure: """
            Grabación de llamadas en {organisation}

            En {organisation} grabamos las llamadas telefónicas con nuestros clientes para {purposes}. \
            Solo grabamos cuando la ley lo permite: porque usted lo ha consentido, o porque tenemos \
            un interés legítimo o una obligación legal de conservar un registro fiel de lo que se dijo. \
            Antes de que comience cualquier grabación, le informamos de que la llamada se va a grabar, \
            y usted puede oponerse o negarse.

            Conservamos las grabaciones durante {retention} y después las eliminamos de forma segura. \
            Las grabaciones se almacenan cifradas y solo pueden escucharlas {audiences}, \
            únicamente para los fines indicados.

            Tiene derecho a oponerse a la grabación y a retirar su consentimiento en cualquier momento. \
            Puede hacerlo {howToWithdraw}. Si lo hace, dejaremos de grabar desde ese momento. \
            Cuando la ley lo permita, también puede solicitar una copia de la grabación de su llamada \
            o pedirnos que la eliminemos.

            Si no está conforme con el tratamiento que damos a las grabaciones de llamadas, \
            puede presentar una reclamación {howToComplain}. \
            También tiene derecho a presentar una reclamación ante {regulator}.
            """,
        ])
}

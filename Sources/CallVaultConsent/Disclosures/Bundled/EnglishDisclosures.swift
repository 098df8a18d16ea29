import CallVaultCore

extension BundledDisclosures {
    /// English. Purposes follow "for"; audiences follow "can be heard only by".
    static let english = BundledLanguage(
        language: .english,
        grammar: DisclosureGrammar(
            unchecked: ", ", andSeparator: " and ", orSeparator: " or ", pluralRule: .oneIsSingular,
            years: DisclosurePluralForms(one: "one year", other: "{count} years"),
            months: DisclosurePluralForms(one: "one month", other: "{count} months"),
            days: DisclosurePluralForms(one: "one day", other: "{count} days"),
            byKeyPhrase: "by pressing {key} at any time during a call",
            byWebsitePhrase: "by visiting {address}",
            byEmailPhrase: "by writing to {address}",
            byPhonePhrase: "by calling {address}",
            euphony: .none, genericRegulator: "a data protection authority"),
        purposeNames: [
            .quality: "quality monitoring",
            .training: "staff training",
            .disputeResolution: "dispute resolution",
            .legalOrRegulatory: "meeting our legal obligations",
            .customerRequest: "handling your requests",
        ],
        audienceNames: [
            .supervisors: "supervisors",
            .qualityTeam: "our quality team",
            .trainers: "trainers",
            .complianceOfficers: "compliance officers",
            .regulatorsAndCourts: "regulators or courts where the law requires it",
        ],
        templates: [
            .ivrNotice: """
            Thank you for calling {organisation}. This call is recorded for {purposes}. \
            If you do not want to be recorded, press {withdrawalKey} at any time \
            and your call will continue without recording.
            """,
            .ivrConsentRequest: """
            Thank you for calling {organisation}. We would like to record this call for {purposes}. \
            Press {consentKey} to agree to recording, or {declineKey} to continue without recording. \
            Press {withdrawalKey} at any time to stop recording.
            """,
            .agentNotice: """
            Before we continue, I need to let you know that this call is recorded by {organisation} \
            for {purposes}. Recordings are kept for {retention} and can be heard only by {audiences}. \
            You can ask me to stop the recording at any time. \
            Is it all right to continue with the recording?
            """,
            .agentConsentRequest: """
            Before we continue, {organisation} would like to record this call for {purposes}. \
            Recordings are kept for {retention} and can be heard only by {audiences}. \
            If you say no, we will simply continue without recording; if you say yes, \
            you can ask me to stop the recording at any time. \
            Do you agree to this call being recorded?
            """,
            .writtenDisclosure: """
            Call recording at {organisation}

            At {organisation}, we record telephone calls with our customers for {purposes}. \
            We record only where the law allows it: because you have agreed, or because we have \
            a legitimate interest in, or a legal obligation for, keeping an accurate record of what was said. \
            Before any recording starts, we tell you that the call will be recorded, and you can object or refuse.

            We keep recordings for {retention} and then delete them securely. \
            Recordings are stored encrypted, and they can be heard only by {audiences}, \
            and only for the purposes above.

            You have the right to object to recording and to withdraw your consent at any time. \
            You can do so {howToWithdraw}. If you do, we stop recording from that moment. \
            Where the law allows, you can also ask for a copy of a recording of your call or ask us to delete it.

            If you are unhappy with how we handle call recordings, you can complain {howToComplain}. \
            You also have the right to complain to {regulator}.
            """,
        ])
}

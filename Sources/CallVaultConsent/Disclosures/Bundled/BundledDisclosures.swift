import CallVaultCore

/// The wording one bundled language contributes.
struct BundledLanguage: Sendable {
    let language: DisclosureLanguage
    let grammar: DisclosureGrammar
    let purposeNames: [Purpose: String]
    let audienceNames: [DisclosureAudience: String]
    let templates: [DisclosureKind: String]
}

/// The script identifiers and version of the bundled templates, and the languages they come in.
enum BundledDisclosures {
    /// The version of every bundled template. Raise it whenever any bundled wording changes, so
    /// receipts made before and after never share a version for different words.
    static let version = "2026.12.1"

    /// The script identifier of each kind's bundled template, the same in every language.
    static let scriptIDs: [DisclosureKind: String] = [
        .ivrNotice: "callvault.ivr.notice",
        .ivrConsentRequest: "callvault.ivr.consent-request",
        .agentNotice: "callvault.agent.notice",
        .agentConsentRequest: "callvault.agent.consent-request",
        .writtenDisclosure: "callvault.written.disclosure",
    ]

    static func scriptID(for kind: DisclosureKind) -> String {
        scriptIDs[kind] ?? "callvault.\(kind.identifier)"
    }

    static let languages: [BundledLanguage] = [english, spanish, french, german, persian, arabic]

    static let templateSet: DisclosureTemplateSet = {
        var entries: [DisclosureLanguage: DisclosureTemplateSet.Entries] = [:]
        for bundled in languages {
            var templates: [DisclosureKind: DisclosureTemplate] = [:]
            for (kind, text) in bundled.templates {
                templates[kind] = DisclosureTemplate(
                    unchecked: kind, language: bundled.language, scriptID: scriptID(for: kind), version: version,
                    text: text)
            }
            entries[bundled.language] = DisclosureTemplateSet.Entries(
                templates: templates, purposeNames: bundled.purposeNames, audienceNames: bundled.audienceNames,
                grammar: bundled.grammar)
        }
        return DisclosureTemplateSet(entries: entries)
    }()
}

extension DisclosureTemplateSet {
    /// The templates CallVault ships: every kind in English, Spanish, French, German, Persian and
    /// Arabic, each with names for the standard purposes and audiences and a grammar.
    ///
    /// Script identifiers: `callvault.ivr.notice`, `callvault.ivr.consent-request`,
    /// `callvault.agent.notice`, `callvault.agent.consent-request`, `callvault.written.disclosure`;
    /// version `2026.12.1`.
    public static var bundled: DisclosureTemplateSet { BundledDisclosures.templateSet }
}

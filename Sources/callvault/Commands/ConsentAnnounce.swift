import ArgumentParser
import CallVaultConsent
import CallVaultCore
import Foundation

extension Consent {
    /// `callvault consent announce`: the announcement or disclosure a policy renders to, in a language.
    struct Announce: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the recording announcement (or written disclosure) for a policy, in a language.",
            discussion: """
                The text is rendered from the policy (organisation, purposes, retention period, who may \
                listen, how to withdraw and how to complain), never written by hand, in English (en), \
                Spanish (es), French (fr), German (de), Persian (fa) or Arabic (ar). For example:

                  callvault consent announce --organisation "Acme Bank" --language de --purpose quality \\
                      --purpose training --retention-days 1825

                Kinds: ivr-notice (the default), ivr-consent-request, agent-notice, agent-consent-request, \
                written-disclosure. A missing field or translation is an error that names it; the text is \
                never blank. Exit status: 0 printed; 1 the policy or language cannot be rendered; 64 usage.
                """
        )

        @Option(help: ArgumentHelp("The organisation that records (or set CALLVAULT_ORGANISATION).", valueName: "name"))
        var organisation: String?

        @Option(
            help: ArgumentHelp(
                "BCP 47 language tag: en, es, fr, de, fa, ar (regional tags fall back).", valueName: "tag"))
        var language = "en"

        @Option(
            name: .customLong("purpose"),
            help: ArgumentHelp(
                "A purpose (quality, training, dispute-resolution, legal-regulatory, customer-request); repeat for more.",
                valueName: "purpose"),
            transform: { text throws(ConsentArgumentError) in
                guard let purpose = try? Purpose(text) else { throw .notAPurpose(text) }
                return purpose
            })
        var purposes: [Purpose] = []

        @Option(help: ArgumentHelp("How long recordings are kept, in days.", valueName: "days"))
        var retentionDays: Int?

        @Option(help: ArgumentHelp("What to render (see above).", valueName: "kind"))
        var kind = "ivr-notice"

        @Option(
            name: .customLong("audience"),
            help: ArgumentHelp(
                "Who may listen: supervisors, quality-team, trainers, compliance-officers, regulators-and-courts; repeat for more. Default: quality-team and supervisors.",
                valueName: "audience"))
        var audiences: [String] = []

        @Option(help: ArgumentHelp("The key that agrees to recording.", valueName: "digit"))
        var consentKey = "1"

        @Option(help: ArgumentHelp("The key that continues without recording.", valueName: "digit"))
        var declineKey = "2"

        @Option(help: ArgumentHelp("The key that stops recording at any time.", valueName: "digit"))
        var withdrawalKey = "9"

        @Option(
            help: ArgumentHelp("Where to withdraw consent after the call (URL, email or phone).", valueName: "contact"))
        var withdrawalContact: String?

        @Option(help: ArgumentHelp("Where to complain (URL, email or phone).", valueName: "contact"))
        var complaints: String?

        @Option(
            help: ArgumentHelp(
                "The authority customers can complain to, as it reads after 'complain to' (default: the language's general words).",
                valueName: "name"))
        var regulator: String?

        @Flag(help: "Print JSON: the text with its script id, version, language and hash (for receipts).")
        var json = false

        func validate() throws {
            for (name, key) in [
                ("--consent-key", consentKey), ("--decline-key", declineKey), ("--withdrawal-key", withdrawalKey),
            ]
            where key.count != 1 || !key.allSatisfy(\.isNumber) {
                throw ValidationError("\(name) must be one digit, 0 to 9, not '\(key)'.")
            }
        }

        func run() throws {
            try reportingFailures {
                guard let kind = DisclosureKind.all.first(where: { $0.identifier == kind }) else {
                    throw ValidationError(
                        "'\(kind)' is not a kind: use \(DisclosureKind.all.map(\.identifier).joined(separator: ", ")).")
                }
                let name = organisation ?? ProcessInfo.processInfo.environment["CALLVAULT_ORGANISATION"] ?? ""
                let policy = DisclosurePolicy(
                    organisation: name, purposes: purposes.isEmpty ? [.quality] : purposes,
                    retentionDays: retentionDays,
                    audiences: Set(try audienceList()), consentKey: consentKey.first, declineKey: declineKey.first,
                    withdrawalKey: withdrawalKey.first, withdrawalContact: withdrawalContact.map(Self.contact),
                    complaintContact: complaints.map(Self.contact), regulator: regulator)
                let rendered: RenderedDisclosure
                do {
                    rendered = try DisclosureRenderer().render(kind, policy: policy, languageTag: language)
                } catch let error as DisclosureError {
                    // The library names its policy's field; this command's user needs its option.
                    guard case .missingField(let field, let kind) = error.reason, let option = Self.option(for: field)
                    else { throw error }
                    throw ToolError.announcementNeeds(kind: "\(kind)", explanation: field.explanation, option: option)
                }
                if json {
                    let report = AnnouncementReport(
                        kind: rendered.kind.identifier, scriptID: rendered.scriptID, version: rendered.version,
                        language: rendered.language.tag, rightToLeft: rendered.language.isRightToLeft,
                        text: rendered.text, textHash: rendered.textHash)
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                    print(String(decoding: try encoder.encode(report), as: UTF8.self))
                } else {
                    print(rendered.text)
                }
            }
        }

        private func audienceList() throws -> [DisclosureAudience] {
            guard !audiences.isEmpty else { return [.qualityTeam, .supervisors] }
            return try audiences.map { name throws in try DisclosureAudience(name) }
        }

        /// A contact given as-is, classified by its shape: an email address, a web address, or a phone number.
        static func contact(_ text: String) -> DisclosureContact {
            if text.contains("@"), !text.contains("/") { return .email(text) }
            if text.hasPrefix("http")
                || text.contains(".") && !text.contains(where: \.isWhitespace) && text.first?.isLetter == true
            {
                return .website(text)
            }
            return .phone(text)
        }
    }
}

/// What `consent announce --json` prints; its keys are part of the tool's interface.
struct AnnouncementReport: Encodable {
    var kind: String
    var scriptID: String
    var version: String
    var language: String
    var rightToLeft: Bool
    var text: String
    var textHash: String
}

extension Consent.Announce {
    /// This command's option for a field a template needs, if it has one.
    static func option(for field: DisclosureField) -> String? {
        switch field {
        case .organisation: "--organisation (or CALLVAULT_ORGANISATION)"
        case .purposes: "--purpose"
        case .retentionDays: "--retention-days"
        case .audiences: "--audience"
        case .complaintContact: "--complaints"
        case .withdrawalContact: "--withdrawal-contact"
        case .withdrawal: "--withdrawal-key or --withdrawal-contact"
        case .withdrawalKey: "--withdrawal-key"
        case .consentKey: "--consent-key"
        case .declineKey: "--decline-key"
        default: nil
        }
    }
}

import CallVaultConsent
import CallVaultCore

/// Policies and expectations the disclosure tests share.
enum DisclosureFixtures {
    static let organisation = "Acme Bank"
    static let bundledVersion = "2026.12.1"

    /// A policy with every field set, contacts on the web and by email.
    static let fullPolicy = DisclosurePolicy(
        organisation: organisation,
        purposes: [.quality, .training, .disputeResolution],
        retentionDays: 1825,
        audiences: Set(DisclosureAudience.standard),
        consentKey: "1", declineKey: "2", withdrawalKey: "9",
        withdrawalContact: .website("https://acme.example/recordings/"),
        complaintContact: .email("complaints@acme.example"))

    /// The same, with phone numbers for contacts (the case right-to-left text must isolate).
    static var phonePolicy: DisclosurePolicy {
        var policy = fullPolicy
        policy.withdrawalContact = .phone("+44 20 7946 0000")
        policy.complaintContact = .phone("+44 20 7946 0999")
        return policy
    }

    static let scriptIDs: [DisclosureKind: String] = [
        .ivrNotice: "callvault.ivr.notice",
        .ivrConsentRequest: "callvault.ivr.consent-request",
        .agentNotice: "callvault.agent.notice",
        .agentConsentRequest: "callvault.agent.consent-request",
        .writtenDisclosure: "callvault.written.disclosure",
    ]

    /// What each kind must show of a policy besides the organisation: keys and contact addresses.
    static func requiredStrings(_ kind: DisclosureKind, _ policy: DisclosurePolicy) -> [String] {
        var strings: [String] = []
        let keys = [policy.consentKey, policy.declineKey, policy.withdrawalKey].map { $0.map(String.init) ?? "" }
        switch kind {
        case .ivrNotice: strings = [keys[2]]
        case .ivrConsentRequest: strings = keys
        case .writtenDisclosure:
            strings = [keys[2], policy.withdrawalContact?.address ?? "", policy.complaintContact?.address ?? ""]
        default: break
        }
        return strings
    }

    /// Characters that change text direction explicitly, other than the isolates around contacts.
    static let directionMarks: Set<Unicode.Scalar> = [
        "\u{200E}", "\u{200F}", "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}", "\u{2067}", "\u{2068}",
    ]

    /// `text` as written text in `language` shows it: Persian writes its own digits in written
    /// disclosures (not in contacts, which the callers of this leave out).
    static func shown(_ text: String, _ kind: DisclosureKind, _ language: DisclosureLanguage) -> String {
        guard language == .persian, !kind.isSpoken else { return text }
        let persian = Array("۰۱۲۳۴۵۶۷۸۹")
        return String(text.map { $0.isASCII ? $0.wholeNumberValue.map { persian[$0] } ?? $0 : $0 })
    }

    /// The organisation's name as right-to-left text shows it: in a first-strong isolate.
    static let isolatedOrganisation = "\u{2068}" + organisation + "\u{2069}"

    static let leftToRightIsolate = "\u{2066}"
    static let popDirectionalIsolate = "\u{2069}"
}

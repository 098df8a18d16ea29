/// Which disclosure to render: a short IVR prompt, a script for an agent to read, or a longer
/// written disclosure for a web page or an email.
///
/// Every party must be told before recording starts, by a prompt or by the agent. Where notice is
/// enough, the notice kinds say that the call is recorded and how to object; where the law asks for
/// an affirmative act, the consent-request kinds ask for one (a key press or a spoken yes). The
/// written disclosure says everything a customer may ask about recordings. A struct rather than an
/// enum, so later versions can add kinds (a text message, say) without breaking a host's `switch`.
///
/// ```swift
/// let kind = DisclosureKind.announcement(asksForConsent: true, readByAgent: false)
/// kind == .ivrConsentRequest  // true
/// ```
public struct DisclosureKind: Hashable, Sendable, Codable, CustomStringConvertible {
    private enum Kind: String, Sendable, CaseIterable {
        case ivrNotice = "ivr-notice"
        case ivrConsentRequest = "ivr-consent-request"
        case agentNotice = "agent-notice"
        case agentConsentRequest = "agent-consent-request"
        case writtenDisclosure = "written-disclosure"
    }

    private let kind: Kind

    private init(_ kind: Kind) {
        self.kind = kind
    }

    /// A prompt played before recording: the call is recorded, why, and the key that stops it.
    public static let ivrNotice = DisclosureKind(.ivrNotice)
    /// A prompt played before recording that asks for consent: one key agrees, another declines.
    public static let ivrConsentRequest = DisclosureKind(.ivrConsentRequest)
    /// A script the agent reads: the call is recorded, why, for how long and who hears it, and
    /// that the customer can ask the agent to stop.
    public static let agentNotice = DisclosureKind(.agentNotice)
    /// A script the agent reads that ends by asking whether the customer agrees; the customer
    /// answers yes or no.
    public static let agentConsentRequest = DisclosureKind(.agentConsentRequest)
    /// The full disclosure for a web page or an email: purposes, lawful basis, retention, who may
    /// listen, the rights to object and withdraw, and how to complain.
    public static let writtenDisclosure = DisclosureKind(.writtenDisclosure)

    /// Every kind, in the order above.
    public static let all: [DisclosureKind] = Kind.allCases.map(DisclosureKind.init)

    /// The kind of announcement to give before recording.
    ///
    /// - Parameters:
    ///   - asksForConsent: whether the law asks for an affirmative act, not just notice.
    ///   - readByAgent: whether an agent reads it, rather than an IVR playing it.
    /// - Returns: one of the four announcement kinds: a consent request or a notice, read by an
    ///   agent or played by the IVR.
    public static func announcement(asksForConsent: Bool, readByAgent: Bool) -> DisclosureKind {
        switch (asksForConsent, readByAgent) {
        case (false, false): .ivrNotice
        case (true, false): .ivrConsentRequest
        case (false, true): .agentNotice
        case (true, true): .agentConsentRequest
        }
    }

    /// The identifier, for example `ivr-consent-request`.
    public var identifier: String { kind.rawValue }

    /// Whether it asks the party to agree, rather than telling them and offering a way to object.
    public var asksForConsent: Bool { kind == .ivrConsentRequest || kind == .agentConsentRequest }

    /// Whether it is spoken (an IVR prompt or an agent's script) rather than written.
    public var isSpoken: Bool { kind != .writtenDisclosure }

    /// Whether a person reads it from a screen or page (an agent's script, the written disclosure),
    /// rather than only a speech synthesiser (IVR prompts): only then do names need direction isolates.
    var isRead: Bool { kind != .ivrNotice && kind != .ivrConsentRequest }

    /// What every template of this kind must say, as placeholders: each inner list is satisfied by
    /// any one of its members.
    var requiredContent: [[DisclosurePlaceholder]] {
        let always: [[DisclosurePlaceholder]] = [[.organisation], [.purposes]]
        switch kind {
        case .ivrNotice:
            return always + [[.withdrawalKey]]
        case .ivrConsentRequest:
            return always + [[.consentKey], [.declineKey]]
        case .agentNotice, .agentConsentRequest:
            return always
        case .writtenDisclosure:
            return always + [
                [.retention], [.audiences], [.howToWithdraw, .withdrawalKey, .withdrawalContact],
                [.howToComplain, .complaintContact],
            ]
        }
    }

    /// The identifier.
    public var description: String { identifier }

    /// Encodes as the identifier.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(identifier)
    }

    /// Decodes from the identifier.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let kind = Kind(rawValue: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a disclosure kind")
        }
        self.kind = kind
    }
}

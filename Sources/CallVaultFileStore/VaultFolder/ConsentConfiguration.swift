public import CallVaultConsent

/// How a vault asks for consent, as `vault.json`'s `consentPolicy` object says it: the engine's
/// choices where the law leaves one. Every field is optional in the file, with
/// `ConsentPolicy`'s defaults.
///
/// ```json
/// "consentPolicy": {
///   "responseTimeoutSeconds": 10, "maximumPrompts": 2,
///   "inboundDelivery": "ivr", "outboundDelivery": "agent-script",
///   "whileAwaitingConsent": "exclude-track", "onWithdrawal": "quarantine",
///   "explicitConsentEverywhere": true, "mandatoryLines": ["order-desk"]
/// }
/// ```
public struct ConsentConfiguration: Hashable, Sendable {
    /// Seconds to wait for an answer to a consent request, from the end of the prompt (1 to 120).
    public var responseTimeoutSeconds: Int
    /// How many times a consent request is played before no answer counts as no (1 to 5).
    public var maximumPrompts: Int
    /// Who delivers announcements on inbound calls.
    public var inboundDelivery: ConsentPolicy.Delivery
    /// Who delivers announcements on outbound calls.
    public var outboundDelivery: ConsentPolicy.Delivery
    /// Recording while a mid-call joiner's consent is pending.
    public var whileAwaitingConsent: ConsentPolicy.AwaitingConsentHandling
    /// What happens to what was captured when consent is withdrawn.
    public var onWithdrawal: ConsentPolicy.CapturedHandling
    /// Whether every party is asked for explicit consent, whatever their jurisdiction requires.
    public var explicitConsentEverywhere: Bool
    /// Lines of business and queues that may not be used unrecorded (a MiFID II order line): a
    /// refusal there ends the call after telling the party why.
    public var mandatoryLines: [String]

    /// The consent engine's defaults.
    public init() {
        let defaults = ConsentPolicy()
        responseTimeoutSeconds = Int(defaults.responseTimeout.components.seconds)
        maximumPrompts = defaults.maximumPrompts
        inboundDelivery = defaults.inboundDelivery
        outboundDelivery = defaults.outboundDelivery
        whileAwaitingConsent = defaults.whileAwaitingConsent
        onWithdrawal = defaults.onWithdrawal
        explicitConsentEverywhere = defaults.explicitConsentEverywhere
        mandatoryLines = []
    }

    /// The allowed range of ``responseTimeoutSeconds``.
    public static let responseTimeoutRange = 1...120
    /// The allowed range of ``maximumPrompts``.
    public static let maximumPromptsRange = 1...5

    /// `policy` with these settings applied (its keys and language are left as they are).
    public func applied(to policy: ConsentPolicy) -> ConsentPolicy {
        var policy = policy
        policy.responseTimeout = .seconds(responseTimeoutSeconds)
        policy.maximumPrompts = maximumPrompts
        policy.inboundDelivery = inboundDelivery
        policy.outboundDelivery = outboundDelivery
        policy.whileAwaitingConsent = whileAwaitingConsent
        policy.onWithdrawal = onWithdrawal
        policy.explicitConsentEverywhere = explicitConsentEverywhere
        return policy
    }

    /// The problem with the settings, as (field within `consentPolicy`, reason); `nil` when none.
    func problem() -> (field: String, reason: String)? {
        if !Self.responseTimeoutRange.contains(responseTimeoutSeconds) {
            return (
                "responseTimeoutSeconds",
                "\(responseTimeoutSeconds) is outside 1 to 120 seconds; give how long a caller has to answer"
            )
        }
        if !Self.maximumPromptsRange.contains(maximumPrompts) {
            return ("maximumPrompts", "\(maximumPrompts) is outside 1 to 5; give how many times the request is played")
        }
        for (index, line) in mandatoryLines.enumerated() {
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                return ("mandatoryLines[\(index)]", "empty; give a line of business or queue name")
            }
            if mandatoryLines[..<index].contains(line) {
                return ("mandatoryLines[\(index)]", "'\(line)' is listed twice; list each line once")
            }
        }
        return nil
    }

    /// The names `vault.json` uses for the enumerations.
    static let deliveries: [(String, ConsentPolicy.Delivery)] = [("ivr", .ivr), ("agent-script", .agentScript)]
    static let awaiting: [(String, ConsentPolicy.AwaitingConsentHandling)] = [
        ("exclude-track", .excludeTrack), ("pause-recording", .pauseRecording),
    ]
    static let withdrawals: [(String, ConsentPolicy.CapturedHandling)] = [
        ("keep", .keep), ("quarantine", .quarantine), ("discard", .discard),
    ]

    static func name<Value: Equatable>(_ value: Value, in names: [(String, Value)]) -> String {
        names.first { $0.1 == value }?.0 ?? names[0].0
    }
}

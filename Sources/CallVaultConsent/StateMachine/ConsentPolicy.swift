/// How a host wants consent handled where the law leaves a choice.
///
/// ```swift
/// var policy = ConsentPolicy()
/// policy.whileAwaitingConsent = .pauseRecording
/// policy.onWithdrawal = .discard
/// ```
public struct ConsentPolicy: Hashable, Sendable {
    /// What happens to the recording while a party who joined mid-call has not yet consented.
    public enum AwaitingConsentHandling: Hashable, Sendable {
        /// Keep recording the others; the new party's track is silent until they consent.
        case excludeTrack
        /// Pause the whole recording until they consent.
        case pauseRecording
    }

    /// What happens to what was already captured when consent is withdrawn.
    public enum CapturedHandling: Hashable, Sendable {
        /// Keep it (consent covered it when it was captured).
        case keep
        /// Set it aside for compliance review; it is not played or exported.
        case quarantine
        /// Delete it.
        case discard
    }

    /// Who delivers announcements.
    public enum Delivery: Hashable, Sendable {
        /// A recorded or synthesised prompt played to the party.
        case ivr
        /// A script the agent reads; the agent attests the answer.
        case agentScript
    }

    /// The key a party presses to agree.
    public var consentKey: Character = "1"
    /// The key a party presses to continue without recording.
    public var declineKey: Character = "2"
    /// A key that withdraws consent at any time while recording; nil for none.
    public var withdrawalKey: Character? = "9"
    /// How long to wait for an answer to a consent request, counted from the end of the prompt.
    public var responseTimeout: Duration = .seconds(10)
    /// How many times a consent request is played before no answer counts as no.
    public var maximumPrompts = 2
    /// Announcements on inbound calls.
    public var inboundDelivery = Delivery.ivr
    /// Announcements on outbound calls.
    public var outboundDelivery = Delivery.agentScript
    /// The language for parties without one.
    public var defaultLanguage = "en"
    /// Recording while a mid-call joiner's consent is pending.
    public var whileAwaitingConsent = AwaitingConsentHandling.excludeTrack
    /// What was captured, when consent is withdrawn.
    public var onWithdrawal = CapturedHandling.quarantine
    /// Whether the line may not be used unrecorded (for example a MiFID II order line). When
    /// consent is refused there, the host is asked to end the call after telling the party why,
    /// instead of continuing unrecorded.
    public var recordingMandatory = false
    /// Whether every party must give explicit consent (a key press, a spoken yes or an agent's
    /// attestation) before they are recorded, whatever their jurisdiction requires. Off by
    /// default; an organisation that always asks (as the seed recommends) turns it on, and a
    /// caller from a one-party or notice-only place is then asked like anyone else.
    ///
    /// With it on, every customer and third party hears a consent request and is recorded only
    /// after agreeing by key, speech or an agent's attestation; their receipts say the policy asked
    /// (``ConsentReceipt/explicitConsentByPolicy``). Agents and bots still need nothing.
    public var explicitConsentEverywhere = false
    /// Where the law accepts a warning tone instead of a recorded announcement (Connecticut, CGS
    /// 52-570d), whether to use the tone: recording then starts after the announcement as usual,
    /// and the tone plays to the parties and goes on the recording every
    /// ``warningToneInterval`` for as long as it runs. Off by default: the announcement itself is
    /// recorded. Where the law wants the announcement recorded and accepts no tone (Washington),
    /// this changes nothing.
    public var preferWarningTone = false

    /// How often the warning tone repeats: about every 15 seconds, as CGS 52-570d(a)(3) asks.
    public static let warningToneInterval: Duration = .seconds(15)

    /// The defaults: keys 1 (agree), 2 (decline), 9 (withdraw); 10 s to answer, two prompts; IVR
    /// inbound, agent script outbound; English; exclude a pending joiner's track; quarantine on
    /// withdrawal; recording not mandatory; explicit consent only where the law needs it; recorded
    /// announcements rather than a warning tone.
    public init() {}
}

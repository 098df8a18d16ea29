/// Something the host must do because of a call event. The host performs every action, in order,
/// before feeding the recorder any more media.
public enum ConsentAction: Hashable, Sendable {
    /// Play an announcement to a party (render it with a `DisclosureRenderer` in `language`), then
    /// report `announcementStarted` and `announcementFinished` with the script played.
    case playAnnouncement(to: PartyID, kind: AnnouncementKind, language: String)
    /// Show the agent a script to read to a party, then report the announcement events and the
    /// agent's attestation of the answer.
    case promptAgent(agent: PartyID, about: PartyID, kind: AnnouncementKind, language: String)
    /// Start recording.
    case startRecording
    /// Pause recording (nothing is written until resumed; the gap is kept in the timeline).
    case pauseRecording(PauseReason)
    /// Resume recording after every pause reason has cleared.
    case resumeRecording
    /// Stop recording for the rest of the call.
    case stopRecording
    /// Silence one party's track until it is included again.
    case excludeTrack(PartyID)
    /// Record one party's track again.
    case includeTrack(PartyID)
    /// Call `timeoutFired` with this id after the duration, unless cancelled first.
    case scheduleTimeout(ConsentTimerID, after: Duration)
    /// Cancel a scheduled timeout.
    case cancelTimeout(ConsentTimerID)
    /// Set aside everything captured so far on this call for compliance review.
    case quarantineCaptured(CaptureReason)
    /// Delete everything captured so far on this call.
    case discardCaptured(CaptureReason)
    /// Keep this receipt (sign it, store it, offer the party a copy).
    indirect case emitReceipt(ConsentReceipt)
    /// Carry on with the call without recording it.
    case continueUnrecorded(UnrecordedReason)
    /// End the call after telling the party why (only on lines where recording is mandatory).
    case endCall(UnrecordedReason)
    /// Start the warning tone: play it to every party every `interval` and put it on the recording
    /// at the same pace, until ``stopWarningTone``. Asked for where the law accepts a periodic tone
    /// instead of a recorded announcement (Connecticut) and the policy prefers the tone
    /// (``ConsentPolicy/preferWarningTone``).
    case startWarningTone(every: Duration)
    /// Stop the warning tone (recording stopped).
    case stopWarningTone
    /// Card data is about to be given: mask DTMF if the transport can, so key tones reach neither
    /// the recording nor anyone listening. Until ``unmaskDTMF(withheld:)`` no key press or speech
    /// intent is interpreted or kept; each is only counted.
    case maskDTMF
    /// The secure pause ended: DTMF may pass again. `withheld` key presses and speech intents arrived
    /// during the pause; they were counted and nothing else (log the count, never the keys).
    case unmaskDTMF(withheld: Int)
    /// A key press or speech intent that meant nothing in the state the call was in (or arrived
    /// during a secure pause). Nothing changed; the host may log it.
    case inputIgnored(IgnoredInput)

    /// Why recording was paused.
    public enum PauseReason: String, Hashable, Sendable {
        /// Card data is being given (PCI DSS: never record it).
        case cardData = "card-data"
        /// A party who joined has not consented yet (policy: pause rather than exclude).
        case awaitingConsent = "awaiting-consent"
    }

    /// Why captured media must be set aside or deleted.
    public enum CaptureReason: String, Hashable, Sendable {
        /// A party withdrew consent.
        case consentWithdrawn = "consent-withdrawn"
        /// A party whose announcement was being recorded (the law asked for it) refused, or did not
        /// answer: what was captured of the exchange is not kept as if they had agreed.
        case consentRefused = "consent-refused"
    }

    /// Why the call goes on (or ends) unrecorded.
    public enum UnrecordedReason: String, Hashable, Sendable {
        /// A party refused, or did not agree in time.
        case consentRefused = "consent-refused"
        /// A party withdrew consent.
        case consentWithdrawn = "consent-withdrawn"
    }
}

/// The actions one event produced, in order. Up to four are kept inline, so the common events
/// allocate nothing.
public struct ConsentActions: RandomAccessCollection, Hashable, Sendable, CustomStringConvertible {
    private var first: ConsentAction?
    private var second: ConsentAction?
    private var third: ConsentAction?
    private var fourth: ConsentAction?
    private var overflow: [ConsentAction] = []
    /// How many actions there are.
    public private(set) var count = 0

    /// No actions.
    public init() {}

    /// The first index.
    public var startIndex: Int { 0 }
    /// One past the last index.
    public var endIndex: Int { count }

    /// The action at `position`.
    public subscript(position: Int) -> ConsentAction {
        switch position {
        case 0: first ?? .startRecording
        case 1: second ?? .startRecording
        case 2: third ?? .startRecording
        case 3: fourth ?? .startRecording
        default: overflow[position - 4]
        }
    }

    mutating func append(_ action: ConsentAction) {
        switch count {
        case 0: first = action
        case 1: second = action
        case 2: third = action
        case 3: fourth = action
        default: overflow.append(action)
        }
        count += 1
    }

    /// The actions, one per line.
    public var description: String {
        map { "\($0)" }.joined(separator: "\n")
    }

    /// Compares the actions in order.
    public static func == (lhs: ConsentActions, rhs: ConsentActions) -> Bool {
        lhs.elementsEqual(rhs)
    }

    /// Hashes the actions in order.
    public func hash(into hasher: inout Hasher) {
        for action in self { hasher.combine(action) }
    }
}

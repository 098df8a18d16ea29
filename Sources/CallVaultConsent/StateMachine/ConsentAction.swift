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
///
/// Reading an index outside `indices` traps, as `Array` does: the inline slots are held as the
/// number of actions actually appended, so no slot can be read before an action is put in it, and
/// no reading ever makes up an action (a made-up `.startRecording` would start recording a call
/// nobody agreed to).
public struct ConsentActions: RandomAccessCollection, Hashable, Sendable, CustomStringConvertible {
    /// The inline actions: exactly as many as were appended, up to four.
    private enum Inline: Hashable, Sendable {
        case none
        case one(ConsentAction)
        case two(ConsentAction, ConsentAction)
        case three(ConsentAction, ConsentAction, ConsentAction)
        case four(ConsentAction, ConsentAction, ConsentAction, ConsentAction)

        var count: Int {
            switch self {
            case .none: 0
            case .one: 1
            case .two: 2
            case .three: 3
            case .four: 4
            }
        }
    }

    private var inline = Inline.none
    /// The actions after the fourth.
    private var overflow: [ConsentAction] = []

    /// No actions.
    public init() {}

    /// How many actions there are.
    public var count: Int { inline.count + overflow.count }
    /// The first index.
    public var startIndex: Int { 0 }
    /// One past the last index.
    public var endIndex: Int { count }

    /// The action at `position`, which must be one of `indices` (like `Array`, any other
    /// position traps).
    public subscript(position: Int) -> ConsentAction {
        precondition(position >= 0 && position < count, "ConsentActions index \(position) out of range 0..<\(count)")
        if position >= 4 { return overflow[position - 4] }
        switch (inline, position) {
        case (.one(let action), 0), (.two(let action, _), 0), (.three(let action, _, _), 0),
            (.four(let action, _, _, _), 0):
            return action
        case (.two(_, let action), 1), (.three(_, let action, _), 1), (.four(_, let action, _, _), 1):
            return action
        case (.three(_, _, let action), 2), (.four(_, _, let action, _), 2):
            return action
        case (.four(_, _, _, let action), 3):
            return action
        default:
            // Unreachable: the precondition above keeps `position` below the inline count.
            preconditionFailure("ConsentActions index \(position) has no action")
        }
    }

    mutating func append(_ action: ConsentAction) {
        switch inline {
        case .none: inline = .one(action)
        case .one(let first): inline = .two(first, action)
        case .two(let first, let second): inline = .three(first, second, action)
        case .three(let first, let second, let third): inline = .four(first, second, third, action)
        case .four: overflow.append(action)
        }
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

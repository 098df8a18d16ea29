/// When something happened on a call: wall-clock time and, once the call is under way, the offset
/// into the call's media, so a receipt can point at the exact place in the recording.
///
/// The state machine never reads a clock: the host stamps every event.
public struct ConsentMoment: Hashable, Sendable, Codable, Comparable {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var unixMilliseconds: Int64
    /// Milliseconds since the call's media began, if known.
    public var mediaOffsetMilliseconds: Int64?

    /// Creates a moment.
    public init(unixMilliseconds: Int64, mediaOffsetMilliseconds: Int64? = nil) {
        self.unixMilliseconds = unixMilliseconds
        self.mediaOffsetMilliseconds = mediaOffsetMilliseconds
    }

    /// Orders by wall-clock time.
    public static func < (lhs: ConsentMoment, rhs: ConsentMoment) -> Bool {
        lhs.unixMilliseconds < rhs.unixMilliseconds
    }
}

/// Exactly which announcement a party heard: the script, its version, its language, and a hash of
/// the rendered text, so a receipt proves what was said.
public struct ScriptReference: Hashable, Sendable, Codable {
    /// The script's stable identifier, for example `callvault.ivr.notice`.
    public var scriptID: String
    /// The script's version.
    public var version: String
    /// The BCP 47 language tag it was rendered in.
    public var language: String
    /// BLAKE2b-256 of the rendered text's UTF-8 bytes, in hexadecimal.
    public var textHash: String

    /// Creates a reference.
    public init(scriptID: String, version: String, language: String, textHash: String) {
        self.scriptID = scriptID
        self.version = version
        self.language = language
        self.textHash = textHash
    }
}

/// What an announcement must achieve.
public enum AnnouncementKind: String, Hashable, Sendable, Codable {
    /// Tell the party the call is recorded, why, and how to object; staying on the line is enough.
    case notice
    /// Ask the party to agree by an affirmative act (a key, a spoken yes), or continue unrecorded.
    case consentRequest = "consent-request"
}

/// What a speech recogniser made of a party's answer to a consent request.
public enum SpeechIntent: String, Hashable, Sendable, Codable {
    /// An unambiguous yes.
    case yes
    /// An unambiguous no.
    case no
    /// Anything else.
    case unclear
}

/// A party as the state machine sees it: the resolver's view plus the language to address them in.
public struct ConsentParticipant: Hashable, Sendable {
    /// The party.
    public var party: CallParty
    /// The BCP 47 language tag announcements to this party should use; the policy's default if nil.
    public var language: String?

    /// Creates a participant.
    public init(party: CallParty, language: String? = nil) {
        self.party = party
        self.language = language
    }
}

/// Identifies a timeout the state machine asked the host to schedule.
public struct ConsentTimerID: Hashable, Sendable, CustomStringConvertible {
    /// A number unique within the call.
    public let rawValue: UInt32

    /// Wraps a number (the host echoes what the machine scheduled).
    public init(_ rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// `timer-N`.
    public var description: String { "timer-\(rawValue)" }
}

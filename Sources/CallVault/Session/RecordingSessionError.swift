public import CallVaultConsent
public import CallVaultCore

/// What a recording session reports.
public struct RecordingSessionError: CallVaultError, Equatable, CallVaultReasonedError {
    /// The stable codes of ``RecordingSessionError``.
    public struct Code: CallVaultErrorCode {
        /// The error type these codes belong to.
        public typealias Owner = RecordingSessionError
        /// The code's stable text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// The recorder produced audio before recording started: a bug in the wiring, never silently
        /// written.
        public static let segmentBeforeStart = Code("recordingsession.segment-before-start")
        /// The host reported an announcement for a party that was not asked to hear one.
        public static let noAnnouncementRequested = Code("recordingsession.no-announcement-requested")
        /// The session already ended.
        public static let sessionEnded = Code("recordingsession.session-ended")
        /// A party joined with a track the recording does not have.
        public static let unknownTrack = Code("recordingsession.unknown-track")
        /// The call id starts or ends with white space, or holds a character that does not print as
        /// itself (a control or format character such as a zero-width space): it could pass for
        /// another call's id in a listing.
        public static let ambiguousCallID = Code("recordingsession.ambiguous-call-id")

        /// Every code of this type.
        public static let all: [Code] = [
            segmentBeforeStart, noAnnouncementRequested, sessionEnded, unknownTrack, ambiguousCallID,
        ]
    }

    /// What happened, with its details; the package's own code switches over it.
    package enum Reason: Equatable, Sendable {
        /// The recorder produced audio before recording started: a bug in the wiring, never silently
        /// written.
        case segmentBeforeStart
        /// The host reported an announcement for a party that was not asked to hear one.
        case noAnnouncementRequested(PartyID)
        /// The session already ended.
        case sessionEnded(RecordingID)
        /// A party joined with a track the recording does not have.
        case unknownTrack(PartyID, String)
        /// The call id starts or ends with white space, or holds a character that does not print as
        /// itself (a control or format character such as a zero-width space): it could pass for
        /// another call's id in a listing.
        case ambiguousCallID(callID: String, problem: String)
    }

    /// What happened, with its details.
    package let reason: Reason
    /// The error that caused this one, if any.
    public let underlying: (any Error)?

    /// Creates an error from its reason and cause.
    package init(_ reason: Reason, underlying: (any Error)? = nil) {
        self.reason = reason
        self.underlying = underlying
    }

    /// What kind of failure this is.
    public var code: Code {
        switch reason {
        case .segmentBeforeStart: .segmentBeforeStart
        case .noAnnouncementRequested: .noAnnouncementRequested
        case .sessionEnded: .sessionEnded
        case .unknownTrack: .unknownTrack
        case .ambiguousCallID: .ambiguousCallID
        }
    }

    /// What went wrong and what to do.
    public var message: String {
        switch reason {
        case .segmentBeforeStart:
            "The recorder produced a segment before recording started; this is a wiring bug, please report it."
        case .noAnnouncementRequested(let party):
            "No announcement was requested for party \(party); report announcements only after a playAnnouncement or showAgentScript request for that party."
        case .sessionEnded(let id):
            "The recording session \(id) has ended; start a new session for a new call."
        case .unknownTrack(let party, let track):
            "Party \(party) is mapped to track \(track), which the recording does not have; list it in the configuration's tracks."
        case .ambiguousCallID(let callID, let problem):
            "The call id \(callID.debugDescription) cannot be told apart from other ids when printed: \(problem). Give the host's call id without surrounding white space or invisible characters."
        }
    }

    /// The recorder produced audio before recording started: a bug in the wiring, never silently
    /// written.
    public static var segmentBeforeStart: RecordingSessionError { RecordingSessionError(.segmentBeforeStart) }

    /// The host reported an announcement for a party that was not asked to hear one.
    public static func noAnnouncementRequested(_ partyID: PartyID) -> RecordingSessionError {
        RecordingSessionError(.noAnnouncementRequested(partyID))
    }
    /// The code for ``noAnnouncementRequested(_:)``, for `catch RecordingSessionError.noAnnouncementRequested`.
    public static let noAnnouncementRequested = Code.noAnnouncementRequested

    /// The session already ended.
    public static func sessionEnded(_ recordingID: RecordingID) -> RecordingSessionError {
        RecordingSessionError(.sessionEnded(recordingID))
    }
    /// The code for ``sessionEnded(_:)``, for `catch RecordingSessionError.sessionEnded`.
    public static let sessionEnded = Code.sessionEnded

    /// A party joined with a track the recording does not have.
    public static func unknownTrack(_ partyID: PartyID, _ text: String) -> RecordingSessionError {
        RecordingSessionError(.unknownTrack(partyID, text))
    }
    /// The code for ``unknownTrack(_:_:)``, for `catch RecordingSessionError.unknownTrack`.
    public static let unknownTrack = Code.unknownTrack

    /// The call id starts or ends with white space, or holds a character that does not print as
    /// itself (a control or format character such as a zero-width space): it could pass for
    /// another call's id in a listing.
    public static func ambiguousCallID(callID: String, problem: String) -> RecordingSessionError {
        RecordingSessionError(.ambiguousCallID(callID: callID, problem: problem))
    }
    /// The code for ``ambiguousCallID(callID:problem:)``, for `catch RecordingSessionError.ambiguousCallID`.
    public static let ambiguousCallID = Code.ambiguousCallID
}

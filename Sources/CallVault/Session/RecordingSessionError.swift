public import CallVaultConsent
public import CallVaultCore

/// What a recording session reports.
public enum RecordingSessionError: CallVaultError, Equatable {
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

    /// What went wrong and what to do.
    public var description: String {
        switch self {
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
}

public import CallVaultAccess
public import CallVaultCapture
public import CallVaultConsent
public import CallVaultCore
public import CallVaultRetention

/// One call's facts, as the host knows them when it starts: who is on it, where they are, which
/// track carries whom, and the business attributes retention and access rules look at.
public struct RecordingSessionConfiguration: Sendable {
    /// The recording's id (a new one unless the host has its own).
    public var recordingID: RecordingID
    /// The host's call id: kept in Unicode canonical composition (NFC); a session is refused one
    /// with white space around it or a character that does not print as itself (a zero-width space).
    public var callID: String
    /// Inbound or outbound.
    public var direction: CallDirection
    /// The parties on the call at the start.
    public var participants: [ConsentParticipant]
    /// The recording's audio format: one channel per track.
    public var format: MediaFormat
    /// The tracks in channel order.
    public var tracks: [TrackID]
    /// Which track carries each party. A party without a track of its own (mixed into another) is
    /// handled strictly: while it must be excluded, the whole recording pauses.
    public var trackOfParty: [PartyID: TrackID]
    /// How long a segment lasts (each is sealed and flushed on its own; a crash loses at most one).
    public var segmentDuration: Duration
    /// The agent who takes the call.
    public var agentID: PrincipalID?
    /// The agent's team.
    public var team: String?
    /// The queue or line.
    public var queue: String?
    /// The line of business (retention policies may select by it).
    public var lineOfBusiness: String?
    /// The host's customer id (subject access and erasure requests find recordings by it).
    public var customerID: String?
    /// Retention regimes the host declares apply (for example `mifid2` for a trading desk).
    public var declaredRegimes: [RetentionRuleID]
    /// How sensitive the call is.
    public var sensitivity: RecordingAccessAttributes.Sensitivity
    /// Host tags.
    public var tags: Set<String>

    /// Describes a call with an agent track and a customer track.
    public init(
        recordingID: RecordingID = RecordingID(), callID: String, direction: CallDirection,
        participants: [ConsentParticipant], format: MediaFormat, tracks: [TrackID],
        trackOfParty: [PartyID: TrackID], segmentDuration: Duration = .seconds(1), agentID: PrincipalID? = nil,
        team: String? = nil, queue: String? = nil, lineOfBusiness: String? = nil, customerID: String? = nil,
        declaredRegimes: [RetentionRuleID] = [], sensitivity: RecordingAccessAttributes.Sensitivity = .normal,
        tags: Set<String> = []
    ) {
        self.recordingID = recordingID
        self.callID = callID
        self.direction = direction
        self.participants = participants
        self.format = format
        self.tracks = tracks
        self.trackOfParty = trackOfParty
        self.segmentDuration = segmentDuration
        self.agentID = agentID
        self.team = team
        self.queue = queue
        self.lineOfBusiness = lineOfBusiness
        self.customerID = customerID
        self.declaredRegimes = declaredRegimes
        self.sensitivity = sensitivity
        self.tags = tags
    }
}

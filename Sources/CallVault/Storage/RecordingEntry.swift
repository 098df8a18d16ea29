public import CallVaultAccess
public import CallVaultCapture
public import CallVaultConsent
public import CallVaultCore
public import CallVaultCrypto
public import CallVaultRetention
public import Foundation

/// What the vault knows about one recording: who was on the call and where, what they were told
/// and agreed to, when it ran, what was paused, and where it stands.
public struct RecordingEntry: Hashable, Sendable {
    /// Where a recording stands.
    public enum State: String, Hashable, Sendable, Codable, CaseIterable {
        /// The call is still being recorded (or the recorder crashed; recovery settles it).
        case recording
        /// Finished normally: every segment and the end marker are in the blob.
        case complete
        /// Cut short by a crash: the segments flushed before it are readable, the rest is lost.
        case incomplete
        /// Captured audio discarded because consent was withdrawn: keys and blob destroyed.
        case discarded
        /// Nothing was recorded (consent refused, or no recording was ever started).
        case unrecorded
        /// Deleted by the retention sweeper or an erasure request: keys shredded, blob gone,
        /// certificate issued; the entry keeps only what proves it happened.
        case deleted
    }

    /// A party on the call.
    public struct Party: Hashable, Sendable, Codable {
        /// The party's id on the call.
        public var id: PartyID
        /// Customer, agent, supervisor, third party.
        public var role: PartyRole
        /// Where they were.
        public var location: Jurisdiction
        /// The language they were addressed in.
        public var language: String?

        /// Describes a party.
        public init(id: PartyID, role: PartyRole, location: Jurisdiction, language: String?) {
            self.id = id
            self.role = role
            self.location = location
            self.language = language
        }
    }

    /// The recording's id (the envelope's wraps are bound to it).
    public var id: RecordingID
    /// Where the recording's current content is stored: its key in the ``BlobStore`` and the
    /// ``KeyStore``. The recording's id until a redaction replaces the content with a new envelope.
    public var contentID: RecordingID
    /// Contents replaced by a redaction whose keys and blobs are still to be destroyed (a crash
    /// between the switch and the shredding leaves them here; recovery finishes the job).
    public var supersededContent: [RecordingID]
    /// Spans silenced after the fact (card data captured by mistake), with their signed
    /// certificates.
    public var redactions: [SignedRedactionCertificate]
    /// The host's call id.
    public var callID: String
    /// Where it stands.
    public var state: State
    /// When the call started.
    public var startedAt: Date
    /// When the call ended (for an incomplete recording: when it was last written).
    public var endedAt: Date?
    /// Who was on the call.
    public var parties: [Party]
    /// The agent who took the call.
    public var agentID: PrincipalID?
    /// The agent's team.
    public var team: String?
    /// The queue or line the call came through.
    public var queue: String?
    /// The host's customer id (for subject access and erasure requests).
    public var customerID: String?
    /// The purposes the parties were told about.
    public var disclosedPurposes: Set<Purpose>
    /// How sensitive the call is.
    public var sensitivity: RecordingAccessAttributes.Sensitivity
    /// Signed consent receipts, one per party decision.
    public var receipts: [SignedConsentReceipt]
    /// The audio format and its tracks, in channel order.
    public var format: MediaFormat
    /// The tracks, in channel order.
    public var tracks: [TrackID]
    /// What was paused and excluded, with call positions.
    public var timeline: RecordingTimeline?
    /// Whether consent was withdrawn and the captured audio set apart: only a legal obligation may
    /// reach it.
    public var isQuarantined: Bool
    /// Host tags (line of business markers, campaign names).
    public var tags: Set<String>
    /// The line of business (retention policies may select by it).
    public var lineOfBusiness: String?
    /// Retention regimes the host declared apply.
    public var declaredRegimes: [RetentionRuleID]

    /// Describes a recording.
    public init(
        id: RecordingID, callID: String, state: State, startedAt: Date, endedAt: Date? = nil, parties: [Party],
        agentID: PrincipalID? = nil, team: String? = nil, queue: String? = nil, customerID: String? = nil,
        disclosedPurposes: Set<Purpose>, sensitivity: RecordingAccessAttributes.Sensitivity = .normal,
        receipts: [SignedConsentReceipt] = [], format: MediaFormat, tracks: [TrackID],
        timeline: RecordingTimeline? = nil, isQuarantined: Bool = false, tags: Set<String> = [],
        lineOfBusiness: String? = nil, declaredRegimes: [RetentionRuleID] = []
    ) {
        self.id = id
        self.contentID = id
        self.supersededContent = []
        self.redactions = []
        self.callID = callID
        self.state = state
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.parties = parties
        self.agentID = agentID
        self.team = team
        self.queue = queue
        self.customerID = customerID
        self.disclosedPurposes = disclosedPurposes
        self.sensitivity = sensitivity
        self.receipts = receipts
        self.format = format
        self.tracks = tracks
        self.timeline = timeline
        self.isQuarantined = isQuarantined
        self.tags = tags
        self.lineOfBusiness = lineOfBusiness
        self.declaredRegimes = declaredRegimes
    }

    /// What the retention engine schedules this recording by.
    public var retentionAttributes: RecordingRetentionAttributes {
        RecordingRetentionAttributes(
            recordingID: id, startedAt: startedAt, endedAt: endedAt ?? startedAt, jurisdictions: jurisdictions,
            declaredRegimes: declaredRegimes, purposes: disclosedPurposes, tags: tags, queue: queue,
            lineOfBusiness: lineOfBusiness, customerID: customerID, agentID: agentID?.rawValue)
    }

    /// The jurisdictions of everyone on the call, without repeats, in order of appearance.
    public var jurisdictions: [Jurisdiction] {
        var seen = Set<Jurisdiction>()
        return parties.map(\.location).filter { seen.insert($0).inserted }
    }
}

public import CallVaultAccess
public import CallVaultCapture
public import CallVaultConsent
public import CallVaultCore
public import CallVaultRetention
public import Foundation

/// A recording made before CallVault, to seal into a vault as if it had been recorded live: the
/// call's facts as the archive tells them, and the operator's attestation of how its parties were
/// told and asked.
///
/// ```swift
/// let request = RecordingImport(
///     callID: "legacy-2019-000042", startedAt: archivedStart, direction: .inbound,
///     participants: [
///         ConsentParticipant(
///             party: CallParty(id: "party-1", role: .customer, location: try Jurisdiction(parsing: "US-CA")),
///             language: "en-US"),
///         ConsentParticipant(
///             party: CallParty(id: "party-2", role: .agent, location: try Jurisdiction(parsing: "US-TX"))),
///     ],
///     attestation: OperatorAttestation(
///         operator: try PrincipalID("ops.dana"), evidence: "IVR consent prompt log, 2019 archive, row 42"))
/// let recording = try await vault.importRecording(request, from: try FileByteSource(path: "call.wav"))
/// ```
public struct RecordingImport: Sendable {
    /// The recording's id (a new one unless the host has its own).
    public var recordingID: RecordingID
    /// The call's id in the archive: kept in Unicode canonical composition (NFC); never with white
    /// space around it or a character that does not print as itself (a zero-width space).
    public var callID: String
    /// When the call started (never before 1970 nor in the future; the audio must also end by now).
    public var startedAt: Date
    /// Inbound or outbound.
    public var direction: CallDirection
    /// The parties on the call, with their places (each a place the consent catalog knows) and
    /// languages. At least one.
    public var participants: [ConsentParticipant]
    /// The tracks in channel order; by default `channel-1`, `channel-2`... one per channel of the
    /// file (an archive seldom says whose voice each channel carries).
    public var tracks: [TrackID]?
    /// Retention regimes that apply (for example `mifid2` for a trading desk).
    public var declaredRegimes: [RetentionRuleID]
    /// Who attests the consent evidence, and what it is.
    public var attestation: OperatorAttestation
    /// The agent who took the call.
    public var agentID: PrincipalID?
    /// The host's customer id (subject access and erasure requests find recordings by it).
    public var customerID: String?
    /// The queue or line.
    public var queue: String?
    /// The agent's team.
    public var team: String?
    /// The line of business (retention policies may select by it).
    public var lineOfBusiness: String?
    /// How sensitive the call is.
    public var sensitivity: RecordingAccessAttributes.Sensitivity
    /// Host tags.
    public var tags: Set<String>
    /// Import a file that holds content besides its audio that a recording does not keep
    /// (metadata chunks such as `LIST`): by default such a file is refused, never trimmed in
    /// silence; when true, the dropped content is named in the `recording.imported` audit entry.
    public var droppingUnkeptContent: Bool
    /// Import even though the vault already holds a recording of the same call id. By default a
    /// second import of a call is refused, so an archive imported twice is not kept twice.
    public var allowingDuplicateCallID: Bool

    /// Describes a call to import.
    public init(
        recordingID: RecordingID = RecordingID(), callID: String, startedAt: Date, direction: CallDirection = .inbound,
        participants: [ConsentParticipant], tracks: [TrackID]? = nil, declaredRegimes: [RetentionRuleID] = [],
        attestation: OperatorAttestation, agentID: PrincipalID? = nil, customerID: String? = nil,
        queue: String? = nil, team: String? = nil, lineOfBusiness: String? = nil,
        sensitivity: RecordingAccessAttributes.Sensitivity = .normal, tags: Set<String> = [],
        droppingUnkeptContent: Bool = false, allowingDuplicateCallID: Bool = false
    ) {
        self.recordingID = recordingID
        self.callID = callID
        self.startedAt = startedAt
        self.direction = direction
        self.participants = participants
        self.tracks = tracks
        self.declaredRegimes = declaredRegimes
        self.attestation = attestation
        self.agentID = agentID
        self.customerID = customerID
        self.queue = queue
        self.team = team
        self.lineOfBusiness = lineOfBusiness
        self.sensitivity = sensitivity
        self.tags = tags
        self.droppingUnkeptContent = droppingUnkeptContent
        self.allowingDuplicateCallID = allowingDuplicateCallID
    }
}

/// An operator's word, after the fact, on how an imported call's parties were told and asked:
/// what the consent receipts of an imported recording rest on instead of a live key press.
public struct OperatorAttestation: Hashable, Sendable {
    /// The person attesting (named in every receipt and in the audit log).
    public var `operator`: PrincipalID
    /// What shows the parties were told or agreed (a prompt log, a script, a signed form), in the
    /// operator's words. Required when any party needed notice or consent.
    public var evidence: String?

    /// An attestation by `operator` of `evidence`.
    public init(operator: PrincipalID, evidence: String?) {
        self.operator = `operator`
        self.evidence = evidence
    }
}

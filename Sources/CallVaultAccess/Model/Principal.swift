public import CallVaultCore
public import Foundation

/// Someone (or something) asking to act on recordings: who they are, what roles they hold, how
/// recently and how strongly they authenticated, and which training they have completed.
public struct Principal: Hashable, Sendable, Codable {
    /// The principal's identifier.
    public var id: PrincipalID
    /// The roles held.
    public var roles: Set<Role>
    /// The team, for "same team" conditions.
    public var team: String?
    /// How the principal last authenticated.
    public var authentication: Authentication
    /// Courses completed.
    public var training: [TrainingRecord]

    /// Creates a principal.
    public init(
        id: PrincipalID, roles: Set<Role>, team: String? = nil, authentication: Authentication,
        training: [TrainingRecord] = []
    ) {
        self.id = id
        self.roles = roles
        self.team = team
        self.authentication = authentication
        self.training = training
    }

    /// Whether the principal has a completion of `course` (any version at or above
    /// `minimumVersion`, when given) that is valid at `time`.
    public func hasCurrentTraining(_ course: String, minimumVersion: Int? = nil, at time: Date) -> Bool {
        training.contains { record in
            record.course == course && record.completedAt <= time && (record.expiresAt.map { time < $0 } ?? true)
                && (minimumVersion.map { record.version >= $0 } ?? true)
        }
    }
}

/// How a principal authenticated.
public struct Authentication: Hashable, Sendable, Codable {
    /// The method, as the host's identity provider names it (`password`, `sso`, `webauthn`).
    public var method: String
    /// When.
    public var at: Date
    /// Whether a second factor was used.
    public var multiFactor: Bool

    /// Describes an authentication.
    public init(method: String, at: Date, multiFactor: Bool) {
        self.method = method
        self.at = at
        self.multiFactor = multiFactor
    }
}

/// A completed course: staff must be trained on the recording technology and the rules before
/// they reach recordings, and training expires.
public struct TrainingRecord: Hashable, Sendable, Codable {
    /// The course's identifier, such as `call-recording-privacy`.
    public var course: String
    /// The course version completed.
    public var version: Int
    /// When it was completed.
    public var completedAt: Date
    /// When it lapses; `nil` if it does not.
    public var expiresAt: Date?

    /// Records a completion.
    public init(course: String, version: Int, completedAt: Date, expiresAt: Date?) {
        self.course = course
        self.version = version
        self.completedAt = completedAt
        self.expiresAt = expiresAt
    }
}

/// What access control knows about a recording.
public struct RecordingAccessAttributes: Hashable, Sendable, Codable {
    /// The recording.
    public var recordingID: RecordingID
    /// The agent on the call.
    public var agentID: PrincipalID?
    /// The agent's team.
    public var team: String?
    /// The queue.
    public var queue: String?
    /// The purposes the customer was told about (on the call or by a later consent): access to
    /// content for any other purpose but `legal-regulatory` needs new consent.
    public var disclosedPurposes: Set<Purpose>
    /// Where the parties were.
    public var jurisdictions: [Jurisdiction]
    /// Legal holds on it.
    public var holds: [String]
    /// How sensitive it is.
    public var sensitivity: Sensitivity
    /// Whether its processing is restricted (GDPR Art. 18): only its legal obligation may reach it.
    public var isRestricted: Bool

    /// How sensitive a recording is.
    public enum Sensitivity: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
        /// An ordinary call.
        case normal
        /// Health, financial or personal details beyond the ordinary.
        case sensitive
        /// Restricted to named roles (executives, investigations).
        case restricted

        private var rank: Int {
            switch self {
            case .normal: 0
            case .sensitive: 1
            case .restricted: 2
            }
        }

        /// Orders normal < sensitive < restricted.
        public static func < (lhs: Sensitivity, rhs: Sensitivity) -> Bool { lhs.rank < rhs.rank }
    }

    /// Describes a recording.
    public init(
        recordingID: RecordingID, agentID: PrincipalID? = nil, team: String? = nil, queue: String? = nil,
        disclosedPurposes: Set<Purpose>, jurisdictions: [Jurisdiction] = [], holds: [String] = [],
        sensitivity: Sensitivity = .normal, isRestricted: Bool = false
    ) {
        self.recordingID = recordingID
        self.agentID = agentID
        self.team = team
        self.queue = queue
        self.disclosedPurposes = disclosedPurposes
        self.jurisdictions = jurisdictions
        self.holds = holds
        self.sensitivity = sensitivity
        self.isRestricted = isRestricted
    }
}

/// One request to act on a recording.
public struct AccessRequest: Hashable, Sendable {
    /// Who asks.
    public var principal: Principal
    /// To do what.
    public var action: AccessAction
    /// To which recording.
    public var recording: RecordingAccessAttributes
    /// Why.
    public var purpose: Purpose
    /// When the request is made.
    public var at: Date
    /// A written justification (required for break-glass).
    public var justification: String?
    /// The reference of the legal request being served (court order, regulator's letter).
    public var legalReference: String?
    /// Other principals who approved this request.
    public var approvals: Set<PrincipalID>

    /// Creates a request.
    public init(
        principal: Principal, action: AccessAction, recording: RecordingAccessAttributes, purpose: Purpose, at: Date,
        justification: String? = nil, legalReference: String? = nil, approvals: Set<PrincipalID> = []
    ) {
        self.principal = principal
        self.action = action
        self.recording = recording
        self.purpose = purpose
        self.at = at
        self.justification = justification
        self.legalReference = legalReference
        self.approvals = approvals
    }
}

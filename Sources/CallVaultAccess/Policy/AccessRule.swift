public import CallVaultCore

/// One rule of an access policy: for these roles, these actions, these purposes, under these
/// conditions, allow (or deny), with these obligations.
public struct AccessRule: Hashable, Sendable, Identifiable {
    /// Whether a rule allows or denies.
    public enum Effect: String, Hashable, Sendable, Codable {
        /// Allows the request when every condition holds.
        case allow
        /// Denies the request when every condition holds; a deny overrides every allow.
        case deny
    }

    /// The rule's identifier, which decisions cite.
    public let id: String
    /// Allow or deny.
    public let effect: Effect
    /// The roles it applies to; empty for every role.
    public let roles: Set<Role>
    /// The actions it covers (at least one).
    public let actions: Set<AccessAction>
    /// The purposes it covers; `nil` for every purpose.
    public let purposes: Set<Purpose>?
    /// Conditions that must all hold for the rule to take effect.
    public let conditions: [AccessCondition]
    /// What an allow obliges.
    public let obligations: AccessObligations
    /// The line of the policy file that defines it, when read from one.
    public let line: Int?

    /// Creates a rule.
    ///
    /// - Throws: ``AccessPolicyError/invalidValue(line:field:value:expected:)`` for an empty id, no
    ///   actions, or an empty set of purposes (which would match nothing: pass `nil` for every
    ///   purpose).
    public init(
        id: String, effect: Effect, roles: Set<Role> = [], actions: Set<AccessAction>, purposes: Set<Purpose>? = nil,
        conditions: [AccessCondition] = [], obligations: AccessObligations = AccessObligations(), line: Int? = nil
    ) throws {
        try self.init(
            validating: id, effect: effect, roles: roles, actions: actions, purposes: purposes,
            conditions: conditions, obligations: obligations, line: line)
    }

    /// Creates a rule as ``init(id:effect:roles:actions:purposes:conditions:obligations:line:)``
    /// does, throwing its one error type for the package's typed callers.
    package init(
        validating id: String, effect: Effect, roles: Set<Role>, actions: Set<AccessAction>, purposes: Set<Purpose>?,
        conditions: [AccessCondition], obligations: AccessObligations, line: Int?
    ) throws(AccessPolicyError) {
        guard !id.trimmingSpaces().isEmpty else {
            throw AccessPolicyError.invalidValue(line: line, field: "id", value: "'\(id)'", expected: "a rule id")
        }
        guard !actions.isEmpty else {
            throw AccessPolicyError.invalidValue(
                line: line, field: "actions", value: "an empty list", expected: "at least one action")
        }
        guard purposes.map({ !$0.isEmpty }) ?? true else {
            throw AccessPolicyError.invalidValue(
                line: line, field: "purposes", value: "an empty list",
                expected: "at least one purpose (nil, or no \"purposes\" field, for every purpose)")
        }
        self.id = id
        self.effect = effect
        self.roles = roles
        self.actions = actions
        self.purposes = purposes
        self.conditions = conditions
        self.obligations = obligations
        self.line = line
    }
}

/// A condition a rule puts on a request.
public enum AccessCondition: Hashable, Sendable, CustomStringConvertible {
    /// The principal is the agent on the recording.
    case ownRecordingsOnly
    /// The principal is on the recording's team.
    case sameTeam
    /// The principal's training in `course` (at least `minimumVersion`) is current.
    case trainingCurrent(course: String, minimumVersion: Int?)
    /// The principal authenticated with a second factor within `minutes`.
    case multiFactorWithin(minutes: Int)
    /// The request is made between these UTC hours (`fromHour` included, `toHour` not; a window
    /// may wrap past midnight).
    case timeWindow(fromHour: Int, toHour: Int)
    /// The request names a legal request reference.
    case legalReference
    /// The request carries a written justification.
    case justification
    /// At least `count` principals other than the requester approved it. People are counted, not
    /// spellings: an approval by the requester under another spelling of their id (another case,
    /// Unicode form or width, see `PrincipalID.isSamePrincipal(as:)`) does not count, one approver
    /// spelled two ways counts once, and an approver whose id is not valid counts for nobody.
    case approvals(count: Int)
    /// The recording is at most this sensitive.
    case maximumSensitivity(RecordingAccessAttributes.Sensitivity)
    /// The recording came through one of these queues.
    case queues(Set<String>)

    /// Why the condition does not hold for `request`, or `nil` if it does.
    func failure(for request: AccessRequest) -> String? {
        switch self {
        case .ownRecordingsOnly:
            return request.recording.agentID == request.principal.id
                ? nil : "the recording is not the principal's own call"
        case .sameTeam:
            guard let team = request.principal.team else { return "the principal has no team" }
            guard let recordingTeam = request.recording.team else { return "the recording has no team" }
            return team == recordingTeam ? nil : "the recording belongs to another team"
        case .trainingCurrent(let course, let version):
            return request.principal.hasCurrentTraining(course, minimumVersion: version, at: request.at)
                ? nil : "training '\(course)'\(version.map { " (version \($0) or later)" } ?? "") is missing or expired"
        case .multiFactorWithin(let minutes):
            let authentication = request.principal.authentication
            let age = request.at.timeIntervalSince(authentication.at)
            guard authentication.multiFactor, age >= 0, age <= Double(minutes) * 60 else {
                return "no multi-factor authentication in the last \(minutes) minutes"
            }
            return nil
        case .timeWindow(let from, let to):
            let hours = Int((request.at.timeIntervalSince1970 / 3600).rounded(.down))
            let hour = (hours % 24 + 24) % 24
            let inside = from <= to ? (hour >= from && hour < to) : (hour >= from || hour < to)
            return inside ? nil : "outside the permitted hours \(from):00 to \(to):00 UTC"
        case .legalReference:
            return (request.legalReference?.isBlank ?? true)
                ? "no legal request reference was given" : nil
        case .justification:
            return (request.justification?.isBlank ?? true)
                ? "no written justification was given" : nil
        case .approvals(let count):
            let others = Self.otherApprovers(of: request).count
            return others >= count ? nil : "\(others) of \(count) required approvals by other principals"
        case .maximumSensitivity(let level):
            return request.recording.sensitivity <= level
                ? nil : "the recording is \(request.recording.sensitivity.rawValue), above \(level.rawValue)"
        case .queues(let queues):
            return request.recording.queue.map(queues.contains) ?? false ? nil : "the recording's queue is not covered"
        }
    }

    /// The distinct people other than the requester who approved `request`, by
    /// `PrincipalID.comparisonKey`; approvals by ids that are not valid are left out.
    static func otherApprovers(of request: AccessRequest) -> Set<String> {
        guard !request.approvals.isEmpty else { return [] }
        let requester = request.principal.id.comparisonKey
        var others = Set<String>(minimumCapacity: request.approvals.count)
        for approval in request.approvals where approval.isValid {
            let key = approval.comparisonKey
            if key != requester { others.insert(key) }
        }
        return others
    }

    /// The condition in words.
    public var description: String {
        switch self {
        case .ownRecordingsOnly: "own recordings only"
        case .sameTeam: "same team"
        case .trainingCurrent(let course, let version):
            "training '\(course)' current\(version.map { " (version \($0)+)" } ?? "")"
        case .multiFactorWithin(let minutes): "multi-factor authentication within \(minutes) minutes"
        case .timeWindow(let from, let to): "between \(from):00 and \(to):00 UTC"
        case .legalReference: "a legal request reference"
        case .justification: "a written justification"
        case .approvals(let count): "approval by \(count) other principal\(count == 1 ? "" : "s")"
        case .maximumSensitivity(let level): "sensitivity at most \(level.rawValue)"
        case .queues(let queues): "queue in \(queues.sorted().joined(separator: ", "))"
        }
    }
}

/// What an allow obliges the host and the grant to do.
public struct AccessObligations: Hashable, Sendable, Codable {
    /// How long the grant lives.
    public var grantLifetime: Duration
    /// Whether the grant may be used once only.
    public var singleUse: Bool
    /// Whether exported copies must carry a watermark naming the principal.
    public var watermark: Bool
    /// Whether compliance must be told.
    public var notifyCompliance: Bool

    /// Creates obligations; by default a five-minute, single-use grant.
    public init(
        grantLifetime: Duration = .seconds(300), singleUse: Bool = true, watermark: Bool = false,
        notifyCompliance: Bool = false
    ) {
        self.grantLifetime = grantLifetime
        self.singleUse = singleUse
        self.watermark = watermark
        self.notifyCompliance = notifyCompliance
    }
}

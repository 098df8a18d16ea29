public import CallVaultCore
public import Foundation

/// Identifies a legal hold.
public struct LegalHoldID: Hashable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The identifier.
    public let rawValue: String

    /// Wraps an identifier.
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// Wraps a literal identifier.
    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    /// A new random identifier.
    public static func random() -> LegalHoldID {
        LegalHoldID("hold-" + UUID().uuidString.lowercased())
    }

    /// The identifier.
    public var description: String { rawValue }

    /// Encodes as the identifier.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Decodes from the identifier.
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }
}

/// Which recordings a legal hold covers. There is no cap on how many.
public enum LegalHoldScope: Hashable, Sendable, Codable {
    /// These recordings.
    case recordings(Set<RecordingID>)
    /// Every recording of this customer.
    case customer(String)
    /// Every recording of this agent.
    case agent(String)
    /// Every recording whose call overlaps this window.
    case timeWindow(from: Date, until: Date)
    /// Every recording the query matches.
    case query(RetentionQuery)

    /// Whether the scope covers the recording.
    public func covers(_ recording: RecordingRetentionAttributes) -> Bool {
        switch self {
        case .recordings(let ids): ids.contains(recording.recordingID)
        case .customer(let customer): recording.customerID == customer
        case .agent(let agent): recording.agentID == agent
        case .timeWindow(let from, let until): recording.startedAt < until && recording.endedAt >= from
        case .query(let query): query.matches(recording)
        }
    }
}

/// A legal hold: recordings relevant to a matter (litigation, an investigation, a regulator's
/// inquiry) that must not be deleted until the hold is released, whatever their schedule says.
///
/// A hold is a value that changes only through its release steps, each of which returns the next
/// state or a typed error: a release is requested by one authorised principal and approved by a
/// second, different one. Holds are persisted through ``RetentionStore`` by ``LegalHoldRegistry``.
public struct LegalHold: Hashable, Sendable, Codable, Identifiable {
    /// The hold's identifier.
    public let id: LegalHoldID
    /// The matter it serves, for example "Smith v. Acme Bank, case 24-1187".
    public let matter: String
    /// Why the recordings are held.
    public let reason: String
    /// Who placed the hold.
    public let placedBy: PrincipalID
    /// When.
    public let placedAt: Date
    /// Which recordings it covers.
    public let scope: LegalHoldScope
    /// The first step of a release, once requested.
    public private(set) var releaseRequest: ReleaseRequest?
    /// The approval that released the hold, once given.
    public private(set) var release: Release?
    /// How many releases have been requested, withdrawn ones included.
    public private(set) var releaseRequestCount = 0

    /// The first step of a release: who asked, when, and why.
    public struct ReleaseRequest: Hashable, Sendable, Codable {
        /// Which request this is on its hold, from 1 (earlier ones were withdrawn).
        public let number: Int
        /// Who asked for the release.
        public let requestedBy: PrincipalID
        /// When.
        public let requestedAt: Date
        /// Why the hold is no longer needed.
        public let reason: String
    }

    /// The second step: who approved the release, and when.
    public struct Release: Hashable, Sendable, Codable {
        /// Who approved the release (never the requester).
        public let approvedBy: PrincipalID
        /// When the hold stopped applying.
        public let releasedAt: Date
    }

    /// Creates an active hold.
    ///
    /// - Throws: ``LegalHoldError/missingField(_:)`` when the matter or reason is empty.
    public init(
        id: LegalHoldID = .random(), matter: String, reason: String, placedBy: PrincipalID, placedAt: Date,
        scope: LegalHoldScope
    ) throws {
        guard !matter.trimmingSpaces().isEmpty else { throw LegalHoldError.missingField("matter") }
        guard !reason.trimmingSpaces().isEmpty else { throw LegalHoldError.missingField("reason") }
        if case .timeWindow(let from, let until) = scope, from > until {
            throw LegalHoldError.invalidScope("the time window ends before it starts")
        }
        self.id = id
        self.matter = matter
        self.reason = reason
        self.placedBy = placedBy
        self.placedAt = placedAt
        self.scope = scope
    }

    /// Whether the hold still suspends deletion.
    public var isActive: Bool { release == nil }

    /// Whether the hold is active and covers the recording.
    public func holds(_ recording: RecordingRetentionAttributes) -> Bool {
        isActive && scope.covers(recording)
    }

    /// The hold with a release requested.
    ///
    /// - Throws: ``LegalHoldError/alreadyReleased(_:)``, ``LegalHoldError/releaseAlreadyRequested(_:by:)``,
    ///   or ``LegalHoldError/missingField(_:)`` for an empty reason.
    public func requestingRelease(by principal: PrincipalID, at time: Date, reason: String) throws
        -> LegalHold
    {
        guard isActive else { throw LegalHoldError.alreadyReleased(id) }
        if let releaseRequest { throw LegalHoldError.releaseAlreadyRequested(id, by: releaseRequest.requestedBy) }
        guard !reason.trimmingSpaces().isEmpty else { throw LegalHoldError.missingField("release reason") }
        var next = self
        next.releaseRequestCount += 1
        next.releaseRequest = ReleaseRequest(
            number: next.releaseRequestCount, requestedBy: principal, requestedAt: time, reason: reason)
        return next
    }

    /// The hold released by a second principal's approval.
    ///
    /// - Throws: ``LegalHoldError/releaseNotRequested(_:)`` before a request,
    ///   ``LegalHoldError/approverIsRequester(_:principal:)`` when the requester approves their own
    ///   request (under any spelling of their id, see `PrincipalID.isSamePrincipal(as:)`), ``LegalHoldError/alreadyReleased(_:)``.
    public func approvingRelease(by principal: PrincipalID, at time: Date) throws -> LegalHold {
        guard isActive else { throw LegalHoldError.alreadyReleased(id) }
        guard let releaseRequest else { throw LegalHoldError.releaseNotRequested(id) }
        // People, not spellings: the requester under another case or Unicode form of their id is
        // still the requester.
        guard !releaseRequest.requestedBy.isSamePrincipal(as: principal) else {
            throw LegalHoldError.approverIsRequester(id, principal: principal)
        }
        var next = self
        next.release = Release(approvedBy: principal, releasedAt: max(time, releaseRequest.requestedAt))
        return next
    }

    /// The hold with a pending release request withdrawn (by anyone authorised): it stays active.
    ///
    /// - Throws: ``LegalHoldError/releaseNotRequested(_:)``, ``LegalHoldError/alreadyReleased(_:)``.
    public func withdrawingReleaseRequest() throws -> LegalHold {
        guard isActive else { throw LegalHoldError.alreadyReleased(id) }
        guard releaseRequest != nil else { throw LegalHoldError.releaseNotRequested(id) }
        var next = self
        next.releaseRequest = nil
        return next
    }
}

/// Errors placing and releasing legal holds.
public struct LegalHoldError: CallVaultError, Equatable, CallVaultReasonedError {
    /// The stable codes of ``LegalHoldError``.
    public struct Code: CallVaultErrorCode {
        /// The error type these codes belong to.
        public typealias Owner = LegalHoldError
        /// The code's stable text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// A required field is empty.
        public static let missingField = Code("legalhold.missing-field")
        /// The scope cannot cover anything as given.
        public static let invalidScope = Code("legalhold.invalid-scope")
        /// The principal may not place or release holds.
        public static let notAuthorised = Code("legalhold.not-authorised")
        /// No hold has this id.
        public static let unknownHold = Code("legalhold.unknown-hold")
        /// A hold with this id already exists.
        public static let duplicateHold = Code("legalhold.duplicate-hold")
        /// The hold has already been released.
        public static let alreadyReleased = Code("legalhold.already-released")
        /// A release has already been requested.
        public static let releaseAlreadyRequested = Code("legalhold.release-already-requested")
        /// Approval was attempted before any request.
        public static let releaseNotRequested = Code("legalhold.release-not-requested")
        /// The principal who requested a release tried to approve it.
        public static let approverIsRequester = Code("legalhold.approver-is-requester")

        /// Every code of this type.
        public static let all: [Code] = [
            missingField, invalidScope, notAuthorised, unknownHold, duplicateHold, alreadyReleased,
            releaseAlreadyRequested, releaseNotRequested, approverIsRequester,
        ]
    }

    /// What happened, with its details; the package's own code switches over it.
    package enum Reason: Equatable, Sendable {
        /// A required field is empty.
        case missingField(String)
        /// The scope cannot cover anything as given.
        case invalidScope(String)
        /// The principal may not place or release holds.
        case notAuthorised(PrincipalID)
        /// No hold has this id.
        case unknownHold(LegalHoldID)
        /// A hold with this id already exists.
        case duplicateHold(LegalHoldID)
        /// The hold has already been released.
        case alreadyReleased(LegalHoldID)
        /// A release has already been requested.
        case releaseAlreadyRequested(LegalHoldID, by: PrincipalID)
        /// Approval was attempted before any request.
        case releaseNotRequested(LegalHoldID)
        /// The principal who requested a release tried to approve it.
        case approverIsRequester(LegalHoldID, principal: PrincipalID)
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
        case .missingField: .missingField
        case .invalidScope: .invalidScope
        case .notAuthorised: .notAuthorised
        case .unknownHold: .unknownHold
        case .duplicateHold: .duplicateHold
        case .alreadyReleased: .alreadyReleased
        case .releaseAlreadyRequested: .releaseAlreadyRequested
        case .releaseNotRequested: .releaseNotRequested
        case .approverIsRequester: .approverIsRequester
        }
    }

    /// A sentence naming the hold and what to do.
    public var message: String {
        switch reason {
        case .missingField(let field):
            "A legal hold needs a \(field); give one so the hold can be explained later."
        case .invalidScope(let reason):
            "A legal hold's scope is invalid: \(reason); fix the scope so the hold covers what it should."
        case .notAuthorised(let principal):
            "\(principal) is not authorised to place or release legal holds; ask a legal-hold officer."
        case .unknownHold(let id):
            "There is no legal hold \(id); list the active holds to find its id."
        case .duplicateHold(let id):
            "A legal hold \(id) already exists; holds are never replaced, so place a new one with another id."
        case .alreadyReleased(let id):
            "Legal hold \(id) has already been released; place a new hold if the recordings must be held again."
        case .releaseAlreadyRequested(let id, let by):
            "A release of legal hold \(id) was already requested by \(by); a second, different officer must approve it."
        case .releaseNotRequested(let id):
            "No release of legal hold \(id) has been requested; one officer requests the release, a second approves it."
        case .approverIsRequester(let id, let principal):
            "\(principal) requested the release of legal hold \(id) and cannot also approve it; a second, different officer must."
        }
    }

    /// A required field is empty.
    public static func missingField(_ text: String) -> LegalHoldError { LegalHoldError(.missingField(text)) }
    /// The code for ``missingField(_:)``, for `catch LegalHoldError.missingField`.
    public static let missingField = Code.missingField

    /// The scope cannot cover anything as given.
    public static func invalidScope(_ text: String) -> LegalHoldError { LegalHoldError(.invalidScope(text)) }
    /// The code for ``invalidScope(_:)``, for `catch LegalHoldError.invalidScope`.
    public static let invalidScope = Code.invalidScope

    /// The principal may not place or release holds.
    public static func notAuthorised(_ principalID: PrincipalID) -> LegalHoldError {
        LegalHoldError(.notAuthorised(principalID))
    }
    /// The code for ``notAuthorised(_:)``, for `catch LegalHoldError.notAuthorised`.
    public static let notAuthorised = Code.notAuthorised

    /// No hold has this id.
    public static func unknownHold(_ legalHoldID: LegalHoldID) -> LegalHoldError {
        LegalHoldError(.unknownHold(legalHoldID))
    }
    /// The code for ``unknownHold(_:)``, for `catch LegalHoldError.unknownHold`.
    public static let unknownHold = Code.unknownHold

    /// A hold with this id already exists.
    public static func duplicateHold(_ legalHoldID: LegalHoldID) -> LegalHoldError {
        LegalHoldError(.duplicateHold(legalHoldID))
    }
    /// The code for ``duplicateHold(_:)``, for `catch LegalHoldError.duplicateHold`.
    public static let duplicateHold = Code.duplicateHold

    /// The hold has already been released.
    public static func alreadyReleased(_ legalHoldID: LegalHoldID) -> LegalHoldError {
        LegalHoldError(.alreadyReleased(legalHoldID))
    }
    /// The code for ``alreadyReleased(_:)``, for `catch LegalHoldError.alreadyReleased`.
    public static let alreadyReleased = Code.alreadyReleased

    /// A release has already been requested.
    public static func releaseAlreadyRequested(_ legalHoldID: LegalHoldID, by: PrincipalID) -> LegalHoldError {
        LegalHoldError(.releaseAlreadyRequested(legalHoldID, by: by))
    }
    /// The code for ``releaseAlreadyRequested(_:by:)``, for `catch LegalHoldError.releaseAlreadyRequested`.
    public static let releaseAlreadyRequested = Code.releaseAlreadyRequested

    /// Approval was attempted before any request.
    public static func releaseNotRequested(_ legalHoldID: LegalHoldID) -> LegalHoldError {
        LegalHoldError(.releaseNotRequested(legalHoldID))
    }
    /// The code for ``releaseNotRequested(_:)``, for `catch LegalHoldError.releaseNotRequested`.
    public static let releaseNotRequested = Code.releaseNotRequested

    /// The principal who requested a release tried to approve it.
    public static func approverIsRequester(_ legalHoldID: LegalHoldID, principal: PrincipalID) -> LegalHoldError {
        LegalHoldError(.approverIsRequester(legalHoldID, principal: principal))
    }
    /// The code for ``approverIsRequester(_:principal:)``, for `catch LegalHoldError.approverIsRequester`.
    public static let approverIsRequester = Code.approverIsRequester
}

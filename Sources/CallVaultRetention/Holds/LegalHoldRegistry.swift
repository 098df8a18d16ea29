public import CallVaultCore
import Foundation

/// Decides who may place and release legal holds. The access-control module implements it from
/// its roles; ``LegalHoldOfficers`` is a fixed list.
public protocol LegalHoldAuthoriser: Sendable {
    /// Whether `principal` may place, and take part in releasing, legal holds.
    func mayManageLegalHolds(_ principal: PrincipalID) async -> Bool
}

/// A fixed set of principals who may manage legal holds.
public struct LegalHoldOfficers: LegalHoldAuthoriser {
    /// The officers.
    public let principals: Set<PrincipalID>

    /// Creates the set.
    public init(_ principals: Set<PrincipalID>) {
        self.principals = principals
    }

    /// Whether `principal` is one of the officers.
    public func mayManageLegalHolds(_ principal: PrincipalID) async -> Bool {
        principals.contains(principal)
    }
}

/// Places and releases legal holds through a ``RetentionStore``, checking authority and reporting
/// each step to the audit sink.
///
/// ```swift
/// let registry = LegalHoldRegistry(store: store, authoriser: officers, audit: auditLog, clock: SystemWallClock())
/// let hold = try await registry.place(
///     matter: "Smith v. Acme Bank", reason: "complaint escalated to litigation",
///     scope: .customer("C-1042"), by: "legal.alice")
/// try await registry.requestRelease(hold.id, by: "legal.alice", reason: "case settled")
/// try await registry.approveRelease(hold.id, by: "legal.bob")     // a second officer
/// ```
public struct LegalHoldRegistry: Sendable {
    let store: any RetentionStore
    let authoriser: any LegalHoldAuthoriser
    let audit: any RetentionAuditSink
    let clock: any WallClock

    /// Creates a registry.
    public init(
        store: any RetentionStore, authoriser: any LegalHoldAuthoriser, audit: any RetentionAuditSink,
        clock: any WallClock
    ) {
        self.store = store
        self.authoriser = authoriser
        self.audit = audit
        self.clock = clock
    }

    /// Places a hold.
    ///
    /// Retrying after a failure is safe: placing the same hold (same id, matter, reason, scope and
    /// principal) again reports its audit event again and returns the stored hold.
    ///
    /// - Throws: ``LegalHoldError/notAuthorised(_:)``, ``LegalHoldError/missingField(_:)``,
    ///   ``LegalHoldError/duplicateHold(_:)`` for another hold with this id, or the store's error.
    @discardableResult
    public func place(
        id: LegalHoldID = .random(), matter: String, reason: String, scope: LegalHoldScope, by principal: PrincipalID
    ) async throws -> LegalHold {
        try await authorise(principal)
        var hold = try LegalHold(
            id: id, matter: matter, reason: reason, placedBy: principal, placedAt: clock.now, scope: scope)
        func sameHold(_ stored: LegalHold) -> Bool {
            stored.matter == matter && stored.reason == reason && stored.scope == scope && stored.placedBy == principal
        }
        if let stored = try await store.hold(id) {
            guard sameHold(stored) else { throw LegalHoldError.duplicateHold(id) }
            hold = stored
        } else {
            do {
                try await store.save(hold, replacing: nil)
            } catch RetentionStoreError.holdChanged {
                // Placed meanwhile: the same hold (a retry racing itself) is fine, another is not.
                guard let stored = try await store.hold(id), sameHold(stored) else {
                    throw LegalHoldError.duplicateHold(id)
                }
                hold = stored
            }
        }
        try await audit.record(
            RetentionAuditEvent(
                id: "hold-placed:\(id)", action: .holdPlaced, at: hold.placedAt, actor: principal, holdID: id,
                detail: "Legal hold placed for \(matter): \(reason)."))
        return hold
    }

    /// Requests the release of a hold (the first of two steps). Retrying the same request is safe.
    @discardableResult
    public func requestRelease(_ id: LegalHoldID, by principal: PrincipalID, reason: String) async throws -> LegalHold {
        try await authorise(principal)
        var hold = try await existing(id)
        if let request = hold.releaseRequest, hold.isActive, request.requestedBy == principal, request.reason == reason
        {
            // A retry after a failure between saving and auditing: report the event again.
        } else {
            let current = hold
            hold = try current.requestingRelease(by: principal, at: clock.now, reason: reason)
            try await store.save(hold, replacing: current)
        }
        let requestedAt = hold.releaseRequest?.requestedAt ?? clock.now
        try await audit.record(
            RetentionAuditEvent(
                id: "hold-release-requested:\(id):\(hold.releaseRequest?.number ?? 0)", action: .holdReleaseRequested,
                at: requestedAt, actor: principal, holdID: id, detail: "Release requested: \(reason)."))
        return hold
    }

    /// Withdraws a pending release request; the hold stays active.
    @discardableResult
    public func withdrawReleaseRequest(_ id: LegalHoldID, by principal: PrincipalID) async throws -> LegalHold {
        try await authorise(principal)
        let current = try await existing(id)
        let withdrawn = current.releaseRequest
        let hold = try current.withdrawingReleaseRequest()
        try await store.save(hold, replacing: current)
        try await audit.record(
            RetentionAuditEvent(
                id: "hold-release-withdrawn:\(id):\(withdrawn?.number ?? 0)",
                action: .holdReleaseWithdrawn, at: clock.now, actor: principal, holdID: id,
                detail: "Release request by \(withdrawn?.requestedBy.rawValue ?? "unknown") withdrawn."))
        return hold
    }

    /// Approves a requested release (the second step), by a principal other than the requester.
    /// From then on the hold no longer suspends deletion. Retrying the same approval is safe.
    @discardableResult
    public func approveRelease(_ id: LegalHoldID, by principal: PrincipalID) async throws -> LegalHold {
        try await authorise(principal)
        var hold = try await existing(id)
        if let release = hold.release, release.approvedBy == principal {
            // A retry after a failure between saving and auditing: report the event again.
        } else {
            let current = hold
            hold = try current.approvingRelease(by: principal, at: clock.now)
            try await store.save(hold, replacing: current)
        }
        try await audit.record(
            RetentionAuditEvent(
                id: "hold-released:\(id)", action: .holdReleased, at: hold.release?.releasedAt ?? clock.now,
                actor: principal, holdID: id,
                detail: "Release approved; requested by \(hold.releaseRequest?.requestedBy.rawValue ?? "unknown")."))
        return hold
    }

    /// The active holds that cover a recording.
    public func holds(covering recording: RecordingRetentionAttributes) async throws -> [LegalHold] {
        try await store.activeHolds().filter { $0.holds(recording) }
    }

    private func authorise(_ principal: PrincipalID) async throws {
        guard await authoriser.mayManageLegalHolds(principal) else { throw LegalHoldError.notAuthorised(principal) }
    }

    private func existing(_ id: LegalHoldID) async throws -> LegalHold {
        guard let hold = try await store.hold(id) else { throw LegalHoldError.unknownHold(id) }
        return hold
    }
}

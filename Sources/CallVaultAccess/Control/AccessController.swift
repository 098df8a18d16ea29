public import CallVaultAudit

/// Decides requests, writes every decision (allow and deny) to the audit log, and turns allows
/// into signed grants: the front door a host calls before playing, exporting or deleting.
///
/// ```swift
/// let controller = AccessController(policy: policy, issuer: issuer, audit: auditLog)
/// let outcome = try await controller.request(request)
/// guard let grant = outcome.grant else { show(outcome.decision.reasons); return }
/// let key = try await custodian.releaseDataKey(for: id, wraps: wraps, grant: grant, action: .listen)
/// ```
public struct AccessController: Sendable {
    /// The policy in force.
    public let policy: AccessPolicy
    let issuer: GrantIssuer
    let audit: AuditLog
    /// Whether decisions are written as CallVault's own (the controller of a vault a vault folder
    /// composed); a host's controller writes through the log's public `record(_:)`, which a vault
    /// folder's log refuses for CallVault's namespaces.
    let writesAsCallVault: Bool

    /// Creates a controller.
    public init(policy: AccessPolicy, issuer: GrantIssuer, audit: AuditLog) {
        self.init(policy: policy, issuer: issuer, audit: audit, writesAsCallVault: false)
    }

    /// Creates the controller of a vault a vault folder composed, writing its decisions as
    /// CallVault's own.
    package init(policy: AccessPolicy, issuer: GrantIssuer, audit: AuditLog, writesAsCallVault: Bool) {
        self.policy = policy
        self.issuer = issuer
        self.audit = audit
        self.writesAsCallVault = writesAsCallVault
    }

    /// The decision and, when allowed, a grant; the decision is in the audit log before this
    /// returns, so no grant exists without its record.
    ///
    /// The request is decided at the issuer's clock time, whatever its ``AccessRequest/at`` says:
    /// the grant is valid from now, so the conditions (a recent second factor, current training,
    /// the permitted hours) must hold now, not at some other moment the caller names. Use
    /// ``AccessPolicy/decide(_:)`` to ask about another time offline.
    ///
    /// - Throws: the audit log's error (then no grant is issued), or a signing error.
    public func request(_ request: AccessRequest) async throws -> (decision: AccessDecision, grant: SignedAccessGrant?)
    {
        var request = request
        request.at = issuer.clock.now
        let decision = policy.decide(request)
        let record = Self.auditRecord(for: decision)
        if writesAsCallVault {
            try await audit.recordAsCallVault(record)
        } else {
            try await audit.record(record)
        }
        let grant = decision.isAllowed ? try issuer.issue(for: decision) : nil
        return (decision, grant)
    }

    /// How a decision is written to the audit log: `access.<action>`, allowed or denied, with its
    /// reasons; break-glass always says so.
    public static func auditRecord(for decision: AccessDecision) -> AuditRecord {
        let action = (try? AuditAction("access.\(decision.action.identifier)")) ?? .accessDecision
        var reasons = decision.reasons.map(\.description)
        reasons.append("policy \(decision.policyVersion)")
        if decision.isBreakGlass { reasons.insert("BREAK-GLASS", at: 0) }
        return AuditRecord(
            actor: decision.principal, action: action, target: AuditRecord.target(decision.recordingID),
            purpose: decision.purpose, outcome: decision.isAllowed ? .allowed : .denied, reasons: reasons)
    }
}

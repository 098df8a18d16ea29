public import CallVaultCore
public import Foundation

/// The answer to an access request, with its reasons and, for an allow, its obligations.
public struct AccessDecision: Hashable, Sendable, CustomStringConvertible {
    /// Whether the request is allowed.
    public let isAllowed: Bool
    /// The request's principal.
    public let principal: PrincipalID
    /// The action asked for.
    public let action: AccessAction
    /// The recording.
    public let recordingID: RecordingID
    /// The purpose given.
    public let purpose: Purpose
    /// When the request was decided.
    public let decidedAt: Date
    /// The rule that allowed it, or the deny rule that refused it.
    public let decidingRule: String?
    /// Every reason: the rules that decided and the conditions that failed.
    public let reasons: [AccessReason]
    /// What the allow obliges (for a denial, the defaults).
    public let obligations: AccessObligations
    /// Whether this was break-glass access, which is always flagged.
    public let isBreakGlass: Bool
    /// The version of the policy that decided.
    public let policyVersion: String

    /// When a grant for this decision lapses, counted from the decision's time: the "expires at"
    /// obligation. `nil` for a denial.
    public var expiresAt: Date? {
        guard isAllowed else { return nil }
        let (seconds, attoseconds) = obligations.grantLifetime.components
        return decidedAt.addingTimeInterval(Double(seconds) + Double(attoseconds) / 1e18)
    }

    /// One line: the outcome and every reason.
    public var description: String {
        "\(isAllowed ? "ALLOW" : "DENY") \(principal) \(action) \(recordingID) for \(purpose): \(reasons.map(\.description).joined(separator: "; "))"
    }
}

/// One reason behind a decision.
public enum AccessReason: Hashable, Sendable, CustomStringConvertible {
    /// The rule allowed the request.
    case allowedBy(rule: String)
    /// The deny rule refused it.
    case deniedBy(rule: String)
    /// A rule would have applied but a condition failed.
    case conditionFailed(rule: String, condition: AccessCondition, detail: String)
    /// The purpose was not among those the customer was told about.
    case needsNewConsent(purpose: Purpose, disclosed: [Purpose])
    /// The recording's processing is restricted to its legal obligation.
    case restricted(purpose: Purpose)
    /// No rule allows the action for the principal's roles and the purpose.
    case noRuleAllows
    /// Break-glass asked without a written justification.
    case breakGlassWithoutJustification
    /// Break-glass access, with its justification.
    case breakGlass(justification: String)
    /// Deleting was asked for a recording under these legal holds.
    case underLegalHold(holds: [String])

    /// A sentence.
    public var description: String {
        switch self {
        case .allowedBy(let rule): "allowed by rule \(rule)"
        case .deniedBy(let rule): "denied by rule \(rule)"
        case .conditionFailed(let rule, let condition, let detail): "rule \(rule) needs \(condition): \(detail)"
        case .needsNewConsent(let purpose, let disclosed):
            "needs new consent: the customer was told of \(disclosed.isEmpty ? "no purposes" : disclosed.map(\.identifier).joined(separator: ", ")), not \(purpose)"
        case .restricted(let purpose):
            "the recording is restricted (GDPR Art. 18) to its legal obligation, so it cannot be used for \(purpose)"
        case .noRuleAllows: "no rule allows this action for the principal's roles and this purpose"
        case .breakGlassWithoutJustification: "break-glass access needs a written justification"
        case .breakGlass(let justification): "BREAK-GLASS, flagged for review: \(justification)"
        case .underLegalHold(let holds):
            "the recording is under legal hold (\(holds.joined(separator: ", "))): it cannot be deleted until every hold is released"
        }
    }
}

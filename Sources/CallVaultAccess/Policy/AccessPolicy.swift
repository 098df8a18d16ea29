public import CallVaultCore
public import Foundation

/// A set of access rules under a version label, compiled for fast decisions: deny by default, an
/// explicit deny overrides any allow, a purpose the customer was not told about is denied as
/// needing new consent, and break-glass needs a written justification and is always flagged.
///
/// Besides the rules, three refusals are built in: content (audio or transcript) for a purpose
/// the customer was not told about, content of a restricted recording for anything but its legal
/// obligation, and deleting a recording under a legal hold. A `legal-regulatory` request (a court
/// order, a regulator's demand) is a legal obligation, not a new use, so the first refusal does
/// not apply to it; the rules still do.
///
/// ```swift
/// let policy = try AccessPolicy(json: policyFile)
/// let decision = policy.decide(AccessRequest(
///     principal: maria, action: .listen, recording: recording, purpose: .quality, at: .now))
/// ```
public struct AccessPolicy: Sendable {
    /// The policy's version label, which every decision records.
    public let version: String
    /// The rules, in the order given.
    public let rules: [AccessRule]
    /// Rule indexes by action, then by role, in rule order: a decision looks only at the rules
    /// for its action that name one of the principal's roles or every role.
    private let byAction: [AccessAction: ActionRules]

    /// Creates a policy.
    ///
    /// - Throws: ``AccessPolicyError/duplicateRule(id:line:firstLine:)`` for two rules with one id,
    ///   ``AccessPolicyError/missingVersion`` for an empty version.
    public init(version: String, rules: [AccessRule]) throws {
        guard !version.trimmingSpaces().isEmpty else { throw AccessPolicyError.missingVersion }
        var seen: [String: Int?] = [:]
        for rule in rules {
            if let first = seen[rule.id] {
                throw AccessPolicyError.duplicateRule(id: rule.id, line: rule.line, firstLine: first)
            }
            seen[rule.id] = rule.line
        }
        var byAction: [AccessAction: ActionRules] = [:]
        for (index, rule) in rules.enumerated() {
            for action in rule.actions {
                if rule.roles.isEmpty {
                    byAction[action, default: ActionRules()].everyRole.append(index)
                } else {
                    for role in rule.roles {
                        byAction[action, default: ActionRules()].byRole[role, default: []].append(index)
                    }
                }
            }
        }
        self.version = version
        self.rules = rules
        self.byAction = byAction
    }

    /// Decides one request.
    public func decide(_ request: AccessRequest) -> AccessDecision {
        var reasons: [AccessReason] = []
        var refused = false
        var decidingRule: String?
        let action = request.action
        // A legal obligation (a court order, a regulator's demand) does not rest on the customer's
        // consent (GDPR Art. 6(1)(c), 17(3)(b) and (e)), so it is not a new use to consent to: the
        // rules (legal reference, approvals) still decide it.
        if action.reachesContent, request.purpose != .legalOrRegulatory,
            !request.recording.disclosedPurposes.contains(request.purpose)
        {
            reasons.append(
                .needsNewConsent(
                    purpose: request.purpose,
                    disclosed: request.recording.disclosedPurposes.sorted { $0.identifier < $1.identifier }))
            refused = true
        }
        if action.reachesContent, request.recording.isRestricted, request.purpose != .legalOrRegulatory {
            reasons.append(.restricted(purpose: request.purpose))
            refused = true
        }
        if action == .delete, !request.recording.holds.isEmpty {
            reasons.append(.underLegalHold(holds: request.recording.holds))
            refused = true
        }
        let isBreakGlass = action == .breakGlass
        if isBreakGlass {
            if let justification = request.justification?.trimmingSpaces(), !justification.isEmpty {
                reasons.append(.breakGlass(justification: justification))
            } else {
                reasons.append(.breakGlassWithoutJustification)
                refused = true
            }
        }

        var allowing: AccessRule?
        var denying: AccessRule?
        var failures: [AccessReason] = []
        // Every candidate is looked at, because a deny anywhere overrides an allow found earlier.
        for index in byAction[action]?.candidates(for: request.principal.roles) ?? [] {
            let rule = rules[index]
            guard rule.purposes.map({ $0.contains(request.purpose) }) ?? true else { continue }
            if rule.effect == .deny {
                // A deny whose condition fails simply does not apply.
                guard rule.conditions.allSatisfy({ $0.failure(for: request) == nil }) else { continue }
                denying = rule
                break
            }
            // Every failed condition of an allow rule explains a refusal, not just the first.
            var failed = false
            for condition in rule.conditions {
                if let detail = condition.failure(for: request) {
                    failed = true
                    failures.append(.conditionFailed(rule: rule.id, condition: condition, detail: detail))
                }
            }
            if !failed, allowing == nil { allowing = rule }
        }
        if let denying {
            reasons.append(.deniedBy(rule: denying.id))
            decidingRule = denying.id
            refused = true
        }
        if let allowing, !refused {
            reasons.insert(.allowedBy(rule: allowing.id), at: 0)
            decidingRule = allowing.id
        } else {
            reasons += failures
            if allowing == nil, denying == nil, failures.isEmpty { reasons.append(.noRuleAllows) }
        }
        let isAllowed = allowing != nil && !refused
        var obligations = isAllowed ? allowing?.obligations ?? AccessObligations() : AccessObligations()
        if isBreakGlass { obligations.notifyCompliance = true }
        return AccessDecision(
            isAllowed: isAllowed, principal: request.principal.id, action: action,
            recordingID: request.recording.recordingID, purpose: request.purpose, decidedAt: request.at,
            decidingRule: decidingRule, reasons: reasons, obligations: obligations, isBreakGlass: isBreakGlass,
            policyVersion: version)
    }

    /// Which of `principals` the policy would allow to take `action` on `recording` for `purpose`
    /// at `time`, with each decision: the offline answer to "who can listen to this call for
    /// training?".
    public func principals(
        allowedTo action: AccessAction, recording: RecordingAccessAttributes, purpose: Purpose,
        among principals: [Principal], at time: Date
    ) -> [AccessDecision] {
        principals.map { principal in
            decide(
                AccessRequest(principal: principal, action: action, recording: recording, purpose: purpose, at: time))
        }.filter(\.isAllowed)
    }
}

/// The rules for one action, by the roles they name, so a decision against a large policy looks
/// at a handful of rules instead of every rule for the action.
struct ActionRules: Sendable {
    /// Indexes of the rules naming each role, in rule order.
    var byRole: [Role: [Int]] = [:]
    /// Indexes of the rules for every role, in rule order.
    var everyRole: [Int] = []

    /// The indexes of the rules that apply to a principal holding `roles`, in rule order, each once.
    func candidates(for roles: Set<Role>) -> [Int] {
        var merged = everyRole
        var needsMerge = false
        for role in roles {
            guard let named = byRole[role] else { continue }
            if merged.isEmpty {
                merged = named
            } else {
                merged += named
                needsMerge = true
            }
        }
        guard needsMerge else { return merged }
        // A rule naming two of the principal's roles appears twice.
        merged.sort()
        var kept = 0
        for index in merged.indices where kept == 0 || merged[index] != merged[kept - 1] {
            merged[kept] = merged[index]
            kept += 1
        }
        merged.removeLast(merged.count - kept)
        return merged
    }
}

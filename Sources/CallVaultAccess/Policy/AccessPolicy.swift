public import CallVaultCore
public import Foundation

/// A set of access rules under a version label, compiled for fast decisions: deny by default, an
/// explicit deny overrides any allow, a purpose the customer was not told about is denied as
/// needing new consent, and break-glass needs a written justification and is always flagged.
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
    /// Rule indexes by action, in rule order.
    private let byAction: [AccessAction: [Int]]
    /// Each rule's roles as bits over `roleIndex` (all ones for "every role").
    private let roleMasks: [RoleMask]
    private let roleIndex: [Role: Int]

    /// Creates a policy.
    ///
    /// - Throws: ``AccessPolicyError/duplicateRule(id:line:firstLine:)`` for two rules with one id,
    ///   ``AccessPolicyError/missingVersion`` for an empty version.
    public init(version: String, rules: [AccessRule]) throws(AccessPolicyError) {
        guard !version.trimmingSpaces().isEmpty else { throw .missingVersion }
        var seen: [String: Int?] = [:]
        for rule in rules {
            if let first = seen[rule.id] { throw .duplicateRule(id: rule.id, line: rule.line, firstLine: first) }
            seen[rule.id] = rule.line
        }
        var roleIndex: [Role: Int] = [:]
        for rule in rules {
            for role in rule.roles.sorted() where roleIndex[role] == nil { roleIndex[role] = roleIndex.count }
        }
        var byAction: [AccessAction: [Int]] = [:]
        for (index, rule) in rules.enumerated() {
            for action in rule.actions { byAction[action, default: []].append(index) }
        }
        self.version = version
        self.rules = rules
        self.byAction = byAction
        self.roleIndex = roleIndex
        self.roleMasks = rules.map { rule in
            rule.roles.isEmpty
                ? RoleMask.everyRole : RoleMask(rule.roles.compactMap { roleIndex[$0] }, width: roleIndex.count)
        }
    }

    /// Decides one request.
    public func decide(_ request: AccessRequest) -> AccessDecision {
        var reasons: [AccessReason] = []
        var refused = false
        var decidingRule: String?
        let action = request.action
        if action.reachesContent, !request.recording.disclosedPurposes.contains(request.purpose) {
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
        let isBreakGlass = action == .breakGlass
        if isBreakGlass {
            if let justification = request.justification?.trimmingSpaces(), !justification.isEmpty {
                reasons.append(.breakGlass(justification: justification))
            } else {
                reasons.append(.breakGlassWithoutJustification)
                refused = true
            }
        }

        let principalRoles = RoleMask(request.principal.roles.compactMap { roleIndex[$0] }, width: roleIndex.count)
        var allowing: AccessRule?
        var denying: AccessRule?
        var failures: [AccessReason] = []
        // Every candidate is looked at, because a deny anywhere overrides an allow found earlier.
        for index in byAction[action] ?? [] {
            let rule = rules[index]
            guard roleMasks[index].intersects(principalRoles),
                rule.purposes.map({ $0.contains(request.purpose) }) ?? true
            else { continue }
            var holds = true
            for condition in rule.conditions {
                if let detail = condition.failure(for: request) {
                    holds = false
                    // A deny whose condition fails simply does not apply; an allow's failure
                    // explains a refusal.
                    if rule.effect == .allow {
                        failures.append(.conditionFailed(rule: rule.id, condition: condition, detail: detail))
                    }
                    break
                }
            }
            guard holds else { continue }
            if rule.effect == .deny {
                denying = rule
                break
            }
            if allowing == nil { allowing = rule }
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

/// A set of roles as bits, so matching a rule's roles costs a few word operations.
struct RoleMask: Sendable {
    private var words: [UInt64]
    private var all = false

    static let everyRole: RoleMask = {
        var mask = RoleMask([], width: 0)
        mask.all = true
        return mask
    }()

    init(_ indexes: [Int], width: Int) {
        words = [UInt64](repeating: 0, count: max(1, (width + 63) / 64))
        for index in indexes { words[index / 64] |= 1 << UInt64(index % 64) }
    }

    func intersects(_ other: RoleMask) -> Bool {
        if all { return true }
        for index in 0..<min(words.count, other.words.count) where words[index] & other.words[index] != 0 {
            return true
        }
        return false
    }
}

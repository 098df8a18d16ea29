import CallVaultAccess
import CallVaultCore
import Foundation

/// What `access check` reports; its JSON keys are part of the tool's interface. Instants are
/// ISO 8601 in UTC, and every key is present, `null` when it has no value.
struct AccessCheckReport: Encodable {
    struct Reason: Encodable {
        /// `allowed-by`, `denied-by`, `condition-failed`, `needs-new-consent`, `restricted`,
        /// `no-rule`, `break-glass`, `break-glass-without-justification` or `legal-hold`.
        var kind: String
        var text: String
        var rule: String?
        var condition: String?

        init(_ reason: AccessReason) {
            text = reason.description
            switch reason {
            case .allowedBy(let rule): (kind, self.rule) = ("allowed-by", rule)
            case .deniedBy(let rule): (kind, self.rule) = ("denied-by", rule)
            case .conditionFailed(let rule, let condition, _):
                (kind, self.rule, self.condition) = ("condition-failed", rule, condition.description)
            case .needsNewConsent: kind = "needs-new-consent"
            case .restricted: kind = "restricted"
            case .noRuleAllows: kind = "no-rule"
            case .breakGlass: kind = "break-glass"
            case .breakGlassWithoutJustification: kind = "break-glass-without-justification"
            case .underLegalHold: kind = "legal-hold"
            }
        }

        private enum CodingKeys: String, CodingKey { case kind, text, rule, condition }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(kind, forKey: .kind)
            try container.encode(text, forKey: .text)
            try container.encode(rule, forKey: .rule)
            try container.encode(condition, forKey: .condition)
        }
    }

    struct Obligations: Encodable {
        var expiresAt: String
        var grantLifetimeSeconds: Int64
        var singleUse: Bool
        var watermark: Bool
        var notifyCompliance: Bool
    }

    var allowed: Bool
    var reasons: [Reason]
    var obligations: Obligations?
    var breakGlass: Bool
    var decidingRule: String?
    var policyVersion: String
    var principal: String
    var action: String
    var recording: String
    var purpose: String
    var decidedAt: String

    init(_ decision: AccessDecision) {
        allowed = decision.isAllowed
        reasons = decision.reasons.map(Reason.init)
        obligations = decision.expiresAt.map { expiresAt in
            Obligations(
                expiresAt: CivilTime.iso8601(expiresAt),
                grantLifetimeSeconds: decision.obligations.grantLifetime.components.seconds,
                singleUse: decision.obligations.singleUse, watermark: decision.obligations.watermark,
                notifyCompliance: decision.obligations.notifyCompliance)
        }
        breakGlass = decision.isBreakGlass
        decidingRule = decision.decidingRule
        policyVersion = decision.policyVersion
        principal = decision.principal.rawValue
        action = decision.action.identifier
        recording = decision.recordingID.description
        purpose = decision.purpose.identifier
        decidedAt = CivilTime.iso8601(decision.decidedAt)
    }

    private enum CodingKeys: String, CodingKey {
        case allowed, reasons, obligations, breakGlass, decidingRule, policyVersion, principal, action, recording
        case purpose, decidedAt
    }

    // Written out so an absent value is `null`, not a missing key (the synthesized encoding drops nils).
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(allowed, forKey: .allowed)
        try container.encode(reasons, forKey: .reasons)
        try container.encode(obligations, forKey: .obligations)
        try container.encode(breakGlass, forKey: .breakGlass)
        try container.encode(decidingRule, forKey: .decidingRule)
        try container.encode(policyVersion, forKey: .policyVersion)
        try container.encode(principal, forKey: .principal)
        try container.encode(action, forKey: .action)
        try container.encode(recording, forKey: .recording)
        try container.encode(purpose, forKey: .purpose)
        try container.encode(decidedAt, forKey: .decidedAt)
    }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// The decision for a person: the outcome on one line, then the reasons and obligations.
    static func text(for decision: AccessDecision) -> String {
        let report = AccessCheckReport(decision)
        var lines: [String] = []
        let request =
            "\(report.action) by \(report.principal) on recording \(report.recording) for \(report.purpose)"
        if decision.isAllowed {
            lines.append("ALLOWED: \(request)\(report.decidingRule.map { " (rule \($0))" } ?? "")")
        } else {
            lines.append("DENIED: \(request)")
        }
        if decision.isBreakGlass { lines.append("BREAK-GLASS: flagged for compliance review") }
        lines.append("policy \(report.policyVersion), decided at \(report.decidedAt)")
        lines.append("reasons:")
        lines += report.reasons.map { "  - \(TerminalText.field($0.text))" }
        if let obligations = report.obligations {
            lines.append("obligations:")
            lines.append(
                "  - expires at \(obligations.expiresAt) (a grant lives \(obligations.grantLifetimeSeconds) seconds)")
            lines.append("  - single use: \(obligations.singleUse ? "yes" : "no")")
            lines.append("  - watermark exports: \(obligations.watermark ? "yes" : "no")")
            lines.append("  - notify compliance: \(obligations.notifyCompliance ? "yes" : "no")")
        }
        return lines.joined(separator: "\n")
    }
}

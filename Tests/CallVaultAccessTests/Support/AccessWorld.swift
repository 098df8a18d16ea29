import CallVaultAccess
import CallVaultCore
import Foundation

/// The people, recordings and policy the access tests share: a billing team and its calls, at
/// 10:00 UTC on Monday 2 March 2026.
enum World {
    /// An instant from ISO 8601 text (test data only; a typo fails the test that uses it).
    static func time(_ text: String) -> Date {
        guard let date = CivilTime.parseISO8601(text) else { preconditionFailure("not an instant: \(text)") }
        return date
    }

    static func place(_ code: String) -> Jurisdiction {
        do { return try Jurisdiction(parsing: code) } catch { preconditionFailure("\(error)") }
    }

    static let now = time("2026-03-02T10:00:00Z")

    static func minutesAgo(_ minutes: Double) -> Date { now.addingTimeInterval(-minutes * 60) }

    static let privacyCourse = TrainingRecord(
        course: "call-recording-privacy", version: 3, completedAt: time("2026-01-10T00:00:00Z"),
        expiresAt: time("2027-01-10T00:00:00Z"))

    static func principal(
        _ id: PrincipalID, _ roles: Set<Role>, team: String? = "billing", mfaMinutesAgo: Double? = 10,
        training: [TrainingRecord] = [privacyCourse]
    ) -> Principal {
        Principal(
            id: id, roles: roles, team: team,
            authentication: Authentication(
                method: mfaMinutesAgo == nil ? "password" : "sso", at: minutesAgo(mfaMinutesAgo ?? 120),
                multiFactor: mfaMinutesAgo != nil),
            training: training)
    }

    static let sam = principal("agent.sam", ["agent"], mfaMinutesAgo: nil, training: [])
    static let lee = principal("agent.lee", ["agent"], mfaMinutesAgo: nil, training: [])
    static let maria = principal("sup.maria", ["supervisor"])
    static let omar = principal("sup.omar", ["supervisor"], team: "sales")
    static let ines = principal("qa.ines", ["qa-analyst"], team: nil)
    static let kim = principal("co.kim", ["compliance-officer"], team: nil, mfaMinutesAgo: 5)
    static let ravi = principal("rm.ravi", ["records-manager"], team: nil)
    static let ada = principal("sec.ada", ["security-admin"], team: nil, mfaMinutesAgo: 2)
    static let staleAda = principal("sec.ada", ["security-admin"], team: nil, mfaMinutesAgo: 30)
    static let noor = principal("ic.noor", ["incident-commander"], team: nil, mfaMinutesAgo: 3)
    static let nobody = principal("guest", [])

    static let everyone = [sam, lee, maria, omar, ines, kim, ravi, ada, noor, nobody]

    static let recordingID = RecordingID(uuid: UUID(uuid: (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16)))

    /// Sam's billing call: the customer was told of quality, training, dispute resolution and
    /// legal obligations, not of customer requests.
    static let recording = RecordingAccessAttributes(
        recordingID: recordingID, agentID: "agent.sam", team: "billing", queue: "billing-support",
        disclosedPurposes: [.quality, .training, .disputeResolution, .legalOrRegulatory],
        jurisdictions: [place("US-CA")], sensitivity: .normal)

    /// The policy every decision table runs against, read from JSON.
    static let policyJSON = """
        {
          "version": "test-2026-03",
          "rules": [
            { "id": "agents-own-calls", "effect": "allow", "roles": ["agent"],
              "actions": ["view-metadata", "listen", "view-transcript"], "purposes": ["training", "customer-request"],
              "conditions": { "ownRecordingsOnly": true } },
            { "id": "supervisors-review", "effect": "allow", "roles": ["supervisor"],
              "actions": ["view-metadata", "listen", "view-transcript"], "purposes": ["quality", "training"],
              "conditions": { "sameTeam": true, "trainingCurrent": "call-recording-privacy", "mfaWithinMinutes": 60 } },
            { "id": "supervisors-download", "effect": "allow", "roles": ["supervisor"], "actions": ["download"],
              "purposes": ["quality", "training"], "conditions": { "sameTeam": true, "approvals": 1 },
              "obligations": { "watermark": true, "grantLifetimeSeconds": 120 } },
            { "id": "qa-review", "effect": "allow", "roles": ["qa-analyst"],
              "actions": ["view-metadata", "listen", "view-transcript"], "purposes": ["quality"],
              "conditions": { "queues": ["billing-support", "sales"], "hoursUTC": [7, 19],
                              "maximumSensitivity": "sensitive" } },
            { "id": "compliance-export", "effect": "allow", "roles": ["compliance-officer"], "actions": ["export-legal"],
              "purposes": ["legal-regulatory"],
              "conditions": { "legalReference": true, "approvals": 2, "mfaWithinMinutes": 15 },
              "obligations": { "watermark": true, "notifyCompliance": true, "grantLifetimeSeconds": 600 } },
            { "id": "compliance-review", "effect": "allow", "roles": ["compliance-officer"],
              "actions": ["view-metadata", "listen", "view-transcript"], "purposes": ["legal-regulatory", "dispute-resolution"] },
            { "id": "records-holds", "effect": "allow", "roles": ["records-manager"], "actions": ["place-hold", "release-hold"],
              "conditions": { "legalReference": true } },
            { "id": "records-delete", "effect": "allow", "roles": ["records-manager"], "actions": ["delete"],
              "conditions": { "justification": true, "approvals": 1 } },
            { "id": "security-rewrap", "effect": "allow", "roles": ["security-admin"], "actions": ["rewrap-keys"],
              "conditions": { "mfaWithinMinutes": 5 }, "obligations": { "notifyCompliance": true, "singleUse": false } },
            { "id": "incident-break-glass", "effect": "allow", "roles": ["incident-commander"], "actions": ["break-glass"],
              "conditions": { "mfaWithinMinutes": 10 }, "obligations": { "grantLifetimeSeconds": 900 } },
            { "id": "no-downloads-for-agents", "effect": "deny", "roles": ["agent"], "actions": ["download", "export-legal"] }
          ]
        }
        """

    static let policy: AccessPolicy = {
        do { return try AccessPolicy(json: policyJSON) } catch { preconditionFailure("\(error)") }
    }()

    static func request(
        _ principal: Principal, _ action: AccessAction, _ purpose: Purpose,
        recording: RecordingAccessAttributes = recording,
        at time: Date = now, justification: String? = nil, legalReference: String? = nil,
        approvals: Set<PrincipalID> = []
    ) -> AccessRequest {
        AccessRequest(
            principal: principal, action: action, recording: recording, purpose: purpose, at: time,
            justification: justification, legalReference: legalReference, approvals: approvals)
    }
}

extension AccessReason {
    /// A short label for tables: `allowed-by:rule`, `denied-by:rule`, `condition:rule:<condition>`,
    /// `needs-new-consent`, `restricted`, `no-rule`, `break-glass`, `break-glass-unjustified`,
    /// `legal-hold`.
    var label: String {
        switch self {
        case .allowedBy(let rule): "allowed-by:\(rule)"
        case .deniedBy(let rule): "denied-by:\(rule)"
        case .conditionFailed(let rule, let condition, _): "condition:\(rule):\(condition)"
        case .needsNewConsent: "needs-new-consent"
        case .restricted: "restricted"
        case .noRuleAllows: "no-rule"
        case .breakGlassWithoutJustification: "break-glass-unjustified"
        case .breakGlass: "break-glass"
        case .underLegalHold: "legal-hold"
        }
    }
}

extension AccessDecision {
    var labels: [String] { reasons.map(\.label) }
}

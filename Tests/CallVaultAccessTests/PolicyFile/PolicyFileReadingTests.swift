import CallVaultAccess
import CallVaultCore
import Foundation
import Testing

/// What a policy file means: each field read into the rule it describes.
@Suite("Policy file: reading")
struct PolicyFileReadingTests {
    @Test("every condition and obligation is read into its value, with the rule's line")
    func fullRule() throws {
        let policy = try AccessPolicy(
            json: """
                {
                  "version": "full",
                  "description": "every field",
                  "rules": [
                    {
                      "id": "everything",
                      "description": "a rule with every condition",
                      "effect": "allow",
                      "roles": ["supervisor", "qa-analyst"],
                      "actions": ["listen", "download"],
                      "purposes": ["quality"],
                      "conditions": {
                        "ownRecordingsOnly": true, "sameTeam": true, "legalReference": true, "justification": true,
                        "trainingCurrent": { "course": "privacy", "minimumVersion": 2 },
                        "mfaWithinMinutes": 15, "approvals": 2, "hoursUTC": [22, 6],
                        "maximumSensitivity": "sensitive", "queues": ["sales", "billing"]
                      },
                      "obligations": { "grantLifetimeSeconds": 60, "singleUse": false, "watermark": true,
                                       "notifyCompliance": true }
                    },
                    { "id": "deny", "effect": "deny", "roles": ["*"], "actions": ["delete"] }
                  ]
                }
                """)
        #expect(policy.version == "full")
        try #require(policy.rules.count == 2)
        let rule = policy.rules[0]
        #expect(rule.id == "everything")
        #expect(rule.effect == .allow)
        #expect(rule.roles == ["supervisor", "qa-analyst"])
        #expect(rule.actions == [.listen, .download])
        #expect(rule.purposes == [.quality])
        #expect(
            rule.conditions == [
                .ownRecordingsOnly, .sameTeam, .legalReference, .justification,
                .trainingCurrent(course: "privacy", minimumVersion: 2), .multiFactorWithin(minutes: 15),
                .approvals(count: 2), .timeWindow(fromHour: 22, toHour: 6), .maximumSensitivity(.sensitive),
                .queues(["sales", "billing"]),
            ])
        #expect(
            rule.obligations
                == AccessObligations(
                    grantLifetime: .seconds(60), singleUse: false, watermark: true, notifyCompliance: true))
        #expect(rule.line == 5)
        let deny = policy.rules[1]
        #expect(deny.effect == .deny)
        #expect(deny.roles.isEmpty, "[\"*\"] is every role")
        #expect(deny.purposes == nil, "no purposes field is every purpose")
        #expect(deny.conditions.isEmpty)
        #expect(deny.obligations == AccessObligations())
        #expect(deny.line == 21)
    }

    @Test("a course given as a string asks for any version")
    func courseAsString() throws {
        let policy = try AccessPolicy(
            json:
                #"{"version":"v","rules":[{"id":"r","effect":"allow","roles":["a"],"actions":["listen"],"conditions":{"trainingCurrent":"privacy"}}]}"#
        )
        #expect(policy.rules.first?.conditions == [.trainingCurrent(course: "privacy", minimumVersion: nil)])
    }

    @Test("a file may declare its own actions and purposes, and then use them")
    func customVocabulary() throws {
        let policy = try AccessPolicy(
            json: """
                {
                  "version": "custom",
                  "customActions": ["coach"],
                  "customPurposes": ["fraud-prevention"],
                  "rules": [
                    { "id": "coaching", "effect": "allow", "roles": ["supervisor"], "actions": ["coach", "listen"],
                      "purposes": ["fraud-prevention", "quality"] }
                  ]
                }
                """)
        let coach = try AccessAction("coach")
        let fraud = try Purpose("fraud-prevention")
        #expect(policy.rules.first?.actions == [coach, .listen])
        #expect(policy.decide(World.request(World.maria, coach, .quality)).isAllowed)
        // Declared is not disclosed: the customer was not told of fraud prevention.
        #expect(policy.decide(World.request(World.maria, .listen, fraud)).labels == ["needs-new-consent"])
        var told = World.recording
        told.disclosedPurposes.insert(fraud)
        #expect(policy.decide(World.request(World.maria, .listen, fraud, recording: told)).isAllowed)
    }

    @Test("JSON text is read exactly: escapes, a byte-order mark, CRLF lines")
    func jsonDetails() throws {
        let text = "\u{FEFF}{\r\n\"version\": \"caf\\u00e9 \\\"2\\\" \\/\\\\\",\r\n\"rules\": []\r\n}"
        let policy = try AccessPolicy(json: text)
        #expect(policy.version == "café \"2\" /\\")
        #expect(policy.rules.isEmpty)
    }

    @Test("the test world's policy file reads into its eleven rules, in order")
    func worldPolicy() {
        #expect(
            World.policy.rules.map(\.id) == [
                "agents-own-calls", "supervisors-review", "supervisors-download", "qa-review", "compliance-export",
                "compliance-review", "records-holds", "records-delete", "security-rewrap", "incident-break-glass",
                "no-downloads-for-agents",
            ])
    }

    @Test("rules from code are checked like rules from files")
    func rulesFromCode() {
        #expect(
            throws: AccessPolicyError.invalidValue(
                line: nil, field: "actions", value: "an empty list", expected: "at least one action")
        ) {
            try AccessRule(id: "r", effect: .allow, actions: [])
        }
        #expect(throws: AccessPolicyError.invalidValue(line: nil, field: "id", value: "' '", expected: "a rule id")) {
            try AccessRule(id: " ", effect: .allow, actions: [.listen])
        }
        #expect {
            try AccessRule(id: "r", effect: .deny, actions: [.listen], purposes: [])
        } throws: { error in
            guard case .invalidValue(_, "purposes", _, _) = (error as? AccessPolicyError)?.reason else { return false }
            return true
        }
        #expect(throws: AccessPolicyError.missingVersion) { try AccessPolicy(version: " ", rules: []) }
        #expect(throws: AccessPolicyError.duplicateRule(id: "r", line: nil, firstLine: nil)) {
            let rule = try AccessRule(id: "r", effect: .allow, actions: [.listen])
            return try AccessPolicy(version: "v", rules: [rule, rule])
        }
        #expect(throws: AccessPolicyError.self) { try AccessAction("Listen") }
        #expect(throws: AccessPolicyError.self) { try AccessAction("") }
        #expect(throws: AccessPolicyError.self) { try AccessAction(String(repeating: "a", count: 65)) }
    }
}

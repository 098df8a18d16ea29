import CallVaultAccess
import CallVaultCore
import Foundation
import Testing

/// A rule that needs another person's approval is a two-person rule: the requester's own approval,
/// however it is spelled, never counts, and one approver spelled two ways counts once.
@Suite("Access: approvals by other principals")
struct AccessCheckApprovalTests {
    /// Downloads need one other principal's approval; legal exports two.
    static let policy: AccessPolicy = {
        do {
            return try AccessPolicy(
                json: """
                    {
                      "version": "approvals-1",
                      "rules": [
                        { "id": "download-approved", "effect": "allow", "roles": ["supervisor"], "actions": ["download"],
                          "conditions": { "approvals": 1 } },
                        { "id": "export-two-approvals", "effect": "allow", "roles": ["supervisor"],
                          "actions": ["export-legal"], "conditions": { "approvals": 2 } }
                      ]
                    }
                    """)
        } catch { preconditionFailure("\(error)") }
    }()

    static func decide(_ action: AccessAction, as requester: PrincipalID, approvals: Set<PrincipalID>) -> AccessDecision
    {
        policy.decide(
            World.request(
                World.principal(requester, ["supervisor"]), action, .disputeResolution, approvals: approvals))
    }

    @Test(
        "the requester's approval spelled in another case or form does not count",
        arguments: ["SUP.MARIA", "Sup.Maria", "ｓｕｐ.ｍａｒｉａ"])
    func requesterSpelledDifferently(_ spelling: String) throws {
        let decision = Self.decide(.download, as: "sup.maria", approvals: [try PrincipalID(spelling)])
        #expect(!decision.isAllowed, "approved only by the requester, as '\(spelling)': \(decision.reasons)")
        #expect(
            decision.reasons.contains { "\($0)".contains("0 of 1 required approvals by other principals") },
            "\(decision.reasons)")
    }

    @Test("the requester's approval carried with a space or an invisible character does not count")
    func requesterWithInvisibleCharacters() {
        for spelling in ["sup.maria ", "sup.maria\u{200B}", "\u{FEFF}sup.maria", "sup.maria\u{1B}"] {
            let decision = Self.decide(.download, as: "sup.maria", approvals: [PrincipalID(recorded: spelling)])
            #expect(!decision.isAllowed, "approved only by the requester, as \(spelling.debugDescription)")
        }
    }

    @Test("an approval by an id that is not valid counts for nobody")
    func invalidApproverDoesNotCount() {
        for spelling in ["", "   ", "omar\u{202E}", "sup.omar "] {
            let decision = Self.decide(.download, as: "sup.maria", approvals: [PrincipalID(recorded: spelling)])
            #expect(!decision.isAllowed, "approved by \(spelling.debugDescription)")
        }
    }

    @Test("one approver spelled two ways counts once")
    func oneApproverTwice() throws {
        let decision = Self.decide(
            .exportLegal, as: "sup.maria", approvals: ["sup.omar", "SUP.OMAR"])
        #expect(!decision.isAllowed, "\(decision.reasons)")
        #expect(
            decision.reasons.contains { "\($0)".contains("1 of 2 required approvals by other principals") },
            "\(decision.reasons)")
    }

    @Test("granting never loosens the id: a recording is the principal's own only under the exact id")
    func ownRecordingsNeedTheExactID() {
        let policy: AccessPolicy
        do {
            policy = try AccessPolicy(
                json: """
                    {"version": "own-1", "rules": [{"id": "own", "effect": "allow", "roles": ["agent"],
                      "actions": ["listen"], "conditions": {"ownRecordingsOnly": true}}]}
                    """)
        } catch {
            Issue.record("\(error)")
            return
        }
        let exact = policy.decide(World.request(World.principal("agent.sam", ["agent"]), .listen, .training))
        #expect(exact.isAllowed, "\(exact.reasons)")
        let otherCase = policy.decide(World.request(World.principal("AGENT.SAM", ["agent"]), .listen, .training))
        #expect(!otherCase.isAllowed, "another spelling gets less, never more")
    }

    @Test("other principals' approvals still count")
    func othersCount() {
        #expect(Self.decide(.download, as: "sup.maria", approvals: ["sup.omar"]).isAllowed)
        #expect(Self.decide(.exportLegal, as: "sup.maria", approvals: ["sup.omar", "co.kim"]).isAllowed)
        #expect(
            Self.decide(.exportLegal, as: "sup.maria", approvals: ["sup.omar", "co.kim", "sup.maria"]).isAllowed,
            "the requester's own approval is ignored, the others are enough")
    }
}

import CallVaultAccess
import CallVaultCore
import Foundation
import Testing

/// An explicit deny overrides every allow, wherever the rules stand in the policy.
@Suite("Decisions: deny overrides allow")
struct DenyOverridesTests {
    static let allowSupervisors = rule("allow-supervisors", .allow, roles: ["supervisor"])
    static let allowEveryone = rule("allow-everyone", .allow, roles: [])
    static let allowWatermarked = rule(
        "allow-watermarked", .allow, roles: ["supervisor"], obligations: AccessObligations(watermark: true))
    static let denySupervisors = rule("deny-supervisors", .deny, roles: ["supervisor"])

    static func rule(
        _ id: String, _ effect: AccessRule.Effect, roles: Set<Role>, purposes: Set<Purpose>? = nil,
        conditions: [AccessCondition] = [], obligations: AccessObligations = AccessObligations()
    ) -> AccessRule {
        do {
            return try AccessRule(
                id: id, effect: effect, roles: roles, actions: [.listen, .download], purposes: purposes,
                conditions: conditions, obligations: obligations)
        } catch { preconditionFailure("\(error)") }
    }

    /// Rules in one order, named by their ids in test output.
    struct Order: Sendable, CustomTestStringConvertible {
        let rules: [AccessRule]
        var testDescription: String { rules.map(\.id).joined(separator: ", ") }
    }

    /// Every order of three allows and one deny.
    static let orders: [Order] = {
        let rules = [allowSupervisors, allowEveryone, allowWatermarked, denySupervisors]
        var result: [Order] = []
        func permute(_ prefix: [AccessRule], _ rest: [AccessRule]) {
            if rest.isEmpty { result.append(Order(rules: prefix)) }
            for index in rest.indices {
                var remaining = rest
                let next = remaining.remove(at: index)
                permute(prefix + [next], remaining)
            }
        }
        permute([], rules)
        return result
    }()

    @Test("the deny wins in every one of the 24 orders", arguments: orders)
    func denyWinsInAnyOrder(_ order: Order) throws {
        let policy = try AccessPolicy(version: "v", rules: order.rules)
        let decision = policy.decide(World.request(World.maria, .listen, .quality))
        #expect(!decision.isAllowed)
        #expect(decision.decidingRule == "deny-supervisors")
        #expect(decision.labels == ["denied-by:deny-supervisors"])
        #expect(decision.obligations == AccessObligations(), "a denial carries no allow's obligations")
        // The deny is for supervisors only: a principal without that role is still allowed.
        #expect(policy.decide(World.request(World.ines, .listen, .quality)).isAllowed)
    }

    @Test("the first allow that holds decides, and its obligations are the decision's")
    func firstAllowDecides() throws {
        let policy = try AccessPolicy(version: "v", rules: [Self.allowWatermarked, Self.allowSupervisors])
        let decision = policy.decide(World.request(World.maria, .listen, .quality))
        #expect(decision.decidingRule == "allow-watermarked")
        #expect(decision.obligations.watermark)
    }

    @Test("a deny of one role the principal holds overrides an allow of another")
    func denyOfOneRoleOverridesAllowOfAnother() throws {
        let policy = try AccessPolicy(
            version: "v",
            rules: [
                Self.rule("allow-qa", .allow, roles: ["qa-analyst"]),
                Self.rule("deny-contractors", .deny, roles: ["contractor"]),
            ])
        var contractor = World.ines
        contractor.roles = ["qa-analyst", "contractor"]
        #expect(policy.decide(World.request(contractor, .listen, .quality)).labels == ["denied-by:deny-contractors"])
        #expect(policy.decide(World.request(World.ines, .listen, .quality)).labels == ["allowed-by:allow-qa"])
    }

    @Test("a rule naming two of the principal's roles is considered once")
    func ruleNamingTwoRoles() throws {
        let policy = try AccessPolicy(
            version: "v",
            rules: [
                Self.rule("every-role", .allow, roles: [], conditions: [.legalReference]),
                Self.rule("both", .allow, roles: ["qa-analyst", "contractor"], conditions: [.sameTeam]),
            ])
        var both = World.ines
        both.roles = ["qa-analyst", "contractor"]
        #expect(
            policy.decide(World.request(both, .listen, .quality)).labels == [
                "condition:every-role:a legal request reference", "condition:both:same team",
            ])
    }

    @Test("a deny for every role (roles [\"*\"]) reaches everyone, even principals without roles")
    func denyForEveryRole() throws {
        let policy = try AccessPolicy(
            version: "v", rules: [Self.allowEveryone, Self.rule("deny-all", .deny, roles: [], purposes: [.training])])
        for principal in World.everyone {
            #expect(!policy.decide(World.request(principal, .listen, .training)).isAllowed, "\(principal.id)")
            #expect(policy.decide(World.request(principal, .listen, .quality)).isAllowed, "\(principal.id)")
        }
    }

    @Test("a deny applies only to its purposes, actions and conditions")
    func denyScope() throws {
        let policy = try AccessPolicy(
            version: "v",
            rules: [
                Self.allowSupervisors,
                Self.rule("deny-training", .deny, roles: ["supervisor"], purposes: [.training]),
                Self.rule("deny-other-teams", .deny, roles: ["supervisor"], conditions: [.queues(["sales"])]),
            ])
        #expect(policy.decide(World.request(World.maria, .listen, .training)).labels == ["denied-by:deny-training"])
        #expect(policy.decide(World.request(World.maria, .listen, .quality)).labels == ["allowed-by:allow-supervisors"])
        var salesCall = World.recording
        salesCall.queue = "sales"
        #expect(
            policy.decide(World.request(World.maria, .listen, .quality, recording: salesCall)).labels == [
                "denied-by:deny-other-teams"
            ])
        // view-transcript is not among the rules' actions: denied by default.
        #expect(policy.decide(World.request(World.maria, .viewTranscript, .quality)).labels == ["no-rule"])
    }

    @Test("a deny overrides an allow in a policy read from a file, the deny written first or last")
    func denyInFiles() throws {
        let allow = """
            { "id": "a", "effect": "allow", "roles": ["*"], "actions": ["listen"] }
            """
        let deny = """
            { "id": "d", "effect": "deny", "roles": ["supervisor"], "actions": ["listen"], "purposes": ["quality"] }
            """
        for rules in [[allow, deny], [deny, allow]] {
            let policy = try AccessPolicy(json: "{ \"version\": \"v\", \"rules\": [\(rules.joined(separator: ","))] }")
            #expect(policy.decide(World.request(World.maria, .listen, .quality)).labels == ["denied-by:d"])
            #expect(policy.decide(World.request(World.maria, .listen, .training)).labels == ["allowed-by:a"])
        }
    }

    @Test("an empty policy denies everything")
    func denyByDefault() throws {
        let policy = try AccessPolicy(version: "empty", rules: [])
        for action in AccessAction.standard {
            for principal in World.everyone {
                let decision = policy.decide(
                    World.request(principal, action, .quality, justification: "x", legalReference: "y"))
                #expect(!decision.isAllowed)
                #expect(decision.labels.last == "no-rule")
            }
        }
    }
}

import CallVaultAccess
import CallVaultCore
import Foundation
import Testing

/// Every action CallVault knows, asked by representative roles for representative purposes,
/// against ``World/policy``: who is allowed, and the exact reasons of each decision.
@Suite("Decisions: every action by role and purpose")
struct ActionMatrixTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let principal: Principal
        let action: AccessAction
        let purpose: Purpose
        var justification: String?
        var legalReference: String?
        var approvals: Set<PrincipalID> = []
        let allowed: Bool
        let reasons: [String]

        var testDescription: String {
            "\(principal.id) \(action) for \(purpose)\(justification == nil ? "" : " justified")"
                + "\(legalReference == nil ? "" : " ref")\(approvals.isEmpty ? "" : " approved") -> "
                + (allowed ? "allow" : "deny")
        }

        var request: AccessRequest {
            World.request(
                principal, action, purpose, justification: justification, legalReference: legalReference,
                approvals: approvals)
        }
    }

    static let cases: [Case] = [
        // view-metadata
        Case(
            principal: World.sam, action: .viewMetadata, purpose: .training, allowed: true,
            reasons: ["allowed-by:agents-own-calls"]),
        Case(
            principal: World.lee, action: .viewMetadata, purpose: .training, allowed: false,
            reasons: ["condition:agents-own-calls:own recordings only"]),
        Case(
            principal: World.maria, action: .viewMetadata, purpose: .quality, allowed: true,
            reasons: ["allowed-by:supervisors-review"]),
        Case(principal: World.nobody, action: .viewMetadata, purpose: .quality, allowed: false, reasons: ["no-rule"]),
        // Metadata is not content: a purpose the customer was not told of does not need consent.
        Case(
            principal: World.sam, action: .viewMetadata, purpose: .customerRequest, allowed: true,
            reasons: ["allowed-by:agents-own-calls"]),
        // listen
        Case(
            principal: World.maria, action: .listen, purpose: .quality, allowed: true,
            reasons: ["allowed-by:supervisors-review"]),
        Case(
            principal: World.omar, action: .listen, purpose: .quality, allowed: false,
            reasons: ["condition:supervisors-review:same team"]),
        Case(
            principal: World.sam, action: .listen, purpose: .training, allowed: true,
            reasons: ["allowed-by:agents-own-calls"]),
        Case(
            principal: World.sam, action: .listen, purpose: .customerRequest, allowed: false,
            reasons: ["needs-new-consent"]),
        Case(
            principal: World.kim, action: .listen, purpose: .legalOrRegulatory, allowed: true,
            reasons: ["allowed-by:compliance-review"]),
        Case(principal: World.ines, action: .listen, purpose: .training, allowed: false, reasons: ["no-rule"]),
        Case(
            principal: World.ines, action: .listen, purpose: .quality, allowed: true, reasons: ["allowed-by:qa-review"]),
        // download
        Case(
            principal: World.maria, action: .download, purpose: .quality, approvals: ["sup.omar"], allowed: true,
            reasons: ["allowed-by:supervisors-download"]),
        Case(
            principal: World.maria, action: .download, purpose: .quality, approvals: ["sup.maria"], allowed: false,
            reasons: ["condition:supervisors-download:approval by 1 other principal"]),
        Case(
            principal: World.sam, action: .download, purpose: .training, allowed: false,
            reasons: ["denied-by:no-downloads-for-agents"]),
        Case(principal: World.ines, action: .download, purpose: .quality, allowed: false, reasons: ["no-rule"]),
        // export-legal
        Case(
            principal: World.kim, action: .exportLegal, purpose: .legalOrRegulatory, legalReference: "subpoena 26-114",
            approvals: ["co.ann", "legal.bo"], allowed: true, reasons: ["allowed-by:compliance-export"]),
        Case(
            principal: World.kim, action: .exportLegal, purpose: .legalOrRegulatory, approvals: ["co.ann", "legal.bo"],
            allowed: false, reasons: ["condition:compliance-export:a legal request reference"]),
        Case(principal: World.kim, action: .exportLegal, purpose: .quality, allowed: false, reasons: ["no-rule"]),
        Case(
            principal: World.sam, action: .exportLegal, purpose: .legalOrRegulatory, legalReference: "x",
            allowed: false, reasons: ["denied-by:no-downloads-for-agents"]),
        // view-transcript
        Case(
            principal: World.maria, action: .viewTranscript, purpose: .training, allowed: true,
            reasons: ["allowed-by:supervisors-review"]),
        Case(
            principal: World.kim, action: .viewTranscript, purpose: .disputeResolution, allowed: true,
            reasons: ["allowed-by:compliance-review"]),
        Case(
            principal: World.kim, action: .viewTranscript, purpose: .quality, allowed: false, reasons: ["no-rule"]),
        // delete
        Case(
            principal: World.ravi, action: .delete, purpose: .legalOrRegulatory,
            justification: "retention period over, schedule 2026-114", approvals: ["co.kim"], allowed: true,
            reasons: ["allowed-by:records-delete"]),
        Case(
            principal: World.ravi, action: .delete, purpose: .legalOrRegulatory, approvals: ["co.kim"],
            allowed: false, reasons: ["condition:records-delete:a written justification"]),
        Case(principal: World.maria, action: .delete, purpose: .quality, allowed: false, reasons: ["no-rule"]),
        // place-hold and release-hold
        Case(
            principal: World.ravi, action: .placeHold, purpose: .legalOrRegulatory, legalReference: "case 26-cv-0042",
            allowed: true, reasons: ["allowed-by:records-holds"]),
        Case(
            principal: World.ravi, action: .placeHold, purpose: .legalOrRegulatory, allowed: false,
            reasons: ["condition:records-holds:a legal request reference"]),
        Case(
            principal: World.ravi, action: .releaseHold, purpose: .legalOrRegulatory,
            legalReference: "case 26-cv-0042 closed", allowed: true, reasons: ["allowed-by:records-holds"]),
        Case(
            principal: World.kim, action: .releaseHold, purpose: .legalOrRegulatory, legalReference: "x",
            allowed: false, reasons: ["no-rule"]),
        // rewrap-keys
        Case(
            principal: World.ada, action: .rewrapKeys, purpose: .legalOrRegulatory, allowed: true,
            reasons: ["allowed-by:security-rewrap"]),
        Case(
            principal: World.staleAda, action: .rewrapKeys, purpose: .legalOrRegulatory, allowed: false,
            reasons: ["condition:security-rewrap:multi-factor authentication within 5 minutes"]),
        // break-glass
        Case(
            principal: World.noor, action: .breakGlass, purpose: .disputeResolution,
            justification: "customer threatens self-harm on the call; police need the address", allowed: true,
            reasons: ["allowed-by:incident-break-glass", "break-glass"]),
        Case(
            principal: World.noor, action: .breakGlass, purpose: .disputeResolution, allowed: false,
            reasons: ["break-glass-unjustified"]),
        Case(
            principal: World.maria, action: .breakGlass, purpose: .quality, justification: "I want to", allowed: false,
            reasons: ["break-glass", "no-rule"]),
    ]

    @Test(arguments: cases)
    func decides(_ example: Case) {
        let decision = World.policy.decide(example.request)
        #expect(decision.isAllowed == example.allowed, "\(decision)")
        #expect(decision.labels == example.reasons, "\(decision)")
        #expect(decision.principal == example.principal.id)
        #expect(decision.action == example.action)
        #expect(decision.purpose == example.purpose)
        #expect(decision.recordingID == World.recordingID)
        #expect(decision.decidedAt == World.now)
        #expect(decision.policyVersion == "test-2026-03")
        #expect(decision.isBreakGlass == (example.action == .breakGlass))
        if example.allowed {
            #expect(decision.decidingRule == example.reasons.first?.replacingOccurrences(of: "allowed-by:", with: ""))
            #expect(decision.expiresAt != nil)
        } else {
            #expect(decision.expiresAt == nil)
        }
    }

    @Test("every standard action appears in the table, allowed and denied")
    func tableCoversEveryAction() {
        for action in AccessAction.standard {
            let rows = Self.cases.filter { $0.action == action }
            #expect(rows.contains { $0.allowed }, "no allowed case for \(action)")
            #expect(rows.contains { !$0.allowed }, "no denied case for \(action)")
        }
    }

    @Test("a denial names the deny rule as its deciding rule; no rule at all leaves it empty")
    func decidingRuleOfDenials() {
        #expect(
            World.policy.decide(World.request(World.sam, .download, .training)).decidingRule
                == "no-downloads-for-agents")
        #expect(World.policy.decide(World.request(World.nobody, .listen, .quality)).decidingRule == nil)
    }

    @Test("a principal holding several roles is allowed by any of them")
    func severalRoles() {
        var both = World.ines
        both.roles = ["qa-analyst", "compliance-officer"]
        #expect(World.policy.decide(World.request(both, .listen, .quality)).labels == ["allowed-by:qa-review"])
        #expect(
            World.policy.decide(World.request(both, .listen, .legalOrRegulatory)).labels
                == ["allowed-by:compliance-review"])
    }

    @Test("a host's own action is denied until a rule names it")
    func customActionDeniedByDefault() throws {
        let coach = try AccessAction("coach")
        #expect(World.policy.decide(World.request(World.maria, coach, .quality)).labels == ["no-rule"])
    }

    @Test("decision descriptions say the outcome and every reason")
    func descriptions() {
        let allowed = World.policy.decide(World.request(World.maria, .listen, .quality))
        #expect(allowed.description.hasPrefix("ALLOW sup.maria listen \(World.recordingID) for quality"))
        let denied = World.policy.decide(World.request(World.omar, .listen, .quality))
        #expect(denied.description.hasPrefix("DENY sup.omar listen"))
        #expect(
            denied.description.contains(
                "rule supervisors-review needs same team: the recording belongs to another team"))
    }
}

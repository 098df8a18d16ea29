import CallVaultAccess
import CallVaultCore
import Foundation
import Testing

/// Break-glass: emergency access outside the normal rules, allowed only with a written
/// justification (and a rule for it), and always flagged.
@Suite("Decisions: break-glass")
struct BreakGlassTests {
    static let justification = "customer threatens self-harm on the call; police need the address"

    @Test("with a justification and a rule: allowed, flagged, compliance notified")
    func allowed() {
        let decision = World.policy.decide(
            World.request(World.noor, .breakGlass, .disputeResolution, justification: "  \(Self.justification)\n"))
        #expect(decision.isAllowed)
        #expect(decision.isBreakGlass)
        #expect(
            decision.reasons == [
                .allowedBy(rule: "incident-break-glass"), .breakGlass(justification: Self.justification),
            ])
        #expect(decision.description.contains("BREAK-GLASS, flagged for review: \(Self.justification)"))
        // The rule does not ask for it; break-glass always notifies compliance.
        #expect(decision.obligations.notifyCompliance)
        #expect(decision.obligations.grantLifetime == .seconds(900))
        #expect(decision.expiresAt == World.now.addingTimeInterval(900))
    }

    @Test("without a justification: denied, and still flagged", arguments: [nil, "", "   \n\t"])
    func withoutJustification(_ text: String?) {
        let decision = World.policy.decide(
            World.request(World.noor, .breakGlass, .disputeResolution, justification: text))
        #expect(!decision.isAllowed)
        #expect(decision.isBreakGlass)
        #expect(decision.reasons == [.breakGlassWithoutJustification])
        #expect(decision.reasons.first?.description == "break-glass access needs a written justification")
        #expect(decision.obligations.notifyCompliance)
        #expect(decision.expiresAt == nil)
    }

    @Test("a justification is not enough without a rule, nor with a rule whose conditions fail")
    func justificationAloneIsNotEnough() {
        let noRule = World.policy.decide(
            World.request(World.maria, .breakGlass, .quality, justification: Self.justification))
        #expect(!noRule.isAllowed)
        #expect(noRule.isBreakGlass)
        #expect(noRule.labels == ["break-glass", "no-rule"])

        var stale = World.noor
        stale.authentication.at = World.minutesAgo(11)
        let failed = World.policy.decide(
            World.request(stale, .breakGlass, .disputeResolution, justification: Self.justification))
        #expect(!failed.isAllowed)
        #expect(
            failed.labels == [
                "break-glass", "condition:incident-break-glass:multi-factor authentication within 10 minutes",
            ])
    }

    @Test("break-glass still needs the purpose to have been disclosed")
    func breakGlassAndConsent() {
        let decision = World.policy.decide(
            World.request(World.noor, .breakGlass, .customerRequest, justification: Self.justification))
        #expect(!decision.isAllowed)
        #expect(decision.labels == ["needs-new-consent", "break-glass"])
    }

    @Test("only break-glass is flagged", arguments: AccessAction.standard.filter { $0 != .breakGlass })
    func otherActionsNotFlagged(_ action: AccessAction) {
        let decision = World.policy.decide(World.request(World.noor, action, .disputeResolution, justification: "x"))
        #expect(!decision.isBreakGlass)
    }
}

/// What an allow obliges, carried from the rule into the decision.
@Suite("Decisions: obligations")
struct ObligationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let request: AccessRequest
        let obligations: AccessObligations
        var testDescription: String { "\(request.principal.id) \(request.action)" }
    }

    static let cases = [
        Case(request: World.request(World.maria, .listen, .quality), obligations: AccessObligations()),
        Case(
            request: World.request(World.maria, .download, .quality, approvals: ["sup.omar"]),
            obligations: AccessObligations(grantLifetime: .seconds(120), watermark: true)),
        Case(
            request: World.request(
                World.kim, .exportLegal, .legalOrRegulatory, legalReference: "subpoena", approvals: ["a", "b"]),
            obligations: AccessObligations(grantLifetime: .seconds(600), watermark: true, notifyCompliance: true)),
        Case(
            request: World.request(World.ada, .rewrapKeys, .legalOrRegulatory),
            obligations: AccessObligations(singleUse: false, notifyCompliance: true)),
    ]

    @Test(arguments: cases)
    func carried(_ example: Case) throws {
        let decision = World.policy.decide(example.request)
        try #require(decision.isAllowed, "\(decision)")
        #expect(decision.obligations == example.obligations)
        let (seconds, _) = example.obligations.grantLifetime.components
        #expect(decision.expiresAt == World.now.addingTimeInterval(Double(seconds)))
    }

    @Test("the default obligations are a five-minute, single-use grant without watermark or notice")
    func defaults() {
        let defaults = AccessObligations()
        #expect(defaults.grantLifetime == .seconds(300))
        #expect(defaults.singleUse)
        #expect(!defaults.watermark)
        #expect(!defaults.notifyCompliance)
    }
}

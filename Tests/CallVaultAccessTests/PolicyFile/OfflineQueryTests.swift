import CallVaultAccess
import CallVaultCore
import Foundation
import Testing

/// A policy checked offline: "who can listen to this recording for training?"
@Suite("Offline queries")
struct OfflineQueryTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let action: AccessAction
        let purpose: Purpose
        let allowed: Set<PrincipalID>
        var testDescription: String { "who may \(action) for \(purpose)" }
    }

    static let cases = [
        Case(action: .listen, purpose: .training, allowed: ["agent.sam", "sup.maria"]),
        Case(action: .listen, purpose: .quality, allowed: ["sup.maria", "qa.ines"]),
        Case(action: .listen, purpose: .legalOrRegulatory, allowed: ["co.kim"]),
        Case(action: .listen, purpose: .customerRequest, allowed: []),
        Case(action: .viewMetadata, purpose: .customerRequest, allowed: ["agent.sam"]),
        Case(action: .rewrapKeys, purpose: .legalOrRegulatory, allowed: ["sec.ada"]),
        // The query carries no justification, reference or approvals: rules that need them allow no one.
        Case(action: .exportLegal, purpose: .legalOrRegulatory, allowed: []),
        Case(action: .breakGlass, purpose: .disputeResolution, allowed: []),
    ]

    @Test(arguments: cases)
    func who(_ example: Case) {
        let decisions = World.policy.principals(
            allowedTo: example.action, recording: World.recording, purpose: example.purpose, among: World.everyone,
            at: World.now)
        #expect(Set(decisions.map(\.principal)) == example.allowed)
        #expect(decisions.allSatisfy { $0.isAllowed })
        #expect(decisions.allSatisfy { $0.action == example.action && $0.purpose == example.purpose })
    }

    @Test("the answer depends on the time: outside QA's hours, QA cannot listen")
    func atNight() {
        let decisions = World.policy.principals(
            allowedTo: .listen, recording: World.recording, purpose: .quality, among: World.everyone,
            at: World.time("2026-03-02T21:00:00Z"))
        // Maria's second factor is then 11 hours old, too.
        #expect(decisions.isEmpty)
    }
}

import CallVaultAccess
import CallVaultCore
import Foundation
import Testing

/// The refusals built into every policy: content for a purpose the customer was not told about
/// needs new consent (a legal obligation is not a new use); a restricted recording serves only its
/// legal obligation; a recording under legal hold cannot be deleted.
@Suite("Decisions: consent, restriction and holds")
struct ConsentAndRestrictionTests {
    /// A policy that allows everyone everything, so only the built-in refusals can deny.
    static let permissive: AccessPolicy = {
        do {
            return try AccessPolicy(
                version: "open",
                rules: [AccessRule(id: "everything", effect: .allow, actions: Set(AccessAction.standard))])
        } catch { preconditionFailure("\(error)") }
    }()

    static let contentActions: [AccessAction] = [.listen, .download, .exportLegal, .viewTranscript, .breakGlass]
    static let otherActions: [AccessAction] = [.viewMetadata, .delete, .placeHold, .releaseHold, .rewrapKeys]

    @Test("the standard actions split into those that reach content and those that do not")
    func contentSplit() {
        #expect(Set(Self.contentActions + Self.otherActions) == Set(AccessAction.standard))
        for action in Self.contentActions { #expect(action.reachesContent, "\(action)") }
        for action in Self.otherActions { #expect(!action.reachesContent, "\(action)") }
    }

    @Test("content for an undisclosed purpose needs new consent", arguments: contentActions)
    func undisclosedPurpose(_ action: AccessAction) throws {
        let fraud = try Purpose("fraud-prevention")
        for purpose in [Purpose.customerRequest, fraud] {
            let decision = Self.permissive.decide(
                World.request(World.maria, action, purpose, justification: "needed"))
            #expect(!decision.isAllowed)
            #expect(
                decision.reasons.first
                    == .needsNewConsent(
                        purpose: purpose, disclosed: [.disputeResolution, .legalOrRegulatory, .quality, .training]))
            #expect(decision.reasons.first?.description.hasPrefix("needs new consent") == true)
            #expect(decision.reasons.first?.description.contains("not \(purpose)") == true)
        }
    }

    @Test("content for a disclosed purpose is decided by the rules", arguments: contentActions)
    func disclosedPurpose(_ action: AccessAction) {
        let decision = Self.permissive.decide(World.request(World.maria, action, .quality, justification: "needed"))
        #expect(decision.isAllowed, "\(decision)")
    }

    @Test("actions that do not reach content need no consent", arguments: otherActions)
    func metadataNeedsNoConsent(_ action: AccessAction) {
        #expect(Self.permissive.decide(World.request(World.maria, action, .customerRequest)).isAllowed)
    }

    @Test("a recording the customer was told nothing about is closed to every content action but its legal obligation")
    func nothingDisclosed() {
        var silent = World.recording
        silent.disclosedPurposes = []
        for action in Self.contentActions {
            for purpose in [Purpose.quality, .disputeResolution] {
                let decision = Self.permissive.decide(
                    World.request(World.kim, action, purpose, recording: silent, justification: "x"))
                #expect(decision.reasons.first == .needsNewConsent(purpose: purpose, disclosed: []))
                #expect(decision.reasons.first?.description.contains("told of no purposes") == true)
            }
        }
    }

    @Test(
        "a legal obligation is not a new use: legal-regulatory content needs no consent, only the rules",
        arguments: contentActions)
    func legalObligationNeedsNoConsent(_ action: AccessAction) {
        var qualityAndTraining = World.recording
        qualityAndTraining.disclosedPurposes = [.quality, .training]
        let decision = Self.permissive.decide(
            World.request(World.kim, action, .legalOrRegulatory, recording: qualityAndTraining, justification: "x"))
        #expect(decision.isAllowed, "\(decision)")
        #expect(!decision.labels.contains("needs-new-consent"))
        // Another undisclosed purpose is still refused on the same recording.
        let dispute = Self.permissive.decide(
            World.request(World.kim, action, .disputeResolution, recording: qualityAndTraining, justification: "x"))
        #expect(
            dispute.reasons.first == .needsNewConsent(purpose: .disputeResolution, disclosed: [.quality, .training]))
    }

    @Test("a court order on a quality-and-training recording is decided by the rules: reference and approvals")
    func courtOrderStillNeedsTheRules() {
        var qualityAndTraining = World.recording
        qualityAndTraining.disclosedPurposes = [.quality, .training]
        let bare = World.policy.decide(
            World.request(World.kim, .exportLegal, .legalOrRegulatory, recording: qualityAndTraining))
        #expect(!bare.isAllowed)
        #expect(
            bare.labels == [
                "condition:compliance-export:a legal request reference",
                "condition:compliance-export:approval by 2 other principals",
            ], "\(bare)")
        let ordered = World.policy.decide(
            World.request(
                World.kim, .exportLegal, .legalOrRegulatory, recording: qualityAndTraining,
                legalReference: "court order 26-cv-0042", approvals: ["co.ann", "legal.bo"]))
        #expect(ordered.isAllowed, "\(ordered)")
        #expect(ordered.labels == ["allowed-by:compliance-export"])
        // The rules still refuse an agent, whatever the order says.
        let agent = World.policy.decide(
            World.request(
                World.sam, .exportLegal, .legalOrRegulatory, recording: qualityAndTraining,
                legalReference: "court order 26-cv-0042", approvals: ["co.ann", "legal.bo"]))
        #expect(!agent.isAllowed)
        #expect(agent.labels == ["denied-by:no-downloads-for-agents"])
    }

    @Test("needs new consent even when the rules allow, with the rule's other failures beside it")
    func consentBeforeRules() {
        let decision = World.policy.decide(World.request(World.lee, .listen, .customerRequest))
        #expect(decision.labels == ["needs-new-consent", "condition:agents-own-calls:own recordings only"])
    }

    @Test("a restricted recording serves its legal obligation only", arguments: contentActions)
    func restricted(_ action: AccessAction) {
        var restricted = World.recording
        restricted.isRestricted = true
        for purpose in [Purpose.quality, .training, .disputeResolution] {
            let decision = Self.permissive.decide(
                World.request(World.kim, action, purpose, recording: restricted, justification: "x"))
            #expect(!decision.isAllowed)
            #expect(decision.reasons.contains(.restricted(purpose: purpose)))
        }
        let legal = Self.permissive.decide(
            World.request(World.kim, action, .legalOrRegulatory, recording: restricted, justification: "x"))
        #expect(legal.isAllowed, "\(legal)")
    }

    @Test("restriction leaves metadata, holds and deletion to the rules", arguments: otherActions)
    func restrictedMetadata(_ action: AccessAction) {
        var restricted = World.recording
        restricted.isRestricted = true
        #expect(Self.permissive.decide(World.request(World.kim, action, .quality, recording: restricted)).isAllowed)
    }

    @Test("a recording under legal hold cannot be deleted, whatever the rules say")
    func legalHold() {
        var held = World.recording
        held.holds = ["hold-26-cv-0042", "hold-regulator"]
        let decision = World.policy.decide(
            World.request(
                World.ravi, .delete, .legalOrRegulatory, recording: held, justification: "schedule due",
                approvals: ["co.kim"]))
        #expect(!decision.isAllowed)
        #expect(decision.reasons == [.underLegalHold(holds: ["hold-26-cv-0042", "hold-regulator"])])
        #expect(decision.description.contains("under legal hold (hold-26-cv-0042, hold-regulator)"))
        // Holds do not stop anything else.
        let listen = Self.permissive.decide(World.request(World.maria, .listen, .quality, recording: held))
        #expect(listen.isAllowed)
        let release = World.policy.decide(
            World.request(World.ravi, .releaseHold, .legalOrRegulatory, recording: held, legalReference: "closed"))
        #expect(release.isAllowed)
    }
}

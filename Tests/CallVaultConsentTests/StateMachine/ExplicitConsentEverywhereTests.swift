import CallVaultConsent
import CallVaultCore
import Testing

/// `ConsentPolicy.explicitConsentEverywhere`: an organisation that always asks gets an affirmative
/// act from every party, whatever the jurisdiction; and input that means nothing is reported.
@Suite("Consent: explicit consent everywhere, and ignored input")
struct ExplicitConsentEverywhereTests {
    typealias S = ConsentScript

    static var always: ConsentPolicy {
        var policy = ConsentPolicy()
        policy.explicitConsentEverywhere = true
        return policy
    }

    @Test("a Florida caller pressing 1 consents by keypress; the receipt says the policy asked")
    func floridaByKeypress() throws {
        var machine = S.machine(policy: Self.always)
        let start = try machine.callStarted(
            callID: "c", direction: .inbound, participants: [S.customer("US-FL"), S.agent()], at: S.at(0))
        #expect(S.summary(start) == ["play customer consent-request en", "receipt agent not-required not-required"])
        _ = try machine.announcementStarted(party: "customer", script: S.script(.consentRequest), at: S.at(1))
        let finished = try machine.announcementFinished(
            party: "customer", script: S.script(.consentRequest), at: S.at(5))
        #expect(S.summary(finished) == ["schedule timer-1 10.0 seconds"])
        #expect(!machine.isRecording, "the notice alone no longer suffices")
        let pressed = try machine.keyPressed(party: "customer", key: "1", at: S.at(6))
        #expect(S.summary(pressed) == ["cancel timer-1", "receipt customer consented keypress", "start"])
        let receipt = try #require(S.receipts(pressed).first)
        #expect(receipt.method == .keypress)
        #expect(receipt.key == "1")
        #expect(receipt.requirement == .consent)
        #expect(receipt.explicitConsentByPolicy == true)
        #expect(receipt.noticeSuffices == false)
    }

    @Test(
        "every place is asked for consent, one-party and notice-only ones included",
        arguments: S.catalog.rules.keys.map(\.code).sorted() + ["unknown"])
    func everyPlaceAsks(code: String) throws {
        var machine = S.machine(policy: Self.always)
        let start = try machine.callStarted(
            callID: "c", direction: .inbound, participants: [S.customer(code), S.agent()], at: S.at(0))
        #expect(S.summary(start).first == "play customer consent-request en", "\(code)")
        _ = try machine.announcementStarted(party: "customer", script: S.script(.consentRequest), at: S.at(1))
        _ = try machine.announcementFinished(party: "customer", script: S.script(.consentRequest), at: S.at(5))
        #expect(!machine.isRecording || code == "US-WA" || code == "US-CT", "\(code): recorded only after agreeing")
        let spoken = try machine.speechIntentRecognized(party: "customer", intent: .yes, at: S.at(6))
        #expect(S.receipts(spoken).first?.method == .speech)
        #expect(machine.isRecording)
    }

    @Test("agents still need nothing; the agent's attestation counts as explicit consent")
    func agentAttestation() throws {
        var policy = Self.always
        policy.inboundDelivery = .agentScript
        var machine = S.machine(policy: policy)
        let start = try machine.callStarted(
            callID: "c", direction: .inbound, participants: [S.customer("US-NY"), S.agent()], at: S.at(0))
        #expect(
            S.summary(start) == [
                "prompt agent about customer consent-request en", "receipt agent not-required not-required",
            ])
        let attested = try machine.agentAttested(party: "customer", agent: "agent", agreed: true, at: S.at(3))
        #expect(S.summary(attested) == ["receipt customer consented agent-attestation", "start"])
    }

    @Test("a joiner from a one-party place is asked too, and excluded until they agree")
    func joiner() throws {
        var machine = S.machine(policy: Self.always)
        _ = try machine.callStarted(
            callID: "c", direction: .inbound, participants: [S.customer("US-NY"), S.agent()], at: S.at(0))
        _ = try machine.announcementStarted(party: "customer", script: S.script(.consentRequest), at: S.at(1))
        _ = try machine.keyPressed(party: "customer", key: "1", at: S.at(2))
        let joined = try machine.partyJoined(S.thirdParty("US-TX"), at: S.at(10))
        #expect(S.summary(joined) == ["play guest consent-request en", "exclude guest"])
    }

    @Test("without the policy, a Florida caller's key after the notice means nothing, and is reported")
    func floridaWithoutPolicy() throws {
        var machine = S.machine()
        _ = try machine.callStarted(
            callID: "c", direction: .inbound, participants: [S.customer("US-FL"), S.agent()], at: S.at(0))
        let early = try machine.keyPressed(party: "customer", key: "1", at: S.at(1))
        #expect(S.summary(early) == ["ignored customer key 1 nothing-asked"])
        _ = try machine.announcementStarted(party: "customer", script: S.script(.notice), at: S.at(1))
        let during = try machine.keyPressed(party: "customer", key: "1", at: S.at(2))
        #expect(S.summary(during) == ["ignored customer key 1 nothing-asked"], "a notice asks nothing")
        let finished = try machine.announcementFinished(party: "customer", script: S.script(.notice), at: S.at(5))
        #expect(S.receipts(finished).first?.method == .impliedByNotice)
        #expect(S.receipts(finished).first?.explicitConsentByPolicy == nil)
        let after = try machine.keyPressed(party: "customer", key: "1", at: S.at(6))
        #expect(
            after.elementsEqual([
                .inputIgnored(IgnoredInput(party: "customer", input: .key("1"), reason: .nothingAsked))
            ]))
        let speech = try machine.speechIntentRecognized(party: "customer", intent: .no, at: S.at(7))
        #expect(S.summary(speech) == ["ignored customer speech no nothing-asked"])
        #expect(machine.isRecording, "nothing changed")
    }

    @Test("after a refusal, every input is reported as meaning nothing")
    func afterRefusal() throws {
        var machine = S.machine()
        _ = try machine.callStarted(
            callID: "c", direction: .inbound, participants: [S.customer("DE"), S.agent("DE")], at: S.at(0))
        _ = try machine.announcementStarted(party: "customer", script: S.script(.consentRequest), at: S.at(1))
        _ = try machine.keyPressed(party: "customer", key: "2", at: S.at(2))
        #expect(
            S.summary(try machine.keyPressed(party: "customer", key: "1", at: S.at(3))) == [
                "ignored customer key 1 nothing-asked"
            ])
        #expect(
            S.summary(try machine.speechIntentRecognized(party: "customer", intent: .yes, at: S.at(4))) == [
                "ignored customer speech yes nothing-asked"
            ])
        #expect(!machine.isRecording)
    }
}

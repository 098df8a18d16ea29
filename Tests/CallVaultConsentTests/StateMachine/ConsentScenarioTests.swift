import CallVaultConsent
import CallVaultCore
import Testing

/// Whole calls, event by event, checking every action.
@Suite("Consent state machine: scripted calls")
struct ConsentScenarioTests {
    typealias S = ConsentScript

    @Test("one-party (US-NY): notice, then recording")
    func oneParty() throws {
        var machine = S.machine()
        let start = try machine.callStarted(
            callID: "c1", direction: .inbound, participants: [S.customer("US-NY"), S.agent()], at: S.at(0))
        #expect(S.summary(start) == ["play customer notice en", "receipt agent not-required not-required"])
        #expect(try machine.announcementStarted(party: "customer", script: S.script(.notice), at: S.at(1)).isEmpty)
        #expect(!machine.isRecording, "nothing is recorded before the requirement is met")
        let finished = try machine.announcementFinished(party: "customer", script: S.script(.notice), at: S.at(6))
        #expect(S.summary(finished) == ["receipt customer notified implied-by-notice", "start"])
        let receipt = try #require(S.receipts(finished).first)
        #expect(receipt.requirement == .notice)
        #expect(receipt.announcement == S.script(.notice))
        #expect(receipt.announcementStartedAt == S.at(1))
        #expect(receipt.decidedAt == S.at(6))
        #expect(receipt.catalogVersion == S.catalog.version)
        #expect(machine.isRecording)
        let ended = try machine.callEnded(at: S.at(60))
        #expect(S.summary(ended) == ["stop"])
        #expect(machine.hasEnded)
    }

    @Test("all-party where notice suffices (US-CA mobile): staying on the line is consent")
    func allPartyNoticeSuffices() throws {
        var machine = S.machine()
        let start = try machine.callStarted(
            callID: "c2", direction: .inbound, participants: [S.customer("US-CA", medium: .mobile), S.agent()],
            at: S.at(0))
        #expect(S.summary(start).first == "play customer notice en")
        _ = try machine.announcementStarted(party: "customer", script: S.script(.notice), at: S.at(1))
        let finished = try machine.announcementFinished(party: "customer", script: S.script(.notice), at: S.at(5))
        #expect(S.summary(finished) == ["receipt customer consented implied-by-notice", "start"])
        #expect(S.receipts(finished).first?.requirement == .consent)
        #expect(S.receipts(finished).first?.noticeSuffices == true)
    }

    @Test("explicit consent (DE): the key is asked for, and pressing it starts recording")
    func explicitConsentByKey() throws {
        var machine = S.machine()
        let start = try machine.callStarted(
            callID: "c3", direction: .inbound, participants: [S.customer("DE", language: "de"), S.agent("DE")],
            at: S.at(0))
        #expect(S.summary(start).first == "play customer consent-request de")
        _ = try machine.announcementStarted(
            party: "customer", script: S.script(.consentRequest, language: "de"), at: S.at(1))
        let finished = try machine.announcementFinished(
            party: "customer", script: S.script(.consentRequest, language: "de"), at: S.at(8))
        #expect(S.summary(finished) == ["schedule timer-1 10.0 seconds"])
        #expect(
            S.summary(try machine.keyPressed(party: "customer", key: "7", at: S.at(9)))
                == ["ignored customer key 7 not-an-answer"], "other keys change nothing, and are reported")
        let pressed = try machine.keyPressed(party: "customer", key: "1", at: S.at(10))
        #expect(S.summary(pressed) == ["cancel timer-1", "receipt customer consented keypress", "start"])
        #expect(S.receipts(pressed).first?.key == "1")
        #expect(S.receipts(pressed).first?.announcement?.language == "de")
    }

    @Test("explicit consent answered during the prompt (barge-in)")
    func bargeIn() throws {
        var machine = S.machine()
        _ = try machine.callStarted(
            callID: "c", direction: .inbound, participants: [S.customer("DE"), S.agent("DE")], at: S.at(0))
        _ = try machine.announcementStarted(party: "customer", script: S.script(.consentRequest), at: S.at(1))
        let spoken = try machine.speechIntentRecognized(party: "customer", intent: .yes, at: S.at(3))
        #expect(S.summary(spoken) == ["receipt customer consented speech", "start"])
    }

    @Test("declining keeps the call going unrecorded, never disconnected")
    func decline() throws {
        var machine = S.machine()
        _ = try machine.callStarted(
            callID: "c", direction: .inbound, participants: [S.customer("DE"), S.agent("DE")], at: S.at(0))
        _ = try machine.announcementStarted(party: "customer", script: S.script(.consentRequest), at: S.at(1))
        _ = try machine.announcementFinished(party: "customer", script: S.script(.consentRequest), at: S.at(8))
        let declined = try machine.keyPressed(party: "customer", key: "2", at: S.at(9))
        #expect(
            S.summary(declined) == [
                "cancel timer-1", "receipt customer declined keypress", "continue unrecorded consent-refused",
            ])
        #expect(!machine.isRecording)
        #expect(S.summary(try machine.callEnded(at: S.at(30))).isEmpty)
    }

    @Test("on a mandatory-recording line a refusal asks the host to end the call")
    func mandatoryLine() throws {
        var policy = ConsentPolicy()
        policy.recordingMandatory = true
        var machine = S.machine(policy: policy)
        _ = try machine.callStarted(
            callID: "c", direction: .inbound, participants: [S.customer("DE"), S.agent("DE")], at: S.at(0))
        _ = try machine.announcementStarted(party: "customer", script: S.script(.consentRequest), at: S.at(1))
        let declined = try machine.speechIntentRecognized(party: "customer", intent: .no, at: S.at(3))
        #expect(S.summary(declined) == ["receipt customer declined speech", "end call consent-refused"])
    }

    @Test("no answer: asked again, then counted as no")
    func noAnswer() throws {
        var machine = S.machine()
        _ = try machine.callStarted(
            callID: "c", direction: .inbound, participants: [S.customer("DE"), S.agent("DE")], at: S.at(0))
        _ = try machine.announcementStarted(party: "customer", script: S.script(.consentRequest), at: S.at(1))
        _ = try machine.announcementFinished(party: "customer", script: S.script(.consentRequest), at: S.at(8))
        let first = try machine.timeoutFired(ConsentTimerID(1), at: S.at(18))
        #expect(S.summary(first) == ["play customer consent-request en"])
        _ = try machine.announcementStarted(party: "customer", script: S.script(.consentRequest), at: S.at(19))
        #expect(
            S.summary(try machine.speechIntentRecognized(party: "customer", intent: .unclear, at: S.at(20))) == [
                "receipt customer declined speech", "continue unrecorded consent-refused",
            ])
    }

    @Test("an unclear answer is asked again while prompts remain")
    func unclearThenYes() throws {
        var machine = S.machine()
        _ = try machine.callStarted(
            callID: "c", direction: .inbound, participants: [S.customer("DE"), S.agent("DE")], at: S.at(0))
        _ = try machine.announcementStarted(party: "customer", script: S.script(.consentRequest), at: S.at(1))
        _ = try machine.announcementFinished(party: "customer", script: S.script(.consentRequest), at: S.at(8))
        let unclear = try machine.speechIntentRecognized(party: "customer", intent: .unclear, at: S.at(9))
        #expect(S.summary(unclear) == ["cancel timer-1", "play customer consent-request en"])
        _ = try machine.announcementStarted(party: "customer", script: S.script(.consentRequest), at: S.at(10))
        _ = try machine.announcementFinished(party: "customer", script: S.script(.consentRequest), at: S.at(17))
        #expect(
            S.summary(try machine.timeoutFired(ConsentTimerID(2), at: S.at(27))) == [
                "receipt customer declined no-response", "continue unrecorded consent-refused",
            ])
    }

    @Test("outbound: the agent reads the script and attests the answer")
    func agentAttestation() throws {
        var machine = S.machine()
        let start = try machine.callStarted(
            callID: "c", direction: .outbound, participants: [S.agent("DE", id: "a1"), S.customer("DE")], at: S.at(0))
        #expect(
            S.summary(start) == ["prompt a1 about customer consent-request en", "receipt a1 not-required not-required"])
        _ = try machine.announcementStarted(party: "customer", script: S.script(.consentRequest), at: S.at(2))
        let attested = try machine.agentAttested(party: "customer", agent: "a1", agreed: true, at: S.at(9))
        #expect(S.summary(attested) == ["receipt customer consented agent-attestation", "start"])
        #expect(S.receipts(attested).first?.attestedBy == "a1")
    }

    @Test("a joiner who must consent is excluded, and raises the requirement for the others")
    func joinerRaisesRequirement() throws {
        var machine = S.machine()
        _ = try machine.callStarted(
            callID: "c", direction: .inbound, participants: [S.customer("US-NY"), S.agent()], at: S.at(0))
        _ = try machine.announcementStarted(party: "customer", script: S.script(.notice), at: S.at(1))
        _ = try machine.announcementFinished(party: "customer", script: S.script(.notice), at: S.at(5))
        #expect(machine.isRecording)
        let joined = try machine.partyJoined(S.thirdParty("DE"), at: S.at(30))
        #expect(
            S.summary(joined) == [
                "play customer consent-request en", "play guest consent-request en", "exclude customer",
                "exclude guest",
            ])
        #expect(machine.decision?.isAllParty == true)
        _ = try machine.announcementStarted(party: "guest", script: S.script(.consentRequest), at: S.at(31))
        let guestYes = try machine.keyPressed(party: "guest", key: "1", at: S.at(35))
        #expect(S.summary(guestYes) == ["receipt guest consented keypress", "include guest"])
        _ = try machine.announcementStarted(party: "customer", script: S.script(.consentRequest), at: S.at(31))
        let customerYes = try machine.keyPressed(party: "customer", key: "1", at: S.at(36))
        #expect(S.summary(customerYes) == ["receipt customer consented keypress", "include customer"])
    }

    @Test("a joiner pending with the pause policy pauses the whole recording")
    func joinerPauses() throws {
        var policy = ConsentPolicy()
        policy.whileAwaitingConsent = .pauseRecording
        var machine = S.machine(policy: policy)
        _ = try machine.callStarted(
            callID: "c", direction: .inbound, participants: [S.customer("US-CA"), S.agent()], at: S.at(0))
        _ = try machine.announcementStarted(party: "customer", script: S.script(.notice), at: S.at(1))
        _ = try machine.announcementFinished(party: "customer", script: S.script(.notice), at: S.at(5))
        let joined = try machine.partyJoined(S.thirdParty("US-FL"), at: S.at(20))
        #expect(S.summary(joined) == ["play guest notice en", "pause awaiting-consent"])
        _ = try machine.announcementStarted(party: "guest", script: S.script(.notice), at: S.at(21))
        let done = try machine.announcementFinished(party: "guest", script: S.script(.notice), at: S.at(25))
        #expect(S.summary(done) == ["receipt guest consented implied-by-notice", "resume"])
    }

    @Test("a joiner who declines mid-call stops the recording; the call goes on")
    func joinerDeclines() throws {
        var machine = S.machine()
        _ = try machine.callStarted(
            callID: "c", direction: .inbound, participants: [S.customer("US-NY"), S.agent()], at: S.at(0))
        _ = try machine.announcementStarted(party: "customer", script: S.script(.notice), at: S.at(1))
        _ = try machine.announcementFinished(party: "customer", script: S.script(.notice), at: S.at(5))
        _ = try machine.partyJoined(S.thirdParty("DE"), at: S.at(30))
        _ = try machine.announcementStarted(party: "guest", script: S.script(.consentRequest), at: S.at(31))
        let declined = try machine.keyPressed(party: "guest", key: "2", at: S.at(33))
        #expect(
            S.summary(declined) == ["receipt guest declined keypress", "stop", "continue unrecorded consent-refused"])
    }

    @Test("withdrawal stops recording at once and quarantines what was captured", arguments: [true, false])
    func withdrawal(byKey: Bool) throws {
        var machine = S.machine()
        _ = try machine.callStarted(
            callID: "c", direction: .inbound, participants: [S.customer("US-CA"), S.agent()], at: S.at(0))
        _ = try machine.announcementStarted(party: "customer", script: S.script(.notice), at: S.at(1))
        _ = try machine.announcementFinished(party: "customer", script: S.script(.notice), at: S.at(5))
        let withdrawn =
            byKey
            ? try machine.keyPressed(party: "customer", key: "9", at: S.at(40))
            : try machine.consentWithdrawn(party: "customer", by: "agent", at: S.at(40))
        let method = byKey ? "keypress" : "agent-attestation"
        #expect(
            S.summary(withdrawn) == [
                "receipt customer withdrawn \(method)", "stop", "quarantine", "continue unrecorded consent-withdrawn",
            ])
        #expect(!machine.isRecording)
    }

    @Test("withdrawal with the discard policy deletes what was captured")
    func withdrawalDiscards() throws {
        var policy = ConsentPolicy()
        policy.onWithdrawal = .discard
        var machine = S.machine(policy: policy)
        _ = try machine.callStarted(
            callID: "c", direction: .inbound, participants: [S.customer("US-NY"), S.agent()], at: S.at(0))
        _ = try machine.announcementStarted(party: "customer", script: S.script(.notice), at: S.at(1))
        _ = try machine.announcementFinished(party: "customer", script: S.script(.notice), at: S.at(5))
        #expect(
            S.summary(try machine.consentWithdrawn(party: "customer", at: S.at(9))) == [
                "receipt customer withdrawn request", "stop", "discard", "continue unrecorded consent-withdrawn",
            ])
    }

    @Test("a card-data pause holds recording, also across a consent pause")
    func securePause() throws {
        var policy = ConsentPolicy()
        policy.whileAwaitingConsent = .pauseRecording
        var machine = S.machine(policy: policy)
        _ = try machine.callStarted(
            callID: "c", direction: .inbound, participants: [S.customer("US-NY"), S.agent()], at: S.at(0))
        _ = try machine.announcementStarted(party: "customer", script: S.script(.notice), at: S.at(1))
        _ = try machine.announcementFinished(party: "customer", script: S.script(.notice), at: S.at(5))
        #expect(S.summary(try machine.securePauseRequested(at: S.at(10))) == ["pause card-data", "mask dtmf"])
        #expect(machine.isPaused)
        let joined = try machine.partyJoined(S.thirdParty("DE"), at: S.at(11))
        #expect(!S.summary(joined).contains("pause awaiting-consent"), "already paused: no second pause")
        #expect(
            S.summary(try machine.securePauseReleased(at: S.at(20))) == ["unmask dtmf 0 withheld"],
            "still waiting for consent")
        _ = try machine.announcementStarted(party: "guest", script: S.script(.consentRequest), at: S.at(21))
        _ = try machine.keyPressed(party: "guest", key: "1", at: S.at(22))
        _ = try machine.announcementStarted(party: "customer", script: S.script(.consentRequest), at: S.at(21))
        let last = try machine.keyPressed(party: "customer", key: "1", at: S.at(23))
        #expect(S.summary(last) == ["receipt customer consented keypress", "resume"])
    }

    @Test("a card-data pause before recording starts makes it start paused")
    func securePauseBeforeStart() throws {
        var machine = S.machine()
        _ = try machine.callStarted(
            callID: "c", direction: .inbound, participants: [S.customer("US-NY"), S.agent()], at: S.at(0))
        #expect(S.summary(try machine.securePauseRequested(at: S.at(1))) == ["mask dtmf"])
        _ = try machine.announcementStarted(party: "customer", script: S.script(.notice), at: S.at(2))
        let finished = try machine.announcementFinished(party: "customer", script: S.script(.notice), at: S.at(5))
        #expect(S.summary(finished) == ["receipt customer notified implied-by-notice", "start", "pause card-data"])
        #expect(S.summary(try machine.securePauseReleased(at: S.at(9))) == ["resume", "unmask dtmf 0 withheld"])
    }

    @Test("the pending party leaving lets recording start; they get a not-reached receipt")
    func pendingPartyLeaves() throws {
        var machine = S.machine()
        _ = try machine.callStarted(
            callID: "c", direction: .inbound,
            participants: [S.customer("US-NY"), S.thirdParty("US-NY", id: "guest"), S.agent()], at: S.at(0))
        _ = try machine.announcementStarted(party: "customer", script: S.script(.notice), at: S.at(1))
        _ = try machine.announcementFinished(party: "customer", script: S.script(.notice), at: S.at(5))
        #expect(!machine.isRecording, "the guest has not been told yet")
        let left = try machine.partyLeft(party: "guest", at: S.at(6))
        #expect(S.summary(left) == ["receipt guest not-reached no-response", "start"])
    }

    @Test("a transfer to an agent in a one-party place changes nothing; to a DE expert, consent is needed")
    func transfers() throws {
        var machine = S.machine()
        _ = try machine.callStarted(
            callID: "c", direction: .inbound, participants: [S.customer("US-NY"), S.agent()], at: S.at(0))
        _ = try machine.announcementStarted(party: "customer", script: S.script(.notice), at: S.at(1))
        _ = try machine.announcementFinished(party: "customer", script: S.script(.notice), at: S.at(5))
        let toAgent = try machine.transferred(from: "agent", to: S.agent("US-TX", id: "agent-2"), at: S.at(20))
        #expect(S.summary(toAgent) == ["receipt agent-2 not-required not-required"])
        let toExpert = try machine.transferred(from: "agent-2", to: S.thirdParty("DE", id: "expert"), at: S.at(40))
        #expect(S.summary(toExpert).contains("play expert consent-request en"))
        #expect(S.summary(toExpert).contains("exclude expert"))
    }

    @Test("call end: recording stops and pending parties get not-reached receipts")
    func callEndWhilePending() throws {
        var machine = S.machine()
        _ = try machine.callStarted(
            callID: "c", direction: .inbound, participants: [S.customer("DE"), S.agent("DE")], at: S.at(0))
        _ = try machine.announcementStarted(party: "customer", script: S.script(.consentRequest), at: S.at(1))
        _ = try machine.announcementFinished(party: "customer", script: S.script(.consentRequest), at: S.at(8))
        let ended = try machine.callEnded(at: S.at(9))
        #expect(S.summary(ended) == ["cancel timer-1", "receipt customer not-reached no-response"])
        #expect(throws: ConsentStateMachineError.callAlreadyEnded(event: "key pressed")) {
            try machine.keyPressed(party: "customer", key: "1", at: S.at(10))
        }
    }

    @Test("receipt ids are unique across a party's receipts")
    func receiptIDs() throws {
        var machine = S.machine()
        var ids: [String] = []
        func collect(_ actions: ConsentActions) { ids += S.receipts(actions).map(\.receiptID) }
        collect(
            try machine.callStarted(
                callID: "c9", direction: .inbound, participants: [S.customer("US-NY"), S.agent()], at: S.at(0)))
        _ = try machine.announcementStarted(party: "customer", script: S.script(.notice), at: S.at(1))
        collect(try machine.announcementFinished(party: "customer", script: S.script(.notice), at: S.at(5)))
        collect(try machine.partyJoined(S.thirdParty("DE"), at: S.at(9)))
        _ = try machine.announcementStarted(party: "customer", script: S.script(.consentRequest), at: S.at(10))
        collect(try machine.keyPressed(party: "customer", key: "1", at: S.at(12)))
        #expect(ids == ["c9/agent/1", "c9/customer/1", "c9/customer/2"])
    }
}

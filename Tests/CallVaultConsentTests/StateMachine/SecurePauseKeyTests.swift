import CallVaultConsent
import CallVaultCore
import Testing

/// Keys pressed during a card payment are card data, not answers: while a secure pause is on, no
/// key (or speech intent) is interpreted, none reaches a receipt, and each is only counted.
@Suite("Consent: keys during a secure pause")
struct SecurePauseKeyTests {
    typealias S = ConsentScript

    static let keys: [Character] = Array("0123456789*#ABCD")

    /// Every combination of the policy choices that decide what a key could have done.
    static let policies: [ConsentPolicy] = {
        var all: [ConsentPolicy] = []
        for captured in [ConsentPolicy.CapturedHandling.keep, .quarantine, .discard] {
            for awaiting in [ConsentPolicy.AwaitingConsentHandling.excludeTrack, .pauseRecording] {
                for mandatory in [false, true] {
                    var policy = ConsentPolicy()
                    policy.onWithdrawal = captured
                    policy.whileAwaitingConsent = awaiting
                    policy.recordingMandatory = mandatory
                    all.append(policy)
                }
            }
        }
        return all
    }()

    @Test("while recording, no key withdraws consent, stops, quarantines or discards", arguments: keys)
    func recordingCall(key: Character) throws {
        for policy in Self.policies {
            var machine = S.machine(policy: policy)
            _ = try machine.callStarted(
                callID: "c", direction: .inbound, participants: [S.customer("US-NY"), S.agent()], at: S.at(0))
            _ = try machine.announcementStarted(party: "customer", script: S.script(.notice), at: S.at(1))
            _ = try machine.announcementFinished(party: "customer", script: S.script(.notice), at: S.at(5))
            #expect(S.summary(try machine.securePauseRequested(at: S.at(10))) == ["pause card-data", "mask dtmf"])
            let pressed = try machine.keyPressed(party: "customer", key: key, at: S.at(11))
            #expect(S.summary(pressed) == ["ignored customer withheld secure-pause"], "\(key) \(policy)")
            #expect(S.receipts(pressed).isEmpty)
            #expect(
                pressed.elementsEqual([
                    .inputIgnored(IgnoredInput(party: "customer", input: .withheld, reason: .securePause))
                ]),
                "the key's value is not kept")
            #expect(machine.isRecording && machine.isPaused)
            _ = try machine.keyPressed(party: "agent", key: key, at: S.at(12))
            let released = try machine.securePauseReleased(at: S.at(20))
            #expect(S.summary(released) == ["resume", "unmask dtmf 2 withheld"], "\(key) \(policy)")
            #expect(machine.isRecording && !machine.isPaused)
            // After the pause the same key means what it always did.
            let after = try machine.keyPressed(party: "customer", key: key, at: S.at(21))
            if key == "9" {
                #expect(S.summary(after).first == "receipt customer withdrawn keypress")
            } else {
                #expect(S.summary(after) == ["ignored customer key \(key) nothing-asked"])
            }
        }
    }

    @Test("a pending consent request is neither answered nor refused by a key during the pause", arguments: keys)
    func pendingQuestion(key: Character) throws {
        for policy in Self.policies {
            var machine = S.machine(policy: policy)
            _ = try machine.callStarted(
                callID: "c", direction: .inbound, participants: [S.customer("US-NY"), S.agent()], at: S.at(0))
            _ = try machine.announcementStarted(party: "customer", script: S.script(.notice), at: S.at(1))
            _ = try machine.announcementFinished(party: "customer", script: S.script(.notice), at: S.at(5))
            _ = try machine.partyJoined(S.thirdParty("DE"), at: S.at(6))
            _ = try machine.announcementStarted(party: "guest", script: S.script(.consentRequest), at: S.at(7))
            _ = try machine.securePauseRequested(at: S.at(8))
            for party: PartyID in ["guest", "customer"] {
                let pressed = try machine.keyPressed(party: party, key: key, at: S.at(9))
                #expect(S.summary(pressed) == ["ignored \(party) withheld secure-pause"], "\(key) \(policy)")
            }
            let spoken = try machine.speechIntentRecognized(party: "guest", intent: .no, at: S.at(9))
            #expect(S.summary(spoken) == ["ignored guest withheld secure-pause"])
            #expect(machine.isRecording, "nobody declined or withdrew")
            let released = try machine.securePauseReleased(at: S.at(20))
            #expect(S.summary(released).last == "unmask dtmf 3 withheld")
            // The question is still open: the consent key answers it now.
            let answered = try machine.keyPressed(party: "guest", key: "1", at: S.at(21))
            #expect(S.summary(answered).first == "receipt guest consented keypress")
        }
    }

    @Test("before recording starts, keys during the pause do not answer the consent request")
    func beforeRecording() throws {
        var machine = S.machine()
        _ = try machine.callStarted(
            callID: "c", direction: .inbound, participants: [S.customer("DE"), S.agent("DE")], at: S.at(0))
        _ = try machine.announcementStarted(party: "customer", script: S.script(.consentRequest), at: S.at(1))
        #expect(S.summary(try machine.securePauseRequested(at: S.at(2))) == ["mask dtmf"])
        for key in Self.keys {
            #expect(S.summary(try machine.keyPressed(party: "customer", key: key, at: S.at(3))).count == 1)
        }
        #expect(!machine.isRecording)
        #expect(S.summary(try machine.securePauseReleased(at: S.at(4))) == ["unmask dtmf 16 withheld"])
        let ended = try machine.callEnded(at: S.at(5))
        #expect(S.summary(ended) == ["receipt customer not-reached no-response"], "still unanswered, never declined")
    }

    @Test("a call ending during the pause unmasks with the count")
    func endsDuringPause() throws {
        var machine = S.machine()
        _ = try machine.callStarted(
            callID: "c", direction: .inbound, participants: [S.customer("US-NY"), S.agent()], at: S.at(0))
        _ = try machine.announcementStarted(party: "customer", script: S.script(.notice), at: S.at(1))
        _ = try machine.announcementFinished(party: "customer", script: S.script(.notice), at: S.at(5))
        _ = try machine.securePauseRequested(at: S.at(6))
        _ = try machine.keyPressed(party: "customer", key: "4", at: S.at(7))
        #expect(S.summary(try machine.callEnded(at: S.at(8))) == ["stop", "unmask dtmf 1 withheld"])
    }
}

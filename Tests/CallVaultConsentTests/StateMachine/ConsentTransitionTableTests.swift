import CallVaultConsent
import CallVaultCore
import Testing

/// Every (state, event) pair has a defined outcome: the exact actions, or a typed error that
/// leaves the machine unchanged.
@Suite("Consent state machine: every state against every event")
struct ConsentTransitionTableTests {
    typealias S = ConsentScript

    enum Start: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case idle, announcementRequested, announcing, awaitingAnswer, recording, pausedForCardData, unrecorded, ended

        var testDescription: String { rawValue }

        /// Drives a machine into this state (a DE caller for the consent states, US-NY for recording).
        func machine() throws -> ConsentStateMachine {
            var machine = S.machine()
            let germany = [S.customer("DE"), S.agent("DE")]
            let newYork = [S.customer("US-NY"), S.agent()]
            switch self {
            case .idle:
                break
            case .announcementRequested:
                _ = try machine.callStarted(callID: "t", direction: .inbound, participants: germany, at: S.at(0))
            case .announcing:
                _ = try machine.callStarted(callID: "t", direction: .inbound, participants: germany, at: S.at(0))
                _ = try machine.announcementStarted(party: "customer", script: S.script(.consentRequest), at: S.at(1))
            case .awaitingAnswer:
                _ = try machine.callStarted(callID: "t", direction: .inbound, participants: germany, at: S.at(0))
                _ = try machine.announcementStarted(party: "customer", script: S.script(.consentRequest), at: S.at(1))
                _ = try machine.announcementFinished(party: "customer", script: S.script(.consentRequest), at: S.at(2))
            case .recording, .pausedForCardData:
                _ = try machine.callStarted(callID: "t", direction: .inbound, participants: newYork, at: S.at(0))
                _ = try machine.announcementStarted(party: "customer", script: S.script(.notice), at: S.at(1))
                _ = try machine.announcementFinished(party: "customer", script: S.script(.notice), at: S.at(2))
                if self == .pausedForCardData { _ = try machine.securePauseRequested(at: S.at(3)) }
            case .unrecorded:
                _ = try machine.callStarted(callID: "t", direction: .inbound, participants: germany, at: S.at(0))
                _ = try machine.announcementStarted(party: "customer", script: S.script(.consentRequest), at: S.at(1))
                _ = try machine.keyPressed(party: "customer", key: "2", at: S.at(2))
            case .ended:
                _ = try machine.callStarted(callID: "t", direction: .inbound, participants: newYork, at: S.at(0))
                _ = try machine.callEnded(at: S.at(1))
            }
            return machine
        }
    }

    enum Event: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case callStarted, announcementStarted, announcementFinished, keyPressed, speechIntent, agentAttested
        case timeoutFired, partyJoined, partyLeft, transferred, consentWithdrawn, securePauseRequested
        case securePauseReleased, callEnded

        var testDescription: String { rawValue }

        var name: String {
            switch self {
            case .callStarted: "call started"
            case .announcementStarted: "announcement started"
            case .announcementFinished: "announcement finished"
            case .keyPressed: "key pressed"
            case .speechIntent: "speech intent"
            case .agentAttested: "agent attested"
            case .timeoutFired: "timeout fired"
            case .partyJoined: "party joined"
            case .partyLeft: "party left"
            case .transferred: "transferred"
            case .consentWithdrawn: "consent withdrawn"
            case .securePauseRequested: "secure pause requested"
            case .securePauseReleased: "secure pause released"
            case .callEnded: "call ended"
            }
        }

        func apply(to machine: inout ConsentStateMachine) throws -> ConsentActions {
            let now = S.at(100)
            switch self {
            case .callStarted:
                return try machine.callStarted(
                    callID: "t", direction: .inbound, participants: [S.customer("US-NY"), S.agent()], at: now)
            case .announcementStarted:
                return try machine.announcementStarted(party: "customer", script: S.script(.consentRequest), at: now)
            case .announcementFinished:
                return try machine.announcementFinished(party: "customer", script: S.script(.consentRequest), at: now)
            case .keyPressed: return try machine.keyPressed(party: "customer", key: "1", at: now)
            case .speechIntent: return try machine.speechIntentRecognized(party: "customer", intent: .yes, at: now)
            case .agentAttested:
                return try machine.agentAttested(party: "customer", agent: "agent", agreed: true, at: now)
            case .timeoutFired: return try machine.timeoutFired(ConsentTimerID(1), at: now)
            case .partyJoined: return try machine.partyJoined(S.thirdParty("US-NY"), at: now)
            case .partyLeft: return try machine.partyLeft(party: "customer", at: now)
            case .transferred:
                return try machine.transferred(from: "agent", to: S.agent("US-TX", id: "agent-2"), at: now)
            case .consentWithdrawn: return try machine.consentWithdrawn(party: "customer", at: now)
            case .securePauseRequested: return try machine.securePauseRequested(at: now)
            case .securePauseReleased: return try machine.securePauseReleased(at: now)
            case .callEnded: return try machine.callEnded(at: now)
            }
        }
    }

    enum Outcome: Equatable {
        case actions([String])
        case error(ConsentStateMachineError)
    }

    static let agentTwo = Outcome.actions(["receipt agent-2 not-required not-required"])

    /// The table. Rows are states, columns events; every cell is spelled out.
    static func expected(_ start: Start, _ event: Event) -> Outcome {
        let notStarted = Outcome.error(.callNotStarted(event: event.name))
        switch (start, event) {
        case (.idle, .callStarted):
            return .actions(["play customer notice en", "receipt agent not-required not-required"])
        case (.idle, _):
            return notStarted
        case (.ended, _):
            return .error(.callAlreadyEnded(event: event.name))
        case (_, .callStarted):
            return .error(.callAlreadyStarted)
        case (.unrecorded, .securePauseRequested), (.announcementRequested, .securePauseRequested),
            (.announcing, .securePauseRequested), (.awaitingAnswer, .securePauseRequested):
            return .actions(["mask dtmf"])
        case (.recording, .securePauseRequested):
            return .actions(["pause card-data", "mask dtmf"])
        case (.pausedForCardData, .securePauseRequested):
            return .error(.securePauseAlreadyActive)
        case (.pausedForCardData, .securePauseReleased):
            return .actions(["resume", "unmask dtmf 0 withheld"])
        case (_, .securePauseReleased):
            return .error(.securePauseNotActive)
        case (_, .transferred):
            return agentTwo

        case (.announcementRequested, .announcementStarted): return .actions([])
        case (.announcementRequested, .announcementFinished): return .error(.announcementNotStarted("customer"))
        // Issue 12: input that means nothing now is reported, never dropped in silence (it was `[]`).
        case (.announcementRequested, .keyPressed): return .actions(["ignored customer key 1 nothing-asked"])
        case (.announcementRequested, .speechIntent): return .actions(["ignored customer speech yes nothing-asked"])
        case (.announcementRequested, .agentAttested):
            return .actions(["receipt customer consented agent-attestation", "start"])
        case (.announcementRequested, .timeoutFired): return .error(.unknownTimer(ConsentTimerID(1)))
        case (.announcementRequested, .partyJoined), (.announcing, .partyJoined), (.awaitingAnswer, .partyJoined):
            return .actions(["play guest consent-request en"])
        case (.announcementRequested, .partyLeft), (.announcing, .partyLeft):
            return .actions(["receipt customer not-reached no-response", "start"])
        case (.announcementRequested, .consentWithdrawn), (.announcing, .consentWithdrawn),
            (.awaitingAnswer, .consentWithdrawn), (.unrecorded, .consentWithdrawn):
            return .error(.nothingToWithdraw("customer"))
        case (.announcementRequested, .callEnded), (.announcing, .callEnded):
            return .actions(["receipt customer not-reached no-response"])

        case (.announcing, .announcementStarted): return .error(.noAnnouncementPending("customer"))
        case (.announcing, .announcementFinished): return .actions(["schedule timer-1 10.0 seconds"])
        case (.announcing, .keyPressed): return .actions(["receipt customer consented keypress", "start"])
        case (.announcing, .speechIntent): return .actions(["receipt customer consented speech", "start"])
        case (.announcing, .agentAttested): return .actions(["receipt customer consented agent-attestation", "start"])
        case (.announcing, .timeoutFired): return .error(.unknownTimer(ConsentTimerID(1)))

        case (.awaitingAnswer, .announcementStarted), (.awaitingAnswer, .announcementFinished):
            return .error(.noAnnouncementPending("customer"))
        case (.awaitingAnswer, .keyPressed):
            return .actions(["cancel timer-1", "receipt customer consented keypress", "start"])
        case (.awaitingAnswer, .speechIntent):
            return .actions(["cancel timer-1", "receipt customer consented speech", "start"])
        case (.awaitingAnswer, .agentAttested):
            return .actions(["cancel timer-1", "receipt customer consented agent-attestation", "start"])
        case (.awaitingAnswer, .timeoutFired): return .actions(["play customer consent-request en"])
        case (.awaitingAnswer, .partyLeft):
            return .actions(["cancel timer-1", "receipt customer not-reached no-response", "start"])
        case (.awaitingAnswer, .callEnded):
            return .actions(["cancel timer-1", "receipt customer not-reached no-response"])

        case (.recording, .announcementStarted), (.recording, .announcementFinished),
            (.pausedForCardData, .announcementStarted), (.pausedForCardData, .announcementFinished),
            (.unrecorded, .announcementStarted), (.unrecorded, .announcementFinished):
            return .error(.noAnnouncementPending("customer"))
        case (.recording, .keyPressed), (.unrecorded, .keyPressed):
            return .actions(["ignored customer key 1 nothing-asked"])
        case (.recording, .speechIntent), (.unrecorded, .speechIntent):
            return .actions(["ignored customer speech yes nothing-asked"])
        // During a secure pause input is counted, never interpreted, and its value is not kept.
        case (.pausedForCardData, .keyPressed), (.pausedForCardData, .speechIntent):
            return .actions(["ignored customer withheld secure-pause"])
        case (.recording, .agentAttested), (.pausedForCardData, .agentAttested), (.unrecorded, .agentAttested):
            return .error(.noQuestionPending("customer"))
        case (.recording, .timeoutFired), (.pausedForCardData, .timeoutFired), (.unrecorded, .timeoutFired):
            return .error(.unknownTimer(ConsentTimerID(1)))
        case (.recording, .partyJoined), (.pausedForCardData, .partyJoined):
            return .actions(["play guest notice en", "exclude guest"])
        case (.recording, .partyLeft), (.pausedForCardData, .partyLeft), (.unrecorded, .partyLeft),
            (.unrecorded, .partyJoined), (.unrecorded, .callEnded):
            return .actions([])
        case (.recording, .consentWithdrawn), (.pausedForCardData, .consentWithdrawn):
            return .actions([
                "receipt customer withdrawn request", "stop", "quarantine", "continue unrecorded consent-withdrawn",
            ])
        case (.recording, .callEnded):
            return .actions(["stop"])
        case (.pausedForCardData, .callEnded):
            return .actions(["stop", "unmask dtmf 0 withheld"])
        }
    }

    @Test(
        "each state against each event",
        arguments: Start.allCases, Event.allCases)
    func cell(start: Start, event: Event) throws {
        var machine = try start.machine()
        let before = machine
        let outcome: Outcome
        do {
            outcome = .actions(S.summary(try event.apply(to: &machine)))
        } catch let error as ConsentStateMachineError {
            outcome = .error(error)
            #expect(machine == before, "an error must leave the machine unchanged")
        }
        #expect(outcome == Self.expected(start, event))
    }
}

extension ConsentStateMachine {
    /// A party pressed a key. While a consent request is playing or awaiting an answer, the consent
    /// and decline keys answer it; while recording, the withdrawal key withdraws consent. Any other
    /// key changes nothing and is reported as ``ConsentAction/inputIgnored(_:)``.
    ///
    /// During a secure pause no key is interpreted (it may be a digit of a card number): it is
    /// counted and reported as ``IgnoredInput/Input/withheld``, without its value.
    public mutating func keyPressed(
        party: PartyID, key: Character, at moment: ConsentMoment
    ) throws -> ConsentActions {
        let rules = self.rules
        return try withCall("key pressed") { call, actions throws(ConsentStateMachineError) in
            let index = try ConsentRules.presentParty(party, in: call)
            if call.pausedForCardData {
                ConsentRules.withhold(index, in: &call, actions: &actions)
                return
            }
            switch call.parties[index].status {
            case .announcing(.consentRequest), .awaitingAnswer:
                if key == rules.policy.consentKey {
                    rules.consent(
                        index, in: &call, method: .keypress, key: key, attestedBy: nil, at: moment, actions: &actions)
                } else if key == rules.policy.declineKey {
                    rules.decline(
                        index, in: &call, method: .keypress, key: key, attestedBy: nil, at: moment, actions: &actions)
                } else {
                    actions.append(.inputIgnored(IgnoredInput(party: party, input: .key(key), reason: .notAnAnswer)))
                }
            case .satisfied where key == rules.policy.withdrawalKey && call.parties[index].requirement != .none:
                rules.withdraw(
                    index, in: &call, method: .keypress, key: key, attestedBy: nil, at: moment, actions: &actions)
            default:
                actions.append(.inputIgnored(IgnoredInput(party: party, input: .key(key), reason: .nothingAsked)))
            }
        }
    }

    /// A speech recogniser heard a party answer. Yes and no answer a pending consent request;
    /// unclear asks again up to the policy's limit, then counts as no. Speech at other times
    /// changes nothing and is reported as ``ConsentAction/inputIgnored(_:)``; during a secure
    /// pause it is only counted, like a key.
    public mutating func speechIntentRecognized(
        party: PartyID, intent: SpeechIntent, at moment: ConsentMoment
    ) throws -> ConsentActions {
        let rules = self.rules
        return try withCall("speech intent") { call, actions throws(ConsentStateMachineError) in
            let index = try ConsentRules.presentParty(party, in: call)
            if call.pausedForCardData {
                ConsentRules.withhold(index, in: &call, actions: &actions)
                return
            }
            switch call.parties[index].status {
            case .announcing(.consentRequest), .awaitingAnswer:
                switch intent {
                case .yes:
                    rules.consent(
                        index, in: &call, method: .speech, key: nil, attestedBy: nil, at: moment, actions: &actions)
                case .no:
                    rules.decline(
                        index, in: &call, method: .speech, key: nil, attestedBy: nil, at: moment, actions: &actions)
                case .unclear:
                    if call.parties[index].prompts < rules.policy.maximumPrompts {
                        if let timer = call.parties[index].timer {
                            actions.append(.cancelTimeout(timer))
                            call.parties[index].timer = nil
                        }
                        rules.announce(index, in: &call, actions: &actions)
                    } else {
                        rules.decline(
                            index, in: &call, method: .speech, key: nil, attestedBy: nil, at: moment, actions: &actions)
                    }
                }
            default:
                actions.append(
                    .inputIgnored(IgnoredInput(party: party, input: .speech(intent), reason: .nothingAsked)))
            }
        }
    }

    /// An agent attests the party's spoken answer to the script they read (or to an IVR prompt).
    public mutating func agentAttested(
        party: PartyID, agent: PartyID, agreed: Bool, at moment: ConsentMoment
    ) throws -> ConsentActions {
        let rules = self.rules
        return try withCall("agent attested") { call, actions throws(ConsentStateMachineError) in
            let agentIndex = try ConsentRules.presentParty(agent, in: call)
            guard call.parties[agentIndex].participant.party.role == .agent else {
                throw ConsentStateMachineError.notAnAgent(agent)
            }
            let index = try ConsentRules.presentParty(party, in: call)
            guard call.parties[index].isPending else { throw ConsentStateMachineError.noQuestionPending(party) }
            if agreed {
                rules.consent(
                    index, in: &call, method: .agentAttestation, key: nil, attestedBy: agent, at: moment,
                    actions: &actions)
            } else {
                rules.decline(
                    index, in: &call, method: .agentAttestation, key: nil, attestedBy: agent, at: moment,
                    actions: &actions)
            }
        }
    }

    /// A party withdrew consent (relayed by the host; `by` is the agent who relayed it, if any).
    /// Recording stops at once and the policy is applied to what was captured.
    public mutating func consentWithdrawn(
        party: PartyID, by relayer: PartyID? = nil, at moment: ConsentMoment
    ) throws -> ConsentActions {
        let rules = self.rules
        return try withCall("consent withdrawn") { call, actions throws(ConsentStateMachineError) in
            let index = try ConsentRules.presentParty(party, in: call)
            guard case .satisfied = call.parties[index].status, call.parties[index].requirement != .none else {
                throw ConsentStateMachineError.nothingToWithdraw(party)
            }
            if let relayer { _ = try ConsentRules.presentParty(relayer, in: call) }
            rules.withdraw(
                index, in: &call, method: relayer == nil ? .request : .agentAttestation, key: nil, attestedBy: relayer,
                at: moment, actions: &actions)
        }
    }
}

extension ConsentRules {
    /// Counts an input that arrived during a secure pause and reports it without its value.
    static func withhold(_ index: Int, in call: inout ConsentCall, actions: inout ConsentActions) {
        call.inputsWithheld += 1
        actions.append(
            .inputIgnored(IgnoredInput(party: call.parties[index].id, input: .withheld, reason: .securePause)))
    }

    func withdraw(
        _ index: Int, in call: inout ConsentCall, method: ConsentReceipt.Method, key: Character?, attestedBy: PartyID?,
        at moment: ConsentMoment, actions: inout ConsentActions
    ) {
        call.parties[index].status = .withdrawn
        actions.append(
            .emitReceipt(
                call.receipt(
                    for: index, method: method, outcome: .withdrawn, at: moment, key: key, attestedBy: attestedBy)))
        goUnrecorded(&call, reason: .consentWithdrawn, captured: policy.onWithdrawal, actions: &actions)
    }

}

import CallVaultCore

extension ConsentStateMachine {
    /// A party joined. The requirement is resolved again over everyone who has been on the call
    /// (so it never weakens); the joiner is announced to, and anyone whose requirement rose is
    /// asked again. Until they agree, their tracks are excluded or the recording paused.
    public mutating func partyJoined(
        _ participant: ConsentParticipant, at moment: ConsentMoment
    ) throws -> ConsentActions {
        let rules = self.rules
        return try withCall("party joined") { call, actions throws(ConsentStateMachineError) in
            if let existing = call.index(of: participant.party.id), !call.parties[existing].hasLeft {
                throw ConsentStateMachineError.partyAlreadyOnCall(participant.party.id)
            }
            rules.join(participant, into: &call, at: moment, actions: &actions)
        }
    }

    /// A party left. If they were the one everyone was waiting for, recording can start or resume.
    public mutating func partyLeft(
        party: PartyID, at moment: ConsentMoment
    ) throws -> ConsentActions {
        let rules = self.rules
        return try withCall("party left") { call, actions throws(ConsentStateMachineError) in
            let index = try ConsentRules.presentParty(party, in: call)
            rules.leave(index, in: &call, at: moment, actions: &actions)
        }
    }

    /// The call was transferred: `from` (if given) leaves and the new leg's party joins, as one event.
    public mutating func transferred(
        from leaving: PartyID?, to participant: ConsentParticipant, at moment: ConsentMoment
    ) throws -> ConsentActions {
        let rules = self.rules
        return try withCall("transferred") { call, actions throws(ConsentStateMachineError) in
            let leavingIndex = try leaving.map { party throws(ConsentStateMachineError) in
                try ConsentRules.presentParty(party, in: call)
            }
            if let existing = call.index(of: participant.party.id), !call.parties[existing].hasLeft {
                throw ConsentStateMachineError.partyAlreadyOnCall(participant.party.id)
            }
            if let leavingIndex { rules.leave(leavingIndex, in: &call, at: moment, actions: &actions) }
            rules.join(participant, into: &call, at: moment, actions: &actions)
        }
    }

    /// Card data is about to be given: recording pauses until ``securePauseReleased(at:)``, and the
    /// host is asked to mask DTMF. Until the release, key presses and speech intents are only
    /// counted: a digit of a card number is neither an answer nor a withdrawal.
    public mutating func securePauseRequested(at moment: ConsentMoment) throws
        -> ConsentActions
    {
        try withCall("secure pause requested") { call, actions throws(ConsentStateMachineError) in
            guard !call.pausedForCardData else { throw ConsentStateMachineError.securePauseAlreadyActive }
            call.pausedForCardData = true
            call.inputsWithheld = 0
            if case .running = call.recording, !call.pausedForConsent { actions.append(.pauseRecording(.cardData)) }
            actions.append(.maskDTMF)
        }
    }

    /// The card data has been given: recording resumes, unless it is paused for another reason, and
    /// DTMF is unmasked with the count of inputs withheld during the pause.
    public mutating func securePauseReleased(at moment: ConsentMoment) throws
        -> ConsentActions
    {
        try withCall("secure pause released") { call, actions throws(ConsentStateMachineError) in
            guard call.pausedForCardData else { throw ConsentStateMachineError.securePauseNotActive }
            call.pausedForCardData = false
            if case .running = call.recording, !call.pausedForConsent { actions.append(.resumeRecording) }
            actions.append(.unmaskDTMF(withheld: call.inputsWithheld))
            call.inputsWithheld = 0
        }
    }
}

extension ConsentRules {
    func join(
        _ participant: ConsentParticipant, into call: inout ConsentCall, at moment: ConsentMoment,
        actions: inout ConsentActions
    ) {
        var everyone = call.parties.map(\.participant.party)
        if let existing = call.index(of: participant.party.id) {
            everyone[existing] = participant.party
        } else {
            everyone.append(participant.party)
        }
        call.decision = resolver.resolve(direction: call.direction, parties: everyone, purposes: purposes)
        let requirement = call.requirement(for: participant.party)
        var newcomer = ConsentCall.Party(participant: participant, requirement: requirement, status: .notRequired)
        let index: Int
        if let existing = call.index(of: participant.party.id) {
            // A party rejoining keeps its receipt count, so receipt ids stay unique.
            newcomer.receipts = call.parties[existing].receipts
            call.parties[existing] = newcomer
            index = existing
        } else {
            call.parties.append(newcomer)
            index = call.parties.count - 1
        }
        let unrecorded: Bool
        if case .stopped = call.recording { unrecorded = true } else { unrecorded = false }
        // Requirements of those already on the call may have risen.
        for other in call.parties.indices where other != index && !call.parties[other].hasLeft {
            call.parties[other].requirement = call.requirement(for: call.parties[other].participant.party)
            let party = call.parties[other]
            let wasAnswered: Bool
            switch party.status {
            case .satisfied, .notRequired: wasAnswered = true
            default: wasAnswered = false
            }
            // Also asked again: a party told without the recording, now that a joiner brings a law
            // that wants every announcement on it (Washington's binds the whole conversation).
            let unrecordedNotice =
                call.announcementMustBeRecorded(party) && !party.announcementOnRecording
            let rose = wasAnswered && (!call.isSatisfied(party) || unrecordedNotice)
            if rose, !unrecorded {
                call.parties[other].prompts = 0
                announce(other, in: &call, actions: &actions)
            }
        }
        if requirement == .none {
            actions.append(
                .emitReceipt(call.receipt(for: index, method: .notRequired, outcome: .notRequired, at: moment)))
        } else if unrecorded {
            call.parties[index].status = .notAsked
        } else {
            announce(index, in: &call, actions: &actions)
        }
        reconcile(&call, actions: &actions)
    }

    func leave(_ index: Int, in call: inout ConsentCall, at moment: ConsentMoment, actions: inout ConsentActions) {
        if let timer = call.parties[index].timer {
            actions.append(.cancelTimeout(timer))
            call.parties[index].timer = nil
        }
        if call.parties[index].isPending {
            actions.append(
                .emitReceipt(call.receipt(for: index, method: .noResponse, outcome: .notReached, at: moment)))
        }
        call.parties[index].hasLeft = true
        reconcile(&call, actions: &actions)
    }
}

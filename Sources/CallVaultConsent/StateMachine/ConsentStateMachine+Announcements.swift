extension ConsentStateMachine {
    /// The announcement to `party` began (a prompt started playing, or the agent started reading).
    ///
    /// Where the law wants the announcement on the recording (Washington, Connecticut without the
    /// warning tone), recording opens now for this party: it starts once every party present is
    /// either satisfied or hearing such an announcement, or this party's track is included (the
    /// consent pause lifted) on a call already recording.
    public mutating func announcementStarted(
        party: PartyID, script: ScriptReference, at moment: ConsentMoment
    ) throws -> ConsentActions {
        let rules = self.rules
        return try withCall("announcement started") { call, actions throws(ConsentStateMachineError) in
            let index = try ConsentRules.presentParty(party, in: call)
            guard case .announcementRequested(let kind) = call.parties[index].status else {
                throw ConsentStateMachineError.noAnnouncementPending(party)
            }
            call.parties[index].status = .announcing(kind)
            call.parties[index].announcement = script
            call.parties[index].announcementStartedAt = moment
            if call.announcementMustBeRecorded(call.parties[index]) {
                call.parties[index].announcementOnRecording = true
                rules.reconcile(&call, actions: &actions)
            }
        }
    }

    /// The announcement to `party` finished. A notice satisfies the party (staying on the line is
    /// consent where notice suffices); a consent request starts the wait for an answer.
    public mutating func announcementFinished(
        party: PartyID, script: ScriptReference, at moment: ConsentMoment
    ) throws -> ConsentActions {
        let rules = self.rules
        return try withCall("announcement finished") { call, actions throws(ConsentStateMachineError) in
            let index = try ConsentRules.presentParty(party, in: call)
            guard case .announcing(let kind) = call.parties[index].status else {
                if case .announcementRequested = call.parties[index].status {
                    throw ConsentStateMachineError.announcementNotStarted(party)
                }
                throw ConsentStateMachineError.noAnnouncementPending(party)
            }
            call.parties[index].announcement = script
            call.parties[index].announcementFinishedAt = moment
            switch kind {
            case .notice:
                let requirement = call.parties[index].requirement
                call.parties[index].status = .satisfied(.impliedByNotice, explicit: false)
                actions.append(
                    .emitReceipt(
                        call.receipt(
                            for: index, method: .impliedByNotice,
                            outcome: requirement == .notice ? .notified : .consented, at: moment)))
                rules.reconcile(&call, actions: &actions)
            case .consentRequest:
                let timer = call.makeTimer()
                call.parties[index].status = .awaitingAnswer
                call.parties[index].timer = timer
                actions.append(.scheduleTimeout(timer, after: rules.policy.responseTimeout))
            }
        }
    }

    /// A timeout the machine scheduled fired: the party did not answer. The question is asked
    /// again up to the policy's limit; after that, no answer counts as no.
    public mutating func timeoutFired(
        _ timer: ConsentTimerID, at moment: ConsentMoment
    ) throws -> ConsentActions {
        let rules = self.rules
        return try withCall("timeout fired") { call, actions throws(ConsentStateMachineError) in
            guard let index = call.parties.firstIndex(where: { $0.timer == timer }) else {
                throw ConsentStateMachineError.unknownTimer(timer)
            }
            call.parties[index].timer = nil
            if call.parties[index].prompts < rules.policy.maximumPrompts {
                rules.announce(index, in: &call, actions: &actions)
            } else {
                rules.decline(
                    index, in: &call, method: .noResponse, key: nil, attestedBy: nil, at: moment, actions: &actions)
            }
        }
    }
}

extension ConsentRules {
    /// The party at `index` refused (or never answered): its receipt, then the call goes unrecorded.
    func decline(
        _ index: Int, in call: inout ConsentCall, method: ConsentReceipt.Method, key: Character?, attestedBy: PartyID?,
        at moment: ConsentMoment, actions: inout ConsentActions
    ) {
        if let timer = call.parties[index].timer {
            actions.append(.cancelTimeout(timer))
            call.parties[index].timer = nil
        }
        call.parties[index].status = .declined
        actions.append(
            .emitReceipt(
                call.receipt(
                    for: index, method: method, outcome: .declined, at: moment, key: key, attestedBy: attestedBy)))
        // A refusal after the exchange went on the recording (the law there asked for it) is not
        // kept as if the party had agreed: it is set aside for review, or deleted under a discard policy.
        let captured: ConsentPolicy.CapturedHandling? =
            call.parties[index].announcementOnRecording
            ? (policy.onWithdrawal == .discard ? .discard : .quarantine) : nil
        goUnrecorded(&call, reason: .consentRefused, captured: captured, actions: &actions)
    }

    /// The party at `index` agreed by an affirmative act.
    func consent(
        _ index: Int, in call: inout ConsentCall, method: ConsentReceipt.Method, key: Character?, attestedBy: PartyID?,
        at moment: ConsentMoment, actions: inout ConsentActions
    ) {
        if let timer = call.parties[index].timer {
            actions.append(.cancelTimeout(timer))
            call.parties[index].timer = nil
        }
        call.parties[index].status = .satisfied(method, explicit: true)
        actions.append(
            .emitReceipt(
                call.receipt(
                    for: index, method: method, outcome: .consented, at: moment, key: key, attestedBy: attestedBy)))
        reconcile(&call, actions: &actions)
    }

    static func presentParty(_ party: PartyID, in call: ConsentCall) throws(ConsentStateMachineError) -> Int {
        guard let index = call.index(of: party) else { throw .unknownParty(party) }
        guard !call.parties[index].hasLeft else { throw .partyHasLeft(party) }
        return index
    }

}

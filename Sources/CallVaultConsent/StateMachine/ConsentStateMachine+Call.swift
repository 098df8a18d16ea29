extension ConsentStateMachine {
    /// The call started with these parties: announcements go out, and recording starts at once if
    /// nobody needs to be told anything.
    public mutating func callStarted(
        callID: String, direction: CallDirection, participants: [ConsentParticipant], at moment: ConsentMoment
    ) throws -> ConsentActions {
        guard !participants.isEmpty else { throw ConsentStateMachineError.noParties }
        var seen = Set<PartyID>()
        for participant in participants where !seen.insert(participant.party.id).inserted {
            throw ConsentStateMachineError.partyAlreadyOnCall(participant.party.id)
        }
        let decision = resolver.resolve(direction: direction, parties: participants.map(\.party), purposes: purposes)
        var call = ConsentCall(
            callID: callID, direction: direction, decision: decision, parties: [],
            explicitEverywhere: policy.explicitConsentEverywhere, prefersWarningTone: policy.preferWarningTone)
        call.parties = participants.map { participant in
            let requirement = call.requirement(for: participant.party)
            return ConsentCall.Party(
                participant: participant, requirement: requirement,
                status: requirement == .none ? .notRequired : .announcementRequested(.notice))
        }
        var actions = ConsentActions()
        for index in call.parties.indices where call.parties[index].requirement != .none {
            rules.announce(index, in: &call, actions: &actions)
        }
        for index in call.parties.indices where call.parties[index].requirement == .none {
            actions.append(
                .emitReceipt(call.receipt(for: index, method: .notRequired, outcome: .notRequired, at: moment)))
        }
        rules.reconcile(&call, actions: &actions)
        try start(call)
        return actions
    }

    /// The call ended: recording (and any warning tone) stops, a secure pause still on ends with
    /// its count of withheld inputs, timers are cancelled, and parties still pending get a receipt
    /// saying the requirement was not reached.
    public mutating func callEnded(at moment: ConsentMoment) throws -> ConsentActions {
        let rules = self.rules
        var ended: ConsentCall?
        let actions = try withCall("call ended") { call, actions throws(ConsentStateMachineError) in
            if case .running = call.recording {
                actions.append(.stopRecording)
                call.recording = .stopped
            }
            rules.stopWarningTone(&call, actions: &actions)
            if call.pausedForCardData {
                actions.append(.unmaskDTMF(withheld: call.inputsWithheld))
                call.pausedForCardData = false
                call.inputsWithheld = 0
            }
            for index in call.parties.indices {
                if let timer = call.parties[index].timer {
                    actions.append(.cancelTimeout(timer))
                    call.parties[index].timer = nil
                }
                if call.parties[index].isPending {
                    actions.append(
                        .emitReceipt(call.receipt(for: index, method: .noResponse, outcome: .notReached, at: moment)))
                }
            }
            ended = call
        }
        if let ended { end(ended) }
        return actions
    }
}

extension ConsentRules {
    /// Asks for the announcement party `index` needs: an IVR prompt, or a script for an agent to read.
    func announce(_ index: Int, in call: inout ConsentCall, actions: inout ConsentActions) {
        let party = call.parties[index]
        let kind = call.announcementKind(for: party)
        let language = party.participant.language ?? policy.defaultLanguage
        call.parties[index].status = .announcementRequested(kind)
        call.parties[index].prompts += 1
        if !call.announcementMustBeRecorded(party) { call.parties[index].announcementOnRecording = false }
        let delivery = call.direction == .inbound ? policy.inboundDelivery : policy.outboundDelivery
        if delivery == .agentScript,
            let agent = call.parties.first(where: { $0.participant.party.role == .agent && !$0.hasLeft })
        {
            actions.append(.promptAgent(agent: agent.id, about: party.id, kind: kind, language: language))
        } else {
            actions.append(.playAnnouncement(to: party.id, kind: kind, language: language))
        }
    }

    /// Brings recording in line with the parties' states: starts it when everyone present has what
    /// the law asks (or is hearing an announcement the law wants on the recording), and while a
    /// joiner is pending keeps their track excluded or the recording paused. Starts the warning
    /// tone with the recording where it stands for recorded announcements.
    func reconcile(_ call: inout ConsentCall, actions: inout ConsentActions) {
        switch call.recording {
        case .stopped:
            return
        case .notStarted:
            let ready = call.parties.allSatisfy { $0.hasLeft || call.mayRecord($0) }
            guard ready else { return }
            actions.append(.startRecording)
            call.recording = .running
            if call.pausedForCardData { actions.append(.pauseRecording(.cardData)) }
            startWarningToneIfNeeded(&call, actions: &actions)
        case .running:
            startWarningToneIfNeeded(&call, actions: &actions)
            let pending = call.parties.contains { !$0.hasLeft && !call.mayRecord($0) }
            switch policy.whileAwaitingConsent {
            case .excludeTrack:
                for index in call.parties.indices {
                    let party = call.parties[index]
                    let shouldExclude = !party.hasLeft && !call.mayRecord(party)
                    if shouldExclude, !party.isExcluded {
                        actions.append(.excludeTrack(party.id))
                        call.parties[index].isExcluded = true
                    } else if !shouldExclude, party.isExcluded, !party.hasLeft {
                        actions.append(.includeTrack(party.id))
                        call.parties[index].isExcluded = false
                    }
                }
            case .pauseRecording:
                if pending, !call.pausedForConsent {
                    call.pausedForConsent = true
                    if !call.pausedForCardData { actions.append(.pauseRecording(.awaitingConsent)) }
                } else if !pending, call.pausedForConsent {
                    call.pausedForConsent = false
                    if !call.pausedForCardData { actions.append(.resumeRecording) }
                }
            }
        }
    }

    /// Stops recording for the rest of the call after a refusal or withdrawal, and tells the host
    /// to carry on unrecorded (or, on a mandatory-recording line, to end the call).
    func goUnrecorded(
        _ call: inout ConsentCall, reason: ConsentAction.UnrecordedReason, captured: ConsentPolicy.CapturedHandling?,
        actions: inout ConsentActions
    ) {
        if case .stopped = call.recording { return }
        if case .running = call.recording {
            actions.append(.stopRecording)
            let why: ConsentAction.CaptureReason = reason == .consentWithdrawn ? .consentWithdrawn : .consentRefused
            switch captured {
            case .quarantine: actions.append(.quarantineCaptured(why))
            case .discard: actions.append(.discardCaptured(why))
            case .keep, nil: break
            }
        }
        call.recording = .stopped
        stopWarningTone(&call, actions: &actions)
        for index in call.parties.indices {
            if let timer = call.parties[index].timer {
                actions.append(.cancelTimeout(timer))
                call.parties[index].timer = nil
            }
        }
        actions.append(policy.recordingMandatory ? .endCall(reason) : .continueUnrecorded(reason))
    }

    /// Asks for the warning tone once recording runs on a call where it stands for recorded
    /// announcements.
    func startWarningToneIfNeeded(_ call: inout ConsentCall, actions: inout ConsentActions) {
        guard case .running = call.recording, call.usesWarningTone, !call.warningToneOn else { return }
        call.warningToneOn = true
        actions.append(.startWarningTone(every: ConsentPolicy.warningToneInterval))
    }

    /// Stops the warning tone if it runs.
    func stopWarningTone(_ call: inout ConsentCall, actions: inout ConsentActions) {
        guard call.warningToneOn else { return }
        call.warningToneOn = false
        actions.append(.stopWarningTone)
    }
}

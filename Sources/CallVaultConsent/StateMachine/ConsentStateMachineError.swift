public import CallVaultCore

/// An event that makes no sense in the state the call is in. The state machine is unchanged.
public enum ConsentStateMachineError: CallVaultError, Equatable {
    /// An event before `callStarted`.
    case callNotStarted(event: String)
    /// A second `callStarted`.
    case callAlreadyStarted
    /// An event after `callEnded`.
    case callAlreadyEnded(event: String)
    /// A call without parties.
    case noParties
    /// An event names a party that is not on the call.
    case unknownParty(PartyID)
    /// A party joins who is already on the call.
    case partyAlreadyOnCall(PartyID)
    /// An event names a party that has left.
    case partyHasLeft(PartyID)
    /// An announcement event for a party who was not asked for one.
    case noAnnouncementPending(PartyID)
    /// `announcementFinished` without `announcementStarted`.
    case announcementNotStarted(PartyID)
    /// A timeout the machine did not schedule, or already cancelled.
    case unknownTimer(ConsentTimerID)
    /// An attestation by someone who is not one of the organisation's agents on the call.
    case notAnAgent(PartyID)
    /// An attestation for a party who was not asked a question.
    case noQuestionPending(PartyID)
    /// A withdrawal by a party who never gave consent.
    case nothingToWithdraw(PartyID)
    /// A secure pause while one is already active.
    case securePauseAlreadyActive
    /// A secure-pause release without an active secure pause.
    case securePauseNotActive

    /// A sentence saying what was wrong with the event.
    public var description: String {
        switch self {
        case .callNotStarted(let event): "'\(event)' arrived before the call started; send callStarted first."
        case .callAlreadyStarted: "The call has already started; start a new state machine for a new call."
        case .callAlreadyEnded(let event): "'\(event)' arrived after the call ended."
        case .noParties: "A call must start with at least one party."
        case .unknownParty(let party): "Party \(party) is not on this call; send partyJoined first."
        case .partyAlreadyOnCall(let party): "Party \(party) is already on this call."
        case .partyHasLeft(let party): "Party \(party) has left this call."
        case .noAnnouncementPending(let party): "No announcement was requested for party \(party)."
        case .announcementNotStarted(let party):
            "The announcement to party \(party) finished but never started; send announcementStarted first."
        case .unknownTimer(let timer): "\(timer) was not scheduled by this call, or was cancelled."
        case .notAnAgent(let party): "Party \(party) is not an agent on this call, so cannot attest consent."
        case .noQuestionPending(let party): "Party \(party) was not asked for consent, so there is nothing to attest."
        case .nothingToWithdraw(let party): "Party \(party) has not consented, so there is nothing to withdraw."
        case .securePauseAlreadyActive: "A secure pause is already active."
        case .securePauseNotActive: "There is no secure pause to release."
        }
    }
}

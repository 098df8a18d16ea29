public import CallVaultCore

/// An event that makes no sense in the state the call is in. The state machine is unchanged.
public struct ConsentStateMachineError: CallVaultError, Equatable, CallVaultReasonedError {
    /// The stable codes of ``ConsentStateMachineError``.
    public struct Code: CallVaultErrorCode {
        /// The error type these codes belong to.
        public typealias Owner = ConsentStateMachineError
        /// The code's stable text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// An event before `callStarted`.
        public static let callNotStarted = Code("consentstatemachine.call-not-started")
        /// A second `callStarted`.
        public static let callAlreadyStarted = Code("consentstatemachine.call-already-started")
        /// An event after `callEnded`.
        public static let callAlreadyEnded = Code("consentstatemachine.call-already-ended")
        /// A call without parties.
        public static let noParties = Code("consentstatemachine.no-parties")
        /// An event names a party that is not on the call.
        public static let unknownParty = Code("consentstatemachine.unknown-party")
        /// A party joins who is already on the call.
        public static let partyAlreadyOnCall = Code("consentstatemachine.party-already-on-call")
        /// An event names a party that has left.
        public static let partyHasLeft = Code("consentstatemachine.party-has-left")
        /// An announcement event for a party who was not asked for one.
        public static let noAnnouncementPending = Code("consentstatemachine.no-announcement-pending")
        /// `announcementFinished` without `announcementStarted`.
        public static let announcementNotStarted = Code("consentstatemachine.announcement-not-started")
        /// A timeout the machine did not schedule, or already cancelled.
        public static let unknownTimer = Code("consentstatemachine.unknown-timer")
        /// An attestation by someone who is not one of the organisation's agents on the call.
        public static let notAnAgent = Code("consentstatemachine.not-an-agent")
        /// An attestation for a party who was not asked a question.
        public static let noQuestionPending = Code("consentstatemachine.no-question-pending")
        /// A withdrawal by a party who never gave consent.
        public static let nothingToWithdraw = Code("consentstatemachine.nothing-to-withdraw")
        /// A secure pause while one is already active.
        public static let securePauseAlreadyActive = Code("consentstatemachine.secure-pause-already-active")
        /// A secure-pause release without an active secure pause.
        public static let securePauseNotActive = Code("consentstatemachine.secure-pause-not-active")

        /// Every code of this type.
        public static let all: [Code] = [
            callNotStarted, callAlreadyStarted, callAlreadyEnded, noParties, unknownParty, partyAlreadyOnCall,
            partyHasLeft, noAnnouncementPending, announcementNotStarted, unknownTimer, notAnAgent, noQuestionPending,
            nothingToWithdraw, securePauseAlreadyActive, securePauseNotActive,
        ]
    }

    /// What happened, with its details; the package's own code switches over it.
    package enum Reason: Equatable, Sendable {
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
    }

    /// What happened, with its details.
    package let reason: Reason
    /// The error that caused this one, if any.
    public let underlying: (any Error)?

    /// Creates an error from its reason and cause.
    package init(_ reason: Reason, underlying: (any Error)? = nil) {
        self.reason = reason
        self.underlying = underlying
    }

    /// What kind of failure this is.
    public var code: Code {
        switch reason {
        case .callNotStarted: .callNotStarted
        case .callAlreadyStarted: .callAlreadyStarted
        case .callAlreadyEnded: .callAlreadyEnded
        case .noParties: .noParties
        case .unknownParty: .unknownParty
        case .partyAlreadyOnCall: .partyAlreadyOnCall
        case .partyHasLeft: .partyHasLeft
        case .noAnnouncementPending: .noAnnouncementPending
        case .announcementNotStarted: .announcementNotStarted
        case .unknownTimer: .unknownTimer
        case .notAnAgent: .notAnAgent
        case .noQuestionPending: .noQuestionPending
        case .nothingToWithdraw: .nothingToWithdraw
        case .securePauseAlreadyActive: .securePauseAlreadyActive
        case .securePauseNotActive: .securePauseNotActive
        }
    }

    /// A sentence saying what was wrong with the event.
    public var message: String {
        switch reason {
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

    /// An event before `callStarted`.
    public static func callNotStarted(event: String) -> ConsentStateMachineError {
        ConsentStateMachineError(.callNotStarted(event: event))
    }
    /// The code for ``callNotStarted(event:)``, for `catch ConsentStateMachineError.callNotStarted`.
    public static let callNotStarted = Code.callNotStarted

    /// A second `callStarted`.
    public static var callAlreadyStarted: ConsentStateMachineError { ConsentStateMachineError(.callAlreadyStarted) }

    /// An event after `callEnded`.
    public static func callAlreadyEnded(event: String) -> ConsentStateMachineError {
        ConsentStateMachineError(.callAlreadyEnded(event: event))
    }
    /// The code for ``callAlreadyEnded(event:)``, for `catch ConsentStateMachineError.callAlreadyEnded`.
    public static let callAlreadyEnded = Code.callAlreadyEnded

    /// A call without parties.
    public static var noParties: ConsentStateMachineError { ConsentStateMachineError(.noParties) }

    /// An event names a party that is not on the call.
    public static func unknownParty(_ partyID: PartyID) -> ConsentStateMachineError {
        ConsentStateMachineError(.unknownParty(partyID))
    }
    /// The code for ``unknownParty(_:)``, for `catch ConsentStateMachineError.unknownParty`.
    public static let unknownParty = Code.unknownParty

    /// A party joins who is already on the call.
    public static func partyAlreadyOnCall(_ partyID: PartyID) -> ConsentStateMachineError {
        ConsentStateMachineError(.partyAlreadyOnCall(partyID))
    }
    /// The code for ``partyAlreadyOnCall(_:)``, for `catch ConsentStateMachineError.partyAlreadyOnCall`.
    public static let partyAlreadyOnCall = Code.partyAlreadyOnCall

    /// An event names a party that has left.
    public static func partyHasLeft(_ partyID: PartyID) -> ConsentStateMachineError {
        ConsentStateMachineError(.partyHasLeft(partyID))
    }
    /// The code for ``partyHasLeft(_:)``, for `catch ConsentStateMachineError.partyHasLeft`.
    public static let partyHasLeft = Code.partyHasLeft

    /// An announcement event for a party who was not asked for one.
    public static func noAnnouncementPending(_ partyID: PartyID) -> ConsentStateMachineError {
        ConsentStateMachineError(.noAnnouncementPending(partyID))
    }
    /// The code for ``noAnnouncementPending(_:)``, for `catch ConsentStateMachineError.noAnnouncementPending`.
    public static let noAnnouncementPending = Code.noAnnouncementPending

    /// `announcementFinished` without `announcementStarted`.
    public static func announcementNotStarted(_ partyID: PartyID) -> ConsentStateMachineError {
        ConsentStateMachineError(.announcementNotStarted(partyID))
    }
    /// The code for ``announcementNotStarted(_:)``, for `catch ConsentStateMachineError.announcementNotStarted`.
    public static let announcementNotStarted = Code.announcementNotStarted

    /// A timeout the machine did not schedule, or already cancelled.
    public static func unknownTimer(_ consentTimerID: ConsentTimerID) -> ConsentStateMachineError {
        ConsentStateMachineError(.unknownTimer(consentTimerID))
    }
    /// The code for ``unknownTimer(_:)``, for `catch ConsentStateMachineError.unknownTimer`.
    public static let unknownTimer = Code.unknownTimer

    /// An attestation by someone who is not one of the organisation's agents on the call.
    public static func notAnAgent(_ partyID: PartyID) -> ConsentStateMachineError {
        ConsentStateMachineError(.notAnAgent(partyID))
    }
    /// The code for ``notAnAgent(_:)``, for `catch ConsentStateMachineError.notAnAgent`.
    public static let notAnAgent = Code.notAnAgent

    /// An attestation for a party who was not asked a question.
    public static func noQuestionPending(_ partyID: PartyID) -> ConsentStateMachineError {
        ConsentStateMachineError(.noQuestionPending(partyID))
    }
    /// The code for ``noQuestionPending(_:)``, for `catch ConsentStateMachineError.noQuestionPending`.
    public static let noQuestionPending = Code.noQuestionPending

    /// A withdrawal by a party who never gave consent.
    public static func nothingToWithdraw(_ partyID: PartyID) -> ConsentStateMachineError {
        ConsentStateMachineError(.nothingToWithdraw(partyID))
    }
    /// The code for ``nothingToWithdraw(_:)``, for `catch ConsentStateMachineError.nothingToWithdraw`.
    public static let nothingToWithdraw = Code.nothingToWithdraw

    /// A secure pause while one is already active.
    public static var securePauseAlreadyActive: ConsentStateMachineError {
        ConsentStateMachineError(.securePauseAlreadyActive)
    }

    /// A secure-pause release without an active secure pause.
    public static var securePauseNotActive: ConsentStateMachineError { ConsentStateMachineError(.securePauseNotActive) }
}

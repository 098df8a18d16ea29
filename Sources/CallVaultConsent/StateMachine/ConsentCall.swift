import CallVaultCore

/// One call's consent state, held inside ``ConsentStateMachine``.
struct ConsentCall: Hashable, Sendable {
    enum Recording: Hashable, Sendable {
        case notStarted
        case running
        case stopped
    }

    enum Status: Hashable, Sendable {
        /// Nothing is needed from this party.
        case notRequired
        /// The host was asked to announce; it has not started.
        case announcementRequested(AnnouncementKind)
        /// The announcement is playing (or being read).
        case announcing(AnnouncementKind)
        /// A consent request finished; waiting for an answer.
        case awaitingAnswer
        /// Told (notice) or agreed; `explicit` for an affirmative act.
        case satisfied(ConsentReceipt.Method, explicit: Bool)
        /// Refused or did not answer.
        case declined
        /// Agreed, then withdrew.
        case withdrawn
        /// Joined a call that was already going on unrecorded: nothing to ask.
        case notAsked
    }

    struct Party: Hashable, Sendable {
        var participant: ConsentParticipant
        var requirement: ConsentRequirement
        var status: Status
        var hasLeft = false
        var announcement: ScriptReference?
        var announcementStartedAt: ConsentMoment?
        var announcementFinishedAt: ConsentMoment?
        var prompts = 0
        var timer: ConsentTimerID?
        var isExcluded = false
        var receipts = 0

        var id: PartyID { participant.party.id }

        /// Whether the party is waiting on an announcement or an answer.
        var isPending: Bool {
            switch status {
            case .announcementRequested, .announcing, .awaitingAnswer: !hasLeft
            default: false
            }
        }
    }

    let callID: String
    let direction: CallDirection
    var decision: ConsentDecision
    var parties: [Party]
    var recording = Recording.notStarted
    var pausedForCardData = false
    var pausedForConsent = false
    var nextTimer: UInt32 = 1

    /// Whether consent must be an affirmative act under the current decision.
    var explicitConsentNeeded: Bool {
        decision.highestRequirement == .consent && !decision.noticeSuffices
    }

    func index(of party: PartyID) -> Int? {
        parties.firstIndex { $0.id == party }
    }

    /// Whether `party` has what the law asks of it now.
    func isSatisfied(_ party: Party) -> Bool {
        switch party.status {
        case .notRequired: true
        case .satisfied(_, let explicit):
            party.requirement == .notice || explicit || !explicitConsentNeeded
        default: false
        }
    }

    /// The kind of announcement `party` needs under the current decision.
    func announcementKind(for party: Party) -> AnnouncementKind {
        party.requirement == .consent && explicitConsentNeeded ? .consentRequest : .notice
    }

    mutating func makeTimer() -> ConsentTimerID {
        defer { nextTimer &+= 1 }
        return ConsentTimerID(nextTimer)
    }

    /// A receipt for party `index`, counting it.
    mutating func receipt(
        for index: Int, method: ConsentReceipt.Method, outcome: ConsentReceipt.Outcome, at moment: ConsentMoment,
        key: Character? = nil, attestedBy: PartyID? = nil
    ) -> ConsentReceipt {
        parties[index].receipts += 1
        let party = parties[index]
        return ConsentReceipt(
            receiptID: "\(callID)/\(party.id)/\(party.receipts)", callID: callID, party: party.id,
            role: party.participant.party.role, location: party.participant.party.location,
            requirement: party.requirement, noticeSuffices: decision.noticeSuffices,
            strictness: decision.strictness.description, governing: decision.governing,
            catalogVersion: decision.catalogVersion, purposes: decision.purposes, announcement: party.announcement,
            announcementStartedAt: party.announcementStartedAt, announcementFinishedAt: party.announcementFinishedAt,
            method: method, key: key.map(String.init), attestedBy: attestedBy, outcome: outcome, decidedAt: moment)
    }
}

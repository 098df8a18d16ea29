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
        /// Whether this party's announcement (this round of asking) is on the recording: set when
        /// it starts where the law asks for a recorded announcement.
        var announcementOnRecording = false

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
    /// The policy asks every customer and third party for explicit consent.
    let explicitEverywhere: Bool
    /// The policy prefers a warning tone where the law accepts one for a recorded announcement.
    let prefersWarningTone: Bool
    /// Whether the host was asked to run the warning tone.
    var warningToneOn = false
    /// Key presses and speech intents counted (not interpreted) during the current secure pause.
    var inputsWithheld = 0

    init(
        callID: String, direction: CallDirection, decision: ConsentDecision, parties: [Party],
        explicitEverywhere: Bool, prefersWarningTone: Bool
    ) {
        self.callID = callID
        self.direction = direction
        self.decision = decision
        self.parties = parties
        self.explicitEverywhere = explicitEverywhere
        self.prefersWarningTone = prefersWarningTone
    }

    /// Whether consent must be an affirmative act under the current decision (or the policy).
    var explicitConsentNeeded: Bool {
        explicitEverywhere || (decision.highestRequirement == .consent && !decision.noticeSuffices)
    }

    /// What `party` needs: the decision's requirement, raised to consent for everyone outside the
    /// recording organisation when the policy asks for explicit consent everywhere. A party the
    /// decision does not know reads as needing consent.
    func requirement(for party: CallParty) -> ConsentRequirement {
        if explicitEverywhere, !party.role.isRecordingSide { return .consent }
        return decision.requirement(for: party.id) ?? .consent
    }

    /// Whether the warning tone stands in for recorded announcements on this call: the law asks
    /// for a recorded notice, accepts a tone, and the policy prefers the tone.
    var usesWarningTone: Bool {
        prefersWarningTone && decision.recordedNotice?.allowsWarningTone == true
    }

    /// Whether `party`'s announcement must be on the recording (recording opens when it starts).
    func announcementMustBeRecorded(_ party: Party) -> Bool {
        party.requirement != .none && decision.recordedNotice != nil && !usesWarningTone
    }

    /// Whether `party` may be on the recording now: it has what the law asks, or it is being asked
    /// and its announcement is on the recording, as the law there wants.
    func mayRecord(_ party: Party) -> Bool {
        isSatisfied(party) || (party.announcementOnRecording && party.isPending)
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
        var onRecording: ConsentReceipt.NoticeOnRecording?
        if party.announcementOnRecording {
            onRecording = .announcement
        } else if usesWarningTone, party.requirement != .none {
            onRecording = .warningTone
        }
        let byPolicy =
            explicitEverywhere && party.requirement != .none
            && (decision.requirement(for: party.id) != .consent || decision.noticeSuffices)
        return ConsentReceipt(
            receiptID: "\(callID)/\(party.id)/\(party.receipts)", callID: callID, party: party.id,
            role: party.participant.party.role, location: party.participant.party.location,
            requirement: party.requirement, noticeSuffices: decision.noticeSuffices && !explicitEverywhere,
            strictness: decision.strictness.description, governing: decision.governing,
            catalogVersion: decision.catalogVersion, purposes: decision.purposes, announcement: party.announcement,
            announcementStartedAt: party.announcementStartedAt, announcementFinishedAt: party.announcementFinishedAt,
            method: method, key: key.map(String.init), attestedBy: attestedBy, outcome: outcome, decidedAt: moment,
            noticeOnRecording: onRecording, explicitConsentByPolicy: byPolicy ? true : nil)
    }
}

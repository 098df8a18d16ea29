public import CallVaultCore

/// The record of what one party was told and how they answered, made for that party on one call.
///
/// It holds the requirement and the catalog version it came from, the exact announcement (script,
/// version, language, hash of the text), how consent was given or refused, when (wall clock and
/// media offset), and the outcome. Receipts are signed (``SignedConsentReceipt``) so anyone with
/// the organisation's public key can check one, and a copy can be given to the customer.
public struct ConsentReceipt: Hashable, Sendable, Codable {
    /// How the party answered.
    public enum Method: String, Hashable, Sendable, Codable, CaseIterable {
        /// The party's role needs nothing (the organisation's own agents and bots).
        case notRequired = "not-required"
        /// A notice followed by staying on the line.
        case impliedByNotice = "implied-by-notice"
        /// A key press.
        case keypress
        /// A spoken answer, as recognised.
        case speech
        /// An agent attested the party's spoken answer.
        case agentAttestation = "agent-attestation"
        /// The party was not heard from (left, no answer in time).
        case noResponse = "no-response"
        /// The party's request was relayed by the host (an agent's button, a web form, an app).
        case request
        /// An operator attested, after the call, the evidence that the party was told or agreed:
        /// a recording imported from an archive made before CallVault, whose consent was never
        /// captured live. The receipt names the operator (``ConsentReceipt/attestingOperator``)
        /// and their words (``ConsentReceipt/evidence``), never a key press or spoken answer.
        case operatorAttestation = "operator-attestation"
    }

    /// Where the party ended up.
    public enum Outcome: String, Hashable, Sendable, Codable, CaseIterable {
        /// The party was told, and that was all the law required.
        case notified
        /// The party agreed.
        case consented
        /// The party refused; the call continued unrecorded (or ended, on a mandatory-recording line).
        case declined
        /// The party agreed and later withdrew; recording stopped.
        case withdrawn
        /// The party left, or the call ended, before the requirement was met.
        case notReached = "not-reached"
        /// Nothing was required of the party.
        case notRequired = "not-required"
    }

    /// How the notice got onto the recording, where the law asked for that.
    public enum NoticeOnRecording: String, Hashable, Sendable, Codable {
        /// Recording opened when the announcement started, so the announcement itself is on it
        /// (from ``ConsentReceipt/announcementStartedAt``).
        case announcement
        /// A warning tone repeats on the recording (and to the parties) about every 15 seconds.
        case warningTone = "warning-tone"
    }

    /// The receipt format's version.
    public var format = 1
    /// Unique per receipt: call id, party id and a sequence number.
    public var receiptID: String
    /// The host's call identifier.
    public var callID: String
    /// The party.
    public var party: PartyID
    /// The party's role.
    public var role: PartyRole
    /// The party's location code (`unknown` when unknown).
    public var location: Jurisdiction
    /// What the law asked of the party.
    public var requirement: ConsentRequirement
    /// Whether a notice followed by staying on the line counted as consent.
    public var noticeSuffices: Bool
    /// The strictness that governed the call, as a phrase.
    public var strictness: String
    /// The jurisdictions that governed the call.
    public var governing: [Jurisdiction]
    /// The consent catalog's version.
    public var catalogVersion: String
    /// What the recording is for, as the party was told.
    public var purposes: [Purpose]
    /// The announcement the party heard, if any.
    public var announcement: ScriptReference?
    /// When the announcement started, if it did.
    public var announcementStartedAt: ConsentMoment?
    /// When the announcement finished, if it did.
    public var announcementFinishedAt: ConsentMoment?
    /// How the party answered.
    public var method: Method
    /// The key pressed, for ``Method/keypress``.
    public var key: String?
    /// The agent who attested, for ``Method/agentAttestation``.
    public var attestedBy: PartyID?
    /// Where the party ended up.
    public var outcome: Outcome
    /// When the outcome was reached.
    public var decidedAt: ConsentMoment
    /// The operator who attested the evidence, for ``Method/operatorAttestation``.
    public var attestingOperator: String?
    /// The evidence the operator attested (what they saw that shows the party was told or agreed),
    /// in their words, for ``Method/operatorAttestation``.
    public var evidence: String?
    /// How the notice is on the recording, where the law asked for a recorded announcement (nil
    /// where it did not).
    public var noticeOnRecording: NoticeOnRecording?
    /// True when the law would have let notice suffice (or asked nothing of the party) but the
    /// organisation's policy (``ConsentPolicy/explicitConsentEverywhere``) asked for explicit
    /// consent; nil otherwise.
    public var explicitConsentByPolicy: Bool?

    /// Creates a receipt.
    public init(
        receiptID: String, callID: String, party: PartyID, role: PartyRole, location: Jurisdiction,
        requirement: ConsentRequirement, noticeSuffices: Bool, strictness: String, governing: [Jurisdiction],
        catalogVersion: String, purposes: [Purpose], announcement: ScriptReference? = nil,
        announcementStartedAt: ConsentMoment? = nil, announcementFinishedAt: ConsentMoment? = nil, method: Method,
        key: String? = nil, attestedBy: PartyID? = nil, outcome: Outcome, decidedAt: ConsentMoment,
        noticeOnRecording: NoticeOnRecording? = nil, explicitConsentByPolicy: Bool? = nil
    ) {
        self.receiptID = receiptID
        self.callID = callID
        self.party = party
        self.role = role
        self.location = location
        self.requirement = requirement
        self.noticeSuffices = noticeSuffices
        self.strictness = strictness
        self.governing = governing
        self.catalogVersion = catalogVersion
        self.purposes = purposes
        self.announcement = announcement
        self.announcementStartedAt = announcementStartedAt
        self.announcementFinishedAt = announcementFinishedAt
        self.method = method
        self.key = key
        self.attestedBy = attestedBy
        self.outcome = outcome
        self.decidedAt = decidedAt
        self.noticeOnRecording = noticeOnRecording
        self.explicitConsentByPolicy = explicitConsentByPolicy
    }
}

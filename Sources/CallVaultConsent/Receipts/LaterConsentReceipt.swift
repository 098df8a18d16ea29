public import CallVaultCore
public import CallVaultCrypto
public import Foundation

/// A customer's consent, given after the call, to purposes they were not told of on it (by a
/// follow-up call, a web form, a letter), or the withdrawal of such a consent. Linked to the
/// recording by its id and signed with the organisation's key like the receipts made on the call,
/// so the recording's catalog entry is never edited to widen what it may be used for.
public struct LaterConsentReceipt: SignableDocument {
    /// `callvault-later-consent-receipt/1`.
    public static let documentFormat = "callvault-later-consent-receipt/1"

    /// Whether consent was given or withdrawn.
    public enum Change: String, Hashable, Sendable, Codable {
        /// The customer agreed to the purposes.
        case given
        /// The customer withdrew a consent given later to the purposes.
        case withdrawn
    }

    /// The receipt's id (a UUID).
    public let receiptID: String
    /// The recording it is about.
    public let recordingID: RecordingID
    /// The recording's call.
    public let callID: String
    /// Given or withdrawn.
    public let change: Change
    /// The purposes, sorted by identifier.
    public let purposes: [Purpose]
    /// How the customer was asked: `web-form`, `follow-up-call`, `email`, `letter`, `in-person`.
    public let channel: String
    /// What proves it: the form submission's reference, the follow-up call's id.
    public let evidence: String
    /// Who recorded it.
    public let recordedBy: PrincipalID
    /// When it was recorded (to the second).
    public let recordedAt: Date

    /// The channels a later consent may come through (lower-case, hyphenated names).
    public static let channels: Set<String> = ["web-form", "follow-up-call", "email", "letter", "in-person"]

    /// Creates a receipt.
    public init(
        receiptID: String, recordingID: RecordingID, callID: String, change: Change, purposes: Set<Purpose>,
        channel: String, evidence: String, recordedBy: PrincipalID, recordedAt: Date
    ) {
        self.receiptID = receiptID
        self.recordingID = recordingID
        self.callID = callID
        self.change = change
        self.purposes = purposes.sorted { $0.identifier < $1.identifier }
        self.channel = channel
        self.evidence = evidence
        self.recordedBy = recordedBy
        self.recordedAt = Date(timeIntervalSince1970: recordedAt.timeIntervalSince1970.rounded(.down))
    }

    private enum CodingKeys: String, CodingKey {
        case receiptID, recordingID, callID, change, purposes, channel, evidence, recordedBy, recordedAt
    }

    /// Encodes with the time in ISO 8601 UTC.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(receiptID, forKey: .receiptID)
        try container.encode(recordingID, forKey: .recordingID)
        try container.encode(callID, forKey: .callID)
        try container.encode(change, forKey: .change)
        try container.encode(purposes, forKey: .purposes)
        try container.encode(channel, forKey: .channel)
        try container.encode(evidence, forKey: .evidence)
        try container.encode(recordedBy, forKey: .recordedBy)
        try container.encode(CivilTime.iso8601(recordedAt), forKey: .recordedAt)
    }

    /// Decodes the form ``encode(to:)`` writes.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        receiptID = try container.decode(String.self, forKey: .receiptID)
        recordingID = try container.decode(RecordingID.self, forKey: .recordingID)
        callID = try container.decode(String.self, forKey: .callID)
        change = try container.decode(Change.self, forKey: .change)
        purposes = try container.decode([Purpose].self, forKey: .purposes)
        channel = try container.decode(String.self, forKey: .channel)
        evidence = try container.decode(String.self, forKey: .evidence)
        recordedBy = try container.decode(PrincipalID.self, forKey: .recordedBy)
        let text = try container.decode(String.self, forKey: .recordedAt)
        guard let date = CivilTime.parseISO8601(text), CivilTime.iso8601(date) == text else {
            throw DecodingError.dataCorruptedError(
                forKey: .recordedAt, in: container,
                debugDescription: "'\(text)' is not an ISO 8601 UTC time to the second like 2026-11-29T07:34:45Z")
        }
        recordedAt = date
    }
}

/// A later consent receipt signed with the organisation's key.
public typealias SignedLaterConsentReceipt = SignedDocument<LaterConsentReceipt>

public import CallVaultCore
public import CallVaultCrypto
import CallVaultSupport
public import Foundation

/// Evidence that a recording was deleted: which recording (by id and by the key commitment its
/// envelope carried), why (the rule or the erasure request), when, and by which sweeper, signed
/// with the organisation's Ed25519 key so anyone holding the public key can check it later.
///
/// Certificates travel as `SignedDocument` files; dates are written in ISO 8601 UTC.
///
/// ```swift
/// let signed = try SignedDocument<DeletionCertificate>(fileContents: tombstone.certificate)
/// let certificate = try signed.verified(by: organisationKey)
/// ```
public struct DeletionCertificate: SignableDocument {
    /// `callvault-deletion-certificate/1`.
    public static let documentFormat = "callvault-deletion-certificate/1"

    /// The deleted recording.
    public let recordingID: RecordingID
    /// The envelope's key commitment, in hexadecimal, when the host supplied it.
    public let keyCommitment: String?
    /// Why it was deleted.
    public let cause: DeletionCause
    /// The name of the rule that caused it, for a reader without the catalog.
    public let ruleName: String?
    /// When its retention allowed deletion (its schedule's keep-until, or the legal minimum under
    /// an erasure request).
    public let keptUntil: Date
    /// When the deletion began: keys shredded and content deleted from then.
    public let deletedAt: Date
    /// The sweeper that deleted it.
    public let sweeper: PrincipalID
    /// The catalog version of the schedule.
    public let catalogVersion: String
    /// The policy version of the schedule.
    public let policyVersion: String
    /// The copies that left the vault before the deletion (legal exports, subject access packages)
    /// and that the deletion did not reach, from the export register. Written only when there are
    /// some, so a certificate signed before the register existed reads (and verifies) as it was.
    public let copiesOutsideVault: [CopyOutsideVault]

    /// Builds the certificate for a record whose deletion has begun, from its journal entry (so an
    /// interrupted deletion, finished later, certifies the same facts) and the copies outside the
    /// vault the export register lists.
    public init(
        record: RetentionRecord, journal: DeletionJournalEntry, sweeper: PrincipalID, ruleName: String?,
        copiesOutsideVault: [CopyOutsideVault] = []
    ) {
        self.recordingID = record.recordingID
        self.keyCommitment = record.attributes.keyCommitment.map { Hex.encode($0) }
        self.cause = journal.cause
        self.ruleName = ruleName
        self.keptUntil = Self.wholeSecond(
            record.erasure == nil ? record.schedule.keepUntil : record.schedule.legalKeepUntil)
        self.deletedAt = Self.wholeSecond(journal.startedAt)
        self.sweeper = sweeper
        self.catalogVersion = record.schedule.catalogVersion
        self.policyVersion = record.schedule.policyVersion
        self.copiesOutsideVault = copiesOutsideVault
    }

    static func wholeSecond(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }

    private enum CodingKeys: String, CodingKey {
        case recordingID, keyCommitment, cause, rule, erasureRequest, ruleName, keptUntil, deletedAt, sweeper
        case catalogVersion, policyVersion, copiesOutsideVault
    }

    /// Encodes with dates in ISO 8601 UTC and the cause as `retention-expired` or `erasure-request`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(recordingID, forKey: .recordingID)
        try container.encodeIfPresent(keyCommitment, forKey: .keyCommitment)
        switch cause {
        case .retentionExpired(let rule):
            try container.encode("retention-expired", forKey: .cause)
            try container.encodeIfPresent(rule, forKey: .rule)
        case .erasureRequest(let id):
            try container.encode("erasure-request", forKey: .cause)
            try container.encode(id, forKey: .erasureRequest)
        }
        try container.encodeIfPresent(ruleName, forKey: .ruleName)
        try container.encode(CivilTime.iso8601(keptUntil), forKey: .keptUntil)
        try container.encode(CivilTime.iso8601(deletedAt), forKey: .deletedAt)
        try container.encode(sweeper, forKey: .sweeper)
        try container.encode(catalogVersion, forKey: .catalogVersion)
        try container.encode(policyVersion, forKey: .policyVersion)
        if !copiesOutsideVault.isEmpty { try container.encode(copiesOutsideVault, forKey: .copiesOutsideVault) }
    }

    /// Decodes the form ``encode(to:)`` writes.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        recordingID = try container.decode(RecordingID.self, forKey: .recordingID)
        keyCommitment = try container.decodeIfPresent(String.self, forKey: .keyCommitment)
        switch try container.decode(String.self, forKey: .cause) {
        case "retention-expired":
            cause = .retentionExpired(try container.decodeIfPresent(RetentionRuleID.self, forKey: .rule))
        case "erasure-request":
            cause = .erasureRequest(try container.decode(String.self, forKey: .erasureRequest))
        case let other:
            throw DecodingError.dataCorruptedError(
                forKey: .cause, in: container, debugDescription: "unknown cause '\(other)'")
        }
        ruleName = try container.decodeIfPresent(String.self, forKey: .ruleName)
        keptUntil = try Self.decodeDate(container, .keptUntil)
        deletedAt = try Self.decodeDate(container, .deletedAt)
        sweeper = try container.decode(PrincipalID.self, forKey: .sweeper)
        catalogVersion = try container.decode(String.self, forKey: .catalogVersion)
        policyVersion = try container.decode(String.self, forKey: .policyVersion)
        copiesOutsideVault = try container.decodeIfPresent([CopyOutsideVault].self, forKey: .copiesOutsideVault) ?? []
    }

    private static func decodeDate(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> Date {
        let text = try container.decode(String.self, forKey: key)
        // Only the one form certificates are written in: a certificate's readable copy must not be
        // editable (`t`, `z`, an offset) while still matching what was signed.
        guard let date = CivilTime.parseISO8601(text), CivilTime.iso8601(date) == text else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container,
                debugDescription: "'\(text)' is not an ISO 8601 UTC time to the second like 2026-11-29T07:34:45Z")
        }
        return date
    }
}

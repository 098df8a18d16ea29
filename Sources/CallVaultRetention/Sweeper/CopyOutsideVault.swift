public import CallVaultCore
public import Foundation

/// A copy of a recording that left the vault (a legal export, a subject access package) and that
/// deleting the recording cannot reach: shredding the vault's keys destroys every copy encrypted
/// under them, not a copy re-encrypted for someone else. A deletion certificate lists them so the
/// organisation knows whom to ask to delete theirs.
public struct CopyOutsideVault: Hashable, Sendable, Codable {
    /// `legal-export` or `subject-access`.
    public let kind: String
    /// When the copy was made (to the second).
    public let exportedAt: Date
    /// Who made it.
    public let exportedBy: PrincipalID
    /// The request it served: the legal reference, or the subject access request.
    public let request: String
    /// Who can open it: the fingerprints of the recipient keys it was encrypted for.
    public let recipients: [String]

    /// Describes a copy.
    public init(kind: String, exportedAt: Date, exportedBy: PrincipalID, request: String, recipients: [String]) {
        self.kind = kind
        self.exportedAt = DeletionCertificate.wholeSecond(exportedAt)
        self.exportedBy = exportedBy
        self.request = request
        self.recipients = recipients
    }

    private enum CodingKeys: String, CodingKey { case kind, exportedAt, exportedBy, request, recipients }

    /// Encodes with the time in ISO 8601 UTC.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(CivilTime.iso8601(exportedAt), forKey: .exportedAt)
        try container.encode(exportedBy, forKey: .exportedBy)
        try container.encode(request, forKey: .request)
        try container.encode(recipients, forKey: .recipients)
    }

    /// Decodes the form ``encode(to:)`` writes.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decode(String.self, forKey: .kind)
        let text = try container.decode(String.self, forKey: .exportedAt)
        guard let date = CivilTime.parseISO8601(text), CivilTime.iso8601(date) == text else {
            throw DecodingError.dataCorruptedError(
                forKey: .exportedAt, in: container,
                debugDescription: "'\(text)' is not an ISO 8601 UTC time to the second like 2026-11-29T07:34:45Z")
        }
        exportedAt = date
        exportedBy = try container.decode(PrincipalID.self, forKey: .exportedBy)
        request = try container.decode(String.self, forKey: .request)
        recipients = try container.decode([String].self, forKey: .recipients)
    }
}

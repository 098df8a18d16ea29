public import CallVaultCore
public import CallVaultCrypto
public import CallVaultRetention
public import Foundation

/// One copy that left the vault: a legal export or a subject access package, who made it, when,
/// for which request, for which recipients and with which recordings. Signed with the
/// organisation's key and kept in the vault's ``ExportRegister``, because shredding a recording's
/// keys does not reach a copy re-encrypted for someone else.
public struct ExportRecord: SignableDocument {
    /// `callvault-export-record/1`.
    public static let documentFormat = "callvault-export-record/1"

    /// What kind of copy.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// A legal export (`export-legal`: a court order, a regulator's demand).
        case legalExport = "legal-export"
        /// A data subject's access package (GDPR Art. 15).
        case subjectAccess = "subject-access"
    }

    /// The export's id: the BLAKE2b digest of its signed manifest, which the audit entry names too.
    public let exportID: String
    /// What kind of copy.
    public let kind: Kind
    /// The recordings whose data the package holds.
    public let recordingIDs: [RecordingID]
    /// When it was made (to the second).
    public let exportedAt: Date
    /// Who made it.
    public let exportedBy: PrincipalID
    /// The purpose it was made for.
    public let purpose: Purpose
    /// The request it served: the legal reference, or the subject access request.
    public let request: String
    /// Who can open it: the fingerprints of its recipient keys.
    public let recipients: [String]

    /// Describes an export.
    public init(
        exportID: String, kind: Kind, recordingIDs: [RecordingID], exportedAt: Date, exportedBy: PrincipalID,
        purpose: Purpose, request: String, recipients: [String]
    ) {
        self.exportID = exportID
        self.kind = kind
        self.recordingIDs = recordingIDs
        self.exportedAt = Date(timeIntervalSince1970: exportedAt.timeIntervalSince1970.rounded(.down))
        self.exportedBy = exportedBy
        self.purpose = purpose
        self.request = request
        self.recipients = recipients
    }

    /// The copy as a deletion certificate lists it.
    public var copyOutsideVault: CopyOutsideVault {
        CopyOutsideVault(
            kind: kind.rawValue, exportedAt: exportedAt, exportedBy: exportedBy, request: request,
            recipients: recipients)
    }
}

/// An export record signed with the organisation's key.
public typealias SignedExportRecord = SignedDocument<ExportRecord>

/// The register of copies that left the vault: every legal export and subject access package,
/// written before the export is audited and handed over, so no package leaves unregistered.
public protocol ExportRegister: Sendable {
    /// Adds a record; adding one already there (same export id) is harmless.
    func add(_ record: SignedExportRecord) async throws
    /// The records of the exports holding `recording`, oldest first.
    func records(of recording: RecordingID) async throws -> [SignedExportRecord]
    /// The records of the exports holding each of `recordings`, oldest first, in one read where
    /// the register can (a sweep certifies a batch of deletions at once). Recordings with no
    /// record may be missing from the result. By default, one `records(of:)` each.
    func records(of recordings: [RecordingID]) async throws -> [RecordingID: [SignedExportRecord]]
    /// Every record, oldest first.
    func allRecords() async throws -> [SignedExportRecord]
}

extension ExportRegister {
    /// One `records(of:)` per recording.
    public func records(of recordings: [RecordingID]) async throws -> [RecordingID: [SignedExportRecord]] {
        var found: [RecordingID: [SignedExportRecord]] = [:]
        for recording in Set(recordings) { found[recording] = try await records(of: recording) }
        return found
    }
}

public import CallVault
public import CallVaultCore

/// Whether a catalog row is what the organisation signed.
///
/// A row verifies when its signature, by the organisation's key, covers its current columns, its
/// version and its consent receipts, and no tombstone contradicts its state. Anything else is
/// refused for access decisions (playback, exports, redaction, deletion bookkeeping) and flagged
/// by `callvault vault list`, `show` and `verify`.
public enum CatalogRowIntegrity: Hashable, Sendable {
    /// Signed by the organisation's key, as it is now; the row's version.
    case verified(version: Int64)
    /// No signature: a row written before catalog signatures (signed when the vault is next opened
    /// for writing), or one whose signature was removed.
    case unsigned
    /// The signature does not cover the row as it is, or the row cannot be read back: changed
    /// outside CallVault.
    case invalid(reason: String)
    /// Validly signed, but its state contradicts its tombstone: an older version of the row put
    /// back after the recording was deleted.
    case contradictsTombstone(reason: String)

    /// Whether the row may be used for access decisions.
    public var isVerified: Bool {
        if case .verified = self { return true }
        return false
    }
}

/// A catalog row as an integrity check sees it: the recording (if the row reads back) and whether
/// it verifies.
public struct CatalogEntry: Sendable {
    /// The recording's id.
    public let id: RecordingID
    /// The recording, or `nil` when the row cannot be read back at all.
    public let recording: RecordingEntry?
    /// Whether the row verifies.
    public let integrity: CatalogRowIntegrity
    /// A digest of the row's signed bytes, with which a legacy row's adoption is bound to what it
    /// was when adopted.
    let digest: [UInt8]
}

/// A catalog row that does not verify, met where a decision depends on it.
public struct CatalogIntegrityError: CallVaultError, Equatable, CallVaultReasonedError {
    /// The stable codes of ``CatalogIntegrityError``.
    public struct Code: CallVaultErrorCode {
        /// The error type these codes belong to.
        public typealias Owner = CatalogIntegrityError
        /// The code's stable text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// The row of the recording does not verify.
        public static let rowNotVerified = Code("catalogintegrity.row-not-verified")
        /// The recording's retention record (its schedule, deletion journal, erasure) does not verify.
        public static let retentionRecordNotVerified = Code("catalogintegrity.retention-record-not-verified")
        /// The legal hold's row does not verify.
        public static let holdNotVerified = Code("catalogintegrity.hold-not-verified")
        /// The recording's retention record is indexed under columns (due time, deletion begun,
        /// customer, start) that disagree with the signed record: they were edited outside CallVault.
        public static let retentionIndexAltered = Code("catalogintegrity.retention-index-altered")
        /// The catalog holds the recording as complete or incomplete, but it has no retention
        /// record: the record was deleted outside CallVault.
        public static let retentionRecordMissing = Code("catalogintegrity.retention-record-missing")
        /// Wrapped keys are stored under an id that names no recording's content: a copy made
        /// outside CallVault, which a deletion would leave behind.
        public static let keysWithoutRecording = Code("catalogintegrity.keys-without-recording")

        /// Every code of this type.
        public static let all: [Code] = [
            rowNotVerified, retentionRecordNotVerified, holdNotVerified, retentionIndexAltered,
            retentionRecordMissing, keysWithoutRecording,
        ]
    }

    /// What happened, with its details; the package's own code switches over it.
    package enum Reason: Equatable, Sendable {
        /// The row of the recording does not verify.
        case rowNotVerified(RecordingID, reason: String)
        /// The recording's retention record (its schedule, deletion journal, erasure) does not verify.
        case retentionRecordNotVerified(RecordingID, reason: String)
        /// The legal hold's row does not verify.
        case holdNotVerified(String, reason: String)
        /// The recording's retention record is indexed under columns (due time, deletion begun,
        /// customer, start) that disagree with the signed record: they were edited outside CallVault.
        case retentionIndexAltered(RecordingID, columns: [String])
        /// The catalog holds the recording as complete or incomplete, but it has no retention
        /// record: the record was deleted outside CallVault.
        case retentionRecordMissing(RecordingID)
        /// Wrapped keys are stored under an id that names no recording's content: a copy made
        /// outside CallVault, which a deletion would leave behind.
        case keysWithoutRecording(String)
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
        case .rowNotVerified: .rowNotVerified
        case .retentionRecordNotVerified: .retentionRecordNotVerified
        case .holdNotVerified: .holdNotVerified
        case .retentionIndexAltered: .retentionIndexAltered
        case .retentionRecordMissing: .retentionRecordMissing
        case .keysWithoutRecording: .keysWithoutRecording
        }
    }

    /// What went wrong and what to do.
    public var message: String {
        switch reason {
        case .rowNotVerified(let id, let reason):
            "The catalog entry of recording \(id) does not verify (\(reason)): it was changed outside CallVault, or written before catalog signatures and not yet adopted. It is refused for access decisions. Run 'callvault vault verify' to list every such entry, and restore the database from a backup; a legacy vault is adopted by opening it for writing once."
        case .retentionRecordNotVerified(let id, let reason):
            "The retention record of recording \(id) does not verify (\(reason)): it was changed outside CallVault, or written before signatures and not yet adopted. The recording is not deleted, and its schedule is not trusted. Run 'callvault vault verify', and restore the database from a backup."
        case .retentionIndexAltered(let id, let columns):
            "The retention record of recording \(id) is indexed under columns (\(columns.joined(separator: ", "))) that disagree with its signed record: they were edited outside CallVault, and a sweep cannot trust the due index. Nothing was deleted. Run 'callvault vault verify' to list every such record, and restore the database from a backup."
        case .retentionRecordMissing(let id):
            "Recording \(id) is kept in the catalog, but it has no retention record: the record was deleted outside CallVault, so no sweep would ever find the recording due. Nothing was deleted. Run 'callvault vault verify' to list every such recording, and restore the database from a backup."
        case .keysWithoutRecording(let id):
            "The database holds wrapped keys under \(id.debugDescription), which names no recording's content, or a deleted one's: a copy of a recording's keys made or put back outside CallVault, which outlives its deletion and makes its certificate false. Nothing was deleted. Run 'callvault vault verify', and delete those rows or restore the database from a backup."
        case .holdNotVerified(let id, let reason):
            "Legal hold \(id) does not verify (\(reason)): its row was changed outside CallVault. It stays in force over every recording and cannot be changed until its row is restored from a backup; run 'callvault vault verify'."
        }
    }

    /// The row of the recording does not verify.
    public static func rowNotVerified(_ recordingID: RecordingID, reason: String) -> CatalogIntegrityError {
        CatalogIntegrityError(.rowNotVerified(recordingID, reason: reason))
    }
    /// The code for ``rowNotVerified(_:reason:)``, for `catch CatalogIntegrityError.rowNotVerified`.
    public static let rowNotVerified = Code.rowNotVerified

    /// The recording's retention record (its schedule, deletion journal, erasure) does not verify.
    public static func retentionRecordNotVerified(_ recordingID: RecordingID, reason: String) -> CatalogIntegrityError {
        CatalogIntegrityError(.retentionRecordNotVerified(recordingID, reason: reason))
    }
    /// The code for ``retentionRecordNotVerified(_:reason:)``, for `catch CatalogIntegrityError.retentionRecordNotVerified`.
    public static let retentionRecordNotVerified = Code.retentionRecordNotVerified

    /// The legal hold's row does not verify.
    public static func holdNotVerified(_ text: String, reason: String) -> CatalogIntegrityError {
        CatalogIntegrityError(.holdNotVerified(text, reason: reason))
    }
    /// The code for ``holdNotVerified(_:reason:)``, for `catch CatalogIntegrityError.holdNotVerified`.
    public static let holdNotVerified = Code.holdNotVerified

    /// The recording's retention record is indexed under columns (due time, deletion begun,
    /// customer, start) that disagree with the signed record: they were edited outside CallVault.
    public static func retentionIndexAltered(_ recordingID: RecordingID, columns: [String]) -> CatalogIntegrityError {
        CatalogIntegrityError(.retentionIndexAltered(recordingID, columns: columns))
    }
    /// The code for ``retentionIndexAltered(_:columns:)``, for `catch CatalogIntegrityError.retentionIndexAltered`.
    public static let retentionIndexAltered = Code.retentionIndexAltered

    /// The catalog holds the recording as complete or incomplete, but it has no retention record:
    /// the record was deleted outside CallVault.
    public static func retentionRecordMissing(_ recordingID: RecordingID) -> CatalogIntegrityError {
        CatalogIntegrityError(.retentionRecordMissing(recordingID))
    }
    /// The code for ``retentionRecordMissing(_:)``, for `catch CatalogIntegrityError.retentionRecordMissing`.
    public static let retentionRecordMissing = Code.retentionRecordMissing

    /// Wrapped keys are stored under an id that names no recording's content: a copy made outside
    /// CallVault, which a deletion would leave behind.
    public static func keysWithoutRecording(_ id: String) -> CatalogIntegrityError {
        CatalogIntegrityError(.keysWithoutRecording(id))
    }
    /// The code for ``keysWithoutRecording(_:)``, for `catch CatalogIntegrityError.keysWithoutRecording`.
    public static let keysWithoutRecording = Code.keysWithoutRecording
}

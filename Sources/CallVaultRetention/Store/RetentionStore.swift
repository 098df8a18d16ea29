public import CallVaultCore
public import Foundation

/// Where the retention engine keeps schedules, legal holds, the deletion journal and tombstones.
///
/// CallVault ships an in-memory store in `CallVaultTestKit`, SQLite and PostgreSQL stores in the
/// storage modules; a host can implement it over its own database. Every method may be called
/// concurrently. The guarantees the sweeper relies on:
///
/// - ``beginDeletions(_:at:)`` is atomic per recording: it re-reads the record and the holds (the
///   active ones and those released in the last second), refuses with
///   ``RetentionRecord/deletionRefusal(at:holds:)``, and otherwise writes the journal entry, all in
///   one transaction.
/// - A record with a deletion begun is never changed by `save(_:)` and never returned by
///   ``dueRecords(at:after:limit:)``; ``deletionsInProgress(limit:)`` returns it until
///   ``completeDeletions(_:)`` replaces it with its tombstone.
/// - A recording with a tombstone is never saved again.
public protocol RetentionStore: Sendable {
    /// Inserts or replaces records.
    ///
    /// - Throws: ``RetentionStoreError/recordingDeleted(_:)`` or
    ///   ``RetentionStoreError/deletionInProgress(_:)`` for a recording past saving.
    func save(_ records: [RetentionRecord]) async throws

    /// The record of a recording that still exists.
    func record(_ id: RecordingID) async throws -> RetentionRecord?

    /// The records of a customer's recordings that still exist (for erasure requests).
    func records(ofCustomer customerID: String) async throws -> [RetentionRecord]

    /// Records whose ``RetentionRecord/dueAt`` is at or before `now` and whose deletion has not
    /// begun, ordered by due time then recording id, after `cursor`, at most `limit` of them.
    func dueRecords(at now: Date, after cursor: DueCursor?, limit: Int) async throws -> [RetentionRecord]

    /// Records whose deletion began and has not completed, at most `limit` of them.
    func deletionsInProgress(limit: Int) async throws -> [RetentionRecord]

    /// Begins deleting each recording, atomically re-checking that it is due and unheld, and
    /// journaling `DeletionJournalEntry(startedAt: now, cause: record.dueDeletionCause)`.
    ///
    /// Returns an outcome per id, in order: the record with its journal entry (new, or the one an
    /// interrupted deletion left), or the refusal.
    func beginDeletions(_ ids: [RecordingID], at now: Date) async throws -> [DeletionStart]

    /// Replaces each record with its tombstone. Idempotent.
    func completeDeletions(_ tombstones: [Tombstone]) async throws

    /// The tombstone of a deleted recording.
    func tombstone(_ id: RecordingID) async throws -> Tombstone?

    /// Saves a legal hold atomically, as a compare-and-swap: inserts it when `previous` is `nil`
    /// and no hold has its id, or replaces the stored hold when it still equals `previous`.
    ///
    /// - Throws: ``RetentionStoreError/holdChanged(_:)`` when the stored hold is not `previous`
    ///   (another officer changed it meanwhile, or the id is taken), so no step is ever lost.
    func save(_ hold: LegalHold, replacing previous: LegalHold?) async throws

    /// A legal hold, active or released.
    func hold(_ id: LegalHoldID) async throws -> LegalHold?

    /// The holds not yet released.
    func activeHolds() async throws -> [LegalHold]
}

/// A position in the due order: the due time and recording id of the last record seen.
public struct DueCursor: Hashable, Sendable, Codable {
    /// The due time of the last record seen.
    public let dueAt: Date
    /// Its recording id.
    public let recordingID: RecordingID

    /// Creates a cursor after `record`; `nil` if the record has no due time.
    public init?(after record: RetentionRecord) {
        guard let dueAt = record.dueAt else { return nil }
        self.dueAt = dueAt
        self.recordingID = record.recordingID
    }

    /// Whether a record due at `dueAt` with `id` comes after the cursor.
    public func precedes(dueAt: Date, id: RecordingID) -> Bool {
        dueAt > self.dueAt || (dueAt == self.dueAt && recordingID < id)
    }
}

/// The outcome of beginning one deletion.
public enum DeletionStart: Hashable, Sendable {
    /// Deletion may proceed: the record, with its journal entry set (by this call, or by an
    /// earlier interrupted one).
    case proceed(RetentionRecord)
    /// Deletion was refused.
    case refused(RecordingID, DeletionRefusal)
}

/// Errors a ``RetentionStore`` raises for misuse (a store's own I/O errors pass through as they are).
public struct RetentionStoreError: CallVaultError, Equatable, CallVaultReasonedError {
    /// The stable codes of ``RetentionStoreError``.
    public struct Code: CallVaultErrorCode {
        /// The error type these codes belong to.
        public typealias Owner = RetentionStoreError
        /// The code's stable text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// The recording was deleted; its record cannot be saved again.
        public static let recordingDeleted = Code("retentionstore.recording-deleted")
        /// The recording's deletion has begun; its record can no longer change.
        public static let deletionInProgress = Code("retentionstore.deletion-in-progress")
        /// A legal hold changed (or was created) since it was read.
        public static let holdChanged = Code("retentionstore.hold-changed")

        /// Every code of this type.
        public static let all: [Code] = [
            recordingDeleted, deletionInProgress, holdChanged,
        ]
    }

    /// What happened, with its details; the package's own code switches over it.
    package enum Reason: Equatable, Sendable {
        /// The recording was deleted; its record cannot be saved again.
        case recordingDeleted(RecordingID)
        /// The recording's deletion has begun; its record can no longer change.
        case deletionInProgress(RecordingID)
        /// A legal hold changed (or was created) since it was read.
        case holdChanged(LegalHoldID)
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
        case .recordingDeleted: .recordingDeleted
        case .deletionInProgress: .deletionInProgress
        case .holdChanged: .holdChanged
        }
    }

    /// A sentence naming the recording and why.
    public var message: String {
        switch reason {
        case .recordingDeleted(let id):
            "Recording \(id) has been deleted and has a tombstone; its retention record cannot be saved again."
        case .holdChanged(let id):
            "Legal hold \(id) changed since it was read (another officer acted on it, or the id is taken); read it again and retry."
        case .deletionInProgress(let id):
            "Recording \(id) is being deleted; its retention record can no longer change (the next sweep finishes the deletion)."
        }
    }

    /// The recording was deleted; its record cannot be saved again.
    public static func recordingDeleted(_ recordingID: RecordingID) -> RetentionStoreError {
        RetentionStoreError(.recordingDeleted(recordingID))
    }
    /// The code for ``recordingDeleted(_:)``, for `catch RetentionStoreError.recordingDeleted`.
    public static let recordingDeleted = Code.recordingDeleted

    /// The recording's deletion has begun; its record can no longer change.
    public static func deletionInProgress(_ recordingID: RecordingID) -> RetentionStoreError {
        RetentionStoreError(.deletionInProgress(recordingID))
    }
    /// The code for ``deletionInProgress(_:)``, for `catch RetentionStoreError.deletionInProgress`.
    public static let deletionInProgress = Code.deletionInProgress

    /// A legal hold changed (or was created) since it was read.
    public static func holdChanged(_ legalHoldID: LegalHoldID) -> RetentionStoreError {
        RetentionStoreError(.holdChanged(legalHoldID))
    }
    /// The code for ``holdChanged(_:)``, for `catch RetentionStoreError.holdChanged`.
    public static let holdChanged = Code.holdChanged
}

public import CallVaultCore

/// What the storage seams report.
public struct StorageError: CallVaultError, Equatable, CallVaultReasonedError {
    /// The stable codes of ``StorageError``.
    public struct Code: CallVaultErrorCode {
        /// The error type these codes belong to.
        public typealias Owner = StorageError
        /// The code's stable text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// A blob already exists for the recording.
        public static let blobExists = Code("storage.blob-exists")
        /// No blob for the recording.
        public static let blobMissing = Code("storage.blob-missing")
        /// A read past the end of a blob.
        public static let readOutOfRange = Code("storage.read-out-of-range")
        /// A write to a blob already finished.
        public static let blobFinished = Code("storage.blob-finished")
        /// The recording's keys were shredded; it cannot be given keys again.
        public static let keysShredded = Code("storage.keys-shredded")
        /// No catalog entry for the recording.
        public static let recordingNotFound = Code("storage.recording-not-found")
        /// A change asked of a store opened for reading only (a vault folder's `stores()`).
        public static let readOnly = Code("storage.read-only")

        /// Every code of this type.
        public static let all: [Code] = [
            blobExists, blobMissing, readOutOfRange, blobFinished, keysShredded, recordingNotFound, readOnly,
        ]
    }

    /// What happened, with its details; the package's own code switches over it.
    package enum Reason: Equatable, Sendable {
        /// A blob already exists for the recording.
        case blobExists(RecordingID)
        /// No blob for the recording.
        case blobMissing(RecordingID)
        /// A read past the end of a blob.
        case readOutOfRange(RecordingID, offset: UInt64, count: Int, available: UInt64)
        /// A write to a blob already finished.
        case blobFinished(RecordingID)
        /// The recording's keys were shredded; it cannot be given keys again.
        case keysShredded(RecordingID)
        /// No catalog entry for the recording.
        case recordingNotFound(RecordingID)
        /// A change asked of a store opened for reading only.
        case readOnly(RecordingID, change: ReadOnlyChange)
        /// A change asked of a read-only store that is not about one recording's blob (a key, a
        /// catalog row, a retention record, the training register): `store` names it.
        case readOnlyStore(store: String)
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
        case .blobExists: .blobExists
        case .blobMissing: .blobMissing
        case .readOutOfRange: .readOutOfRange
        case .blobFinished: .blobFinished
        case .keysShredded: .keysShredded
        case .recordingNotFound: .recordingNotFound
        case .readOnly, .readOnlyStore: .readOnly
        }
    }

    /// What went wrong and what to do.
    public var message: String {
        switch reason {
        case .blobExists(let id):
            "Recording \(id) already has a blob; recording ids are unique, so start the session with a new id."
        case .blobMissing(let id):
            "Recording \(id) has no blob in the store: it was deleted, or the store is not the vault's."
        case .readOutOfRange(let id, let offset, let count, let available):
            "A read of \(count) bytes at \(offset) in recording \(id) goes past its \(available) bytes; the blob is truncated."
        case .blobFinished(let id):
            "Recording \(id)'s blob is already finished; nothing more can be appended."
        case .keysShredded(let id):
            "Recording \(id)'s keys were shredded; a deleted recording cannot be given keys again."
        case .recordingNotFound(let id):
            "The vault has no recording \(id); list the vault's recordings to find the right id."
        case .readOnlyStore(let store):
            "Refused to change \(store): these stores are for reading only (a vault folder's stores(), opened without the passphrase), and nothing is changed through them. Open the vault with its passphrase (VaultFolder.open) and use its audited operations."
        case .readOnly(let id, let change):
            "Refused to \(change.rawValue) recording \(id): these stores are for reading only (a vault folder's stores(), opened without the passphrase), and nothing is changed through them. \(change.auditedAlternative)"
        }
    }

    /// A blob already exists for the recording.
    public static func blobExists(_ recordingID: RecordingID) -> StorageError {
        StorageError(.blobExists(recordingID))
    }
    /// The code for ``blobExists(_:)``, for `catch StorageError.blobExists`.
    public static let blobExists = Code.blobExists

    /// No blob for the recording.
    public static func blobMissing(_ recordingID: RecordingID) -> StorageError {
        StorageError(.blobMissing(recordingID))
    }
    /// The code for ``blobMissing(_:)``, for `catch StorageError.blobMissing`.
    public static let blobMissing = Code.blobMissing

    /// A read past the end of a blob.
    public static func readOutOfRange(_ recordingID: RecordingID, offset: UInt64, count: Int, available: UInt64)
        -> StorageError
    { StorageError(.readOutOfRange(recordingID, offset: offset, count: count, available: available)) }
    /// The code for ``readOutOfRange(_:offset:count:available:)``, for `catch StorageError.readOutOfRange`.
    public static let readOutOfRange = Code.readOutOfRange

    /// A write to a blob already finished.
    public static func blobFinished(_ recordingID: RecordingID) -> StorageError {
        StorageError(.blobFinished(recordingID))
    }
    /// The code for ``blobFinished(_:)``, for `catch StorageError.blobFinished`.
    public static let blobFinished = Code.blobFinished

    /// The recording's keys were shredded; it cannot be given keys again.
    public static func keysShredded(_ recordingID: RecordingID) -> StorageError {
        StorageError(.keysShredded(recordingID))
    }
    /// The code for ``keysShredded(_:)``, for `catch StorageError.keysShredded`.
    public static let keysShredded = Code.keysShredded

    /// No catalog entry for the recording.
    public static func recordingNotFound(_ recordingID: RecordingID) -> StorageError {
        StorageError(.recordingNotFound(recordingID))
    }
    /// The code for ``recordingNotFound(_:)``, for `catch StorageError.recordingNotFound`.
    public static let recordingNotFound = Code.recordingNotFound

    /// A change asked of a store opened for reading only; `change` says which.
    public static func readOnly(_ recordingID: RecordingID, change: ReadOnlyChange) -> StorageError {
        StorageError(.readOnly(recordingID, change: change))
    }
    /// The code for ``readOnly(_:change:)``, for `catch StorageError.readOnly`.
    public static let readOnly = Code.readOnly

    /// The change a store opened for reading refused; `nil` for other kinds.
    public var refusedChange: ReadOnlyChange? {
        if case .readOnly(_, let change) = reason { change } else { nil }
    }
}

/// A change a store opened for reading only refuses, and the audited operation that makes it.
public enum ReadOnlyChange: String, Hashable, Sendable, CaseIterable {
    /// Starting a new blob.
    case create = "create a blob for"
    /// Deleting a blob.
    case delete = "delete the blob of"
    /// Closing a blob a crash left open.
    case closeUnfinished = "close the unfinished blob of"

    /// The audited operation to use instead, as a sentence.
    public var auditedAlternative: String {
        switch self {
        case .create:
            "Record through the vault opened for writing (VaultFolder.open(at:passphrase:), then its vault's startRecording or importRecording), which audits every recording."
        case .delete:
            "A recording is deleted only by the audited retention sweep (the opened vault's sweep(), or `callvault vault sweep`), which shreds its keys, certifies the deletion and writes it to the audit log; a held recording is never deleted."
        case .closeUnfinished:
            "An unfinished recording is settled when the folder is opened for writing (VaultFolder.open(at:passphrase:)), which audits it."
        }
    }
}

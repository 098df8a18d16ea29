public import CallVaultCore

/// What the storage seams report.
public struct StorageError: CallVaultError, Equatable {
    /// The stable codes of ``StorageError``.
    public struct Code: CallVaultErrorCode {
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

        /// Every code of this type.
        public static let all: [Code] = [
            blobExists, blobMissing, readOutOfRange, blobFinished, keysShredded, recordingNotFound,
        ]

        /// Whether `error` is a ``StorageError`` with this code: `catch StorageError.blobExists`.
        public static func ~= (pattern: Code, error: any Error) -> Bool {
            (error as? StorageError)?.code == pattern
        }
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
        }
    }

    /// Two errors are equal when they report the same failure with the same details (the
    /// underlying cause is not compared).
    public static func == (lhs: StorageError, rhs: StorageError) -> Bool { lhs.reason == rhs.reason }

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
}

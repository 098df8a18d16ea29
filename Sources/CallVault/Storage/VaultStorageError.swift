public import CallVaultCore

/// What the storage seams report.
public enum VaultStorageError: CallVaultError, Equatable {
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

    /// What went wrong and what to do.
    public var description: String {
        switch self {
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
}

public import CallVaultAccess
public import CallVaultCore

/// Why a recording could not be played.
public enum PlaybackError: CallVaultError, Equatable {
    /// The policy said no; the decision carries the reasons (and is in the audit log).
    case denied(AccessDecision)
    /// The recording holds no audio: nothing was recorded, or it was discarded or deleted.
    case noAudio(RecordingID, state: String)
    /// Only metadata actions apply to this request's action.
    case notAPlaybackAction(String)
    /// The catalog's media format is not the one in the recording's authenticated envelope header:
    /// the catalog was changed (the audio would play at the wrong speed or as noise).
    case mediaFormatMismatch(RecordingID, catalog: MediaFormat, header: MediaFormat?)
    /// The recording's wrapped keys are gone, but nothing records a deletion (no tombstone, no
    /// deletion under way, no deletion in the audit log): they were removed outside CallVault.
    case keysMissingWithoutDeletion(RecordingID)
    /// A recording the catalog calls complete has a blob that is gone or cut short: it was
    /// deleted or damaged outside CallVault (a crash never cuts a sealed recording).
    case blobDamaged(RecordingID, reason: String)

    /// What went wrong and what to do.
    public var description: String {
        switch self {
        case .denied(let decision):
            "Access denied: \(decision.reasons.map(\.description).joined(separator: "; "))."
        case .noAudio(let id, let state):
            "Recording \(id) holds no audio (\(state)); its metadata and receipts remain in the catalog."
        case .notAPlaybackAction(let action):
            "\(action) does not return audio; use listen, download or export-legal."
        case .mediaFormatMismatch(let id, let catalog, let header):
            "Recording \(id)'s catalog entry says \(catalog), but its authenticated envelope header says \(header.map(\.description) ?? "no audio format"): the catalog was changed outside CallVault. Nothing was played; restore the database from a backup."
        case .keysMissingWithoutDeletion(let id):
            "Recording \(id) has its keys missing without a deletion: no tombstone, deletion under way or audited deletion explains it, so they were removed outside CallVault. Restore the key store (the database) from a backup."
        case .blobDamaged(let id, let reason):
            "Recording \(id) was sealed complete, but its blob \(reason): it was deleted or damaged outside CallVault, not cut short by a crash. Nothing was played; restore the blob from a backup ('callvault vault verify' lists every damaged recording)."
        }
    }
}

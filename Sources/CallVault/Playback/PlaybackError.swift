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

    /// What went wrong and what to do.
    public var description: String {
        switch self {
        case .denied(let decision):
            "Access denied: \(decision.reasons.map(\.description).joined(separator: "; "))."
        case .noAudio(let id, let state):
            "Recording \(id) holds no audio (\(state)); its metadata and receipts remain in the catalog."
        case .notAPlaybackAction(let action):
            "\(action) does not return audio; use listen, download or export-legal."
        }
    }
}

public import CallVaultAccess
public import CallVaultCore

/// Why a recording could not be played.
public struct PlaybackError: CallVaultError, Equatable, CallVaultReasonedError {
    /// The stable codes of ``PlaybackError``.
    public struct Code: CallVaultErrorCode {
        /// The error type these codes belong to.
        public typealias Owner = PlaybackError
        /// The code's stable text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// The policy said no; the decision carries the reasons (and is in the audit log).
        public static let denied = Code("playback.denied")
        /// The recording holds no audio: nothing was recorded, or it was discarded or deleted.
        public static let noAudio = Code("playback.no-audio")
        /// Only metadata actions apply to this request's action.
        public static let notAPlaybackAction = Code("playback.not-a-playback-action")
        /// The catalog's media format is not the one in the recording's authenticated envelope header:
        /// the catalog was changed (the audio would play at the wrong speed or as noise).
        public static let mediaFormatMismatch = Code("playback.media-format-mismatch")
        /// The recording's wrapped keys are gone, but nothing records a deletion (no tombstone, no
        /// deletion under way, no deletion in the audit log): they were removed outside CallVault.
        public static let keysMissingWithoutDeletion = Code("playback.keys-missing-without-deletion")
        /// A recording the catalog calls complete has a blob that is gone or cut short: it was
        /// deleted or damaged outside CallVault (a crash never cuts a sealed recording).
        public static let blobDamaged = Code("playback.blob-damaged")

        /// Every code of this type.
        public static let all: [Code] = [
            denied, noAudio, notAPlaybackAction, mediaFormatMismatch, keysMissingWithoutDeletion, blobDamaged,
        ]
    }

    /// What happened, with its details; the package's own code switches over it.
    package enum Reason: Equatable, Sendable {
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
        case .denied: .denied
        case .noAudio: .noAudio
        case .notAPlaybackAction: .notAPlaybackAction
        case .mediaFormatMismatch: .mediaFormatMismatch
        case .keysMissingWithoutDeletion: .keysMissingWithoutDeletion
        case .blobDamaged: .blobDamaged
        }
    }

    /// The access decision that denied playback, for ``Code/denied``; `nil` for every other code.
    public var decision: AccessDecision? {
        guard case .denied(let decision) = reason else { return nil }
        return decision
    }

    /// What went wrong and what to do.
    public var message: String {
        switch reason {
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

    /// The policy said no; the decision carries the reasons (and is in the audit log).
    public static func denied(_ accessDecision: AccessDecision) -> PlaybackError {
        PlaybackError(.denied(accessDecision))
    }
    /// The code for ``denied(_:)``, for `catch PlaybackError.denied`.
    public static let denied = Code.denied

    /// The recording holds no audio: nothing was recorded, or it was discarded or deleted.
    public static func noAudio(_ recordingID: RecordingID, state: String) -> PlaybackError {
        PlaybackError(.noAudio(recordingID, state: state))
    }
    /// The code for ``noAudio(_:state:)``, for `catch PlaybackError.noAudio`.
    public static let noAudio = Code.noAudio

    /// Only metadata actions apply to this request's action.
    public static func notAPlaybackAction(_ text: String) -> PlaybackError { PlaybackError(.notAPlaybackAction(text)) }
    /// The code for ``notAPlaybackAction(_:)``, for `catch PlaybackError.notAPlaybackAction`.
    public static let notAPlaybackAction = Code.notAPlaybackAction

    /// The catalog's media format is not the one in the recording's authenticated envelope header:
    /// the catalog was changed (the audio would play at the wrong speed or as noise).
    public static func mediaFormatMismatch(_ recordingID: RecordingID, catalog: MediaFormat, header: MediaFormat?)
        -> PlaybackError
    { PlaybackError(.mediaFormatMismatch(recordingID, catalog: catalog, header: header)) }
    /// The code for ``mediaFormatMismatch(_:catalog:header:)``, for `catch PlaybackError.mediaFormatMismatch`.
    public static let mediaFormatMismatch = Code.mediaFormatMismatch

    /// The recording's wrapped keys are gone, but nothing records a deletion (no tombstone, no
    /// deletion under way, no deletion in the audit log): they were removed outside CallVault.
    public static func keysMissingWithoutDeletion(_ recordingID: RecordingID) -> PlaybackError {
        PlaybackError(.keysMissingWithoutDeletion(recordingID))
    }
    /// The code for ``keysMissingWithoutDeletion(_:)``, for `catch PlaybackError.keysMissingWithoutDeletion`.
    public static let keysMissingWithoutDeletion = Code.keysMissingWithoutDeletion

    /// A recording the catalog calls complete has a blob that is gone or cut short: it was
    /// deleted or damaged outside CallVault (a crash never cuts a sealed recording).
    public static func blobDamaged(_ recordingID: RecordingID, reason: String) -> PlaybackError {
        PlaybackError(.blobDamaged(recordingID, reason: reason))
    }
    /// The code for ``blobDamaged(_:reason:)``, for `catch PlaybackError.blobDamaged`.
    public static let blobDamaged = Code.blobDamaged
}

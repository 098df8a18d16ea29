public import CallVaultCore

/// Errors from a recorder.
public enum RecorderError: CallVaultError, Equatable {
    /// The configuration cannot work.
    case invalidConfiguration(reason: String)
    /// A frame or command names a track the recorder was not configured with.
    case unknownTrack(TrackID)
    /// A frame's format differs from the recording's (other than mono G.711/PCM of the same rate,
    /// which are converted).
    case formatMismatch(track: TrackID, expected: MediaFormat, found: MediaFormat)
    /// A frame's payload is not a whole number of samples.
    case partialSample(track: TrackID, byteCount: Int)
    /// The recorder has finished.
    case finished

    /// A sentence saying what is wrong and what to do.
    public var description: String {
        switch self {
        case .invalidConfiguration(let reason):
            "Invalid recorder configuration: \(reason)."
        case .unknownTrack(let track):
            "Track '\(track)' is not one of the recorder's tracks; configure it, or route its frames elsewhere."
        case .formatMismatch(let track, let expected, let found):
            "Track '\(track)' sent \(found) but the recording is \(expected); send mono frames at the recording's rate."
        case .partialSample(let track, let byteCount):
            "Track '\(track)' sent \(byteCount) bytes, not a whole number of samples; the frame was dropped."
        case .finished:
            "The recorder has finished; start a new one for a new recording."
        }
    }
}

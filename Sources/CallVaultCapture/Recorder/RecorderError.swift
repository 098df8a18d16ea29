public import CallVaultCore

/// Errors from a recorder.
public struct RecorderError: CallVaultError, Equatable, CallVaultReasonedError {
    /// The stable codes of ``RecorderError``.
    public struct Code: CallVaultErrorCode {
        /// The error type these codes belong to.
        public typealias Owner = RecorderError
        /// The code's stable text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// The configuration cannot work.
        public static let invalidConfiguration = Code("recorder.invalid-configuration")
        /// A frame or command names a track the recorder was not configured with.
        public static let unknownTrack = Code("recorder.unknown-track")
        /// A frame's format differs from the recording's (other than mono G.711/PCM of the same rate,
        /// which are converted).
        public static let formatMismatch = Code("recorder.format-mismatch")
        /// A frame's payload is not a whole number of samples.
        public static let partialSample = Code("recorder.partial-sample")
        /// The recorder has finished.
        public static let finished = Code("recorder.finished")

        /// Every code of this type.
        public static let all: [Code] = [
            invalidConfiguration, unknownTrack, formatMismatch, partialSample, finished,
        ]
    }

    /// What happened, with its details; the package's own code switches over it.
    package enum Reason: Equatable, Sendable {
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
        case .invalidConfiguration: .invalidConfiguration
        case .unknownTrack: .unknownTrack
        case .formatMismatch: .formatMismatch
        case .partialSample: .partialSample
        case .finished: .finished
        }
    }

    /// A sentence saying what is wrong and what to do.
    public var message: String {
        switch reason {
        case .invalidConfiguration(let reason):
            "Invalid recorder configuration: \(reason)."
        case .unknownTrack(let track):
            "Track '\(track)' is not one of the recorder's tracks; configure it, or route its frames elsewhere."
        case .formatMismatch(let track, let expected, let found):
            Self.formatMismatchMessage(track: track, expected: expected, found: found)
        case .partialSample(let track, let byteCount):
            "Track '\(track)' sent \(byteCount) bytes, not a whole number of samples; the frame was dropped."
        case .finished:
            "The recorder has finished; start a new one for a new recording."
        }
    }

    /// The configuration cannot work.
    public static func invalidConfiguration(reason: String) -> RecorderError {
        RecorderError(.invalidConfiguration(reason: reason))
    }
    /// The code for ``invalidConfiguration(reason:)``, for `catch RecorderError.invalidConfiguration`.
    public static let invalidConfiguration = Code.invalidConfiguration

    /// A frame or command names a track the recorder was not configured with.
    public static func unknownTrack(_ trackID: TrackID) -> RecorderError { RecorderError(.unknownTrack(trackID)) }
    /// The code for ``unknownTrack(_:)``, for `catch RecorderError.unknownTrack`.
    public static let unknownTrack = Code.unknownTrack

    /// A frame's format differs from the recording's (other than mono G.711/PCM of the same rate,
    /// which are converted).
    public static func formatMismatch(track: TrackID, expected: MediaFormat, found: MediaFormat) -> RecorderError {
        RecorderError(.formatMismatch(track: track, expected: expected, found: found))
    }
    /// The code for ``formatMismatch(track:expected:found:)``, for `catch RecorderError.formatMismatch`.
    public static let formatMismatch = Code.formatMismatch

    /// A frame's payload is not a whole number of samples.
    public static func partialSample(track: TrackID, byteCount: Int) -> RecorderError {
        RecorderError(.partialSample(track: track, byteCount: byteCount))
    }
    /// The code for ``partialSample(track:byteCount:)``, for `catch RecorderError.partialSample`.
    public static let partialSample = Code.partialSample

    /// The recorder has finished.
    public static var finished: RecorderError { RecorderError(.finished) }

    /// Says which rule a frame broke: frames are mono (the recording's channels are its tracks, one
    /// mono source each), at the recording's rate, in an encoding the recorder converts.
    private static func formatMismatchMessage(track: TrackID, expected: MediaFormat, found: MediaFormat) -> String {
        if found.channelCount != 1 {
            return
                "Track '\(track)' sent a frame with \(found.channelCount) channels, but frames must be mono, one per "
                + "track (a recording's channels are its tracks, each fed its own mono frames). Split the audio into "
                + "one mono frame per track."
        }
        if found.sampleRate != expected.sampleRate {
            return
                "Track '\(track)' sent audio at \(found.sampleRate) Hz, but the recording is at \(expected.sampleRate) Hz;"
                + " resample the track's frames to \(expected.sampleRate) Hz."
        }
        return "Track '\(track)' sent \(found.encoding) audio, which the recorder cannot convert into the recording's"
            + " \(expected.encoding); send 16-bit PCM or G.711 mono frames."
    }
}

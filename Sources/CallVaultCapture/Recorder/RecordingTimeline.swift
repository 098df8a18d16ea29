/// Where a recording sits on the call's timeline and what was left out of it: the recording's
/// metadata, so playback times stay true and every gap has a reason.
public struct RecordingTimeline: Hashable, Sendable, Codable {
    /// A span that was paused.
    public struct PausedSpan: Hashable, Sendable, Codable {
        /// Where the pause began, on the call's timeline.
        public var callPosition: Int64
        /// Where it sits in the recording: the first silent frame, or the point of the gap.
        public var recordingFrame: Int64
        /// How long it lasted, in sample frames.
        public var frameCount: Int64
        /// Why (every reason active during the span).
        public var reasons: [PauseReason]
        /// Whether it was written as silence (otherwise it is a gap, absent from the audio).
        public var writtenAsSilence: Bool
    }

    /// A span during which one track was silenced.
    public struct ExcludedSpan: Hashable, Sendable, Codable {
        /// The track.
        public var track: TrackID
        /// The first recording frame silenced.
        public var recordingFrame: Int64
        /// How many frames.
        public var frameCount: Int64
    }

    /// The call position of recording frame 0 (where recording started).
    public var origin: Int64?
    /// Sample frames in the recording.
    public var frameCount: Int64 = 0
    /// Paused spans, in order.
    public var pauses: [PausedSpan] = []
    /// Excluded spans, in order.
    public var exclusions: [ExcludedSpan] = []
    /// Where recording stopped on the call's timeline, if it was stopped.
    public var stoppedAt: Int64?

    /// Creates an empty timeline.
    public init() {}

    /// The call position of a recording frame, accounting for gaps.
    public func callPosition(ofRecordingFrame frame: Int64) -> Int64? {
        guard let origin else { return nil }
        var position = origin + frame
        for pause in pauses where !pause.writtenAsSilence && pause.recordingFrame <= frame {
            position += pause.frameCount
        }
        return position
    }
}

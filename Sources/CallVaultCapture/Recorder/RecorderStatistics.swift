/// What the recorder saw on one track: for monitoring and for the recording's metadata.
public struct TrackStatistics: Hashable, Sendable, Codable {
    /// Frames accepted.
    public var framesReceived = 0
    /// Frames that repeated samples already received (dropped).
    public var duplicateFrames = 0
    /// Frames that arrived after their span was already written (dropped), in whole or part.
    public var lateFrames = 0
    /// Frames that arrived out of order but in time (placed where they belong).
    public var reorderedFrames = 0
    /// Frames whose sequence number skipped ahead, by how many were skipped.
    public var sequenceGaps = 0
    /// Sample frames with nothing received, written as silence.
    public var missingSamples: Int64 = 0
    /// Sample frames written early because a frame arrived too far ahead of the rest (the
    /// overflow policy: write what is there, filling gaps with silence, rather than grow or block).
    public var overflowSamples: Int64 = 0
    /// Frames dropped because their payload was not a whole number of samples.
    public var malformedFrames = 0

    /// Creates empty statistics.
    public init() {}
}

/// Statistics for a whole recording.
public struct RecorderStatistics: Hashable, Sendable, Codable {
    /// Per track, in channel order.
    public var tracks: [TrackStatistics]
    /// Gate commands whose position had already been written when they arrived; they took effect
    /// at the first unwritten position instead.
    public var lateCommands = 0
    /// Quality events that did not fit the event buffer before the host drained it.
    public var droppedQualityEvents = 0
    /// Segments handed to the sink.
    public var segmentsCompleted = 0
    /// Sample frames written to the recording (silence included).
    public var framesWritten: Int64 = 0
}

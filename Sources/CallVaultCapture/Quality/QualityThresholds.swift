/// What the quality monitor treats as a problem.
public struct QualityThresholds: Hashable, Sendable {
    /// The block over which levels are measured.
    public var blockDuration: Duration = .milliseconds(100)
    /// Below this level (dBFS) a block counts as silent.
    public var silenceLevel: Double = -55
    /// A track silent this long raises a long-silence event.
    public var longSilence: Duration = .seconds(10)
    /// One track silent this long while another speaks raises a one-way-audio event.
    public var oneWayAudio: Duration = .seconds(10)
    /// A sample at or above this fraction of full scale counts as clipped. Full scale is the
    /// recording encoding's largest magnitude: 32,767 for 16-bit PCM, 32,124 for mu-law and 32,256
    /// for A-law.
    public var clippingFraction: Double = 0.99
    /// This many clipped samples in one block raise a clipping event.
    public var clippedSamplesPerBlock = 3

    /// The defaults: 100 ms blocks, silence below -55 dBFS, long silence and one-way audio after
    /// 10 s, clipping at 99 % of full scale three times in a block.
    public init() {}
}

/// Something the quality monitor noticed on a track.
public struct QualityEvent: Hashable, Sendable {
    /// What was noticed.
    public enum Kind: Hashable, Sendable {
        /// Samples at full scale: the input is overdriven.
        case clipping(samples: Int)
        /// The track has been silent for the configured time.
        case longSilenceStarted
        /// The track is audible again after a long silence.
        case longSilenceEnded
        /// The track has been silent while another was audible, for the configured time.
        case oneWayAudioStarted
        /// The track is audible again.
        case oneWayAudioEnded
    }

    /// The track concerned.
    public var track: TrackID
    /// What was noticed.
    public var kind: Kind
    /// Where in the recording (sample frames from its start).
    public var recordingFrame: Int64
    /// The track's level over the block, in dBFS.
    public var levelDBFS: Double
}

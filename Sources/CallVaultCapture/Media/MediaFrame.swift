public import CallVaultCore

/// One unit of media from a host's transport: a packet's worth of one track's audio, one opaque
/// codec packet, or one encoded screen image.
///
/// Timestamps are positions on the call's common media timeline, counted in sample frames at the
/// recording's sample rate, for every track (the host aligns its streams, for example from RTCP
/// sender reports). Sequence numbers count a track's frames; the recorder uses them for loss
/// statistics, and the timestamp for placement.
public struct MediaFrame: Sendable, Hashable {
    /// What a frame carries.
    public enum Content: Sendable, Hashable {
        /// Mono audio samples in `format` (PCM 16-bit little-endian, G.711 mu-law or A-law).
        case audio(format: MediaFormat, samples: [UInt8])
        /// An opaque codec packet (for example Opus) lasting `sampleFrames` of the timeline, kept as it came.
        case packet(codec: String, bytes: [UInt8], sampleFrames: Int)
        /// An encoded screen image (for example `image/png`), shown from its timestamp on.
        case screenImage(contentType: String, bytes: [UInt8])
    }

    /// The track the frame belongs to.
    public var track: TrackID
    /// The track's frame counter.
    public var sequenceNumber: UInt64
    /// Where the frame starts on the call's media timeline, in sample frames.
    public var timestamp: Int64
    /// The media.
    public var content: Content

    /// Creates a frame.
    public init(track: TrackID, sequenceNumber: UInt64, timestamp: Int64, content: Content) {
        self.track = track
        self.sequenceNumber = sequenceNumber
        self.timestamp = timestamp
        self.content = content
    }

    /// A frame of mono audio.
    public static func audio(
        _ samples: [UInt8], format: MediaFormat, track: TrackID, sequenceNumber: UInt64, timestamp: Int64
    ) -> MediaFrame {
        MediaFrame(
            track: track, sequenceNumber: sequenceNumber, timestamp: timestamp,
            content: .audio(format: format, samples: samples))
    }
}

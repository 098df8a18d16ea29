public import CallVaultCore

/// How a recorder lays out and buffers a call.
///
/// ```swift
/// let configuration = try RecorderConfiguration(
///     format: MediaFormat(encoding: .muLaw, sampleRate: 8_000, channelCount: 2),
///     tracks: [.agent, .customer])
/// ```
public struct RecorderConfiguration: Hashable, Sendable {
    /// How a paused span appears in the recording.
    public enum PauseRendering: Hashable, Sendable {
        /// As silence of the same length: byte offsets stay proportional to time.
        case silence
        /// Not at all: the span is only listed in the timeline, so the recording is shorter than the call.
        case markedGap
    }

    /// The recording's format: one channel per track, in ``tracks`` order.
    public let format: MediaFormat
    /// The tracks, in channel order (for example agent left, customer right).
    public let tracks: [TrackID]
    /// Bytes per segment handed to the sink: whole sample frames.
    public let segmentSize: Int
    /// How long a missing frame is waited for before its span is filled with silence, in sample frames.
    public let jitterWindow: Int
    /// Sample frames each track can hold ahead of what has been written (a power of two).
    public let bufferCapacity: Int
    /// How paused spans are rendered.
    public let pauseRendering: PauseRendering
    /// What the quality monitor looks for.
    public let quality: QualityThresholds

    /// The sample rates a recording takes, in hertz: up to 192 kHz, the highest studio rate (a WAV
    /// file may declare more, up to ``WAVHeader/sampleRates``, but is not recorded as it is).
    public static let sampleRates: ClosedRange<Int> = 1...192_000

    /// The largest buffer a track may have, in sample frames (about 1.4 s at 48 kHz).
    public static let maximumBufferCapacity = 1 << 16

    /// Creates a configuration.
    ///
    /// - Parameters:
    ///   - format: PCM 16-bit, mu-law or A-law, with one channel per track.
    ///   - tracks: the tracks in channel order; names must be distinct.
    ///   - segmentDuration: the length of a segment (default one second), rounded to whole frames.
    ///   - jitterWindow: how long to wait for late frames (default 60 ms).
    ///   - pauseRendering: silence (default) or a marked gap.
    ///   - quality: the quality monitor's thresholds.
    /// - Throws: ``RecorderError/invalidConfiguration(reason:)``.
    public init(
        format: MediaFormat, tracks: [TrackID], segmentDuration: Duration = .seconds(1),
        jitterWindow: Duration = .milliseconds(60), pauseRendering: PauseRendering = .silence,
        quality: QualityThresholds = QualityThresholds()
    ) throws {
        func invalid(_ reason: String) -> RecorderError { .invalidConfiguration(reason: reason) }
        guard let frameBytes = format.bytesPerFrame, format.encoding != .opaque else {
            throw invalid("the recording format must be PCM 16-bit, mu-law or A-law, not \(format.encoding)")
        }
        guard !tracks.isEmpty, tracks.count == format.channelCount else {
            throw invalid("\(tracks.count) tracks for \(format.channelCount) channels; give one track per channel")
        }
        guard Set(tracks).count == tracks.count else { throw invalid("a track is named twice") }
        guard Self.sampleRates.contains(format.sampleRate) else {
            throw invalid(
                "sample rate \(format.sampleRate) Hz is outside the \(Self.sampleRates.lowerBound) to \(Self.sampleRates.upperBound) Hz a recording takes"
            )
        }
        let framesPerSegment = Self.frames(in: segmentDuration, rate: format.sampleRate)
        guard framesPerSegment >= 1 else { throw invalid("a segment must last at least one sample") }
        let window = Self.frames(in: jitterWindow, rate: format.sampleRate)
        guard window >= 0 else { throw invalid("the jitter window cannot be negative") }
        var capacity = 1024
        // Room for the window plus a generous frame (100 ms) arriving beyond it.
        while capacity < window + format.sampleRate / 10 { capacity <<= 1 }
        guard capacity <= Self.maximumBufferCapacity else {
            throw invalid(
                "a jitter window of \(jitterWindow) needs more buffer than \(Self.maximumBufferCapacity) sample frames")
        }
        self.format = format
        self.tracks = tracks
        self.segmentSize = framesPerSegment * frameBytes
        self.jitterWindow = window
        self.bufferCapacity = capacity
        self.pauseRendering = pauseRendering
        self.quality = quality
    }

    /// Sample frames in a segment.
    public var framesPerSegment: Int { segmentSize / (format.bytesPerFrame ?? 1) }

    static func frames(in duration: Duration, rate: Int) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) * rate + Int(attoseconds / 1_000_000_000) * rate / 1_000_000_000
    }
}

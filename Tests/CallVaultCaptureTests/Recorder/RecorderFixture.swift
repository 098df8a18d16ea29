import CallVaultCapture
import CallVaultCore

/// A two-track (agent, customer) mu-law recording at 8 kHz and helpers to feed it.
enum RecorderFixture {
    static let stereo = MediaFormat(encoding: .muLaw, sampleRate: 8_000, channelCount: 2)
    static let mono = MediaFormat(encoding: .muLaw, sampleRate: 8_000, channelCount: 1)
    static let silence: UInt8 = 0xFF
    static let frame = 160

    /// Never the silence byte, different per track and position, so a leaked sample is visible.
    static func sample(track: Int, position: Int64) -> UInt8 {
        UInt8(truncatingIfNeeded: (position &* 7 &+ Int64(track) &* 101) % 250) + 1
    }

    static func samples(track: Int, from start: Int64, count: Int) -> [UInt8] {
        (0..<count).map { sample(track: track, position: start + Int64($0)) }
    }

    static func configuration(
        segment: Duration = .milliseconds(100), jitter: Duration = .milliseconds(60),
        pauses: RecorderConfiguration.PauseRendering = .silence
    ) throws -> RecorderConfiguration {
        try RecorderConfiguration(
            format: stereo, tracks: [.agent, .customer], segmentDuration: segment, jitterWindow: jitter,
            pauseRendering: pauses)
    }

    static func recorder(
        segment: Duration = .milliseconds(100), jitter: Duration = .milliseconds(60),
        pauses: RecorderConfiguration.PauseRendering = .silence
    ) throws -> Recorder<InMemorySegmentSink> {
        try Recorder(
            configuration: configuration(segment: segment, jitter: jitter, pauses: pauses), sink: InMemorySegmentSink())
    }

    /// Feeds both tracks in order, `frames` frames of 160 samples from position `start`.
    static func feed(_ recorder: Recorder<InMemorySegmentSink>, frames: Int, from start: Int64 = 0) throws {
        for index in 0..<frames {
            let position = start + Int64(index * frame)
            for track in 0..<2 {
                try recorder.ingest(
                    .audio(
                        samples(track: track, from: position, count: frame), format: mono,
                        track: track == 0 ? .agent : .customer, sequenceNumber: UInt64(position / Int64(frame)),
                        timestamp: position))
            }
        }
    }

    /// What track `track` holds at each recording frame of `bytes`.
    static func channel(_ track: Int, of bytes: [UInt8]) -> [UInt8] {
        stride(from: track, to: bytes.count, by: 2).map { bytes[$0] }
    }
}

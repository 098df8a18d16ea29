import CallVaultCapture
import CallVaultCore
import Foundation
import Testing

@Suite("Recorder: quality monitor and format conversion")
struct RecorderQualityTests {
    static let pcmStereo = MediaFormat(encoding: .pcm16LittleEndian, sampleRate: 8_000, channelCount: 2)
    static let pcmMono = MediaFormat(encoding: .pcm16LittleEndian, sampleRate: 8_000, channelCount: 1)

    static func tone(amplitude: Double, count: Int, from start: Int) -> [UInt8] {
        (0..<count).flatMap { index -> [UInt8] in
            let value = Int16(clamping: Int((amplitude * sin(Double(start + index) * 0.3)).rounded()))
            let bits = UInt16(bitPattern: value)
            return [UInt8(truncatingIfNeeded: bits), UInt8(truncatingIfNeeded: bits >> 8)]
        }
    }

    static func recorder(quality: QualityThresholds) throws -> Recorder<InMemorySegmentSink> {
        try Recorder(
            configuration: RecorderConfiguration(
                format: pcmStereo, tracks: [.agent, .customer], jitterWindow: .milliseconds(40), quality: quality),
            sink: InMemorySegmentSink())
    }

    static func feed(
        _ recorder: Recorder<InMemorySegmentSink>, seconds: Double, agent: Double, customer: Double, from start: Int = 0
    ) throws {
        for index in 0..<Int(seconds * 50) {
            let position = start + index * 160
            try recorder.ingest(
                .audio(
                    tone(amplitude: agent, count: 160, from: position), format: pcmMono, track: .agent,
                    sequenceNumber: UInt64(position / 160), timestamp: Int64(position)))
            try recorder.ingest(
                .audio(
                    tone(amplitude: customer, count: 160, from: position), format: pcmMono, track: .customer,
                    sequenceNumber: UInt64(position / 160), timestamp: Int64(position)))
        }
    }

    @Test("one-way audio, long silence and their end are reported per track")
    func oneWayAndSilence() throws {
        var quality = QualityThresholds()
        quality.oneWayAudio = .seconds(2)
        quality.longSilence = .seconds(3)
        let recorder = try Self.recorder(quality: quality)
        recorder.command(.start, at: 0)
        try Self.feed(recorder, seconds: 4, agent: 8_000, customer: 0)
        let during = recorder.drainQualityEvents()
        #expect(during.contains { $0.track == .customer && $0.kind == .oneWayAudioStarted })
        #expect(during.contains { $0.track == .customer && $0.kind == .longSilenceStarted })
        #expect(!during.contains { $0.track == .agent })
        #expect(recorder.levels[0] > -20)
        #expect(recorder.levels[1] < -100)
        try Self.feed(recorder, seconds: 1, agent: 8_000, customer: 8_000, from: 32_000)
        let after = recorder.drainQualityEvents()
        #expect(after.contains { $0.track == .customer && $0.kind == .oneWayAudioEnded })
        #expect(after.contains { $0.track == .customer && $0.kind == .longSilenceEnded })
        #expect(recorder.drainQualityEvents().isEmpty, "draining empties the buffer")
    }

    @Test("clipping is reported")
    func clipping() throws {
        let recorder = try Self.recorder(quality: QualityThresholds())
        recorder.command(.start, at: 0)
        try Self.feed(recorder, seconds: 0.5, agent: 40_000, customer: 1_000)
        let events = recorder.drainQualityEvents()
        #expect(
            events.contains { event in
                if case .clipping = event.kind { return event.track == .agent }
                return false
            })
        #expect(
            !events.contains { event in
                if case .clipping = event.kind { return event.track == .customer }
                return false
            })
    }

    /// A stereo mu-law recording's levels and events, after `seconds` of the given amplitudes.
    static func muLawReport(agent: Double, customer: Double, seconds: Double) throws -> (
        levels: [Double], events: [QualityEvent]
    ) {
        var quality = QualityThresholds()
        quality.oneWayAudio = .seconds(1)
        let recorder = try Recorder(
            configuration: RecorderConfiguration(
                format: RecorderFixture.stereo, tracks: [.agent, .customer], jitterWindow: .milliseconds(40),
                quality: quality),
            sink: InMemorySegmentSink())
        recorder.command(.start, at: 0)
        for index in 0..<Int(seconds * 50) {
            let position = index * 160
            for (track, amplitude) in [(TrackID.agent, agent), (.customer, customer)] {
                try recorder.ingest(
                    .audio(
                        tone(amplitude: amplitude, count: 160, from: position), format: pcmMono, track: track,
                        sequenceNumber: UInt64(index), timestamp: Int64(position)))
            }
        }
        return (recorder.levels, recorder.drainQualityEvents())
    }

    @Test(
        "a stereo mu-law recording measures each track's own samples (one pass reads both)",
        arguments: [(40_000.0, 0.0), (0.0, 40_000.0), (8_000.0, 500.0), (500.0, 8_000.0)])
    func muLawStereoChannels(agent: Double, customer: Double) throws {
        let report = try Self.muLawReport(agent: agent, customer: customer, seconds: 3)
        func clipped(_ track: TrackID) -> Bool {
            report.events.contains { event in
                if case .clipping = event.kind { return event.track == track }
                return false
            }
        }
        func silent(_ track: TrackID) -> Bool {
            report.events.contains { $0.track == track && $0.kind == .oneWayAudioStarted }
        }
        // A sine of amplitude A has a mean square of A²/2: its level in dBFS, within mu-law's error.
        func expectedLevel(_ amplitude: Double) -> Double {
            amplitude == 0 ? -120 : 10 * log10(min(amplitude, 32_767) * min(amplitude, 32_767) / 2 / (32_768 * 32_768))
        }
        #expect(abs(report.levels[0] - expectedLevel(agent)) < (agent >= 32_767 ? 3 : 1))
        #expect(abs(report.levels[1] - expectedLevel(customer)) < (customer >= 32_767 ? 3 : 1))
        #expect(clipped(.agent) == (agent > 32_767))
        #expect(clipped(.customer) == (customer > 32_767))
        #expect(silent(.agent) == (agent == 0))
        #expect(silent(.customer) == (customer == 0))
    }

    @Test("PCM frames into a mu-law recording are encoded; mu-law into PCM decoded")
    func conversion() throws {
        let mulaw = try Recorder(
            configuration: RecorderConfiguration(
                format: RecorderFixture.stereo, tracks: [.agent, .customer], jitterWindow: .milliseconds(40)),
            sink: InMemorySegmentSink())
        mulaw.command(.start, at: 0)
        let pcm = Self.tone(amplitude: 5_000, count: 160, from: 0)
        try mulaw.ingest(.audio(pcm, format: Self.pcmMono, track: .agent, sequenceNumber: 0, timestamp: 0))
        try mulaw.ingest(
            .audio(
                RecorderFixture.samples(track: 1, from: 0, count: 160), format: RecorderFixture.mono,
                track: .customer, sequenceNumber: 0, timestamp: 0))
        try mulaw.finish()
        let expected = pcm.withUnsafeBytes { bytes in
            (0..<160).map { index in
                G711.MuLaw.encode(Int16(bitPattern: UInt16(bytes[2 * index]) | UInt16(bytes[2 * index + 1]) << 8))
            }
        }
        #expect(RecorderFixture.channel(0, of: mulaw.sink.bytes) == expected)
        #expect(
            RecorderFixture.channel(1, of: mulaw.sink.bytes) == RecorderFixture.samples(track: 1, from: 0, count: 160))
        #expect(throws: RecorderError.self) {
            try mulaw.ingest(
                .audio(
                    [1, 2], format: MediaFormat(encoding: .muLaw, sampleRate: 16_000, channelCount: 1),
                    track: .agent, sequenceNumber: 1, timestamp: 160))
        }
    }

    @Test("bad frames and configurations get typed errors")
    func errors() throws {
        let recorder = try RecorderFixture.recorder()
        #expect(throws: RecorderError.unknownTrack(.screen)) {
            try recorder.ingest(
                .audio([1], format: RecorderFixture.mono, track: .screen, sequenceNumber: 0, timestamp: 0))
        }
        #expect(throws: RecorderError.self) {
            try recorder.ingest(
                .audio([1, 2, 3], format: Self.pcmMono, track: .agent, sequenceNumber: 0, timestamp: 0))
        }
        try recorder.finish()
        #expect(throws: RecorderError.finished) { try recorder.finish() }
        #expect(throws: RecorderError.self) {
            try RecorderConfiguration(format: RecorderFixture.stereo, tracks: [.agent])
        }
        #expect(throws: RecorderError.self) {
            try RecorderConfiguration(format: RecorderFixture.stereo, tracks: [.agent, .agent])
        }
        #expect(throws: RecorderError.self) {
            try RecorderConfiguration(
                format: MediaFormat(encoding: .opaque, sampleRate: 48_000, channelCount: 2),
                tracks: [.agent, .customer])
        }
        #expect(throws: RecorderError.self) {
            try RecorderConfiguration(
                format: RecorderFixture.stereo, tracks: [.agent, .customer], jitterWindow: .seconds(30))
        }
    }
}

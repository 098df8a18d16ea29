import CallVaultCapture
import CallVaultCore
import Testing

@Suite("Recorder: the gate is exact to the sample")
struct RecorderGateTests {
    typealias F = RecorderFixture

    @Test("in-order frames come out interleaved, exactly")
    func inOrder() throws {
        let recorder = try F.recorder()
        recorder.command(.start, at: 0)
        try F.feed(recorder, frames: 25)
        let timeline = try recorder.finish()
        let bytes = recorder.sink.bytes
        #expect(bytes.count == 25 * 160 * 2)
        #expect(F.channel(0, of: bytes) == F.samples(track: 0, from: 0, count: 4_000))
        #expect(F.channel(1, of: bytes) == F.samples(track: 1, from: 0, count: 4_000))
        #expect(recorder.sink.segmentFrameCounts == [800, 800, 800, 800, 800, 0])
        #expect(recorder.sink.isFinished)
        #expect(timeline.origin == 0)
        #expect(timeline.frameCount == 4_000)
        #expect(recorder.statistics.tracks.allSatisfy { $0.missingSamples == 0 && $0.lateFrames == 0 })
    }

    @Test("nothing before start is written", arguments: [0, 1, 159, 160, 161, 799, 800, 1_234])
    func nothingBeforeStart(start: Int64) throws {
        let recorder = try F.recorder()
        recorder.command(.start, at: start)
        try F.feed(recorder, frames: 12)
        let timeline = try recorder.finish()
        let bytes = recorder.sink.bytes
        #expect(timeline.origin == start)
        #expect(F.channel(0, of: bytes) == F.samples(track: 0, from: start, count: 1_920 - Int(start)))
    }

    @Test("a pause at every position of a segment: no paused sample leaks, the rest is untouched")
    func pauseEverywhere() throws {
        let length: Int64 = 37
        for pauseAt in Int64(0)..<800 {
            let recorder = try F.recorder()
            recorder.command(.start, at: 0)
            recorder.command(.pause(.cardData), at: pauseAt)
            recorder.command(.resume(.cardData), at: pauseAt + length)
            try F.feed(recorder, frames: 10)
            let timeline = try recorder.finish()
            let bytes = recorder.sink.bytes
            #expect(bytes.count == 1_600 * 2)
            for track in 0..<2 {
                let channel = F.channel(track, of: bytes)
                for position in 0..<1_600 {
                    let paused = Int64(position) >= pauseAt && Int64(position) < pauseAt + length
                    let expected = paused ? F.silence : F.sample(track: track, position: Int64(position))
                    if channel[position] != expected {
                        Issue.record("pause at \(pauseAt): track \(track) sample \(position) is \(channel[position])")
                        return
                    }
                }
            }
            #expect(timeline.pauses.count == 1)
            #expect(timeline.pauses.first?.frameCount == length)
            #expect(timeline.pauses.first?.reasons == [.cardData])
            #expect(timeline.pauses.first?.recordingFrame == pauseAt)
        }
    }

    @Test("a marked gap leaves the paused span out and the timeline maps times back")
    func markedGap() throws {
        let recorder = try F.recorder(pauses: .markedGap)
        recorder.command(.start, at: 0)
        recorder.command(.pause(.cardData), at: 500)
        recorder.command(.resume(.cardData), at: 900)
        try F.feed(recorder, frames: 10)
        let timeline = try recorder.finish()
        let channel = F.channel(0, of: recorder.sink.bytes)
        #expect(channel == F.samples(track: 0, from: 0, count: 500) + F.samples(track: 0, from: 900, count: 700))
        #expect(timeline.frameCount == 1_200)
        #expect(timeline.pauses.first?.writtenAsSilence == false)
        #expect(timeline.callPosition(ofRecordingFrame: 499) == 499)
        #expect(timeline.callPosition(ofRecordingFrame: 500) == 900)
    }

    @Test("overlapping pauses resume only when both reasons are resumed")
    func overlappingPauses() throws {
        let recorder = try F.recorder()
        recorder.command(.start, at: 0)
        recorder.command(.pause(.awaitingConsent), at: 100)
        recorder.command(.pause(.cardData), at: 200)
        recorder.command(.resume(.awaitingConsent), at: 300)
        recorder.command(.resume(.cardData), at: 400)
        try F.feed(recorder, frames: 5)
        let timeline = try recorder.finish()
        let channel = F.channel(1, of: recorder.sink.bytes)
        #expect(channel[99] != F.silence)
        #expect(channel[100..<400].allSatisfy { $0 == F.silence })
        #expect(channel[400] == F.sample(track: 1, position: 400))
        #expect(timeline.pauses.map(\.reasons) == [[.awaitingConsent], [.awaitingConsent, .cardData], [.cardData]])
        #expect(timeline.pauses.map(\.frameCount) == [100, 100, 100])
    }

    @Test("an excluded track is silent until included; the other track is untouched")
    func exclusion() throws {
        let recorder = try F.recorder()
        recorder.command(.start, at: 0)
        recorder.command(.exclude(.customer), at: 250)
        recorder.command(.include(.customer), at: 610)
        try F.feed(recorder, frames: 6)
        let timeline = try recorder.finish()
        let bytes = recorder.sink.bytes
        #expect(F.channel(0, of: bytes) == F.samples(track: 0, from: 0, count: 960))
        let customer = F.channel(1, of: bytes)
        for position in 0..<960 {
            let excluded = (250..<610).contains(position)
            #expect(customer[position] == (excluded ? F.silence : F.sample(track: 1, position: Int64(position))))
        }
        #expect(timeline.exclusions.map(\.track) == [.customer])
        #expect(timeline.exclusions.first?.recordingFrame == 250)
        #expect(timeline.exclusions.first?.frameCount == 360)
    }

    @Test("stop ends the recording for good, even if start comes again")
    func stop() throws {
        let recorder = try F.recorder()
        recorder.command(.start, at: 0)
        recorder.command(.stop, at: 700)
        recorder.command(.start, at: 800)
        try F.feed(recorder, frames: 8)
        let timeline = try recorder.finish()
        #expect(timeline.frameCount == 700)
        #expect(timeline.stoppedAt == 700)
    }

    @Test("a command for a position already written takes effect at once and is counted late")
    func lateCommand() throws {
        let recorder = try F.recorder(jitter: .zero)
        recorder.command(.start, at: 0)
        try F.feed(recorder, frames: 4)
        recorder.command(.pause(.cardData), at: 100)
        try F.feed(recorder, frames: 2, from: 640)
        let timeline = try recorder.finish()
        #expect(recorder.statistics.lateCommands == 1)
        #expect(timeline.pauses.first?.callPosition == 640)
        #expect(F.channel(0, of: recorder.sink.bytes)[640...].allSatisfy { $0 == F.silence })
    }
}

import CallVaultCapture
import CallVaultCore
import PropertyBased
import Testing

@Suite("Recorder: jitter, loss, duplicates and overflow")
struct RecorderJitterTests {
    typealias F = RecorderFixture

    struct Delivery {
        var track: Int
        var index: Int
    }

    /// Frames of both tracks, shuffled within `displacement` places, some dropped, some repeated.
    static func deliveries(frames: Int, displacement: Int, seed: UInt64, lossEvery: Int?, repeatEvery: Int?)
        -> [Delivery]
    {
        var generator = Xorshift(seed: seed)
        var list: [(key: Double, delivery: Delivery)] = []
        for index in 0..<frames {
            for track in 0..<2 {
                if let lossEvery, (index * 2 + track) % lossEvery == lossEvery - 1 { continue }
                let key = Double(index) + Double(generator.next() % UInt64(displacement * 100 + 1)) / 100
                list.append((key, Delivery(track: track, index: index)))
                if let repeatEvery, (index + track) % repeatEvery == 0 {
                    list.append((key + 0.5, Delivery(track: track, index: index)))
                }
            }
        }
        return list.sorted { $0.key < $1.key }.map(\.delivery)
    }

    static func play(_ deliveries: [Delivery], into recorder: Recorder<InMemorySegmentSink>) throws {
        for delivery in deliveries {
            let position = Int64(delivery.index * F.frame)
            try recorder.ingest(
                .audio(
                    F.samples(track: delivery.track, from: position, count: F.frame), format: F.mono,
                    track: delivery.track == 0 ? .agent : .customer, sequenceNumber: UInt64(delivery.index),
                    timestamp: position))
        }
    }

    @Test("frames reordered within the window land in place; duplicates are dropped")
    func reorderedAndDuplicated() throws {
        let recorder = try F.recorder(jitter: .milliseconds(100))
        recorder.command(.start, at: 0)
        try Self.play(
            Self.deliveries(frames: 40, displacement: 4, seed: 7, lossEvery: nil, repeatEvery: 5), into: recorder)
        try recorder.finish()
        let bytes = recorder.sink.bytes
        #expect(F.channel(0, of: bytes) == F.samples(track: 0, from: 0, count: 6_400))
        #expect(F.channel(1, of: bytes) == F.samples(track: 1, from: 0, count: 6_400))
        let statistics = recorder.statistics
        #expect(statistics.tracks.map(\.duplicateFrames).reduce(0, +) > 0)
        #expect(statistics.tracks.map(\.reorderedFrames).reduce(0, +) > 0)
        #expect(statistics.tracks.allSatisfy { $0.missingSamples == 0 && $0.lateFrames == 0 })
    }

    @Test("lost frames become silence of the same length, counted; the tracks stay aligned")
    func loss() throws {
        let recorder = try F.recorder(jitter: .milliseconds(60))
        recorder.command(.start, at: 0)
        let deliveries = Self.deliveries(frames: 30, displacement: 1, seed: 3, lossEvery: 7, repeatEvery: nil)
        try Self.play(deliveries, into: recorder)
        try recorder.finish()
        let bytes = recorder.sink.bytes
        #expect(bytes.count == 30 * 160 * 2)
        var expectedMissing = [0, 0]
        for track in 0..<2 {
            let channel = F.channel(track, of: bytes)
            for index in 0..<30 {
                let delivered = deliveries.contains { $0.track == track && $0.index == index }
                let span = (index * 160)..<((index + 1) * 160)
                if delivered {
                    #expect(Array(channel[span]) == F.samples(track: track, from: Int64(index * 160), count: 160))
                } else {
                    #expect(channel[span].allSatisfy { $0 == F.silence })
                    expectedMissing[track] += 160
                }
            }
        }
        #expect(recorder.statistics.tracks.map(\.missingSamples) == expectedMissing.map(Int64.init))
        #expect(recorder.statistics.tracks.map(\.sequenceGaps).reduce(0, +) > 0)
    }

    @Test("a frame later than the window is dropped and counted")
    func lateFrame() throws {
        let recorder = try F.recorder(jitter: .milliseconds(40))
        recorder.command(.start, at: 0)
        for index in 0..<10 where index != 2 {
            try recorder.ingest(
                .audio(
                    F.samples(track: 0, from: Int64(index * 160), count: 160), format: F.mono, track: .agent,
                    sequenceNumber: UInt64(index), timestamp: Int64(index * 160)))
        }
        try recorder.ingest(
            .audio(
                F.samples(track: 0, from: 320, count: 160), format: F.mono, track: .agent, sequenceNumber: 2,
                timestamp: 320))
        try recorder.finish()
        #expect(recorder.statistics.tracks[0].lateFrames == 1)
        #expect(F.channel(0, of: recorder.sink.bytes)[320..<480].allSatisfy { $0 == F.silence })
        #expect(F.channel(1, of: recorder.sink.bytes).allSatisfy { $0 == F.silence }, "a silent track stays aligned")
    }

    @Test("a frame far ahead writes out the oldest span rather than grow (overflow, counted)")
    func overflow() throws {
        let recorder = try F.recorder(jitter: .milliseconds(60))
        recorder.command(.start, at: 0)
        try F.feed(recorder, frames: 2)
        try recorder.ingest(
            .audio(
                F.samples(track: 0, from: 100_000, count: 160), format: F.mono, track: .agent, sequenceNumber: 99,
                timestamp: 100_000))
        let statistics = recorder.statistics
        #expect(statistics.tracks[1].overflowSamples > 0)
        #expect(statistics.framesWritten >= 100_000 - 2_048)
        try recorder.finish()
    }

    @Test("within the window every delivered sample is kept and every lost one is silence, counted")
    func exactWithinWindow() async {
        // A window wider than the furthest displacement means nothing arrives late, so the output
        // is known exactly: the recorder's in-order shortcuts (answering from the contiguous end
        // and the furthest frame rather than the bitset) must agree with the bitset everywhere.
        await propertyCheck(count: 60, input: Gen.uint64(in: 1...1_000_000), Gen.int(in: 1...6)) { seed, displacement in
            do {
                let recorder = try F.recorder(jitter: .milliseconds(Int64(displacement * 20 + 60)))
                recorder.command(.start, at: 0)
                let frames = 30
                let deliveries = Self.deliveries(
                    frames: frames, displacement: displacement, seed: seed, lossEvery: 7, repeatEvery: 3)
                try Self.play(deliveries, into: recorder)
                try recorder.finish()
                let statistics = recorder.statistics
                for track in 0..<2 {
                    let delivered = Set(deliveries.filter { $0.track == track }.map(\.index))
                    var expected: [UInt8] = []
                    for index in 0..<frames {
                        let position = Int64(index * F.frame)
                        expected +=
                            delivered.contains(index)
                            ? F.samples(track: track, from: position, count: F.frame)
                            : [UInt8](repeating: F.silence, count: F.frame)
                    }
                    // Frames lost at the end are never written: the recording ends with the last delivered one.
                    let channel = F.channel(track, of: recorder.sink.bytes)
                    let mismatch = zip(channel, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                    #expect(mismatch == nil, "seed \(seed), track \(track): first wrong sample at \(mismatch ?? -1)")
                    #expect(statistics.tracks[track].lateFrames == 0, "seed \(seed)")
                    let lostWithin = (0..<frames).filter {
                        !delivered.contains($0) && Int64($0 * F.frame) < Int64(channel.count)
                    }
                    #expect(
                        statistics.tracks[track].missingSamples == Int64(lostWithin.count * F.frame), "seed \(seed)")
                }
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    @Test("random jitter and loss never misplace a sample")
    func randomJitter() async {
        await propertyCheck(count: 40, input: Gen.uint64(in: 1...1_000_000), Gen.int(in: 1...6)) { seed, displacement in
            do {
                let recorder = try F.recorder(jitter: .milliseconds(Int64(displacement * 20 + 40)))
                recorder.command(.start, at: 0)
                let deliveries = Self.deliveries(
                    frames: 25, displacement: displacement, seed: seed, lossEvery: 9, repeatEvery: 4)
                try Self.play(deliveries, into: recorder)
                try recorder.finish()
                for track in 0..<2 {
                    let channel = F.channel(track, of: recorder.sink.bytes)
                    for (position, value) in channel.enumerated() {
                        let original = F.sample(track: track, position: Int64(position))
                        #expect(value == original || value == F.silence, "seed \(seed)")
                    }
                }
            } catch {
                Issue.record("\(error)")
            }
        }
    }
}

/// A small deterministic generator so jitter scenarios reproduce.
struct Xorshift {
    var state: UInt64

    init(seed: UInt64) {
        state = seed | 1
    }

    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
}

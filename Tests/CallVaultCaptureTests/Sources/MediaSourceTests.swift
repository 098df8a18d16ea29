import CallVaultCapture
import CallVaultCore
import Foundation
import Testing

@Suite("Media sources")
struct MediaSourceTests {
    typealias F = RecorderFixture

    static func frames(_ count: Int) -> [MediaFrame] {
        (0..<count).flatMap { index -> [MediaFrame] in
            let position = Int64(index * 160)
            return [
                .audio(
                    F.samples(track: 0, from: position, count: 160), format: F.mono, track: .agent,
                    sequenceNumber: UInt64(index), timestamp: position),
                .audio(
                    F.samples(track: 1, from: position, count: 160), format: F.mono, track: .customer,
                    sequenceNumber: UInt64(index), timestamp: position),
            ]
        }
    }

    @Test("an in-memory source records like direct ingestion")
    func inMemory() async throws {
        let recorder = try F.recorder()
        recorder.command(.start, at: 0)
        let timeline = try await recorder.record(from: InMemoryMediaSource(frames: Self.frames(10)))
        #expect(timeline.frameCount == 1_600)
        #expect(F.channel(1, of: recorder.sink.bytes) == F.samples(track: 1, from: 0, count: 1_600))
    }

    @Test("a push source carries frames from callbacks, and counts what a full buffer drops")
    func push() async throws {
        let (source, feeder) = PushMediaSource.make(capacity: 8, whenFull: .dropOldest)
        let frames = Self.frames(10)
        var results: [PushMediaSource.PushResult] = []
        for frame in frames { results.append(feeder.push(frame)) }
        feeder.finish()
        #expect(feeder.push(frames[0]) == .finished)
        #expect(results.filter { $0 == .droppedOldest }.count == 12)
        #expect(feeder.droppedFrames == 12)
        var received: [MediaFrame] = []
        for await frame in source { received.append(frame) }
        #expect(received == Array(frames.suffix(8)), "the newest eight survive")

        let (keeping, keepingFeeder) = PushMediaSource.make(capacity: 4, whenFull: .dropNewest)
        for frame in frames.prefix(6) { keepingFeeder.push(frame) }
        keepingFeeder.finish()
        var kept: [MediaFrame] = []
        for await frame in keeping { kept.append(frame) }
        #expect(kept == Array(frames.prefix(4)), "the oldest four survive")
    }

    @Test("a WAV file plays as 20 ms frames per channel, and records back to the same audio")
    func wavFile() async throws {
        let samples = (0..<4_000).map { UInt8(truncatingIfNeeded: $0 % 200 + 20) }
        var file = try WAVHeader.canonicalBytes(for: F.stereo, dataByteCount: UInt64(samples.count))
        file += samples
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("callvault-\(UUID()).wav").path
        try Data(file).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let source = try WAVMediaSource(path: path, tracks: [.agent, .customer])
        var delivered: [MediaFrame] = []
        for try await frame in source { delivered.append(frame) }
        #expect(delivered.count == 2 * 13)
        #expect(delivered.first?.track == .agent)
        #expect(delivered[1].timestamp == 0 && delivered[2].timestamp == 160)
        let recorder = try F.recorder()
        recorder.command(.start, at: 0)
        try await recorder.record(from: source)
        #expect(recorder.sink.bytes == samples)
        #expect(throws: (any Error).self) { try WAVMediaSource(path: path, tracks: [.agent]) }
    }
}

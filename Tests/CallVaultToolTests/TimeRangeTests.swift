import Foundation
import Testing

@Suite("open --from/--to", .identities("alice"))
struct TimeRangeTests {
    let workspace: Workspace
    let keys: Keyring

    init() throws {
        workspace = try Workspace()
        keys = try Keyring.required()
    }

    /// Seals `recording` as call.cvr (with `segmentSize` if given).
    func seal(_ recording: WAVFixture, segmentSize: Int? = nil) throws {
        try workspace.write(recording.bytes, to: "call.wav")
        var arguments = ["seal", "--recipient", keys.recipient("alice"), "--output", "call.cvr", "call.wav"]
        if let segmentSize { arguments += ["--segment-size", "\(segmentSize)"] }
        let run = try Tool.run(arguments, in: workspace.directory)
        try #require(run.status == ExitStatus.success, "\(run)")
    }

    func open(_ range: String...) throws -> ToolRun {
        try Tool.run(
            ["open", "--identity", keys.identity("alice"), "--output", "part.wav"] + range + ["call.cvr"],
            in: workspace.directory)
    }

    /// Frame index of `seconds`, rounded to the nearest frame as the tool documents.
    func frame(_ seconds: Double, rate: Int) -> Int {
        Int((seconds * Double(rate)).rounded())
    }

    @Test("15 s out of a 40 s recording is exactly those samples, in a WAV whose sizes are right")
    func fifteenSecondsOfForty() throws {
        let recording = WAVFixture(encoding: .pcm16, frames: 40 * 8_000)
        try seal(recording)
        let run = try open("--from", "10", "--to", "25")
        try #require(run.status == ExitStatus.success, "\(run)")
        let part = try workspace.read("part.wav")
        let samples = recording.samples(frames: 80_000..<200_000)
        #expect(part == recording.holding(samples).bytes)
        #expect(part.count == 44 + 240_000)
        let chunks = try WAVChunks(part)
        #expect(chunks.riffSize == part.count - 8)
        #expect(chunks.identifiers == ["fmt ", "data"])
        #expect(chunks.size(of: "data") == 240_000)
        #expect(part.suffix(240_000).elementsEqual(samples))
    }

    @Test(
        "any span is sample-accurate: frames round(from × rate) ..< round(to × rate)",
        arguments: [(0.0, 0.5), (0.0999, 0.1001), (1.23456, 2.34567), (0.00001, 0.00013), (2.5, 2.999)])
    func sampleAccurate(from: Double, to: Double) throws {
        // Mono mu-law: one byte per frame, so odd spans need the WAV pad byte; 0.1 s segments, so
        // spans cross segment boundaries.
        let recording = WAVFixture(encoding: .muLaw, frames: 3 * 8_000)
        try seal(recording, segmentSize: 800)
        let run = try open("--from", "\(from)", "--to", "\(to)")
        try #require(run.status == ExitStatus.success, "\(run)")
        let expected = recording.holding(recording.samples(frames: frame(from, rate: 8_000)..<frame(to, rate: 8_000)))
        let part = try workspace.read("part.wav")
        #expect(part == expected.bytes)
        #expect(try WAVChunks(part).size(of: "fact") == 4)
    }

    @Test("a stereo PCM span holds whole frames of both channels")
    func stereoSpan() throws {
        let recording = WAVFixture(encoding: .pcm16, sampleRate: 16_000, channels: 2, frames: 2 * 16_000)
        try seal(recording)
        let run = try open("--from", "0.75", "--to", "1.3333")
        try #require(run.status == ExitStatus.success, "\(run)")
        let expected = recording.holding(recording.samples(frames: 12_000..<frame(1.3333, rate: 16_000)))
        #expect(try workspace.read("part.wav") == expected.bytes)
    }

    @Test("--from alone runs to the end; --to alone starts at the beginning")
    func openEndedRanges() throws {
        let recording = WAVFixture(encoding: .aLaw, channels: 2, frames: 4 * 8_000 + 3)
        try seal(recording)
        let tail = try open("--from", "3")
        try #require(tail.status == ExitStatus.success, "\(tail)")
        #expect(try workspace.read("part.wav") == recording.holding(recording.samples(frames: 24_000..<32_003)).bytes)
        let head = try open("--to", "1.5")
        try #require(head.status == ExitStatus.success, "\(head)")
        #expect(try workspace.read("part.wav") == recording.holding(recording.samples(frames: 0..<12_000)).bytes)
    }

    @Test("a range reaching past the end writes up to the end and says where the recording ends")
    func pastTheEnd() throws {
        let recording = WAVFixture(encoding: .pcm16, frames: 40 * 8_000)
        try seal(recording)
        let run = try open("--from", "35", "--to", "50")
        try #require(run.status == ExitStatus.success, "\(run)")
        #expect(run.standardError.contains("40.000 s"), "\(run)")
        let expected = recording.holding(recording.samples(frames: 280_000..<320_000))
        #expect(try workspace.read("part.wav") == expected.bytes)
    }

    @Test(
        "a range starting at or after the end, or holding no frame, is refused and writes nothing",
        arguments: [["--from", "45", "--to", "50"], ["--from", "4"], ["--from", "2", "--to", "2"], ["--to", "0"]])
    func emptyRanges(range: [String]) throws {
        try seal(WAVFixture(encoding: .muLaw, frames: 4 * 8_000))
        let run = try Tool.run(
            ["open", "--identity", keys.identity("alice"), "--output", "part.wav"] + range + ["call.cvr"],
            in: workspace.directory)
        #expect(run.status == ExitStatus.badInput, "\(run)")
        #expect(run.standardError.contains("range"), "\(run)")
        #expect(!workspace.exists("part.wav"))
    }

    @Test("--from/--to on an opaque (raw) envelope is an error and writes nothing")
    func rangeOnRawEnvelope() throws {
        try workspace.write(WAVFixture(encoding: .pcm16, frames: 8_000).bytes, to: "call.wav")
        try workspace.succeed(
            "seal", "--raw", "--recipient", keys.recipient("alice"), "--output", "call.cvr", "call.wav")
        let run = try open("--from", "0.1", "--to", "0.2")
        #expect(run.status == ExitStatus.badInput, "\(run)")
        #expect(run.standardError.contains("--from and --to"), "\(run)")
        #expect(!workspace.exists("part.wav"))
    }

    @Test("only the segments holding the span are read: damage elsewhere does not stop it, damage inside does")
    func readsOnlyNeededSegments() throws {
        let recording = WAVFixture(encoding: .muLaw, frames: 10 * 8_000)
        try seal(recording)
        let envelope = Envelope(bytes: try workspace.read("call.cvr"), report: try workspace.inspect("call.cvr"))
        try workspace.write(envelope.bytes.flipping(envelope.segmentRange(1).lowerBound + 5), to: "call.cvr")

        let outside = try open("--from", "5", "--to", "7")
        try #require(outside.status == ExitStatus.success, "\(outside)")
        #expect(try workspace.read("part.wav") == recording.holding(recording.samples(frames: 40_000..<56_000)).bytes)

        try FileManager.default.removeItem(atPath: workspace.path("part.wav"))
        let inside = try open("--from", "0.5", "--to", "2.5")
        #expect(inside.status == ExitStatus.tampered, "\(inside)")
        #expect(inside.standardError.contains("Segment 1 failed authentication"), "\(inside)")
        #expect(!workspace.exists("part.wav"))
    }
}

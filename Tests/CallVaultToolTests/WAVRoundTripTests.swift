import Testing

@Suite("seal and open of WAV recordings", .identities("alice"))
struct WAVRoundTripTests {
    let workspace: Workspace
    let keys: Keyring

    init() throws {
        workspace = try Workspace()
        keys = try Keyring.required()
    }

    static let recordings: [WAVFixture] = [
        WAVFixture(encoding: .pcm16, sampleRate: 8_000, channels: 1, frames: 20_000),
        WAVFixture(encoding: .muLaw, sampleRate: 8_000, channels: 2, frames: 12_003),
        WAVFixture(encoding: .aLaw, sampleRate: 8_000, channels: 1, frames: 8_001),
        WAVFixture(encoding: .pcm16, sampleRate: 16_000, channels: 2, frames: 0),
    ]

    @Test(
        "a canonical WAV comes back byte for byte, its format and duration in the header",
        arguments: recordings)
    func roundTrip(recording: WAVFixture) throws {
        try workspace.write(recording.bytes, to: "call.wav")
        try workspace.succeed("seal", "--recipient", keys.recipient("alice"), "--output", "call.cvr", "call.wav")
        try workspace.succeed("open", "--identity", keys.identity("alice"), "--output", "out.wav", "call.cvr")
        #expect(try workspace.read("out.wav") == recording.bytes)

        let report = try workspace.inspect("call.cvr")
        #expect(
            report.mediaFormat
                == InspectReport.Media(
                    encoding: recording.encoding.inspectName, sampleRate: recording.sampleRate,
                    channels: recording.channels))
        #expect(report.durationSeconds == recording.durationSeconds)
        #expect(report.plaintextLength == UInt64(recording.samples.count))
        #expect(report.declaredPlaintextLength == UInt64(recording.samples.count))
        // One second of audio per segment by default.
        #expect(report.segmentSize == recording.bytesPerSecond)
    }

    @Test("a segment size that splits a sample frame is rounded down to whole frames")
    func segmentSizeRoundedToFrames() throws {
        let recording = WAVFixture(encoding: .pcm16, channels: 2, frames: 3_000)
        try workspace.write(recording.bytes, to: "call.wav")
        let run = try workspace.succeed(
            "seal", "--recipient", keys.recipient("alice"), "--segment-size", "1001", "--output", "call.cvr",
            "call.wav")
        #expect(run.standardError.contains("rounded to 1000"), "\(run)")
        #expect(try workspace.inspect("call.cvr").segmentSize == 1_000)
        try workspace.succeed("open", "--identity", keys.identity("alice"), "--output", "out.wav", "call.cvr")
        #expect(try workspace.read("out.wav") == recording.bytes)
    }

    @Test("a WAV with a LIST chunk is refused, naming the chunk, and nothing is written")
    func metadataRefused() throws {
        var recording = WAVFixture(encoding: .muLaw, frames: 4_000)
        recording.extraChunks = [("LIST", Array("INFOINAMsome call".utf8))]
        try workspace.write(recording.bytes, to: "call.wav")
        let run = try workspace.run(
            "seal", "--recipient", keys.recipient("alice"), "--output", "call.cvr", "call.wav")
        #expect(run.status == ExitStatus.badInput, "\(run)")
        #expect(run.standardError.contains("'LIST'"), "\(run)")
        #expect(run.standardError.contains("--drop-metadata"), "\(run)")
        #expect(run.standardError.contains("--raw"), "\(run)")
        #expect(try workspace.entries() == ["call.wav"])
    }

    @Test("--drop-metadata seals the audio alone; it opens as the canonical WAV without the LIST chunk")
    func dropMetadata() throws {
        var recording = WAVFixture(encoding: .muLaw, frames: 4_000)
        recording.extraChunks = [("LIST", Array("INFOINAMsome call".utf8))]
        try workspace.write(recording.bytes, to: "call.wav")
        try workspace.succeed(
            "seal", "--drop-metadata", "--recipient", keys.recipient("alice"), "--output", "call.cvr", "call.wav")
        try workspace.succeed("open", "--identity", keys.identity("alice"), "--output", "out.wav", "call.cvr")
        var canonical = recording
        canonical.extraChunks = []
        let opened = try workspace.read("out.wav")
        #expect(opened == canonical.bytes)
        #expect(try WAVChunks(opened).identifiers == ["fmt ", "fact", "data"])
    }
}

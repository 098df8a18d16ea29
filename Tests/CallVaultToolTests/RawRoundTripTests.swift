import Testing

@Suite("seal and open of opaque files", .identities("alice"))
struct RawRoundTripTests {
    let workspace: Workspace
    let keys: Keyring

    init() throws {
        workspace = try Workspace()
        keys = try Keyring.required()
    }

    @Test(
        "comes back byte for byte, in size / 64 + 1 segments",
        arguments: [0, 1, 64 * 4, 64 * 5 + 33, 999])
    func roundTrip(size: Int) throws {
        let plaintext = deterministicBytes(size, seed: UInt64(size) + 1)
        try workspace.write(plaintext, to: "plain.bin")
        try workspace.succeed(
            "seal", "--recipient", keys.publicKeyFile("alice"), "--segment-size", "64", "--output", "plain.cvr",
            "plain.bin")
        try workspace.succeed("open", "--identity", keys.identity("alice"), "--output", "out.bin", "plain.cvr")
        #expect(try workspace.read("out.bin") == plaintext)

        let report = try workspace.inspect("plain.cvr")
        #expect(report.mediaFormat == nil)
        #expect(report.durationSeconds == nil)
        #expect(report.segmentSize == 64)
        #expect(report.segmentCount == size / 64 + 1)
        #expect(report.plaintextLength == UInt64(size))
        #expect(report.declaredPlaintextLength == UInt64(size))
        let envelope = try workspace.read("plain.cvr")
        let expectedLength = report.headerLength + (size / 64) * 80 + size % 64 + 16 + 16
        #expect(envelope.count == expectedLength)
        #expect(envelope.suffix(16).prefix(8).elementsEqual("CVR-END\n".utf8))
    }

    @Test("uses 64 KiB segments by default")
    func defaultSegmentSize() throws {
        let plaintext = deterministicBytes(200_000)
        try workspace.write(plaintext, to: "plain.bin")
        try workspace.succeed("seal", "--recipient", keys.recipient("alice"), "--output", "plain.cvr", "plain.bin")
        let report = try workspace.inspect("plain.cvr")
        #expect(report.segmentSize == 65_536)
        #expect(report.segmentCount == 4)
        try workspace.succeed("open", "--identity", keys.identity("alice"), "--output", "out.bin", "plain.cvr")
        #expect(try workspace.read("out.bin") == plaintext)
    }

    @Test("a WAV file sealed with --raw comes back byte for byte, metadata included")
    func rawWAV() throws {
        var wav = WAVFixture(encoding: .pcm16, frames: 1_000)
        wav.extraChunks = [("LIST", Array("INFOISFT\u{5}\0\0\0test\0".utf8))]
        try workspace.write(wav.bytes, to: "call.wav")
        try workspace.succeed(
            "seal", "--raw", "--recipient", keys.recipient("alice"), "--output", "call.cvr", "call.wav")
        #expect(try workspace.inspect("call.cvr").mediaFormat == nil)
        try workspace.succeed("open", "--identity", keys.identity("alice"), "--output", "out.wav", "call.cvr")
        #expect(try workspace.read("out.wav") == wav.bytes)
    }

    @Test("a segment size below the 16-byte minimum is refused, and nothing is written")
    func segmentSizeTooSmall() throws {
        try workspace.write(deterministicBytes(100), to: "plain.bin")
        let run = try workspace.run(
            "seal", "--recipient", keys.recipient("alice"), "--segment-size", "8", "--output", "plain.cvr",
            "plain.bin")
        #expect(run.status == ExitStatus.badInput, "\(run)")
        #expect(run.standardError.contains("segment size"), "\(run)")
        #expect(try workspace.entries() == ["plain.bin"])
    }

    @Test("sealing a missing file fails with status 1 and writes nothing")
    func missingInput() throws {
        let run = try workspace.run(
            "seal", "--recipient", keys.recipient("alice"), "--output", "plain.cvr", "missing.bin")
        #expect(run.status == ExitStatus.badInput, "\(run)")
        #expect(run.standardError.contains("missing.bin"), "\(run)")
        #expect(try workspace.entries().isEmpty)
    }
}

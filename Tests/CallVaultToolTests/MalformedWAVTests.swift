import Testing

@Suite("seal refuses malformed WAV files", .identities("alice"))
struct MalformedWAVTests {
    let workspace: Workspace
    let keys: Keyring

    init() throws {
        workspace = try Workspace()
        keys = try Keyring.required()
    }

    /// A broken WAV file and the chunk the error must name.
    struct Broken: CustomTestStringConvertible, Sendable {
        let name: String
        let bytes: [UInt8]
        let chunk: String

        var testDescription: String { name }
    }

    static let broken: [Broken] = {
        let good = WAVFixture(encoding: .pcm16, channels: 2, frames: 1_000)
        var badAlign = good
        badAlign.blockAlignOverride = 3
        let oddData = good.holding(good.samples + [1, 2])
        return [
            Broken(name: "data chunk cut short", bytes: Array(good.bytes.dropLast(100)), chunk: "'data'"),
            Broken(name: "block align not the frame size", bytes: badAlign.bytes, chunk: "'fmt '"),
            Broken(name: "data not whole frames", bytes: oddData.bytes, chunk: "'data'"),
            Broken(name: "no data chunk", bytes: Array(good.bytes.prefix(36)), chunk: "'data'"),
        ]
    }()

    @Test("a malformed WAV gets status 1 naming the chunk, and nothing is written", arguments: broken)
    func malformed(file: Broken) throws {
        try workspace.write(file.bytes, to: "call.wav")
        let run = try workspace.run("seal", "--recipient", keys.recipient("alice"), "--output", "call.cvr", "call.wav")
        #expect(run.status == ExitStatus.badInput, "\(run)")
        #expect(run.standardError.contains(file.chunk), "\(run)")
        #expect(run.standardError.contains("--raw"), "\(run)")
        #expect(try workspace.entries() == ["call.wav"])
    }

    @Test("24-bit PCM gets status 1 saying it is unsupported, naming the format chunk")
    func twentyFourBitPCM() throws {
        var wav = WAVFixture(encoding: .pcm16, frames: 999)
        wav.bitsPerSampleOverride = 24
        wav.samples = deterministicBytes(999 * 3)
        try workspace.write(wav.bytes, to: "call.wav")
        let run = try workspace.run("seal", "--recipient", keys.recipient("alice"), "--output", "call.cvr", "call.wav")
        #expect(run.status == ExitStatus.badInput, "\(run)")
        #expect(run.standardError.contains("24-bit PCM"), "\(run)")
        #expect(run.standardError.contains("'fmt '"), "\(run)")
        #expect(try workspace.entries() == ["call.wav"])
    }

    @Test("--raw seals a malformed WAV byte for byte")
    func rawAcceptsMalformed() throws {
        let bytes = Array(WAVFixture(encoding: .pcm16, frames: 1_000).bytes.dropLast(100))
        try workspace.write(bytes, to: "call.wav")
        try workspace.succeed(
            "seal", "--raw", "--recipient", keys.recipient("alice"), "--output", "call.cvr", "call.wav")
        try workspace.succeed("open", "--identity", keys.identity("alice"), "--output", "out.wav", "call.cvr")
        #expect(try workspace.read("out.wav") == bytes)
    }
}

import Foundation
import Testing

/// `callvault seal` of a WAV file never drops content in silence: whatever a recording does not
/// keep (metadata chunks, a `fact` chunk that disagrees with the audio, a speaker-position mask,
/// format extension bytes) is named and refused unless `--drop-metadata`, which names what it
/// dropped; a RIFF size that disagrees with the file's length is refused outright. Ordinary files
/// from sox and ffmpeg seal without the option.
@Suite("seal names what a WAV recording does not keep", .identities("alice"))
struct WAVUnkeptContentToolTests {
    let workspace: Workspace
    let keys: Keyring

    init() throws {
        workspace = try Workspace()
        keys = try Keyring.required()
    }

    /// A WAV file with something a recording does not keep, and how the tool must name it.
    struct Unkept: CustomTestStringConvertible, Sendable {
        let name: String
        let bytes: [UInt8]
        let samples: [UInt8]
        let named: String

        var testDescription: String { name }
    }

    static let pcm = WAVFixture(encoding: .pcm16, frames: 2_000)
    static let muLaw = WAVFixture(encoding: .muLaw, frames: 3_001)

    static func with(_ identifier: String, _ body: [UInt8]) -> WAVFixture {
        var fixture = pcm
        fixture.extraChunks = [(identifier, body)]
        return fixture
    }

    static let cases: [Unkept] = [
        Unkept(
            name: "a LIST/INFO chunk", bytes: with("LIST", Array("INFOINAM\u{5}\0\0\0call\0".utf8)).bytes,
            samples: pcm.samples, named: "'LIST' chunk at byte 36, 17 bytes"),
        Unkept(
            name: "a bext chunk", bytes: with("bext", [UInt8](repeating: 0x41, count: 40)).bytes, samples: pcm.samples,
            named: "'bext' chunk at byte 36"),
        Unkept(
            name: "a cue chunk", bytes: with("cue ", le32(0)).bytes, samples: pcm.samples,
            named: "'cue ' chunk at byte 36"),
        Unkept(
            name: "an iXML chunk", bytes: with("iXML", Array("<BWFXML/>".utf8)).bytes, samples: pcm.samples,
            named: "'iXML' chunk at byte 36"),
        Unkept(
            name: "a LIST chunk after the data", bytes: appending(chunk("LIST", Array("INFO".utf8)), to: pcm.bytes),
            samples: pcm.samples, named: "'LIST' chunk at byte \(44 + pcm.samples.count)"),
        Unkept(
            name: "a fact chunk with the wrong count", bytes: muLaw.bytes.replacing(46..<50, with: le32(5)),
            samples: muLaw.samples, named: "'fact' chunk at byte 38 giving a sample count of 5"),
        Unkept(
            name: "a 4.0 speaker layout", bytes: extensible(channels: 4, mask: 0x107, samples: pcm.samples),
            samples: pcm.samples, named: "channel mask 0x107"),
        Unkept(
            name: "format extension bytes",
            bytes: riff(chunk("fmt ", pcmFormat(channels: 1) + le16(2) + [7, 7]) + chunk("data", pcm.samples)),
            samples: pcm.samples, named: "2 bytes of format extension in the 'fmt ' chunk at byte 12"),
    ]

    @Test("content a recording does not keep is named and refused (status 1), and nothing is written", arguments: cases)
    func refused(unkept: Unkept) throws {
        try workspace.write(unkept.bytes, to: "call.wav")
        let run = try workspace.run("seal", "--recipient", keys.recipient("alice"), "--output", "call.cvr", "call.wav")
        #expect(run.status == ExitStatus.badInput, "\(run)")
        #expect(run.standardError.contains(unkept.named), "\(run)")
        #expect(run.standardError.contains("--drop-metadata"), "\(run)")
        #expect(run.standardError.contains("--raw"), "\(run)")
        #expect(try workspace.entries() == ["call.wav"])
    }

    @Test("--drop-metadata seals the audio alone and names on standard error what it dropped", arguments: cases)
    func dropped(unkept: Unkept) throws {
        try workspace.write(unkept.bytes, to: "call.wav")
        let run = try workspace.succeed(
            "seal", "--drop-metadata", "--recipient", keys.recipient("alice"), "--output", "call.cvr", "call.wav")
        #expect(run.standardError.contains("dropped"), "\(run)")
        #expect(run.standardError.contains(unkept.named), "\(run)")
        try workspace.succeed("open", "--identity", keys.identity("alice"), "--output", "out.wav", "call.cvr")
        #expect(try Self.data(of: workspace.read("out.wav")) == unkept.samples)
    }

    @Test(
        "a RIFF size that disagrees with the file's length is refused (status 1), even with --drop-metadata",
        arguments: [("claims 100 bytes more", 100), ("a 128-byte ID3 tag appended", -128), ("1 byte appended", -1)])
    func riffSizeMismatch(name: String, delta: Int) throws {
        var bytes = Self.pcm.bytes
        if delta < 0 {
            bytes += delta == -1 ? [0] : Array("TAG".utf8) + [UInt8](repeating: 0x20, count: -delta - 3)
        } else {
            bytes = bytes.replacing(4..<8, with: Self.le32(bytes.count - 8 + delta))
        }
        try workspace.write(bytes, to: "call.wav")
        for options in [[], ["--drop-metadata"]] {
            let run = try Tool.run(
                ["seal"] + options + ["--recipient", keys.recipient("alice"), "--output", "call.cvr", "call.wav"],
                in: workspace.directory)
            #expect(run.status == ExitStatus.badInput, "\(run)")
            #expect(run.standardError.contains("RIFF header at byte 0"), "\(run)")
            #expect(run.standardError.contains("but it is \(bytes.count) bytes"), "\(run)")
            #expect(run.standardError.contains("--raw"), "\(run)")
            #expect(try workspace.entries() == ["call.wav"])
        }
        try workspace.succeed(
            "seal", "--raw", "--recipient", keys.recipient("alice"), "--output", "call.cvr", "call.wav")
    }

    @Test(
        "WAV files sox makes seal without --drop-metadata, and open to the same samples",
        .enabled(if: Shell.has("sox"), "needs sox"),
        arguments: [
            "-r 8000 -c 1 -b 16", "-r 8000 -c 2 -e u-law", "-r 8000 -c 1 -e a-law", "-r 16000 -c 2 -b 16",
            "-r 96000 -c 1 -b 16",
        ])
    func sox(options: String) throws {
        try expectSeals(
            make: "sox -n \(options) call.wav synth 0.5 sine 440 && sox -n \(options) odd.wav synth 167s sine 300")
    }

    @Test(
        "a 4-channel WAV from sox names speaker positions: refused naming the channel mask, sealed with --drop-metadata",
        .enabled(if: Shell.has("sox"), "needs sox"))
    func soxFourChannels() throws {
        let made = try Shell.run("sox -n -r 8000 -c 4 -b 16 call.wav synth 0.5 sine 440", in: workspace.directory)
        try #require(made.status == 0, "\(made)")
        let refused = try workspace.run(
            "seal", "--recipient", keys.recipient("alice"), "--output", "call.cvr", "call.wav")
        #expect(refused.status == ExitStatus.badInput, "\(refused)")
        #expect(refused.standardError.contains("channel mask 0x33"), "\(refused)")
        let sealed = try workspace.succeed(
            "seal", "--drop-metadata", "--recipient", keys.recipient("alice"), "--output", "call.cvr", "call.wav")
        #expect(sealed.standardError.contains("dropped"), "\(sealed)")
        #expect(sealed.standardError.contains("channel mask 0x33"), "\(sealed)")
    }

    @Test(
        "WAV files ffmpeg makes with -fflags +bitexact seal without --drop-metadata",
        .enabled(if: Shell.has("ffmpeg"), "needs ffmpeg"),
        arguments: ["", "-c:a pcm_mulaw -ac 2", "-c:a pcm_alaw", "-ar 96000"])
    func ffmpegBitexact(options: String) throws {
        let make = { (name: String, seconds: String) in
            "ffmpeg -loglevel error -f lavfi -i sine=f=440:d=\(seconds):r=8000 \(options) -fflags +bitexact \(name)"
        }
        try expectSeals(make: make("call.wav", "0.5") + " && " + make("odd.wav", "0.125125"))
    }

    @Test(
        "ffmpeg's default WAV carries its software tag in LIST/INFO: refused, and --drop-metadata names it",
        .enabled(if: Shell.has("ffmpeg"), "needs ffmpeg"))
    func ffmpegSoftwareTag() throws {
        let made = try Shell.run(
            "ffmpeg -loglevel error -f lavfi -i sine=f=440:d=0.5:r=8000 call.wav", in: workspace.directory)
        try #require(made.status == 0, "\(made)")
        let refused = try workspace.run(
            "seal", "--recipient", keys.recipient("alice"), "--output", "call.cvr", "call.wav")
        #expect(refused.status == ExitStatus.badInput, "\(refused)")
        #expect(refused.standardError.contains("'LIST' chunk at byte 36"), "\(refused)")
        let sealed = try workspace.succeed(
            "seal", "--drop-metadata", "--recipient", keys.recipient("alice"), "--output", "call.cvr", "call.wav")
        #expect(sealed.standardError.contains("dropped"), "\(sealed)")
        #expect(sealed.standardError.contains("'LIST' chunk at byte 36"), "\(sealed)")
    }

    /// Makes call.wav and odd.wav with `make`, then seals each without options and checks it
    /// opens to the same samples with nothing said about dropping.
    private func expectSeals(make: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let made = try Shell.run(make, in: workspace.directory)
        try #require(made.status == 0, "\(made)", sourceLocation: sourceLocation)
        for name in ["call", "odd"] {
            let sealed = try workspace.succeed(
                "seal", "--recipient", keys.recipient("alice"), "--output", "\(name).cvr", "\(name).wav",
                sourceLocation: sourceLocation)
            #expect(!sealed.standardError.contains("dropped"), "\(sealed)", sourceLocation: sourceLocation)
            try workspace.succeed(
                "open", "--identity", keys.identity("alice"), "--output", "\(name)-out.wav", "\(name).cvr",
                sourceLocation: sourceLocation)
            let original = try Self.data(of: workspace.read("\(name).wav"))
            #expect(!original.isEmpty, sourceLocation: sourceLocation)
            #expect(
                try Self.data(of: workspace.read("\(name)-out.wav")) == original, sourceLocation: sourceLocation)
        }
    }

    // MARK: Building files

    /// The samples of a WAV file's `data` chunk.
    static func data(of bytes: [UInt8]) throws -> [UInt8] {
        let chunks = try WAVChunks(bytes)
        let data = try #require(chunks.chunks.first { $0.identifier == "data" })
        return Array(bytes[(data.offset + 8)..<(data.offset + 8 + data.size)])
    }

    static func appending(_ chunk: [UInt8], to file: [UInt8]) -> [UInt8] {
        (file + chunk).replacing(4..<8, with: le32(file.count + chunk.count - 8))
    }

    static func riff(_ chunks: [UInt8]) -> [UInt8] {
        Array("RIFF".utf8) + le32(4 + chunks.count) + Array("WAVE".utf8) + chunks
    }

    static func chunk(_ identifier: String, _ body: [UInt8]) -> [UInt8] {
        Array(identifier.utf8) + le32(body.count) + body + (body.count % 2 == 1 ? [0] : [])
    }

    /// The 16 standard bytes of a 16-bit PCM `fmt ` body at 8 kHz.
    static func pcmFormat(channels: Int, code: Int = 1) -> [UInt8] {
        le16(code) + le16(channels) + le32(8_000) + le32(16_000 * channels) + le16(2 * channels) + le16(16)
    }

    /// A 16-bit PCM WAVE_FORMAT_EXTENSIBLE file with speaker mask `mask`.
    static func extensible(channels: Int, mask: Int, samples: [UInt8]) -> [UInt8] {
        let subformat: [UInt8] = [1, 0, 0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xAA, 0, 0x38, 0x9B, 0x71]
        let body = pcmFormat(channels: channels, code: 0xFFFE) + le16(22) + le16(16) + le32(mask) + subformat
        return riff(chunk("fmt ", body) + chunk("data", samples))
    }

    static func le16(_ value: Int) -> [UInt8] {
        [UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8)]
    }

    static func le32(_ value: Int) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }
}

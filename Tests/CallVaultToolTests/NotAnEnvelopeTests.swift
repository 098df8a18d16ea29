import Testing

@Suite("files that are not envelopes", .identities("alice"))
struct NotAnEnvelopeTests {
    let workspace: Workspace
    let keys: Keyring

    init() throws {
        workspace = try Workspace()
        keys = try Keyring.required()
    }

    func commands(for input: String) -> [[String]] {
        [
            ["inspect", input],
            ["inspect", "--json", input],
            ["open", "--identity", keys.identity("alice"), "--output", "out.bin", input],
            [
                "rewrap", "--identity", keys.identity("alice"), "--add-recipient", keys.recipient("alice"), "-o",
                "out.bin", input,
            ],
        ]
    }

    @Test(
        "a file without the envelope magic gets status 5 from every command",
        arguments: [Array("hello, world\n".utf8), Array("hi".utf8)])
    func notAnEnvelope(content: [UInt8]) throws {
        try workspace.write(content, to: "notes.txt")
        for arguments in commands(for: "notes.txt") {
            let run = try Tool.run(arguments, in: workspace.directory)
            #expect(run.status == ExitStatus.unsupported, "\(run)")
            #expect(run.standardError.contains("not a CallVault envelope"), "\(run)")
        }
        #expect(try workspace.entries() == ["notes.txt"])
    }

    @Test(
        "an empty file, or the envelope magic's first bytes only, is an envelope cut short (status 3), not another format"
    )
    func emptyIsCutShort() throws {
        // The magic starts 0x89 'C' 'V' 'R'.
        for content: [UInt8] in [[], [0x89, 0x43, 0x56]] {
            try workspace.write(content, to: "call.cvr")
            for arguments in commands(for: "call.cvr") {
                let run = try Tool.run(arguments, in: workspace.directory)
                #expect(run.status == ExitStatus.incomplete, "\(run)")
                #expect(run.standardError.contains("cut short"), "\(run)")
            }
        }
    }

    @Test("a WAV file given to open is not an envelope (status 5)")
    func wavIsNotAnEnvelope() throws {
        try workspace.write(WAVFixture(encoding: .pcm16, frames: 100).bytes, to: "call.wav")
        let run = try workspace.run("open", "--identity", keys.identity("alice"), "-o", "out.wav", "call.wav")
        #expect(run.status == ExitStatus.unsupported, "\(run)")
        #expect(!workspace.exists("out.wav"))
    }

    @Test("an envelope of a later format version gets status 5 asking to upgrade")
    func laterVersion() throws {
        try workspace.write(deterministicBytes(100), to: "plain.bin")
        try workspace.succeed("seal", "--recipient", keys.recipient("alice"), "--output", "plain.cvr", "plain.bin")
        try workspace.write(try workspace.read("plain.cvr").replacing(8..<10, with: [0, 2]), to: "future.cvr")
        for arguments in commands(for: "future.cvr") {
            let run = try Tool.run(arguments, in: workspace.directory)
            #expect(run.status == ExitStatus.unsupported, "\(run)")
            #expect(run.standardError.contains("format version 2"), "\(run)")
        }
        #expect(!workspace.exists("out.bin"))
    }

    @Test("a missing input gets status 1 naming the file")
    func missingInput() throws {
        for arguments in commands(for: "missing.cvr") {
            let run = try Tool.run(arguments, in: workspace.directory)
            #expect(run.status == ExitStatus.badInput, "\(run)")
            #expect(run.standardError.contains("missing.cvr"), "\(run)")
        }
        #expect(try workspace.entries().isEmpty)
    }
}

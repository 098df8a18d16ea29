import Testing

@Suite("callvault rewrap", .identities("alice", "bob", "carol"))
struct RewrapTests {
    let workspace: Workspace
    let keys: Keyring
    let plaintext = deterministicBytes(3_000, seed: 42)

    init() throws {
        workspace = try Workspace()
        keys = try Keyring.required()
        try workspace.write(plaintext, to: "plain.bin")
        try workspace.succeed(
            "seal", "--recipient", keys.recipient("alice"), "--recipient", keys.recipient("bob"), "--segment-size",
            "256", "--output", "plain.cvr", "plain.bin")
    }

    func envelope(_ name: String) throws -> Envelope {
        Envelope(bytes: try workspace.read(name), report: try workspace.inspect(name))
    }

    /// The rewrapped file keeps the recording, its key commitment and every sealed byte.
    func expectSameRecording(_ original: Envelope, _ rewrapped: Envelope) {
        #expect(rewrapped.body == original.body)
        #expect(rewrapped.report.recordingID == original.report.recordingID)
        #expect(rewrapped.report.keyCommitment == original.report.keyCommitment)
        #expect(rewrapped.report.segmentCount == original.report.segmentCount)
    }

    func expectOpens(_ name: String, with identity: String) throws {
        try workspace.succeed("open", "--identity", keys.identity(identity), "--output", "opened.bin", name)
        #expect(try workspace.read("opened.bin") == plaintext)
    }

    @Test("adding a recipient keeps every sealed byte, and the new recipient opens it")
    func addRecipient() throws {
        let original = try envelope("plain.cvr")
        try workspace.succeed(
            "rewrap", "--identity", keys.identity("alice"), "--add-recipient", keys.publicKeyFile("carol"),
            "--output", "more.cvr", "plain.cvr")
        let rewrapped = try envelope("more.cvr")
        expectSameRecording(original, rewrapped)
        #expect(
            rewrapped.report.recipients == ["alice", "bob", "carol"].map(keys.fingerprint))
        #expect(rewrapped.report.headerLength == original.report.headerLength + 112)
        for name in ["alice", "bob", "carol"] { try expectOpens("more.cvr", with: name) }
        #expect(try workspace.read("plain.cvr") == original.bytes)
    }

    @Test(
        "a removed recipient gets status 4; the others still open it",
        arguments: RemovalForm.allCases)
    func removeRecipient(form: RemovalForm) throws {
        let original = try envelope("plain.cvr")
        let removal: String =
            switch form {
            case .publicKeyFile: keys.publicKeyFile("bob")
            case .recipientString: keys.recipient("bob")
            case .fingerprintFromInspect: original.report.recipients[1]
            }
        try workspace.succeed(
            "rewrap", "--identity", keys.identity("alice"), "--remove-recipient", removal, "--output", "fewer.cvr",
            "plain.cvr")
        let rewrapped = try envelope("fewer.cvr")
        expectSameRecording(original, rewrapped)
        #expect(rewrapped.report.recipients == [keys.fingerprint("alice")])
        try expectOpens("fewer.cvr", with: "alice")
        let run = try workspace.run("open", "--identity", keys.identity("bob"), "--output", "bob.bin", "fewer.cvr")
        #expect(run.status == ExitStatus.wrongKey, "\(run)")
        #expect(!workspace.exists("bob.bin"))
    }

    enum RemovalForm: CaseIterable, Sendable {
        case publicKeyFile
        case recipientString
        case fingerprintFromInspect
    }

    @Test("adding and removing in one run, by a recipient who is being removed")
    func addAndRemove() throws {
        let original = try envelope("plain.cvr")
        try workspace.succeed(
            "rewrap", "--identity", keys.identity("bob"), "--remove-recipient", keys.fingerprint("bob"),
            "--add-recipient", keys.recipient("carol"), "--output", "swapped.cvr", "plain.cvr")
        let rewrapped = try envelope("swapped.cvr")
        expectSameRecording(original, rewrapped)
        #expect(rewrapped.report.recipients == [keys.fingerprint("alice"), keys.fingerprint("carol")])
        try expectOpens("swapped.cvr", with: "carol")
    }

    @Test("a rewrapped WAV recording still opens as the same WAV")
    func rewrapRecording() throws {
        let recording = WAVFixture(encoding: .aLaw, channels: 2, frames: 9_999)
        try workspace.write(recording.bytes, to: "call.wav")
        try workspace.succeed("seal", "--recipient", keys.recipient("alice"), "--output", "call.cvr", "call.wav")
        try workspace.succeed(
            "rewrap", "--identity", keys.identity("alice"), "--add-recipient", keys.recipient("carol"), "--output",
            "shared.cvr", "call.cvr")
        expectSameRecording(try envelope("call.cvr"), try envelope("shared.cvr"))
        try workspace.succeed("open", "--identity", keys.identity("carol"), "--output", "out.wav", "shared.cvr")
        #expect(try workspace.read("out.wav") == recording.bytes)
    }

    @Test("an identity that is not a recipient cannot rewrap (status 4)")
    func outsiderCannotRewrap() throws {
        let run = try workspace.run(
            "rewrap", "--identity", keys.identity("carol"), "--add-recipient", keys.recipient("carol"), "--output",
            "mine.cvr", "plain.cvr")
        #expect(run.status == ExitStatus.wrongKey, "\(run)")
        #expect(!workspace.exists("mine.cvr"))
    }

    @Test(
        "changes that make no sense are refused with status 1 and nothing is written",
        arguments: [
            ["--add-recipient", "bob"], ["--remove-recipient", "carol"],
            ["--remove-recipient", "alice", "--remove-recipient", "bob"],
        ])
    func refusedChanges(change: [String]) throws {
        let arguments = change.map { ["alice", "bob", "carol"].contains($0) ? keys.publicKeyFile($0) : $0 }
        let run = try Tool.run(
            ["rewrap", "--identity", keys.identity("alice")] + arguments + ["--output", "new.cvr", "plain.cvr"],
            in: workspace.directory)
        #expect(run.status == ExitStatus.badInput, "\(run)")
        #expect(try workspace.entries() == ["plain.bin", "plain.cvr"])
    }

    @Test("rewrap without any change is a usage error (status 64)")
    func nothingToChange() throws {
        let run = try workspace.run("rewrap", "--identity", keys.identity("alice"), "--output", "new.cvr", "plain.cvr")
        #expect(run.status == ExitStatus.usage, "\(run)")
        #expect(run.standardError.contains("--add-recipient"), "\(run)")
        #expect(!workspace.exists("new.cvr"))
    }
}

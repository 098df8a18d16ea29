import Testing

@Suite("recipients and keys", .identities("alice", "bob", "carol"))
struct RecipientTests {
    let workspace: Workspace
    let keys: Keyring
    let plaintext = deterministicBytes(5_000)

    init() throws {
        workspace = try Workspace()
        keys = try Keyring.required()
        try workspace.write(plaintext, to: "plain.bin")
    }

    /// Seals plain.bin for alice (by .pub file) and bob (by recipient string).
    func sealForAliceAndBob() throws {
        try workspace.succeed(
            "seal", "--recipient", keys.publicKeyFile("alice"), "--recipient", keys.recipient("bob"),
            "--segment-size", "1024", "--output", "plain.cvr", "plain.bin")
    }

    @Test("both recipients of an envelope open it")
    func bothRecipientsOpen() throws {
        try sealForAliceAndBob()
        #expect(try workspace.inspect("plain.cvr").recipients == [keys.fingerprint("alice"), keys.fingerprint("bob")])
        for name in ["alice", "bob"] {
            try workspace.succeed("open", "--identity", keys.identity(name), "--output", "\(name).bin", "plain.cvr")
            #expect(try workspace.read("\(name).bin") == plaintext)
        }
    }

    @Test("another identity gets status 4 and a message naming it and the fingerprints that can open")
    func otherIdentityIsWrongKey() throws {
        try sealForAliceAndBob()
        let run = try workspace.run("open", "--identity", keys.identity("carol"), "--output", "out.bin", "plain.cvr")
        #expect(run.status == ExitStatus.wrongKey, "\(run)")
        #expect(run.standardError.contains("Wrong key"), "\(run)")
        #expect(run.standardError.contains(keys.fingerprint("carol")), "\(run)")
        #expect(run.standardError.contains(keys.fingerprint("alice")), "\(run)")
        #expect(run.standardError.contains(keys.fingerprint("bob")), "\(run)")
        #expect(!workspace.exists("out.bin"))
    }

    @Test("a wrong passphrase gets status 4 and nothing is written")
    func wrongPassphrase() throws {
        try sealForAliceAndBob()
        let run = try workspace.run(
            "open", "--identity", keys.identity("alice"), "--output", "out.bin", "plain.cvr",
            passphrase: "not the passphrase")
        #expect(run.status == ExitStatus.wrongKey, "\(run)")
        #expect(run.standardError.lowercased().contains("passphrase"), "\(run)")
        #expect(try workspace.entries() == ["plain.bin", "plain.cvr"])
    }

    @Test("the same recipient given twice is refused")
    func duplicateRecipient() throws {
        let run = try workspace.run(
            "seal", "--recipient", keys.publicKeyFile("alice"), "--recipient", keys.recipient("alice"),
            "--output", "plain.cvr", "plain.bin")
        #expect(run.status == ExitStatus.badInput, "\(run)")
        #expect(run.standardError.contains(keys.fingerprint("alice")), "\(run)")
        #expect(!workspace.exists("plain.cvr"))
    }

    @Test(
        "a recipient that is neither a valid string nor a readable .pub file is refused",
        arguments: ["callvault1qqqq", "missing.pub"])
    func invalidRecipient(recipient: String) throws {
        let run = try workspace.run("seal", "--recipient", recipient, "--output", "plain.cvr", "plain.bin")
        #expect(run.status == ExitStatus.badInput, "\(run)")
        #expect(run.standardError.contains("recipient"), "\(run)")
        #expect(!workspace.exists("plain.cvr"))
    }
}

import Testing

@Suite("callvault keygen")
struct KeygenTests {
    let workspace: Workspace

    init() throws {
        workspace = try Workspace()
    }

    @Test("writes a private identity file (mode 0600) and a .pub file, and prints the recipient")
    func writesIdentityAndRecipient() throws {
        let run = try workspace.succeed("keygen", "--output", "agent")
        let printed = run.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(printed.hasPrefix("callvault1"))
        #expect(run.standardOutput == printed + "\n")
        #expect(try workspace.entries() == ["agent", "agent.pub"])
        #expect(try workspace.text("agent.pub") == printed + "\n")
        #expect(try workspace.permissions("agent") == 0o600)
        let identity = try workspace.text("agent")
        #expect(identity.contains("CALLVAULT-IDENTITY-1 "))
        #expect(!identity.contains(Tool.passphrase))
    }

    @Test("each identity gets a different recipient")
    func recipientsDiffer() throws {
        let first = try workspace.succeed("keygen", "--output", "one")
        let second = try workspace.succeed("keygen", "--output", "two")
        #expect(first.standardOutput != second.standardOutput)
    }

    @Test("refuses to overwrite an identity without --force, leaving both files untouched")
    func refusesToOverwrite() throws {
        try workspace.succeed("keygen", "--output", "agent")
        let identity = try workspace.read("agent")
        let recipient = try workspace.read("agent.pub")
        let run = try workspace.run("keygen", "--output", "agent")
        #expect(run.status == ExitStatus.badInput, "\(run)")
        #expect(run.standardError.contains("already exists"), "\(run)")
        #expect(run.standardError.contains("--force"), "\(run)")
        #expect(run.standardOutput.isEmpty)
        #expect(try workspace.read("agent") == identity)
        #expect(try workspace.read("agent.pub") == recipient)
        #expect(try workspace.entries() == ["agent", "agent.pub"])
    }

    @Test("refuses when only the .pub file exists")
    func refusesWhenPublicFileExists() throws {
        try workspace.write(Array("keep me\n".utf8), to: "agent.pub")
        let run = try workspace.run("keygen", "--output", "agent")
        #expect(run.status == ExitStatus.badInput, "\(run)")
        #expect(run.standardError.contains("agent.pub"), "\(run)")
        #expect(!workspace.exists("agent"))
        #expect(try workspace.text("agent.pub") == "keep me\n")
    }

    @Test("--force replaces the identity and its .pub file")
    func forceReplaces() throws {
        let old = try workspace.succeed("keygen", "--output", "agent")
        let new = try workspace.succeed("keygen", "--output", "agent", "--force")
        #expect(new.standardOutput != old.standardOutput)
        #expect(try workspace.text("agent.pub") == new.standardOutput)
        #expect(try workspace.permissions("agent") == 0o600)
        #expect(try workspace.entries() == ["agent", "agent.pub"])
    }

    @Test("fails with status 1 when the output directory does not exist")
    func missingDirectory() throws {
        let run = try workspace.run("keygen", "--output", "missing/agent")
        #expect(run.status == ExitStatus.badInput, "\(run)")
        #expect(try workspace.entries().isEmpty)
    }

    @Test("refuses an empty passphrase and writes nothing")
    func emptyPassphrase() throws {
        let run = try workspace.run("keygen", "--output", "agent", passphrase: "")
        #expect(run.status == ExitStatus.badInput, "\(run)")
        #expect(run.standardError.contains("passphrase"), "\(run)")
        #expect(try workspace.entries().isEmpty)
    }
}

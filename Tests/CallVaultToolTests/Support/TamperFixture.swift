import Testing

/// An opaque envelope for tamper and truncation tests: 330 plaintext bytes in 64-byte segments,
/// so five full segments and a 10-byte final one, sealed for alice with tenant "acme".
struct TamperFixture {
    static let plaintextLength = 330
    static let segmentSize = 64

    let workspace: Workspace
    let keys: Keyring
    let plaintext: [UInt8]
    let envelope: Envelope

    init(workspace: Workspace, keys: Keyring, length: Int = plaintextLength, name: String = "plain") throws {
        self.workspace = workspace
        self.keys = keys
        plaintext = deterministicBytes(length, seed: 0xCA11)
        try workspace.write(plaintext, to: "\(name).bin")
        try workspace.succeed(
            "seal", "--recipient", keys.recipient("alice"), "--segment-size", "\(Self.segmentSize)", "--tenant", "acme",
            "--output", "\(name).cvr", "\(name).bin")
        envelope = Envelope(bytes: try workspace.read("\(name).cvr"), report: try workspace.inspect("\(name).cvr"))
    }

    /// Writes `bytes` as altered.cvr and opens it into out.bin.
    func open(_ bytes: [UInt8], allowIncomplete: Bool = false) throws -> ToolRun {
        try workspace.write(bytes, to: "altered.cvr")
        var arguments = ["open", "--identity", keys.identity("alice"), "--output", "out.bin"]
        if allowIncomplete { arguments.append("--allow-incomplete") }
        return try Tool.run(arguments + ["altered.cvr"], in: workspace.directory)
    }

    /// Neither out.bin nor a leftover temporary file (the tool's are hidden) is in the workspace.
    func expectNothingWritten(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let entries = try workspace.entries()
        #expect(!entries.contains("out.bin"), sourceLocation: sourceLocation)
        #expect(entries.filter { $0.hasPrefix(".") }.isEmpty, "\(entries)", sourceLocation: sourceLocation)
    }
}

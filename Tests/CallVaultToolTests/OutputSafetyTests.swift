import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 11, break 6: outputs. Every command that writes a file writes a new file or replaces a
/// regular one, never a device, pipe or link (`--output /dev/full` once replaced the device, as
/// root), never its own input or a key file it was given (by any link), and a pipe is sealed as a
/// stream (with --raw) or refused, never as zero bytes.
@Suite("Outputs: only regular files, never an input, pipes streamed", .identities("alice", "bob"))
struct OutputSafetyTests {
    let workspace: Workspace
    let keys: Keyring
    let plaintext = deterministicBytes(5_000, seed: 41)

    init() throws {
        workspace = try Workspace()
        keys = try Keyring.required()
        try workspace.write(plaintext, to: "plain.bin")
        try workspace.succeed(
            "seal", "--recipient", keys.recipient("alice"), "--segment-size", "1024", "--output", "env.cvr",
            "plain.bin")
    }

    /// What a path is now, by `lstat`.
    func kind(_ name: String) -> mode_t? {
        var info = stat()
        guard lstat(workspace.path(name), &info) == 0 else { return nil }
        return info.st_mode & S_IFMT
    }

    /// Special files to offer as outputs: a FIFO always; as root, a character device like
    /// /dev/full (device 1:7, old-style encoding, made in the workspace), and a symbolic link.
    func specialOutputs() throws -> [(name: String, kind: mode_t)] {
        #expect(mkfifo(workspace.path("fifo"), 0o600) == 0)
        try workspace.write([1, 2, 3], to: "target.bin")
        try FileManager.default.createSymbolicLink(atPath: workspace.path("link"), withDestinationPath: "target.bin")
        var outputs: [(String, mode_t)] = [("fifo", S_IFIFO), ("link", S_IFLNK)]
        if geteuid() == 0, mknod(workspace.path("full"), S_IFCHR | 0o600, dev_t(1 << 8 | 7)) == 0 {
            outputs.append(("full", S_IFCHR))
        }
        return outputs
    }

    func expectRefused(_ run: ToolRun, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.status == ExitStatus.badInput, "\(run)", sourceLocation: sourceLocation)
        #expect(run.standardError.contains(text), "\(run)", sourceLocation: sourceLocation)
    }

    func hiddenEntries() throws -> Set<String> {
        try workspace.entries().filter { $0.hasPrefix(".") }
    }

    @Test("a device, pipe or link as an output is refused by open, seal, rewrap and keygen, and left as it was")
    func specialFiles() throws {
        for (name, kind) in try specialOutputs() {
            let identity = keys.identity("alice")
            let runs = [
                try workspace.run("open", "--identity", identity, "--output", name, "env.cvr"),
                try workspace.run("seal", "--recipient", keys.recipient("bob"), "--output", name, "plain.bin"),
                try workspace.run(
                    "rewrap", "--identity", identity, "--add-recipient", keys.recipient("bob"), "--output", name,
                    "env.cvr"),
                try workspace.run("keygen", "--force", "--output", name),
            ]
            for run in runs {
                expectRefused(run, "not a regular file")
                #expect(self.kind(name) == kind, "\(name) is still what it was after \(run.arguments)")
            }
        }
        #expect(try workspace.read("target.bin") == [1, 2, 3])
        #expect(try hiddenEntries().isEmpty)
    }

    @Test("an output that is the input, through the same name, a hard link or a symbolic link, is refused")
    func outputIsInput() throws {
        let envelope = try workspace.read("env.cvr")
        #expect(link(workspace.path("plain.bin"), workspace.path("hard.bin")) == 0)
        #expect(link(workspace.path("env.cvr"), workspace.path("hard.cvr")) == 0)
        let identity = keys.identity("alice")
        let sameFile = [
            try workspace.run("seal", "--recipient", keys.recipient("bob"), "--output", "plain.bin", "plain.bin"),
            try workspace.run("seal", "--recipient", keys.recipient("bob"), "--output", "hard.bin", "plain.bin"),
            try workspace.run("open", "--identity", identity, "--output", "env.cvr", "env.cvr"),
            try workspace.run("open", "--identity", identity, "--output", "hard.cvr", "env.cvr"),
            try workspace.run(
                "rewrap", "--identity", identity, "--add-recipient", keys.recipient("bob"), "--output", "env.cvr",
                "env.cvr"),
            // A key file given is an input too: the identity, a recipient's .pub file.
            try workspace.run("open", "--identity", identity, "--output", identity, "env.cvr"),
            try workspace.run(
                "seal", "--recipient", keys.publicKeyFile("bob"), "--output", keys.publicKeyFile("bob"), "plain.bin"),
        ]
        for run in sameFile { expectRefused(run, "it is the input") }
        try FileManager.default.createSymbolicLink(atPath: workspace.path("link.cvr"), withDestinationPath: "env.cvr")
        expectRefused(
            try workspace.run("open", "--identity", identity, "--output", "link.cvr", "env.cvr"), "symbolic link")
        #expect(try workspace.read("plain.bin") == plaintext)
        #expect(try workspace.read("env.cvr") == envelope)
        #expect(try String(contentsOfFile: keys.identity("alice"), encoding: .utf8).contains("CALLVAULT-IDENTITY-1"))
        #expect(try String(contentsOfFile: keys.publicKeyFile("bob"), encoding: .utf8).hasPrefix("callvault1"))
        #expect(try hiddenEntries().isEmpty)
    }

    @Test("a pipe is sealed as a stream with --raw (no declared length), refused without it, and never empty")
    func pipes() throws {
        let alice = keys.recipient("alice")
        let streamed = try Shell.run(
            "cat plain.bin | \"$CALLVAULT\" seal --raw --recipient \(alice) --segment-size 1024 --output s.cvr /dev/stdin",
            in: workspace.directory)
        #expect(streamed.status == ExitStatus.success, "\(streamed)")
        let report = try workspace.inspect("s.cvr")
        #expect(report.declaredPlaintextLength == nil && report.complete && report.plaintextLength == 5_000)
        try workspace.succeed("open", "--identity", keys.identity("alice"), "--output", "s.bin", "s.cvr")
        #expect(try workspace.read("s.bin") == plaintext)

        let notRaw = try Shell.run(
            "cat plain.bin | \"$CALLVAULT\" seal --recipient \(alice) --output n.cvr /dev/stdin",
            in: workspace.directory)
        expectRefused(notRaw, "Pass --raw to seal the stream byte for byte")
        for empty in ["true | \"$CALLVAULT\"", "\"$CALLVAULT\""] {
            let run = try Shell.run(
                "\(empty) seal --raw --recipient \(alice) --output e.cvr /dev/stdin < /dev/null",
                in: workspace.directory)
            expectRefused(run, "ended before any byte arrived, so nothing was sealed")
        }
        #expect(!workspace.exists("n.cvr") && !workspace.exists("e.cvr"))

        let openPipe = try Shell.run(
            "cat env.cvr | \"$CALLVAULT\" open --identity \(keys.identity("alice")) --output p.bin /dev/stdin",
            in: workspace.directory)
        expectRefused(openPipe, "save it to a file first")
        #expect(!workspace.exists("p.bin"))
        #expect(try hiddenEntries().isEmpty)
    }

    @Test("a regular file is still replaced whole, and a new one created 0600")
    func regularFilesStillWork() throws {
        try workspace.write([9, 9, 9], to: "out.bin")
        try workspace.succeed("open", "--identity", keys.identity("alice"), "--output", "out.bin", "env.cvr")
        #expect(try workspace.read("out.bin") == plaintext)
        try workspace.succeed("open", "--identity", keys.identity("alice"), "--output", "new.bin", "env.cvr")
        #expect(try workspace.permissions("new.bin") == 0o600)
        #expect(try hiddenEntries().isEmpty)
    }
}

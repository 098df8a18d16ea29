import CallVaultCapture
import CallVaultCore
import Foundation
import Testing

/// Issue 11, break 5: a `callvault open` or `vault play` killed while it writes its plaintext
/// output must leave no plaintext behind. The real tool runs under `strace`, which kills it with
/// SIGKILL at the N-th `pwrite64` (while the plaintext is written) or the N-th `fsync` (when it is
/// all written and being flushed), for every N until a run completes. After each kill the output
/// folder holds no temporary file and the destination still holds what it held before.
///
/// Needs strace (the CI installs it, see .ci/run).
@Suite("A killed open or play leaves no plaintext behind", .identities("alice"))
struct KilledOutputTests {
    /// While the plaintext is written (pwrite64), flushed (fsync), linked into place (linkat) and,
    /// over an existing output, renamed over it (rename).
    static let syscalls = ["pwrite64", "fsync", "linkat", "rename"]

    let workspace: Workspace
    let keys: Keyring

    init() throws {
        workspace = try Workspace()
        keys = try Keyring.required()
    }

    /// Runs `command` (a shell command line) under strace, killed at the `n`-th `syscall`.
    func killed(at syscall: String, _ n: Int, _ command: String, in directory: URL) throws -> ToolRun {
        try Shell.run(
            "strace -f -qq -o /dev/null -e trace=\(syscall) -e inject=\(syscall):signal=KILL:when=\(n) \(command)",
            in: directory)
    }

    /// Runs `command` killed at every `syscall` in turn; after each kill, `check` the aftermath.
    /// Returns how many runs were killed before one completed.
    func killEverywhere(
        _ syscall: String, _ command: String, in directory: URL, check: () throws -> Void,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Int {
        for n in 1...400 {
            let run = try killed(at: syscall, n, command, in: directory)
            if run.status == ExitStatus.success { return n - 1 }
            try #require(run.status == 128 + 9, "killed at \(syscall) #\(n): \(run)", sourceLocation: sourceLocation)
            try check()
        }
        Issue.record("the command never completed under strace", sourceLocation: sourceLocation)
        return 0
    }

    @Test(
        "open over an old output, killed at every write, flush, link and rename: the old output intact, no temporary",
        arguments: syscalls)
    func open(syscall: String) throws {
        #expect(Shell.has("strace"), "strace is not installed; install it (see the README's set-up line)")
        let plaintext = deterministicBytes(3_000_000, seed: 17)
        try workspace.write(plaintext, to: "audio.bin")
        try workspace.succeed(
            "seal", "--recipient", keys.recipient("alice"), "--segment-size", "65536", "--output", "audio.cvr",
            "audio.bin")
        try FileManager.default.removeItem(at: workspace.directory.appendingPathComponent("audio.bin"))
        let old: [UInt8] = Array("yesterday's output".utf8)
        try workspace.write(old, to: "out.bin")
        let command = "\"$CALLVAULT\" open --identity \(keys.identity("alice")) --output out.bin audio.cvr"
        let kills = try killEverywhere(syscall, command, in: workspace.directory) { () throws in
            var entries = try workspace.entries()
            if entries.contains(where: { $0.hasPrefix(".callvault-partial.out.bin.") }) {
                // Killed between linking the whole output under a hidden name and renaming it over
                // the old one: the next output into this folder removes it.
                #expect(syscall == "rename", "\(entries)")
                try workspace.succeed(
                    "open", "--identity", keys.identity("alice"), "--output", "other.bin", "audio.cvr")
                try FileManager.default.removeItem(at: workspace.directory.appendingPathComponent("other.bin"))
                entries = try workspace.entries()
            }
            #expect(entries == ["audio.cvr", "out.bin"], "no temporary file left")
            // Killed before the new output was linked into place, the old one is intact; killed
            // after (while the folder is flushed), the new one is there whole.
            let now = try workspace.read("out.bin")
            #expect(now == old || now == plaintext, "out.bin is the old output or the whole new one")
        }
        #expect(kills >= 1, "the run was killed at least once")
        #expect(try workspace.read("out.bin") == plaintext)
        #expect(try workspace.entries() == ["audio.cvr", "out.bin"])
    }

    @Test(
        "vault play killed at every write, flush and link: no plaintext anywhere but a complete --out",
        arguments: ["pwrite64", "fsync", "linkat"])
    func play(syscall: String) async throws {
        #expect(Shell.has("strace"), "strace is not installed; install it (see the README's set-up line)")
        let fixture = try VaultFixture()
        let id = try await fixture.recordCalls(1, seconds: 2, startingAt: Date().addingTimeInterval(-3_600))[0]
        let maria = try fixture.principal("maria", role: "supervisor", team: "team-a")
        let outputs = fixture.workspace.directory.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: outputs, withIntermediateDirectories: false)
        let command =
            "\"$CALLVAULT\" vault play \(id) --as \(maria) --purpose quality --out out/call.wav --force "
            + "--vault \(fixture.name)"
        let reference = try Shell.run(command, in: fixture.workspace.directory)
        try #require(reference.status == ExitStatus.success, "\(reference)")
        let played = try Data(contentsOf: outputs.appendingPathComponent("call.wav"))
        try FileManager.default.removeItem(at: outputs.appendingPathComponent("call.wav"))
        let kills = try killEverywhere(syscall, command, in: fixture.workspace.directory) { () throws in
            let left = try FileManager.default.contentsOfDirectory(atPath: outputs.path)
            // Nothing, or (killed while the folder entry was flushed) the whole output.
            #expect(left.isEmpty || left == ["call.wav"], "nothing else in the output folder: \(left)")
            if left == ["call.wav"] {
                #expect(try Data(contentsOf: outputs.appendingPathComponent("call.wav")) == played)
                try FileManager.default.removeItem(at: outputs.appendingPathComponent("call.wav"))
            }
            let hidden = try FileManager.default.contentsOfDirectory(atPath: fixture.directory.path)
                .filter { $0.hasPrefix(".") }
            #expect(hidden.isEmpty, "nothing hidden in the vault folder: \(hidden)")
        }
        #expect(kills >= 1, "the run was killed at least once")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outputs.path) == ["call.wav"])
        var reader = try WAVReader(path: outputs.appendingPathComponent("call.wav").path)
        #expect(reader.frameCount == 16_000)
        _ = try reader.readFrames(maxCount: 16_000)
    }
}

import CallVaultCore
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 11, break 6, for the vault commands: `vault play --out` replaces only a regular file
/// (even with --force), never a file inside the vault (a recording's blob, the database) nor the
/// principal file; `vault export --out` must be a folder, or new.
@Suite("vault play and export: outputs")
struct VaultOutputSafetyTests {
    let fixture: VaultFixture
    let id: RecordingID

    init() async throws {
        fixture = try VaultFixture()
        id = try await fixture.recordCalls(1, seconds: 1, startingAt: Date().addingTimeInterval(-3_600))[0]
    }

    func play(_ out: String, force: Bool = true) throws -> ToolRun {
        let maria = try fixture.principal("maria", role: "supervisor", team: "team-a")
        return try Tool.run(
            ["vault", "play", id.description, "--as", maria, "--purpose", "quality", "--out", out]
                + (force ? ["--force"] : []) + ["--vault", fixture.name], in: fixture.workspace.directory)
    }

    /// Every file of the vault folder with its bytes.
    func vaultFiles() throws -> [String: Data] {
        let root = fixture.directory.path
        var files: [String: Data] = [:]
        let walker = try #require(FileManager.default.enumerator(atPath: root))
        while let relative = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isDirectory),
                !isDirectory.boolValue, relative != "vault.lock"
            {
                files[relative] = FileManager.default.contents(atPath: root + "/" + relative)
            }
        }
        return files
    }

    @Test("play --force refuses a pipe, a link, the principal file and any path inside the vault")
    func play() throws {
        #expect(mkfifo(fixture.workspace.path("fifo"), 0o600) == 0)
        let fifo = try play("fifo")
        #expect(fifo.status == ExitStatus.badInput && fifo.standardError.contains("not a regular file"), "\(fifo)")
        var info = stat()
        #expect(lstat(fixture.workspace.path("fifo"), &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)

        let principal = try fixture.principal("maria", role: "supervisor", team: "team-a")
        let own = try play(principal)
        #expect(own.status == ExitStatus.badInput && own.standardError.contains("it is the input"), "\(own)")

        let before = try vaultFiles()
        let blob = try #require(before.keys.first { $0.hasSuffix("\(id).cvr") })
        for inside in ["vault/\(blob)", "vault/vault.sqlite", "vault/new.wav", "./vault/../vault/audit.log"] {
            let run = try play(inside)
            #expect(run.status == ExitStatus.badInput, "\(inside): \(run)")
            #expect(run.standardError.contains("is inside the vault folder"), "\(run)")
        }
        #expect(try vaultFiles() == before, "nothing in the vault was replaced")
        #expect(!FileManager.default.fileExists(atPath: fixture.directory.appendingPathComponent("new.wav").path))

        let fine = try play("call.wav", force: false)
        #expect(fine.status == ExitStatus.success, "\(fine)")
    }

    @Test("export --out that exists as a file is refused")
    func export() throws {
        try fixture.workspace.succeed("keygen", "-o", "court.id")
        try fixture.workspace.write([1, 2, 3], to: "existing")
        let priya = try fixture.principal("priya", role: "compliance-officer")
        let run = try fixture.run(
            "export", id.description, "--as", priya, "--purpose", "dispute-resolution", "--legal-reference", "case 7",
            "--approved-by", "legal.bob", "--recipient", "court.id.pub", "--out", "existing")
        #expect(run.status == ExitStatus.badInput, "\(run)")
        #expect(run.standardError.contains("is not a folder"), "\(run)")
        #expect(try fixture.workspace.read("existing") == [1, 2, 3])
    }
}

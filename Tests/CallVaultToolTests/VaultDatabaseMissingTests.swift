import CallVaultSQLite
import Foundation
import Testing

/// A vault whose `vault.sqlite` is gone or empty is damaged: every command says which file and
/// what to do, exits 2, and never makes an empty database in its place (which would show "No
/// recordings." and orphan every blob).
@Suite("callvault vault: a missing or empty database")
struct VaultDatabaseMissingTests {
    static let commands: [[String]] = [
        ["list"], ["show", "00000000-0000-4000-8000-000000000001"], ["sweep", "--plan"],
    ]

    @Test("a deleted vault.sqlite is reported as damaged by every command, and not re-created")
    func deleted() async throws {
        let fixture = try VaultFixture()
        _ = try await fixture.recordCalls(1, startingAt: Date().addingTimeInterval(-3_600))
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database(fixture) + suffix) }
        for command in Self.commands {
            let run = try Tool.run(["vault"] + command + ["--vault", fixture.name], in: fixture.workspace.directory)
            #expect(run.status == ExitStatus.tampered, "\(run)")
            #expect(run.standardError.contains(database(fixture)), "names the file: \(run)")
            #expect(run.standardError.contains("backup"), "says what to do: \(run)")
            #expect(!FileManager.default.fileExists(atPath: database(fixture)), "no database was made by \(command)")
        }
    }

    @Test("an empty vault.sqlite, or one with no CallVault schema, is reported as damaged")
    func empty() async throws {
        let fixture = try VaultFixture()
        _ = try await fixture.recordCalls(1, startingAt: Date().addingTimeInterval(-3_600))
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database(fixture) + suffix) }
        try Data().write(to: URL(fileURLWithPath: database(fixture)))
        for command in Self.commands {
            let run = try Tool.run(["vault"] + command + ["--vault", fixture.name], in: fixture.workspace.directory)
            #expect(run.status == ExitStatus.tampered, "\(run)")
            #expect(run.standardError.contains("\(database(fixture)) is empty"), "\(run)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: database(fixture))).isEmpty, "left as found")
        }
    }

    @Test("a missing blob folder is reported as damaged, and not re-created")
    func blobFolderMissing() async throws {
        let fixture = try VaultFixture()
        let blobs = fixture.directory.appendingPathComponent("blobs").path
        try FileManager.default.removeItem(atPath: blobs)
        let run = try fixture.run("list")
        #expect(run.status == ExitStatus.tampered, "\(run)")
        #expect(run.standardError.contains(blobs), "\(run)")
        #expect(!FileManager.default.fileExists(atPath: blobs))
    }

    private func database(_ fixture: VaultFixture) -> String {
        fixture.directory.appendingPathComponent("vault.sqlite").path
    }
}

import CallVaultSQLite
import Foundation
import Testing

/// The writer's lock cannot be taken away by the file system: deleting or replacing `vault.lock`
/// while a recorder has the vault open must not let a second process open it (adversary finding 6:
/// the second process settled the live call as crashed and forked the audit chain).
@Suite("callvault vault: the writer's lock")
struct VaultLockTests {
    @Test("deleting vault.lock while the vault is open does not let another process open it")
    func deletedLockFile() async throws {
        let fixture = try VaultFixture()
        let lock = fixture.directory.appendingPathComponent(VaultFolder.lockFileName).path
        let refused = try await fixture.withVault { _ in
            try FileManager.default.removeItem(atPath: lock)
            return try fixture.run("sweep", "--plan")
        }
        #expect(refused.status == ExitStatus.badInput, "\(refused)")
        #expect(refused.standardError.contains("is open in another process"), "\(refused)")
        #expect(!refused.standardError.contains("settled"), "\(refused)")
        #expect(try fixture.run("audit").status == ExitStatus.success, "the audit chain is not forked")
        #expect(try fixture.run("sweep", "--plan").status == ExitStatus.success)
    }

    @Test("replacing vault.lock with another file while the vault is open changes nothing")
    func replacedLockFile() async throws {
        let fixture = try VaultFixture()
        let lock = fixture.directory.appendingPathComponent(VaultFolder.lockFileName).path
        let refused = try await fixture.withVault { _ in
            try FileManager.default.removeItem(atPath: lock)
            try Data().write(to: URL(fileURLWithPath: lock))
            return try fixture.run("sweep", "--plan")
        }
        #expect(refused.status == ExitStatus.badInput, "\(refused)")
        #expect(refused.standardError.contains("is open in another process"), "\(refused)")
    }

    @Test("a second open through the library is refused after vault.lock was deleted")
    func libraryAfterDeletedLockFile() async throws {
        let fixture = try VaultFixture()
        // flock locks belong to the open file, so a second open in this process takes its own
        // lock exactly as another process would.
        try await fixture.withVault { _ in
            try FileManager.default.removeItem(
                atPath: fixture.directory.appendingPathComponent(VaultFolder.lockFileName).path)
            await #expect(throws: VaultFolderError.inUse(path: fixture.directory.path)) {
                _ = try await VaultFolder.open(at: fixture.directory, passphrase: try .init(Tool.passphrase))
            }
        }
    }
}

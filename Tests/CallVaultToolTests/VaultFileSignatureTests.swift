import CallVault
import CallVaultAudit
import CallVaultCore
import CallVaultCrypto
import CallVaultSQLite
import Foundation
import Testing

/// vault.json and access-policy.json are signed by the organisation key (adversary finding 1: whoever
/// could write vault.json added a recipient and got a key to every later recording, unreported).
@Suite("callvault vault: signed configuration files")
struct VaultFileSignatureTests {
    /// Adds `recipient` to vault.json's recipients, as an attacker with write access to the folder.
    static func addRecipient(_ recipient: String, in fixture: VaultFixture) throws {
        let path = fixture.folder.configurationFile
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: path)) as? [String: Any])
        json["recipients"] = ((json["recipients"] as? [String]) ?? []) + [recipient]
        try JSONSerialization.data(withJSONObject: json).write(to: path)
    }

    static func attackerRecipient(_ fixture: VaultFixture) throws -> String {
        try fixture.workspace.succeed("keygen", "-o", "attacker.id")
        return try fixture.workspace.text("attacker.id.pub").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The entries recording signed versions of the files, in log order (a new vault's first one
    /// is its `vault.created` entry).
    static func fileSignatureEntries(_ fixture: VaultFixture) async throws -> [AuditEntry] {
        let trail = AuditFileTrail(path: fixture.folder.auditLogFile.path)
        let created = try await trail.entries(about: "vault").filter { $0.record.reasons.contains("version 1") }
        let signed = try await trail.entries(about: VaultFileSeal.auditTarget)
        return (created + signed).sorted { $0.sequence < $1.sequence }
    }

    @Test("a recipient added to vault.json outside CallVault is refused on open (exit 2) and reported by verify")
    func addedRecipientRefused() async throws {
        let fixture = try VaultFixture()
        try Self.addRecipient(try Self.attackerRecipient(fixture), in: fixture)

        let opened = try fixture.run("sweep", "--plan")
        #expect(opened.status == ExitStatus.tampered, "\(opened)")
        #expect(opened.standardError.contains("'recipients'"), "names what changed: \(opened)")
        #expect(opened.standardError.contains("accept-changes"), "says what to do: \(opened)")
        await #expect(throws: VaultFilesError.self) {
            _ = try await VaultFolder.open(at: fixture.directory, passphrase: try Passphrase(Tool.passphrase))
        }
        let verified = try fixture.run("verify")
        #expect(verified.status == ExitStatus.tampered, "\(verified)")
        #expect(verified.standardOutput.contains("file vault.json  vault-file-altered"), "\(verified)")
        let json = try fixture.run("verify", "--json")
        #expect(json.standardOutput.contains("\"file\" : \"vault.json\""), "\(json)")
    }

    @Test("an access policy edited outside CallVault is refused on open (exit 2)")
    func editedPolicyRefused() throws {
        let fixture = try VaultFixture()
        let policy = try fixture.workspace.text("vault/access-policy.json")
        try Data(policy.replacingOccurrences(of: "\"approvals\": 1", with: "\"approvals\": 0").utf8)
            .write(to: fixture.folder.accessPolicyFile)
        let opened = try fixture.run("sweep", "--plan")
        #expect(opened.status == ExitStatus.tampered, "\(opened)")
        #expect(opened.standardError.contains("access-policy.json was changed"), "\(opened)")
        #expect(opened.standardError.contains("'rules'"), "\(opened)")
    }

    @Test("a removed, forged or rolled-back seal is refused on open (exit 2)")
    func sealAttacks() async throws {
        let fixture = try VaultFixture()
        let seal = fixture.folder.sealFile
        let original = try Data(contentsOf: seal)

        try FileManager.default.removeItem(at: seal)
        let removed = try fixture.run("sweep", "--plan")
        #expect(removed.status == ExitStatus.tampered, "\(removed)")
        #expect(removed.standardError.contains("vault-files.sig is missing"), "\(removed)")

        // The attacker's vault.json with a seal copying it but signed by no one.
        let recipient = try Self.attackerRecipient(fixture)
        try Self.addRecipient(recipient, in: fixture)
        var forged = try #require(try JSONSerialization.jsonObject(with: original) as? [String: Any])
        var files = try #require(forged["files"] as? [String: String])
        files["vault.json"] = try Data(contentsOf: fixture.folder.configurationFile).base64EncodedString()
        forged["files"] = files
        try JSONSerialization.data(withJSONObject: forged).write(to: seal)
        let invalid = try fixture.run("sweep", "--plan")
        #expect(invalid.status == ExitStatus.tampered, "\(invalid)")
        #expect(invalid.standardError.contains("does not verify"), "\(invalid)")

        // A signed change (a rotation), then the earlier signed files put back.
        try original.write(to: seal)
        let configuration = VaultFixture.configuration.json()
        try Data(configuration.utf8).write(to: fixture.folder.configurationFile)
        try #require(try fixture.run("sweep", "--plan").status == ExitStatus.success)
        let before = try Data(contentsOf: fixture.folder.configurationFile)
        let rotated = try fixture.run("rotate", "--add", "attacker.id.pub")
        #expect(rotated.status == ExitStatus.success, "\(rotated)")
        #expect(try fixture.run("sweep", "--plan").status == ExitStatus.success, "a rotation signs its change")
        try original.write(to: seal)
        try before.write(to: fixture.folder.configurationFile)
        let rolledBack = try fixture.run("sweep", "--plan")
        #expect(rolledBack.status == ExitStatus.tampered, "\(rolledBack)")
        #expect(rolledBack.standardError.contains("an earlier copy was put back"), "\(rolledBack)")
    }

    @Test("a rotation signs vault.json and records the new version in the audit log")
    func rotationSignsAndAudits() async throws {
        let fixture = try VaultFixture()
        _ = try Self.attackerRecipient(fixture)
        let rotated = try fixture.run("rotate", "--add", "attacker.id.pub", "--by", "ops.olga")
        #expect(rotated.status == ExitStatus.success, "\(rotated)")
        let entries = try await Self.fileSignatureEntries(fixture)
        #expect(entries.count == 2, "created, then rotated: \(entries)")
        #expect(entries.last?.record.actor == "ops.olga")
        #expect(entries.last?.record.reasons.first == "version 2")
        #expect(entries.last?.record.reasons.contains { $0.contains("added to vault.json") } == true)
        #expect(try fixture.run("verify").status == ExitStatus.success)
        #expect(try fixture.run("sweep", "--plan").status == ExitStatus.success)
    }

    @Test("accept-changes signs a deliberate edit (audited); --restore puts the signed copy back")
    func acceptAndRestore() async throws {
        let fixture = try VaultFixture()
        let signed = try Data(contentsOf: fixture.folder.configurationFile)
        let recipient = try Self.attackerRecipient(fixture)
        try Self.addRecipient(recipient, in: fixture)

        let restored = try fixture.run("accept-changes", "--restore", "--by", "ops.olga")
        #expect(restored.status == ExitStatus.success, "\(restored)")
        #expect(restored.standardOutput.contains("vault.json differed from the signed copy: 'recipients'"))
        #expect(try Data(contentsOf: fixture.folder.configurationFile) == signed)
        #expect(try fixture.run("sweep", "--plan").status == ExitStatus.success)

        try Self.addRecipient(recipient, in: fixture)
        let accepted = try fixture.run("accept-changes", "--by", "ops.olga")
        #expect(accepted.status == ExitStatus.success, "\(accepted)")
        #expect(accepted.standardOutput.contains("signed as version 3"), "\(accepted)")
        #expect(try fixture.run("sweep", "--plan").status == ExitStatus.success)
        #expect(try fixture.run("verify").status == ExitStatus.success)
        #expect(try fixture.run("audit").status == ExitStatus.success)
        let entries = try await Self.fileSignatureEntries(fixture)
        #expect(entries.map(\.record.actor) == ["vault", "ops.olga", "ops.olga"])
        #expect(entries.last?.record.reasons.contains { $0.contains("vault.json changed: 'recipients'") } == true)
        #expect(try fixture.folder.configuration().additionalRecipients.count == 1)
    }

    @Test("a vault from before signed files is reported, then adopted once (audited) at the first open for writing")
    func legacyAdoption() async throws {
        let fixture = try VaultFixture()
        _ = try await LegacyVaultTests.recordAsBefore(fixture, calls: 1)
        try FileManager.default.removeItem(at: fixture.folder.sealFile)
        let before = try fixture.run("verify")
        #expect(before.standardOutput.contains("vault-files-unsigned-legacy"), "\(before)")

        #expect(try fixture.run("sweep", "--plan").status == ExitStatus.success)
        let entries = try await Self.fileSignatureEntries(fixture)
        #expect(entries.count == 1)
        #expect(entries.first?.record.reasons.contains { $0.hasPrefix("adopted:") } == true)
        #expect(FileManager.default.fileExists(atPath: fixture.folder.sealFile.path))
        let after = try fixture.run("verify")
        #expect(after.status == ExitStatus.success, "\(after)")

        // Adopted once: from now on a removed seal is an alteration, never a legacy vault.
        try FileManager.default.removeItem(at: fixture.folder.sealFile)
        #expect(try fixture.run("sweep", "--plan").status == ExitStatus.tampered)
    }
}

import CallVaultCrypto
import CallVaultSQLite
import Foundation
import Testing

/// `callvault vault init` and `list`, and what every vault command does with a folder that is not a
/// vault, a malformed `vault.json`, a wrong passphrase, or a vault another process has open.
@Suite("callvault vault: init, list and the folder")
struct VaultInitListTests {
    @Test("init makes a vault folder with the documented layout; list shows it empty")
    func initThenList() throws {
        let workspace = try Workspace()
        let made = try workspace.run(
            "vault", "init", "--vault", "new-vault", "--organisation", "Acme Bank", "--purpose", "quality",
            "--purpose", "dispute-resolution", "--retention-days", "365", "--audience", "supervisors",
            "--complaint-contact", "email:complaints@acme.example", "--language", "de", "--hold-officer", "legal.alice")
        #expect(made.status == ExitStatus.success, "\(made)")
        #expect(made.standardOutput.contains("recipient: callvault1"), "\(made)")
        #expect(!made.standardOutput.contains(Tool.passphrase) && !made.standardError.contains(Tool.passphrase))
        for file in [
            "vault.json", "access-policy.json", "keys/organisation.signing-key", "keys/recordings.identity",
            "vault.sqlite", "audit.log",
        ] {
            #expect(workspace.exists("new-vault/\(file)"), "\(file) missing")
        }
        #expect(try workspace.permissions("new-vault") == 0o700)
        #expect(try workspace.permissions("new-vault/keys/recordings.identity") == 0o600)

        let configuration = try VaultConfiguration(json: try workspace.text("new-vault/vault.json"))
        #expect(configuration.organisation == "Acme Bank")
        #expect(configuration.purposes.map(\.identifier) == ["quality", "dispute-resolution"])
        #expect(configuration.retentionDays == 365)
        #expect(configuration.defaultLanguage == "de")
        #expect(configuration.holdOfficers == ["legal.alice"])
        #expect(configuration.complaintContact == .email("complaints@acme.example"))

        let recipient = try IdentityFile.recipient(in: try workspace.text("new-vault/keys/recordings.identity"))
        #expect(made.standardOutput.contains("recipient: \(recipient)"), "\(made)")
        let audited = try workspace.run("vault", "audit", "--vault", "new-vault")
        #expect(audited.status == ExitStatus.success, "\(audited)")
        // The log starts with the vault: its first entries record the creation and the catalog's
        // (empty) adoption of row signatures, and are signed.
        #expect(audited.standardOutput.contains("entries: 2; checkpoints: 1"), "\(audited)")
        #expect(audited.standardOutput.contains("anchor: the log reaches the anchored checkpoint"), "\(audited)")

        let listed = try workspace.run("vault", "list", "--vault", "new-vault")
        #expect(listed.status == ExitStatus.success, "\(listed)")
        #expect(listed.standardOutput.contains("No recordings."), "\(listed)")
        let json = try workspace.run("vault", "list", "--json", "--vault", "new-vault")
        #expect(json.standardOutput.filter { !$0.isWhitespace } == "[]", "\(json)")

        let again = try Tool.run(
            VaultInitArguments.minimum(vault: "new-vault", organisation: "Other"), in: workspace.directory)
        #expect(again.status == ExitStatus.badInput, "\(again)")
        #expect(again.standardError.contains("already holds files"), "\(again)")
    }

    @Test("list names recordings, states and holds; --state filters")
    func listRecordings() async throws {
        let fixture = try VaultFixture()
        let ids = try await fixture.recordCalls(2, startingAt: Date().addingTimeInterval(-3_600))
        let listed = try fixture.run("list")
        #expect(listed.status == ExitStatus.success, "\(listed)")
        for id in ids { #expect(listed.standardOutput.contains("\(id)  complete"), "\(listed)") }
        #expect(listed.standardOutput.contains("2 recordings."))
        #expect(
            try fixture.run("list", "--state", "deleted").standardOutput.contains("No recordings in state deleted."))
        #expect(try fixture.run("list", "--state", "gone").status == ExitStatus.usage)
    }

    @Test("a folder that is not a vault is refused, and nothing is created in it")
    func notAVault() throws {
        let workspace = try Workspace()
        try FileManager.default.createDirectory(
            at: workspace.directory.appendingPathComponent("plain"), withIntermediateDirectories: false)
        for command in [["list"], ["audit"], ["sweep", "--plan"]] {
            let run = try Tool.run(["vault"] + command + ["--vault", "plain"], in: workspace.directory)
            #expect(run.status == ExitStatus.badInput, "\(run)")
            #expect(run.standardError.contains("is not a CallVault vault folder"), "\(run)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.path("plain")).isEmpty)
    }

    @Test("a malformed edit of a signed vault.json is refused as altered (exit 2), naming the field and the restore")
    func malformedConfiguration() throws {
        let fixture = try VaultFixture()
        let path = "vault/vault.json"
        let original = try fixture.workspace.text(path)
        try fixture.workspace.write(
            Array(original.replacingOccurrences(of: "\"dispute-resolution\"", with: "\"Disputes!\"").utf8), to: path)
        let run = try fixture.run("list")
        #expect(run.status == ExitStatus.tampered, "\(run)")
        #expect(run.standardError.contains("field 'purposes[1]'"), "\(run)")
        #expect(run.standardError.contains("accept-changes --restore"), "\(run)")

        try fixture.workspace.write(
            Array(original.replacingOccurrences(of: "\"organisation\"", with: "\"organization\"").utf8), to: path)
        let typo = try fixture.run("list")
        #expect(typo.standardError.contains("field 'organization': unknown field"), "\(typo)")
    }

    @Test("a wrong passphrase is exit status 4, and nothing is written")
    func wrongPassphrase() throws {
        let fixture = try VaultFixture()
        let log = try fixture.workspace.read("vault/audit.log")
        let run = try fixture.run("sweep", passphrase: "not the passphrase")
        #expect(run.status == ExitStatus.wrongKey, "\(run)")
        #expect(run.standardError.contains("passphrase does not open"), "\(run)")
        #expect(try fixture.workspace.read("vault/audit.log") == log, "the log the vault started with, unchanged")
    }

    @Test("a vault open in another process is refused until it is closed")
    func inUse() async throws {
        let fixture = try VaultFixture()
        let refused = try await fixture.withVault { _ in try fixture.run("sweep", "--plan") }
        #expect(refused.status == ExitStatus.badInput, "\(refused)")
        #expect(refused.standardError.contains("is open in another process"), "\(refused)")
        #expect(try fixture.run("sweep", "--plan").status == ExitStatus.success)
    }

    @Test("help lists every vault command and the exit statuses")
    func help() throws {
        let workspace = try Workspace()
        let run = try workspace.run("vault", "--help")
        #expect(run.status == ExitStatus.success, "\(run)")
        for command in [
            "init", "list", "show", "play", "export", "hold", "sweep", "audit", "complaint", "rotate", "report",
        ] {
            #expect(run.standardOutput.contains("  \(command) "), "\(command) missing from \(run)")
        }
        let text = run.standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("6 access denied"), "\(run)")
        let play = try workspace.run("vault", "play", "--help")
        #expect(play.standardOutput.contains("plaintext"), "\(play)")
        for option in ["--as", "--purpose", "--from", "--to", "--out"] {
            #expect(play.standardOutput.contains(option), "\(option) missing from \(play)")
        }
    }
}

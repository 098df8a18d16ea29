import CallVaultSQLite
import Foundation
import Testing

/// `vault init` and `vault accept-changes` refuse a configuration from which the transparency
/// report's written notice cannot be rendered, so `vault report` works for every vault the tool
/// makes or accepts (outside review finding 8).
@Suite("callvault vault: init and accept-changes need what the transparency report says")
struct VaultNoticeFieldsTests {
    struct Imported: Decodable {
        var recordingID: String
    }

    @Test("init without an audience, complaint contact or retention refuses, naming every option, and makes nothing")
    func initRefusesIncompleteNotice() throws {
        let workspace = try Workspace()
        let refused = try workspace.run("vault", "init", "--vault", "v", "--organisation", "Test Org")
        #expect(refused.status == ExitStatus.badInput, "\(refused)")
        for option in ["--audience", "--complaint-contact", "--retention-days"] {
            #expect(refused.standardError.contains(option), "names \(option): \(refused)")
        }
        #expect(!workspace.exists("v"), "nothing created: \(refused)")

        let oneMissing = try workspace.run(
            "vault", "init", "--vault", "v", "--organisation", "Test Org", "--retention-days", "365",
            "--complaint-contact", "email:c@example.com")
        #expect(oneMissing.status == ExitStatus.badInput, "\(oneMissing)")
        #expect(oneMissing.standardError.contains("--audience"), "\(oneMissing)")
        #expect(!oneMissing.standardError.contains("--complaint-contact"), "names only what is missing: \(oneMissing)")
        #expect(!workspace.exists("v"))
    }

    @Test("accept-changes of a vault.json without audiences refuses, naming the field, and signs nothing")
    func acceptChangesRefusesIncompleteNotice() throws {
        let fixture = try VaultFixture()
        let signature = fixture.directory.appendingPathComponent("vault-files.sig")
        let signedBefore = try Data(contentsOf: signature)
        var configuration = try fixture.folder.configuration()
        configuration.audiences = []
        try Data(configuration.json().utf8).write(to: fixture.folder.configurationFile)

        let refused = try fixture.run("accept-changes", "--by", "ops.olga")
        #expect(refused.status == ExitStatus.badInput, "\(refused)")
        #expect(refused.standardError.contains("audiences"), "\(refused)")
        #expect(refused.standardError.contains("--audience"), "\(refused)")
        #expect(try Data(contentsOf: signature) == signedBefore, "nothing signed")
    }

    @Test("a vault made with the fewest options init accepts produces a transparency report")
    func minimumVaultReports() throws {
        let workspace = try Workspace()
        let made = try Tool.run(VaultInitArguments.minimum(vault: "v"), in: workspace.directory)
        #expect(made.status == ExitStatus.success, "\(made)")
        try workspace.write(WAVFixture(encoding: .muLaw, frames: 8_000).bytes, to: "call.wav")
        let imported = try workspace.run(
            "vault", "import", "--vault", "v", "--call-id", "legacy-1", "--started-at", "2019-03-04T10:15:00Z",
            "--party", "customer@US-CA:en-US", "--party", "agent@US-TX", "--regime", "contact-centre-practice",
            "--consent-evidence", "IVR consent prompt log, row 42", "--by", "ops.dana", "--json", "call.wav")
        #expect(imported.status == ExitStatus.success, "\(imported)")
        let id = try JSONDecoder().decode(Imported.self, from: Data(imported.standardOutput.utf8)).recordingID
        let report = try workspace.run("vault", "report", "--vault", "v", id)
        #expect(report.status == ExitStatus.success, "\(report)")
        #expect(report.standardOutput.contains("complaints@acme.example"), "\(report)")
    }
}

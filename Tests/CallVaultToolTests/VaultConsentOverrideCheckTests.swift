import CallVault
import CallVaultAudit
import CallVaultSQLite
import Foundation
import Testing

/// Consent catalog override files are loaded when a configuration is accepted (outside review,
/// finding 13): a missing file or a review date in the future is refused by `init` and
/// `accept-changes` with the reason, rather than accepted and then breaking every later command.
@Suite("vault.json: consent catalog override files checked when accepted")
struct VaultConsentOverrideCheckTests {
    /// An override row reviewed on `reviewed`.
    static func overrideCSV(reviewed: String) -> String {
        """
        code,name,consent_model,notice_counts_as_consent,notes,source,reviewed
        US-TX,Texas (house rule: ask everyone),all-party,no,Our legal team asks every Texan.,internal memo,\(reviewed)

        """
    }

    /// Lists `names` as the fixture's override files in its vault.json.
    static func listOverrides(_ names: [String], in fixture: VaultFixture) throws {
        var configuration = VaultFixture.configuration
        configuration.consentCatalogOverrides = names
        try Data(configuration.json().utf8).write(to: fixture.folder.configurationFile)
    }

    @Test("accept-changes refuses an override file that is not there (exit 1), signing nothing")
    func missingOverrideRefused() async throws {
        let fixture = try VaultFixture()
        let sealBefore = try Data(contentsOf: fixture.folder.sealFile)
        try Self.listOverrides(["nope.csv"], in: fixture)
        let accepted = try fixture.run("accept-changes", "--by", "desk")
        #expect(accepted.status == ExitStatus.badInput, "\(accepted)")
        #expect(accepted.standardError.contains("nope.csv"), "\(accepted)")
        #expect(try Data(contentsOf: fixture.folder.sealFile) == sealBefore, "nothing was signed")
        let trail = AuditFileTrail(path: fixture.folder.auditLogFile.path)
        #expect(try await trail.entries(about: VaultFileSeal.auditTarget).isEmpty)
    }

    @Test("accept-changes refuses an override file reviewed in the future (exit 1), and accepts a past review")
    func futureReviewRefusedOnAccept() throws {
        let fixture = try VaultFixture()
        let overridePath = fixture.directory.appendingPathComponent("texas.csv")
        try Data(Self.overrideCSV(reviewed: "2099-01-01").utf8).write(to: overridePath)
        try Self.listOverrides(["texas.csv"], in: fixture)
        let refused = try fixture.run("accept-changes", "--by", "desk")
        #expect(refused.status == ExitStatus.badInput, "\(refused)")
        #expect(refused.standardError.contains("2099-01-01"), "\(refused)")
        #expect(refused.standardError.contains("later than today"), "\(refused)")

        try Data(Self.overrideCSV(reviewed: "2026-01-15").utf8).write(to: overridePath)
        let accepted = try fixture.run("accept-changes", "--by", "desk")
        #expect(accepted.status == ExitStatus.success, "\(accepted)")
    }

    @Test("init refuses an override file reviewed in the future, and makes no vault")
    func futureReviewRefusedOnInit() throws {
        let workspace = try Workspace()
        try workspace.write(Array(Self.overrideCSV(reviewed: "2099-01-01").utf8), to: "texas.csv")
        let refused = try workspace.run(
            "vault", "init", "--vault", "v", "--organisation", "Acme", "--retention-days", "730",
            "--audience", "supervisors", "--complaint-contact", "email:complaints@acme.example",
            "--consent-overrides", "texas.csv")
        #expect(refused.status == ExitStatus.badInput, "\(refused)")
        #expect(refused.standardError.contains("later than today"), "\(refused)")
        #expect(!workspace.exists("v"))
    }

    @Test("an empty override file is said to be empty")
    func emptyOverrideNamed() throws {
        let fixture = try VaultFixture()
        try Data().write(to: fixture.directory.appendingPathComponent("texas.csv"))
        try Self.listOverrides(["texas.csv"], in: fixture)
        let refused = try fixture.run("accept-changes", "--by", "desk")
        #expect(refused.status == ExitStatus.badInput, "\(refused)")
        #expect(refused.standardError.contains("is empty"), "\(refused)")
        #expect(!refused.standardError.contains("has a header"), "\(refused)")
    }
}

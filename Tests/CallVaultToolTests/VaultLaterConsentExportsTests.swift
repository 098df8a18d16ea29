import CallVault
import CallVaultCore
import CallVaultCrypto
import CallVaultRetention
import CallVaultSQLite
import Foundation
import Testing

/// Issue 12 items 4, 6 and 10 through the tool: `vault consent`, a court order exported from a
/// recording disclosed for quality and dispute resolution only, and the export register
/// (`vault exports`, `vault show --json`, deletion certificates).
@Suite("callvault vault consent, court orders and the export register")
struct VaultLaterConsentExportsTests {
    /// The fixture's rules, plus supervisors listening for training and compliance exporting for
    /// legal obligations (with a reference and one approval).
    static let policy = """
        {
          "version": "tool-tests-issue12",
          "rules": [
            { "id": "supervisors-listen", "effect": "allow", "roles": ["supervisor"], "actions": ["listen"],
              "purposes": ["quality", "training"], "conditions": { "sameTeam": true } },
            { "id": "compliance-export", "effect": "allow", "roles": ["compliance-officer"],
              "actions": ["export-legal", "listen"], "purposes": ["dispute-resolution", "legal-regulatory"],
              "conditions": { "legalReference": true, "approvals": 1 } }
          ]
        }
        """

    static func json(_ run: ToolRun) throws -> [String: Any] {
        try #require(
            try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any], "\(run)")
    }

    @Test("a later consent is recorded, shown, and opens the recording to its purpose; withdrawn, it closes again")
    func laterConsent() async throws {
        let fixture = try VaultFixture(policy: Self.policy)
        let id = try await fixture.recordCalls(1, startingAt: Date().addingTimeInterval(-3_600))[0]
        let maria = try fixture.principal("maria", role: "supervisor", team: "team-a")
        let before = try fixture.run("play", id.description, "--as", maria, "--purpose", "training", "--out", "a.wav")
        #expect(before.status == 6, "\(before)")
        #expect(before.standardOutput.contains("needs new consent"), "\(before)")

        let consent = try fixture.run(
            "consent", id.description, "--purpose", "training", "--channel", "web-form", "--evidence", "form 88412",
            "--as", "dpo.ana", "--json")
        #expect(consent.status == ExitStatus.success, "\(consent)")
        let report = try Self.json(consent)
        #expect(report["change"] as? String == "given")
        #expect(report["purposes"] as? [String] == ["training"])
        #expect(report["disclosedPurposes"] as? [String] == ["dispute-resolution", "quality", "training"])
        #expect(try await fixture.auditEntries(about: id).last?.record.action.identifier == "consent.later-given")

        let show = try Self.json(try fixture.run("show", id.description, "--json"))
        #expect(show["disclosedPurposes"] as? [String] == ["dispute-resolution", "quality", "training"])
        #expect(show["purposesDisclosedOnTheCall"] as? [String] == ["dispute-resolution", "quality"])
        let later = try #require(show["laterConsents"] as? [[String: Any]])
        #expect(later.count == 1)
        #expect(later.first?["signatureVerifies"] as? Bool == true)
        #expect(later.first?["evidence"] as? String == "form 88412")
        #expect(later.first?["recordedBy"] as? String == "dpo.ana")

        let after = try fixture.run("play", id.description, "--as", maria, "--purpose", "training", "--out", "b.wav")
        #expect(after.status == ExitStatus.success, "\(after)")

        let again = try fixture.run(
            "consent", id.description, "--purpose", "training", "--channel", "web-form", "--evidence", "form 2",
            "--as", "dpo.ana")
        #expect(again.status == ExitStatus.badInput, "\(again)")
        #expect(again.standardError.contains("already be used for training"), "\(again)")

        let withdrawn = try fixture.run(
            "consent", id.description, "--withdraw", "--purpose", "training", "--channel", "email", "--evidence",
            "mail 7", "--as", "dpo.ana")
        #expect(withdrawn.status == ExitStatus.success, "\(withdrawn)")
        let closed = try fixture.run("play", id.description, "--as", maria, "--purpose", "training", "--out", "c.wav")
        #expect(closed.status == 6, "\(closed)")
    }

    @Test("consent for an unknown recording, an unknown channel or no purpose is refused")
    func consentRefusals() async throws {
        let fixture = try VaultFixture()
        let id = try await fixture.recordCalls(1, startingAt: Date().addingTimeInterval(-3_600))[0]
        let unknown = try fixture.run(
            "consent", RecordingID().description, "--purpose", "training", "--channel", "web-form", "--evidence",
            "form 1", "--as", "dpo.ana")
        #expect(unknown.status == ExitStatus.badInput, "\(unknown)")
        #expect(unknown.standardError.contains("There is no recording"), "\(unknown)")
        let channel = try fixture.run(
            "consent", id.description, "--purpose", "training", "--channel", "fax", "--evidence", "x", "--as", "dpo")
        #expect(channel.status == ExitStatus.usage, "\(channel)")
        let none = try fixture.run(
            "consent", id.description, "--channel", "web-form", "--evidence", "x", "--as", "dpo")
        #expect(none.status == ExitStatus.usage, "\(none)")
    }

    @Test("a court order exports a recording disclosed for quality and dispute resolution; the rules still apply")
    func courtOrderExport() async throws {
        let fixture = try VaultFixture(policy: Self.policy)
        let id = try await fixture.recordCalls(1, startingAt: Date().addingTimeInterval(-3_600))[0]
        try fixture.workspace.succeed("keygen", "-o", "court.id")
        let priya = try fixture.principal("priya", role: "compliance-officer")
        let unapproved = try fixture.run(
            "export", id.description, "--as", priya, "--purpose", "legal-regulatory", "--legal-reference",
            "court order 26-cv-0042", "--recipient", "court.id.pub", "--out", "refused")
        #expect(unapproved.status == 6, "\(unapproved)")
        #expect(!unapproved.standardOutput.contains("needs new consent"), "\(unapproved)")
        #expect(unapproved.standardOutput.contains("approval"), "\(unapproved)")

        let run = try fixture.run(
            "export", id.description, "--as", priya, "--purpose", "legal-regulatory", "--legal-reference",
            "court order 26-cv-0042", "--approved-by", "legal.bob", "--recipient", "court.id.pub", "--out", "package")
        #expect(run.status == ExitStatus.success, "\(run)")
        let files = try ExportPackage.readFiles(in: fixture.workspace.directory.appendingPathComponent("package"))
        let manifest = try ExportPackage.verify(files: files, trustedKey: try fixture.folder.verifyingKey())
        #expect(manifest.purpose == .legalOrRegulatory)
    }

    @Test("exports are registered, listed, shown, and named by the deletion certificate once the recording is swept")
    func registerAndCertificate() async throws {
        let fixture = try VaultFixture()
        // Recorded three years ago: retention (at most two years) has ended.
        let id = try await fixture.recordCalls(1, startingAt: Date().addingTimeInterval(-3 * 365 * 86_400))[0]
        try fixture.workspace.succeed("keygen", "-o", "court.id")
        let priya = try fixture.principal("priya", role: "compliance-officer")
        let export = try fixture.run(
            "export", id.description, "--as", priya, "--purpose", "dispute-resolution", "--legal-reference", "case 7",
            "--approved-by", "legal.bob", "--recipient", "court.id.pub", "--out", "package")
        try #require(export.status == ExitStatus.success, "\(export)")
        let court = try Recipient(
            parsing: try fixture.workspace.text("court.id.pub").trimmingCharacters(in: .whitespacesAndNewlines))

        let listed = try fixture.run("exports", "--json")
        #expect(listed.status == ExitStatus.success, "\(listed)")
        let records = try #require(
            try JSONSerialization.jsonObject(with: Data(listed.standardOutput.utf8)) as? [[String: Any]])
        #expect(records.count == 1)
        #expect(records.first?["kind"] as? String == "legal-export")
        #expect(records.first?["request"] as? String == "case 7")
        #expect(records.first?["exportedBy"] as? String == "priya")
        #expect(records.first?["recordingIDs"] as? [String] == [id.description])
        #expect(records.first?["recipients"] as? [String] == [court.fingerprint.description])
        #expect(records.first?["signatureVerifies"] as? Bool == true)
        let show = try Self.json(try fixture.run("show", id.description, "--json"))
        #expect((show["exports"] as? [[String: Any]])?.first?["request"] as? String == "case 7")

        let sweep = try fixture.run("sweep")
        #expect(sweep.status == ExitStatus.success, "\(sweep)")
        #expect(sweep.standardOutput.contains("deleted  \(id)"), "\(sweep)")
        let stores = try SQLiteVault.open(at: fixture.directory)
        let tombstone = try #require(try await stores.retention.tombstone(id))
        let certificate = try SignedDocument<DeletionCertificate>(fileContents: tombstone.certificate)
            .verified(by: try fixture.folder.verifyingKey())
        #expect(certificate.copiesOutsideVault.map(\.request) == ["case 7"])
        #expect(certificate.copiesOutsideVault.first?.recipients == [court.fingerprint.description])
        #expect(certificate.copiesOutsideVault.first?.exportedBy == "priya")
        // The package is still readable after the deletion: a copy outside the vault's control.
        #expect(fixture.workspace.exists("package/recording.cvr"))
    }

    @Test("sweep --help no longer says shredding destroys every copy, and names the copies outside the vault")
    func sweepHelp() throws {
        let run = try Workspace().run("vault", "sweep", "--help")
        let text = run.standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(!text.contains("destroys every copy"), "\(run)")
        #expect(text.contains("outside its control"), "\(run)")
        #expect(text.contains("vault exports"), "\(run)")
        let vault = try Workspace().run("vault", "--help")
        for command in ["consent", "exports"] {
            #expect(vault.standardOutput.contains("  \(command) "), "\(command) missing from \(vault)")
        }
    }
}

import CallVault
import CallVaultCore
import CallVaultCrypto
import CallVaultRetention
import CallVaultSQLite
import Foundation
import GRDB
import Testing

/// Review findings 2 to 5: whoever can write `vault.sqlite` (and holds no key) edits the columns
/// the sweep searches by, deletes a later consent's withdrawal, copies a receipt onto another
/// recording or deletes the export register's rows. Each edit is noticed: `vault verify` exits 2
/// naming it, and the sweep and the access path do not act on it.
@Suite("database edits of retention indexes, later consents and the export register are noticed")
struct DatabaseIndexAndRegisterEditTests {
    static let threeYearsAgo = Date().addingTimeInterval(-3 * 365 * 86_400)

    @Test(
        "a due index cleared or pushed back: verify exits 2 naming the row, the sweep refuses (exit 2) instead of keeping it for ever",
        arguments: ["due_at = NULL", "due_at = due_at + 1e9"])
    func dueIndexEdited(edit: String) async throws {
        let fixture = try VaultFixture()
        let id = try await fixture.recordCalls(1, startingAt: Self.threeYearsAgo)[0]
        try DatabaseEdit.execute(
            fixture, "UPDATE retention_record SET \(edit) WHERE recording_id = ?", [id.description])

        let verified = try DatabaseEdit.verifyTampered(fixture)
        #expect(
            verified.problems.contains { $0.recording == id.description && $0.kind == "retention-index-altered" },
            "\(verified)")
        let sweep = try fixture.run("sweep")
        #expect(sweep.status == ExitStatus.tampered, "\(sweep)")
        #expect(sweep.standardError.contains(id.description), "\(sweep)")
        let show = try fixture.run("show", id.description, "--json")
        #expect(show.standardOutput.contains("retention-index-altered"), "\(show)")
    }

    @Test("a deletion marked begun in the index alone is tampering, not a deletion in progress")
    func deletionBegunEdited() async throws {
        let fixture = try VaultFixture()
        let id = try await fixture.recordCalls(1, startingAt: Date().addingTimeInterval(-3_600))[0]
        try DatabaseEdit.execute(
            fixture, "UPDATE retention_record SET deletion_begun = 1 WHERE recording_id = ?", [id.description])
        let verified = try DatabaseEdit.verifyTampered(fixture)
        #expect(
            verified.problems.contains { $0.recording == id.description && $0.kind == "retention-index-altered" },
            "\(verified)")
    }

    @Test("a withdrawal deleted from the database does not reopen the recording: play exits 2, verify exits 2")
    func withdrawalDeleted() async throws {
        let fixture = try VaultFixture(policy: VaultLaterConsentExportsTests.policy)
        let id = try await fixture.recordCalls(1, startingAt: Date().addingTimeInterval(-3_600))[0]
        let maria = try fixture.principal("maria", role: "supervisor", team: "team-a")
        let given = try fixture.run(
            "consent", id.description, "--purpose", "training", "--channel", "web-form", "--evidence", "form 1",
            "--as", "dpo.ana")
        try #require(given.status == ExitStatus.success, "\(given)")
        let withdrawn = try fixture.run(
            "consent", id.description, "--withdraw", "--purpose", "training", "--channel", "email", "--evidence",
            "mail 7", "--as", "dpo.ana")
        try #require(withdrawn.status == ExitStatus.success, "\(withdrawn)")
        try DatabaseEdit.execute(
            fixture, "DELETE FROM later_consent WHERE recording_id = ? AND signed_file LIKE '%withdrawn%'",
            [id.description])

        let play = try fixture.run("play", id.description, "--as", maria, "--purpose", "training", "--out", "a.wav")
        #expect(play.status == ExitStatus.tampered, "\(play)")
        #expect(!fixture.workspace.exists("a.wav"))
        let verified = try DatabaseEdit.verifyTampered(fixture)
        #expect(
            verified.problems.contains { $0.recording == id.description && $0.kind == "later-consent-missing" },
            "\(verified)")
        let show = try fixture.run("show", id.description, "--json")
        #expect(show.standardOutput.contains("later-consent-missing"), "\(show)")
    }

    @Test(
        "a later consent copied onto another recording: show says it does not verify and counts nothing; verify exits 2"
    )
    func receiptCopied() async throws {
        let fixture = try VaultFixture(policy: VaultLaterConsentExportsTests.policy)
        let ids = try await fixture.recordCalls(2, startingAt: Date().addingTimeInterval(-3_600))
        let consent = try fixture.run(
            "consent", ids[0].description, "--purpose", "training", "--channel", "web-form", "--evidence", "form 1",
            "--as", "dpo.ana")
        try #require(consent.status == ExitStatus.success, "\(consent)")
        try DatabaseEdit.execute(
            fixture,
            """
            INSERT INTO later_consent (receipt_id, recording_id, recorded_at, signed_file)
            SELECT 'copied', ?, recorded_at, signed_file FROM later_consent WHERE recording_id = ?
            """, [ids[1].description, ids[0].description])

        let show = try VaultLaterConsentExportsTests.json(try fixture.run("show", ids[1].description, "--json"))
        #expect(show["integrity"] as? String == "tampered", "\(show)")
        let later = try #require(show["laterConsents"] as? [[String: Any]])
        #expect(later.first?["signatureVerifies"] as? Bool == false, "\(later)")
        #expect((show["disclosedPurposes"] as? [String])?.contains("training") == false, "\(show)")
        let verified = try DatabaseEdit.verifyTampered(fixture)
        #expect(
            verified.problems.contains { $0.recording == ids[1].description && $0.kind == "later-consent-invalid" },
            "\(verified)")
        #expect(!verified.problems.contains { $0.recording == ids[0].description }, "\(verified)")
    }

    @Test("export register rows deleted: verify exits 2, and the deletion certificate still names the copy")
    func exportRegisterDeleted() async throws {
        let fixture = try VaultFixture()
        let id = try await fixture.recordCalls(1, startingAt: Self.threeYearsAgo)[0]
        try fixture.workspace.succeed("keygen", "-o", "court.id")
        let priya = try fixture.principal("priya", role: "compliance-officer")
        let export = try fixture.run(
            "export", id.description, "--as", priya, "--purpose", "dispute-resolution", "--legal-reference", "case 7",
            "--approved-by", "legal.bob", "--recipient", "court.id.pub", "--out", "package")
        try #require(export.status == ExitStatus.success, "\(export)")
        try DatabaseEdit.execute(fixture, "DELETE FROM export_recording", [])
        try DatabaseEdit.execute(fixture, "DELETE FROM export_record", [])

        let verified = try DatabaseEdit.verifyTampered(fixture)
        #expect(
            verified.problems.contains { $0.recording == id.description && $0.kind == "export-missing" },
            "\(verified)")
        let sweep = try fixture.run("sweep")
        #expect(sweep.standardOutput.contains("deleted  \(id)"), "\(sweep)")
        let stores = try SQLiteVault.open(at: fixture.directory)
        let tombstone = try #require(try await stores.retention.tombstone(id))
        let certificate = try SignedDocument<DeletionCertificate>(fileContents: tombstone.certificate)
            .verified(by: try fixture.folder.verifyingKey())
        #expect(certificate.copiesOutsideVault.count == 1, "\(certificate)")
        #expect(certificate.copiesOutsideVault.first?.request.contains("case 7") == true, "\(certificate)")
        #expect(certificate.copiesOutsideVault.first?.exportedBy == "priya", "\(certificate)")
    }
}

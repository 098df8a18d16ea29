import CallVault
import CallVaultCore
import CallVaultSQLite
import Foundation
import GRDB
import Testing

/// The fifth review's findings: whoever can write `vault.sqlite` adds schema (a trigger that
/// ignores or copies the deletion of wrapped keys, an extra table), redefines the due index behind
/// its own SQL text (`PRAGMA writable_schema`), or edits the proof of a deletion (the tombstone,
/// its certificate) or a hold's release column. Each used to leave `vault verify` at exit 0, and
/// the first two let a sweep report a deletion that kept the keys, or keep a due recording.
@Suite("database edits of the schema, tombstones and hold columns are noticed")
struct DatabaseSchemaEditTests {
    static let threeYearsAgo = Date().addingTimeInterval(-3 * 365 * 86_400)

    private func state(_ fixture: VaultFixture, _ id: RecordingID) throws -> String? {
        try DatabaseEdit.queue(fixture).read { db in
            try String.fetchOne(db, sql: "SELECT state FROM recording WHERE id = ?", arguments: [id.description])
        }
    }

    private func wrapCount(_ fixture: VaultFixture, _ id: RecordingID) throws -> Int {
        try DatabaseEdit.queue(fixture).read { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM wrapped_key WHERE recording_id = ?", arguments: [id.description])
                ?? 0
        }
    }

    @Test(
        "a trigger that keeps or copies wrapped keys on deletion: every command refuses the vault (exit 2), the keys are not claimed shredded",
        arguments: [
            "CREATE TRIGGER keep_wraps BEFORE DELETE ON wrapped_key BEGIN SELECT RAISE(IGNORE); END;",
            """
            CREATE TABLE stash (recording_id TEXT, position INTEGER, wrap BLOB);
            CREATE TRIGGER stash_wraps BEFORE DELETE ON wrapped_key
            BEGIN INSERT INTO stash VALUES (old.recording_id, old.position, old.wrap); END;
            """,
        ])
    func triggerAdded(schema: String) async throws {
        let fixture = try VaultFixture()
        let id = try await fixture.recordCalls(1, startingAt: Self.threeYearsAgo)[0]
        try await DatabaseEdit.queue(fixture).write { db in try db.execute(sql: schema) }

        let verify = try fixture.run("verify")
        #expect(verify.status == ExitStatus.tampered, "\(verify)")
        #expect(verify.standardError.contains("never made"), "\(verify)")
        let sweep = try fixture.run("sweep")
        #expect(sweep.status == ExitStatus.tampered, "\(sweep)")
        #expect(!sweep.standardOutput.contains("deleted  \(id)"), "\(sweep)")
        #expect(try state(fixture, id) == "complete")
        #expect(try wrapCount(fixture, id) > 0)
        #expect(try fixture.run("list").status == ExitStatus.tampered)
    }

    @Test("the due index narrowed behind its own SQL text: verify and the sweep refuse (exit 2), nothing kept silently")
    func dueIndexNarrowed() async throws {
        let fixture = try VaultFixture()
        let id = try await fixture.recordCalls(1, startingAt: Self.threeYearsAgo)[0]
        try await DatabaseEdit.queue(fixture).write { db in
            let declared: String = try #require(
                try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'retention_due'"))
            try db.execute(
                sql: """
                    DROP INDEX retention_due;
                    CREATE INDEX retention_due ON retention_record (due_at, recording_id)
                        WHERE deletion_begun = 0 AND due_at IS NOT NULL AND recording_id <> '\(id)';
                    PRAGMA writable_schema = ON;
                    UPDATE sqlite_master SET sql = ? WHERE name = 'retention_due';
                    PRAGMA writable_schema = OFF;
                    """, arguments: [declared])
        }
        let verify = try fixture.run("verify")
        #expect(verify.status == ExitStatus.tampered, "\(verify)")
        #expect(verify.standardOutput.contains("database-inconsistent"), "\(verify)")
        let sweep = try fixture.run("sweep")
        #expect(sweep.status == ExitStatus.tampered, "\(sweep)")
        #expect(sweep.standardError.contains("retention_due"), "\(sweep)")
        #expect(try state(fixture, id) == "complete")
    }

    @Test(
        "a deleted recording's proof edited: its tombstone removed, moved earlier, or its certificate altered; verify exits 2",
        arguments: [
            ("DELETE FROM tombstone", "tombstone-missing"),
            ("UPDATE tombstone SET deleted_at = deleted_at - 40 * 86400", "deletion-certificate-invalid"),
            (
                "UPDATE tombstone SET certificate = replace(certificate, 'retention', 'Retention')",
                "deletion-certificate-invalid"
            ),
        ])
    func deletionProofEdited(edit: String, kind: String) async throws {
        let fixture = try VaultFixture()
        let id = try await fixture.recordCalls(1, startingAt: Self.threeYearsAgo)[0]
        let sweep = try fixture.run("sweep")
        try #require(sweep.status == ExitStatus.success, "\(sweep)")
        try #require(try state(fixture, id) == "deleted")
        #expect(try fixture.run("verify").status == ExitStatus.success)
        try DatabaseEdit.execute(fixture, edit, [])

        let verify = try fixture.run("verify")
        #expect(verify.status == ExitStatus.tampered, "\(verify)")
        #expect(verify.standardOutput.contains("\(id)  \(kind)"), "\(verify)")
    }

    @Test("a hold's release column set without its signed row: verify exits 2 and the hold stays in force")
    func holdReleaseColumnEdited() async throws {
        let fixture = try VaultFixture()
        let ids = try await fixture.recordCalls(2, startingAt: Self.threeYearsAgo)
        let placed = try fixture.run(
            "hold", "place", "--matter", "M", "--reason", "R", "--recording", ids[0].description, "--by",
            "legal.alice", "--id", "H1")
        try #require(placed.status == ExitStatus.success, "\(placed)")
        try DatabaseEdit.execute(fixture, "UPDATE legal_hold SET released_at = 1 WHERE id = 'H1'", [])

        let verify = try fixture.run("verify")
        #expect(verify.status == ExitStatus.tampered, "\(verify)")
        #expect(verify.standardOutput.contains("released_at"), "\(verify)")
        _ = try fixture.run("sweep")
        #expect(try state(fixture, ids[0]) == "complete")
    }
}

import CallVault
import CallVaultCore
import CallVaultCrypto
import CallVaultSQLite
import ChildProcess
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
        #expect(try DatabaseEdit.state(fixture, id) == "complete")
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
        #expect(try DatabaseEdit.state(fixture, id) == "complete")
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
        try #require(try DatabaseEdit.state(fixture, id) == "deleted")
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
        #expect(try DatabaseEdit.state(fixture, ids[0]) == "complete")
    }

    /// Runs `sql` through the sqlite3 program, one connection per statement list (a
    /// `writable_schema` edit takes effect for the next connection).
    private func sqlite3(_ fixture: VaultFixture, _ sql: String) throws {
        let run = try ChildProcess.run(
            "/usr/bin/sqlite3", [fixture.directory.appendingPathComponent("vault.sqlite").path, sql], environment: [:])
        try #require(run.status == 0, "\(String(decoding: run.standardError, as: UTF8.self))")
    }

    /// Rebuilds `table`'s rows under a primary key declared `(\(column) DESC ...)`, then puts the
    /// declared text back: the text CallVault compares is unchanged, the b-tree's order is not,
    /// so a lookup by key misses rows that are there.
    private func reorderPrimaryKey(_ fixture: VaultFixture, table: String, from: String, to: String) throws {
        try sqlite3(
            fixture,
            "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = replace(sql, '\(from)', '\(to)') WHERE name = '\(table)';"
        )
        try sqlite3(
            fixture,
            "CREATE TEMP TABLE t AS SELECT * FROM \(table); DELETE FROM \(table); INSERT INTO \(table) SELECT * FROM t;"
        )
        try sqlite3(
            fixture,
            "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = replace(sql, '\(to)', '\(from)') WHERE name = '\(table)';"
        )
    }

    @Test(
        "the key table's order rebuilt behind its own SQL text: sweep and rotate refuse (exit 2), nothing certified or skipped",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3"), "sqlite3 edits the schema"))
    func keyTableReordered() async throws {
        let fixture = try VaultFixture()
        try fixture.workspace.succeed("keygen", "-o", "escrow.id")
        let ids = try await fixture.recordCalls(3, startingAt: Self.threeYearsAgo)
        try #require(try fixture.run("rotate", "--add", "escrow.id.pub").status == ExitStatus.success)
        let escrow = try IdentityFile.recipient(in: try fixture.workspace.text("escrow.id"))
        try reorderPrimaryKey(
            fixture, table: "wrapped_key", from: "PRIMARY KEY (recording_id, position)",
            to: "PRIMARY KEY (recording_id DESC, position)")

        let rotate = try fixture.run("rotate", "--remove", escrow.fingerprint.description)
        #expect(rotate.status == ExitStatus.tampered, "\(rotate)")
        let sweep = try fixture.run("sweep")
        #expect(sweep.status == ExitStatus.tampered, "\(sweep)")
        for id in ids { #expect(try DatabaseEdit.state(fixture, id) == "complete") }
        let verify = try fixture.run("verify")
        #expect(verify.status == ExitStatus.tampered, "\(verify)")
        #expect(verify.standardOutput.contains("database-inconsistent"), "\(verify)")
    }

    @Test(
        "the catalog's key index rebuilt behind its own SQL text: the sweep refuses (exit 2) instead of leaving a destroyed recording listed complete",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3"), "sqlite3 edits the schema"))
    func catalogKeyReordered() async throws {
        let fixture = try VaultFixture()
        let ids = try await fixture.recordCalls(3, startingAt: Self.threeYearsAgo)
        try sqlite3(
            fixture,
            "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = replace(sql, 'id TEXT PRIMARY KEY NOT NULL', 'id TEXT PRIMARY KEY DESC NOT NULL') WHERE name = 'recording';"
        )
        try sqlite3(fixture, "REINDEX recording;")
        try sqlite3(
            fixture,
            "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = replace(sql, 'id TEXT PRIMARY KEY DESC NOT NULL', 'id TEXT PRIMARY KEY NOT NULL') WHERE name = 'recording';"
        )
        let sweep = try fixture.run("sweep")
        #expect(sweep.status == ExitStatus.tampered, "\(sweep)")
        // Read past the edited index (`+id`), which misses rows.
        let states = try await DatabaseEdit.queue(fixture).read { db in
            try String.fetchAll(
                db, sql: "SELECT state FROM recording WHERE +id IN (?, ?, ?)",
                arguments: [
                    ids[0].description, ids[1].description, ids[2].description,
                ])
        }
        #expect(states == ["complete", "complete", "complete"], "\(sweep)")
    }

    @Test(
        "a tombstone's time set out of any calendar's range: verify and show report it, never crash",
        arguments: ["1e308", "-1e308", "9.2e18", "-9.2e18"])
    func tombstoneTimeOutOfRange(time: String) async throws {
        let fixture = try VaultFixture()
        let id = try await fixture.recordCalls(1, startingAt: Self.threeYearsAgo)[0]
        try #require(try fixture.run("sweep").status == ExitStatus.success)
        try DatabaseEdit.execute(fixture, "UPDATE tombstone SET deleted_at = \(time)", [])

        let verify = try fixture.run("verify")
        #expect(verify.status == ExitStatus.tampered, "\(verify)")
        #expect(verify.standardOutput.contains("deletion-certificate-invalid"), "\(verify)")
        for arguments in [["show", id.description], ["show", id.description, "--json"], ["list", "--json"]] {
            let run = try Tool.run(["vault"] + arguments + ["--vault", fixture.name], in: fixture.workspace.directory)
            #expect(run.status == ExitStatus.success, "\(run)")
        }
    }

    @Test(
        "the audit log's anchor edited or removed: verify refuses (exit 2) as every other command does",
        arguments: [
            "DELETE FROM audit_log_anchor", "UPDATE audit_log_anchor SET signature = zeroblob(64)",
            "UPDATE audit_log_anchor SET sequence = sequence + 5",
        ])
    func anchorEditedVerify(edit: String) async throws {
        let fixture = try VaultFixture()
        _ = try await fixture.recordCalls(1, startingAt: Date().addingTimeInterval(-3_600))
        try DatabaseEdit.execute(fixture, edit, [])
        let verify = try fixture.run("verify")
        #expect(verify.status == ExitStatus.tampered, "\(verify)")
        #expect(verify.standardError.contains("anchor"), "\(verify)")
    }
}

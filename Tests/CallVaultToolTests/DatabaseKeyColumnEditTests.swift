import CallVault
import CallVaultCore
import CallVaultSQLite
import Foundation
import GRDB
import Testing

/// The fourth review's findings: whoever can write `vault.sqlite` (and holds no key) respells a
/// key column (a NUL byte appended, another Unicode normal form, upper case), deletes a retention
/// record, forges a tombstone, copies a recording's wrapped keys under another id, or deletes the
/// audit log's anchor and cuts the log short. Text read back stops at a NUL and Swift compares
/// canonically equivalent strings as equal, while SQL compares bytes: each edit used to pass
/// `vault verify` and leave a due recording kept, hidden or undeletable with the sweep exiting 0.
@Suite("database edits of key columns, retention rows, tombstones, keys and the anchor are noticed")
struct DatabaseKeyColumnEditTests {
    static let threeYearsAgo = Date().addingTimeInterval(-3 * 365 * 86_400)

    @Test(
        "a retention record's key or customer respelled: verify names the column, the sweep refuses (exit 2) and deletes nothing",
        arguments: [
            ("recording_id = recording_id || char(0)", "recording_id"),
            ("customer_id = customer_id || char(0) || 'x'", "customer_id"),
        ])
    func retentionKeyRespelled(edit: String, column: String) async throws {
        let fixture = try VaultFixture()
        let id = try await fixture.recordCalls(1, startingAt: Self.threeYearsAgo)[0]
        try DatabaseEdit.execute(
            fixture, "UPDATE retention_record SET \(edit) WHERE recording_id = ?", [id.description])
        let verified = try DatabaseEdit.verifyTampered(fixture)
        #expect(
            verified.problems.contains {
                $0.recording == id.description && $0.kind == "retention-index-altered" && $0.detail.contains(column)
            }, "\(verified)")
        let sweep = try fixture.run("sweep")
        #expect(sweep.status == ExitStatus.tampered, "\(sweep)")
        #expect(sweep.standardError.contains(id.description), "\(sweep)")
        #expect(try DatabaseEdit.state(fixture, id) == "complete")
    }

    @Test("a customer respelled in another Unicode normal form is a different customer to SQL, and is noticed")
    func customerNormalFormRespelled() async throws {
        let fixture = try VaultFixture()
        let id = try await fixture.recordCalls(1, startingAt: Self.threeYearsAgo)[0]
        // Give the record a customer with a precomposed é, signed as CallVault writes it, then
        // respell the column alone with e + U+0301: equal as Swift strings, unequal as bytes.
        try await fixture.withVault { opened in
            var record = try #require(try await opened.vault.storage.retention.record(id))
            record.attributes.customerID = "Zo\u{E9}"
            try await opened.vault.storage.retention.save([record])
        }
        try DatabaseEdit.execute(
            fixture, "UPDATE retention_record SET customer_id = char(90, 111, 101, 769) WHERE recording_id = ?",
            [id.description])
        let verified = try DatabaseEdit.verifyTampered(fixture)
        #expect(
            verified.problems.contains { $0.recording == id.description && $0.kind == "retention-index-altered" },
            "\(verified)")
    }

    @Test("a kept recording's retention record deleted: verify names it, the sweep refuses (exit 2)")
    func retentionRecordDeleted() async throws {
        let fixture = try VaultFixture()
        let id = try await fixture.recordCalls(1, startingAt: Self.threeYearsAgo)[0]
        try DatabaseEdit.execute(fixture, "DELETE FROM retention_record WHERE recording_id = ?", [id.description])
        let verified = try DatabaseEdit.verifyTampered(fixture)
        #expect(
            verified.problems.contains { $0.recording == id.description && $0.kind == "retention-record-missing" },
            "\(verified)")
        let sweep = try fixture.run("sweep")
        #expect(sweep.status == ExitStatus.tampered, "\(sweep)")
        #expect(sweep.standardError.contains(id.description), "\(sweep)")
    }

    @Test("a catalog column with a NUL appended (hiding the row from a search by customer) does not verify")
    func catalogColumnWithNul() async throws {
        let fixture = try VaultFixture()
        let id = try await fixture.recordCalls(1, startingAt: Date().addingTimeInterval(-3_600))[0]
        try DatabaseEdit.execute(
            fixture, "UPDATE recording SET customer_id = customer_id || char(0) || 'x' WHERE id = ?",
            [id.description])
        let verified = try DatabaseEdit.verifyTampered(fixture)
        #expect(
            verified.problems.contains {
                $0.recording == id.description && $0.kind == "row-signature-invalid" && $0.detail.contains("NUL")
            }, "\(verified)")
    }

    @Test("a tombstone forged for a live due recording: the sweep keeps it and says so (exit 1), never 'all done'")
    func tombstoneForged() async throws {
        let fixture = try VaultFixture()
        let id = try await fixture.recordCalls(1, startingAt: Self.threeYearsAgo)[0]
        try DatabaseEdit.execute(
            fixture,
            "INSERT INTO tombstone (recording_id, deleted_at, cause, certificate) VALUES (?, 800000000.0, '{}', '{}')",
            [id.description])
        let sweep = try fixture.run("sweep")
        #expect(sweep.status == ExitStatus.badInput, "\(sweep)")
        #expect(sweep.standardOutput.contains("failed   \(id)  due, but not deleted"), "\(sweep)")
        #expect(sweep.standardOutput.contains("0 deleted"), "\(sweep)")
        #expect(try DatabaseEdit.state(fixture, id) == "complete")
    }

    @Test(
        "wrapped keys copied under a respelled id: verify names them, the sweep refuses; put back after a deletion, the same",
        arguments: ["upper(recording_id)", "recording_id || char(0)"])
    func keysCopied(respelled: String) async throws {
        let fixture = try VaultFixture()
        let id = try await fixture.recordCalls(1, startingAt: Self.threeYearsAgo)[0]
        try DatabaseEdit.execute(
            fixture,
            "INSERT INTO wrapped_key SELECT \(respelled), position, wrap FROM wrapped_key WHERE recording_id = ?",
            [id.description])
        let before = try DatabaseEdit.verifyTampered(fixture)
        #expect(before.problems.contains { $0.kind == "keys-without-recording" }, "\(before)")
        // A deletion certified while a copy of its keys survives would be a false certificate.
        let refused = try fixture.run("sweep")
        #expect(refused.status == ExitStatus.tampered, "\(refused)")
        #expect(try DatabaseEdit.state(fixture, id) == "complete")

        // The copy removed, the sweep deletes; the exact rows put back after it are caught too.
        let saved = try DatabaseEdit.queue(fixture).read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM wrapped_key WHERE recording_id = ?", arguments: [id.description])
        }
        try DatabaseEdit.execute(fixture, "DELETE FROM wrapped_key WHERE recording_id <> ?", [id.description])
        let sweep = try fixture.run("sweep")
        #expect(sweep.status == ExitStatus.success, "\(sweep)")
        #expect(try DatabaseEdit.state(fixture, id) == "deleted")
        for row in saved {
            try DatabaseEdit.execute(
                fixture, "INSERT INTO wrapped_key (recording_id, position, wrap) VALUES (?, ?, ?)",
                [row["recording_id"], row["position"], row["wrap"]])
        }
        let restored = try DatabaseEdit.verifyTampered(fixture)
        #expect(
            restored.problems.contains { $0.recording == id.description && $0.kind == "keys-survive-deletion" },
            "\(restored)")
        #expect(try fixture.run("sweep").status == ExitStatus.tampered)
    }

    @Test("a hold's id with a NUL appended: in force over every recording, as verify and the sweep both say")
    func holdIDWithNul() async throws {
        let fixture = try VaultFixture()
        let ids = try await fixture.recordCalls(2, startingAt: Self.threeYearsAgo)
        let placed = try fixture.run(
            "hold", "place", "--matter", "M", "--reason", "R", "--recording", ids[0].description, "--by",
            "legal.alice", "--id", "H1")
        try #require(placed.status == ExitStatus.success, "\(placed)")
        try DatabaseEdit.execute(fixture, "UPDATE legal_hold SET id = id || char(0) WHERE id = 'H1'", [])

        let verified = try DatabaseEdit.verifyTampered(fixture)
        #expect(verified.problems.contains { $0.hold == "H1" && $0.kind == "hold-signature-invalid" }, "\(verified)")
        let sweep = try fixture.run("sweep")
        #expect(sweep.standardOutput.contains("HOLD KEPT IN FORCE  H1"), "\(sweep)")
        // The recording outside the hold's scope is kept too: the scope is not trusted.
        #expect(try DatabaseEdit.state(fixture, ids[1]) == "complete", "\(sweep)")
        #expect(try DatabaseEdit.state(fixture, ids[0]) == "complete", "\(sweep)")
    }

    @Test("the anchor row deleted and the log cut before a deletion: audit, verify and the sweep refuse (exit 2)")
    func anchorDeletedLogCut() async throws {
        let fixture = try VaultFixture()
        let id = try await fixture.recordCalls(1, startingAt: Self.threeYearsAgo)[0]
        let log = fixture.directory.appendingPathComponent("audit.log")
        let before = try Data(contentsOf: log)
        let sweep = try fixture.run("sweep")
        try #require(sweep.status == ExitStatus.success, "\(sweep)")
        try #require(try DatabaseEdit.state(fixture, id) == "deleted")
        // Everything the sweep appended goes: the log is a valid prefix again.
        try before.write(to: log)
        try DatabaseEdit.execute(fixture, "DELETE FROM audit_log_anchor", [])

        for command in ["audit", "verify", "sweep"] {
            let run = try fixture.run(command)
            #expect(run.status == ExitStatus.tampered, "\(run)")
            #expect(run.standardError.contains("holds no anchor"), "\(run)")
        }
    }

    @Test(
        "the log and its anchor wound back together to before a deletion: verify names the deletion the log lost"
    )
    func logAndAnchorWoundBack() async throws {
        let fixture = try VaultFixture()
        let id = try await fixture.recordCalls(1, startingAt: Self.threeYearsAgo)[0]
        let log = fixture.directory.appendingPathComponent("audit.log")
        let before = try Data(contentsOf: log)
        let stored = try DatabaseEdit.queue(fixture).read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM audit_log_anchor")
        }
        let anchor = try #require(stored)
        try #require(try fixture.run("sweep").status == ExitStatus.success)
        // The log cut back and the anchor put back as it was then: consistent with each other,
        // as a rollback of both is (only a witness kept elsewhere can tell); the catalog's signed
        // deleted row still testifies.
        try before.write(to: log)
        try DatabaseEdit.execute(
            fixture, "UPDATE audit_log_anchor SET sequence = ?, head = ?, checkpoint_time = ?, signature = ?",
            [anchor["sequence"], anchor["head"], anchor["checkpoint_time"], anchor["signature"]])
        #expect(try fixture.run("audit").status == ExitStatus.success)
        let verified = try DatabaseEdit.verifyTampered(fixture)
        #expect(
            verified.problems.contains {
                $0.recording == id.description && $0.kind == "state-contradicted"
                    && $0.detail.contains("no record of its deletion")
            }, "\(verified)")
    }
}

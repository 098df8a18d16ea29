import CallVault
import CallVaultCore
import CallVaultCrypto
import CallVaultRetention
import CallVaultSQLite
import Foundation
import GRDB
import Testing

/// Issue 11, break 9: whoever can write `vault.sqlite` edits it directly (as an attacker with
/// write access to the database would, with SQLite itself), and the vault notices: the tool
/// refuses what no longer verifies, `vault verify` reports it with exit 2, `list` and `show` flag
/// it, and a sweep keeps what a forged release or a deleted hold would have let it delete.
@Suite("database edits are noticed")
struct DatabaseEditTests {
    static let threeYearsAgo = Date().addingTimeInterval(-3 * 365 * 86_400)

    /// What `show --json` adds about a row's integrity.
    struct Shown: Decodable {
        var integrity: String
        var integrityProblems: [String]
        var headerFormat: String?
        var keysPresent: Bool?
    }

    /// What `list --json` adds.
    struct Listed: Decodable {
        var id: String
        var integrity: String
    }

    /// What `verify --json` prints.
    struct Verified: Decodable {
        struct Problem: Decodable {
            var recording: String?
            var hold: String?
            var kind: String
            var detail: String
        }

        var intact: Bool
        var recordings: Int
        var problems: [Problem]
    }

    @Test("an edited sample rate: play refuses (exit 2) instead of playing at double speed; show, list, verify flag it")
    func sampleRateEdited() async throws {
        let fixture = try VaultFixture()
        let id = try await fixture.recordCalls(1, startingAt: Date().addingTimeInterval(-3_600))[0]
        try DatabaseEdit.execute(
            fixture, "UPDATE recording SET media_sample_rate = 16000 WHERE id = ?", [id.description])
        let maria = try fixture.principal("maria", role: "supervisor", team: "team-a")

        let run = try fixture.run("play", id.description, "--as", maria, "--purpose", "quality", "--out", "call.wav")
        #expect(run.status == ExitStatus.tampered, "\(run)")
        #expect(!fixture.workspace.exists("call.wav"))

        let shown = try show(fixture, id)
        #expect(shown.integrity == "tampered", "\(shown)")
        #expect(shown.headerFormat == "mu-law 8000 Hz x2" || shown.headerFormat?.contains("8000") == true, "\(shown)")
        #expect(try list(fixture).first { $0.id == id.description }?.integrity == "tampered")
        let verified = try verify(fixture, expecting: ExitStatus.tampered)
        #expect(verified.problems.contains { $0.recording == id.description && $0.kind == "row-signature-invalid" })
        #expect(verified.problems.contains { $0.recording == id.description && $0.kind == "format-mismatch" })
    }

    @Test("deleted wraps are keys missing without a deletion, not a legitimate deletion")
    func wrapsDeleted() async throws {
        let fixture = try VaultFixture()
        let id = try await fixture.recordCalls(1, startingAt: Date().addingTimeInterval(-3_600))[0]
        try DatabaseEdit.execute(fixture, "DELETE FROM wrapped_key WHERE recording_id = ?", [id.description])
        let maria = try fixture.principal("maria", role: "supervisor", team: "team-a")

        let run = try fixture.run("play", id.description, "--as", maria, "--purpose", "quality", "--out", "call.wav")
        #expect(run.status == ExitStatus.tampered, "\(run)")
        #expect(run.standardError.contains("keys missing without a deletion"), "\(run)")
        #expect(try show(fixture, id).keysPresent == false)
        let verified = try verify(fixture, expecting: ExitStatus.tampered)
        #expect(
            verified.problems.contains { $0.recording == id.description && $0.kind == "keys-missing-without-deletion" },
            "\(verified)")
    }

    @Test("a deleted or swapped consent receipt breaks the row's signature")
    func receiptsEdited() async throws {
        let fixture = try VaultFixture()
        let ids = try await fixture.recordCalls(2, startingAt: Date().addingTimeInterval(-3_600))
        try DatabaseEdit.execute(fixture, "DELETE FROM consent_receipt WHERE recording_id = ?", [ids[0].description])
        // The second recording's receipts, swapped: each still verifies on its own.
        for sql in [
            "UPDATE consent_receipt SET position = position + 100 WHERE recording_id = ?",
            "UPDATE consent_receipt SET position = CASE position WHEN 100 THEN 1 ELSE 0 END WHERE recording_id = ?",
        ] {
            try DatabaseEdit.execute(fixture, sql, [ids[1].description])
        }

        for id in ids {
            #expect(try show(fixture, id).integrity == "tampered")
        }
        let maria = try fixture.principal("maria", role: "supervisor", team: "team-a")
        let run = try fixture.run(
            "play", ids[0].description, "--as", maria, "--purpose", "quality", "--out", "call.wav")
        #expect(run.status == ExitStatus.tampered, "\(run)")
        let verified = try verify(fixture, expecting: ExitStatus.tampered)
        for id in ids {
            #expect(verified.problems.contains { $0.recording == id.description && $0.kind == "row-signature-invalid" })
        }
    }

    @Test("an edited team or disclosed purposes no longer decide access: play refuses with exit 2")
    func teamAndPurposesEdited() async throws {
        let fixture = try VaultFixture()
        let ids = try await fixture.recordCalls(2, startingAt: Date().addingTimeInterval(-3_600))
        try DatabaseEdit.execute(fixture, "UPDATE recording SET team = 'team-b' WHERE id = ?", [ids[0].description])
        try DatabaseEdit.execute(
            fixture, #"UPDATE recording SET disclosed_purposes = '["quality","training"]' WHERE id = ?"#,
            [ids[1].description])
        let tom = try fixture.principal("tom", role: "supervisor", team: "team-b")
        let run = try fixture.run("play", ids[0].description, "--as", tom, "--purpose", "quality", "--out", "tom.wav")
        #expect(run.status == ExitStatus.tampered, "the edited team must not let team-b listen: \(run)")
        #expect(!fixture.workspace.exists("tom.wav"))
        let verified = try verify(fixture, expecting: ExitStatus.tampered)
        for id in ids {
            #expect(verified.problems.contains { $0.recording == id.description && $0.kind == "row-signature-invalid" })
        }
    }

    @Test("a hold released in the database without its audit entry still holds; the sweep keeps and reports it")
    func holdReleasedInDatabase() async throws {
        let fixture = try VaultFixture()
        let id = try await fixture.recordCalls(1, startingAt: Self.threeYearsAgo)[0]
        try #require(
            try fixture.run(
                "hold", "place", "--matter", "Smith v. Acme", "--reason", "litigation", "--recording", id.description,
                "--by", "legal.alice", "--id", "hold-smith"
            ).status == ExitStatus.success)
        let stored = try #require(try await fixture.folder.stores().retention.hold("hold-smith"))
        let anHourAgo = Date().addingTimeInterval(-3_600)
        let released = try stored.requestingRelease(by: "legal.alice", at: anHourAgo, reason: "forged")
            .approvingRelease(by: "legal.bob", at: anHourAgo)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try DatabaseEdit.execute(
            fixture, "UPDATE legal_hold SET released_at = ?, hold = ? WHERE id = 'hold-smith'",
            [anHourAgo.timeIntervalSinceReferenceDate, String(decoding: try encoder.encode(released), as: UTF8.self)])

        let run = try fixture.run("sweep")
        #expect(run.status == ExitStatus.success, "\(run)")
        #expect(run.standardOutput.contains("0 deleted"), "\(run)")
        #expect(run.standardOutput.contains("hold-smith"), "the forged release is reported: \(run)")
        #expect(try await fixture.folder.stores().catalog.recording(id)?.state == .complete, "still held")
        #expect(try fixture.run("hold", "list").standardOutput.contains("hold-smith"), "listed as in force")
        #expect(try show(fixture, id).integrity == "verified", "the recording itself is untouched")
        let verified = try verify(fixture, expecting: ExitStatus.tampered)
        #expect(
            verified.problems.contains { $0.hold == "hold-smith" && $0.kind == "hold-signature-invalid" },
            "\(verified)")
    }

    @Test("a hold whose scope is narrowed in the database still holds (everything); the sweep keeps and reports it")
    func holdScopeNarrowed() async throws {
        let fixture = try VaultFixture()
        let id = try await fixture.recordCalls(1, startingAt: Self.threeYearsAgo)[0]
        try #require(
            try fixture.run(
                "hold", "place", "--matter", "Smith v. Acme", "--reason", "litigation", "--recording", id.description,
                "--by", "legal.alice", "--id", "hold-smith"
            ).status == ExitStatus.success)
        let stored = try #require(try await fixture.folder.stores().retention.hold("hold-smith"))
        let narrowed = try LegalHold(
            id: stored.id, matter: stored.matter, reason: stored.reason, placedBy: stored.placedBy,
            placedAt: stored.placedAt, scope: .recordings([RecordingID()]))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try DatabaseEdit.execute(
            fixture, "UPDATE legal_hold SET hold = ? WHERE id = 'hold-smith'",
            [String(decoding: try encoder.encode(narrowed), as: UTF8.self)])

        let run = try fixture.run("sweep")
        #expect(run.status == ExitStatus.success, "\(run)")
        #expect(run.standardOutput.contains("0 deleted"), "\(run)")
        #expect(run.standardOutput.contains("hold-smith"), "the edited hold is reported: \(run)")
        #expect(try await fixture.folder.stores().catalog.recording(id)?.state == .complete, "still held")
        let release = try fixture.run("hold", "release", "hold-smith", "--by", "legal.alice", "--reason", "settled")
        #expect(release.status == ExitStatus.tampered, "an edited hold is not built on: \(release)")
        let verified = try verify(fixture, expecting: ExitStatus.tampered)
        #expect(verified.problems.contains { $0.hold == "hold-smith" && $0.kind == "hold-signature-invalid" })
    }

    @Test("a deletion journal forged in a retention record does not make a sweep delete the recording")
    func journalForged() async throws {
        let fixture = try VaultFixture()
        let id = try await fixture.recordCalls(1, startingAt: Date().addingTimeInterval(-3_600))[0]
        var record = try #require(try await fixture.folder.stores().retention.record(id))
        record.deletion = DeletionJournalEntry(startedAt: Date(), cause: .retentionExpired(nil))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try DatabaseEdit.execute(
            fixture, "UPDATE retention_record SET deletion_begun = 1, record = ? WHERE recording_id = ?",
            [String(decoding: try encoder.encode(record), as: UTF8.self), id.description])

        let run = try fixture.run("sweep")
        #expect(run.standardOutput.contains("0 deleted"), "\(run)")
        #expect(try await fixture.folder.stores().keys.wraps(for: id).count == 1, "keys not shredded")
        #expect(try await fixture.folder.stores().catalog.recording(id)?.state == .complete)
        let maria = try fixture.principal("maria", role: "supervisor", team: "team-a")
        let play = try fixture.run("play", id.description, "--as", maria, "--purpose", "quality", "--out", "call.wav")
        #expect(play.status == ExitStatus.tampered, "its record (and restriction) is not trusted: \(play)")
        #expect(try show(fixture, id).integrity == "tampered")
        let verified = try verify(fixture, expecting: ExitStatus.tampered)
        #expect(
            verified.problems.contains { $0.recording == id.description && $0.kind == "retention-record-invalid" },
            "\(verified)")
    }

    @Test("a hold row deleted from the database still holds (everything) until restored; the sweep reports it")
    func holdDeleted() async throws {
        let fixture = try VaultFixture()
        let ids = try await fixture.recordCalls(2, startingAt: Self.threeYearsAgo)
        try #require(
            try fixture.run(
                "hold", "place", "--matter", "Smith v. Acme", "--reason", "litigation", "--recording",
                ids[0].description, "--by", "legal.alice", "--id", "hold-smith"
            ).status == ExitStatus.success)
        try DatabaseEdit.execute(fixture, "DELETE FROM legal_hold WHERE id = 'hold-smith'", [])

        let run = try fixture.run("sweep")
        #expect(run.status == ExitStatus.success, "\(run)")
        #expect(run.standardOutput.contains("hold-smith"), "the missing hold is reported: \(run)")
        #expect(try await fixture.folder.stores().catalog.recording(ids[0])?.state == .complete, "still held")
        let verified = try verify(fixture, expecting: ExitStatus.tampered)
        #expect(verified.problems.contains { $0.hold == "hold-smith" && $0.kind == "hold-missing" }, "\(verified)")
    }

    @Test("an older, validly signed version of a row put back after its deletion is caught")
    func deletedRowReplayed() async throws {
        let fixture = try VaultFixture()
        let id = try await fixture.recordCalls(1, startingAt: Self.threeYearsAgo)[0]
        let before = try DatabaseEdit.row(fixture, id)
        let receipts = try DatabaseEdit.receipts(fixture, id)
        #expect(try fixture.run("sweep").standardOutput.contains("1 deleted"))
        try DatabaseEdit.restore(fixture, id, row: before, receipts: receipts)

        #expect(try show(fixture, id).integrity == "tampered")
        #expect(try list(fixture).first { $0.id == id.description }?.integrity == "tampered")
        let verified = try verify(fixture, expecting: ExitStatus.tampered)
        #expect(verified.problems.contains { $0.recording == id.description }, "\(verified)")
    }

    @Test("a stripped signature is tampering, not a legacy row: opening for writing does not sign it again")
    func signatureStripped() async throws {
        let fixture = try VaultFixture()
        let id = try await fixture.recordCalls(1, startingAt: Date().addingTimeInterval(-3_600))[0]
        try DatabaseEdit.execute(
            fixture, "UPDATE recording SET team = 'team-b', row_signature = NULL WHERE id = ?", [id.description])
        try await fixture.withVault { _ in }
        let verified = try verify(fixture, expecting: ExitStatus.tampered)
        #expect(
            verified.problems.contains { $0.recording == id.description && $0.kind == "row-signature-missing" },
            "\(verified)")
        #expect(try show(fixture, id).integrity == "tampered")
    }

    @Test("an edited entry neither stops a rotation nor gains a recipient: the others are rotated, exit 2")
    func rotationPastAnEditedEntry() async throws {
        let fixture = try VaultFixture()
        let ids = try await fixture.recordCalls(2, startingAt: Date().addingTimeInterval(-3_600))
        try DatabaseEdit.execute(fixture, "UPDATE recording SET team = 'team-b' WHERE id = ?", [ids[0].description])
        try fixture.workspace.succeed("keygen", "-o", "escrow.id")
        let escrow = try IdentityFile.recipient(in: try fixture.workspace.text("escrow.id"))

        let run = try fixture.run("rotate", "--add", "escrow.id.pub")
        #expect(run.status == ExitStatus.tampered, "\(run)")
        #expect(
            run.standardOutput.contains("catalog entry does not verify (recipients removed, none added)  \(ids[0])"))
        let stores = try fixture.folder.stores()
        #expect(try await !stores.keys.wraps(for: ids[0]).map(\.recipient).contains(escrow.fingerprint))
        #expect(try await stores.keys.wraps(for: ids[1]).map(\.recipient).contains(escrow.fingerprint))
    }

    @Test("an untouched vault verifies: exit 0, every row verified")
    func untouched() async throws {
        let fixture = try VaultFixture()
        let ids = try await fixture.recordCalls(2, startingAt: Self.threeYearsAgo)
        #expect(try fixture.run("sweep").status == ExitStatus.success)
        _ = try await fixture.recordCalls(1, startingAt: Date().addingTimeInterval(-3_600))
        let verified = try verify(fixture, expecting: ExitStatus.success)
        #expect(verified.intact && verified.recordings == 3 && verified.problems.isEmpty, "\(verified)")
        #expect(try list(fixture).allSatisfy { $0.integrity == "verified" })
        #expect(try show(fixture, ids[0]).integrity == "verified")
        let human = try fixture.run("verify")
        #expect(human.standardOutput.contains("3 recordings checked: all verify"), "\(human)")
    }

    private func show(_ fixture: VaultFixture, _ id: RecordingID) throws -> Shown {
        let run = try fixture.run("show", id.description, "--json")
        #expect(run.status == ExitStatus.success, "\(run)")
        return try JSONDecoder().decode(Shown.self, from: Data(run.standardOutput.utf8))
    }

    private func list(_ fixture: VaultFixture) throws -> [Listed] {
        let run = try fixture.run("list", "--json")
        #expect(run.status == ExitStatus.success, "\(run)")
        return try JSONDecoder().decode([Listed].self, from: Data(run.standardOutput.utf8))
    }

    private func verify(_ fixture: VaultFixture, expecting status: Int32) throws -> Verified {
        let run = try fixture.run("verify", "--json")
        #expect(run.status == status, "\(run)")
        return try JSONDecoder().decode(Verified.self, from: Data(run.standardOutput.utf8))
    }
}

/// Direct edits of a vault's database, with SQLite, as an attacker makes them.
enum DatabaseEdit {
    static func queue(_ fixture: VaultFixture) throws -> DatabaseQueue {
        try DatabaseQueue(path: fixture.directory.appendingPathComponent(SQLiteVault.databaseFileName).path)
    }

    static func execute(_ fixture: VaultFixture, _ sql: String, _ arguments: StatementArguments) throws {
        try queue(fixture).write { db in
            try db.execute(sql: sql, arguments: arguments)
            #expect(db.changesCount > 0, "the edit '\(sql)' changed nothing")
        }
    }

    /// The state column of a recording's catalog row, as stored.
    static func state(_ fixture: VaultFixture, _ id: RecordingID) throws -> String? {
        try queue(fixture).read { db in
            try String.fetchOne(db, sql: "SELECT state FROM recording WHERE id = ?", arguments: [id.description])
        }
    }

    /// What `vault verify --json` prints.
    struct Verified: Decodable {
        struct Problem: Decodable {
            var recording: String?
            var hold: String?
            var kind: String
            var detail: String
        }

        var intact: Bool
        var problems: [Problem]
    }

    /// Runs `vault verify --json`, expects it to find tampering (exit 2), and decodes its report.
    static func verifyTampered(_ fixture: VaultFixture, sourceLocation: SourceLocation = #_sourceLocation) throws
        -> Verified
    {
        let run = try fixture.run("verify", "--json")
        #expect(run.status == ExitStatus.tampered, "\(run)", sourceLocation: sourceLocation)
        return try JSONDecoder().decode(Verified.self, from: Data(run.standardOutput.utf8))
    }

    static func row(_ fixture: VaultFixture, _ id: RecordingID) throws -> Row {
        try #require(
            try queue(fixture).read { db in
                try Row.fetchOne(db, sql: "SELECT * FROM recording WHERE id = ?", arguments: [id.description])
            })
    }

    static func receipts(_ fixture: VaultFixture, _ id: RecordingID) throws -> [Row] {
        try queue(fixture).read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM consent_receipt WHERE recording_id = ?", arguments: [id.description])
        }
    }

    /// Puts a recording's row and receipts back as they were.
    static func restore(_ fixture: VaultFixture, _ id: RecordingID, row: Row, receipts: [Row]) throws {
        try queue(fixture).write { db in
            let columns = Array(row.columnNames)
            let marks = columns.map { _ in "?" }.joined(separator: ", ")
            try db.execute(
                sql: "INSERT OR REPLACE INTO recording (\(columns.joined(separator: ", "))) VALUES (\(marks))",
                arguments: StatementArguments(columns.map { row[$0] as DatabaseValue }))
            for receipt in receipts {
                let names = Array(receipt.columnNames)
                try db.execute(
                    sql: """
                        INSERT OR REPLACE INTO consent_receipt (\(names.joined(separator: ", ")))
                        VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))
                        """,
                    arguments: StatementArguments(names.map { receipt[$0] as DatabaseValue }))
            }
        }
    }
}

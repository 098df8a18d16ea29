import CallVault
import CallVaultAudit
import CallVaultCore
import CallVaultCrypto
import CallVaultRetention
import CallVaultSQLite
import CallVaultTestKit
import Foundation
import GRDB
import Testing

/// What only a real database shows: data outlives the process, migrations are recorded and run
/// once, the pragmas the durability and shredding promises rest on are set, damaged rows fail
/// with typed errors, and shredded keys leave no bytes behind.
@Suite("SQLite vault: database")
struct SQLiteVaultDatabaseTests {
    @Test("everything stored survives closing and reopening the vault")
    func survivesReopening() async throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        let folder = scratch.folder("vault")
        let recording = try Fixtures.recording(RecordingID())
        let wraps = [try Fixtures.wrap(marker: 0x5A)]
        let due = try Fixtures.retentionRecord(1, dueIn: -60, customer: "C-1")
        let kept = try Fixtures.retentionRecord(2, dueIn: 3_600, customer: "C-1")
        let hold = try Fixtures.hold("hold-1", customer: "C-2")
        let key = try SigningKey.generate()
        let clock = ManualWallClock(Fixtures.now)
        let blobID = RecordingID()
        let blobBytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 13) }
        let shredded = RecordingID()
        let auditHead: UInt64
        do {
            let vault = try SQLiteVault.create(atPath: folder)
            try await vault.catalog.save(recording)
            try await vault.keys.store(wraps, for: recording.id)
            try await vault.keys.shred(shredded)
            try await vault.retention.save([due, kept])
            try await vault.retention.save(hold, replacing: nil)
            _ = try await vault.retention.beginDeletions([due.recordingID], at: Fixtures.now)
            let writer = try vault.blobs.create(blobID)
            try blobBytes.withUnsafeBytes { try writer.append($0) }
            try writer.finish()
            let log = try await AuditLog(sink: vault.auditSink, signingKey: key, clock: clock)
            try await log.record(
                AuditRecord(actor: "sup.maria", action: .accessDecision, target: "t", outcome: .allowed, eventID: "e-1")
            )
            auditHead = await log.sequence
        }

        let reopened = try SQLiteVault.open(at: URL(fileURLWithPath: folder))
        #expect(try await reopened.catalog.recording(recording.id) == recording)
        #expect(try await reopened.keys.wraps(for: recording.id) == wraps)
        await #expect(throws: StorageError.keysShredded(shredded)) {
            try await reopened.keys.store(wraps, for: shredded)
        }
        #expect(try await reopened.retention.record(kept.recordingID) == kept)
        #expect(try await reopened.retention.record(due.recordingID)?.deletion != nil)
        #expect(try await reopened.retention.deletionsInProgress(limit: 10).map(\.recordingID) == [due.recordingID])
        #expect(try await reopened.retention.activeHolds() == [hold])
        var bytes = [UInt8](repeating: 0, count: blobBytes.count)
        try bytes.withUnsafeMutableBytes { try reopened.blobs.source(for: blobID).read(into: $0, at: 0) }
        #expect(bytes == blobBytes)
        let log = try await AuditLog(sink: reopened.auditSink, signingKey: key, clock: clock)
        #expect(await log.sequence == auditHead)
        #expect(
            try await log.record(
                AuditRecord(actor: "sup.maria", action: .accessDecision, target: "t", outcome: .allowed, eventID: "e-1")
            )
                == nil, "the event id was remembered across the restart")
    }

    @Test("migrations run once, in order, and are recorded by name")
    func migrationsRecorded() async throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        let path = scratch.folder("vault")
        let first = try SQLiteVault.create(atPath: path)
        #expect(try await first.database.appliedMigrations() == SQLiteVaultDatabase.migrationIdentifiers)
        #expect(
            SQLiteVaultDatabase.migrationIdentifiers == [
                "v1-catalog", "v1-keys", "v1-retention", "v1-audit", "v2-audit-by-target", "v2-catalog-content",
                "v2-complaints-training", "v3-sweep-catalog-matches-tombstones", "v3-audit-log-anchor",
                "v3-catalog-signatures", "v4-training-signatures", "v5-later-consents-and-exports",
            ])
        let second = try SQLiteVault.open(atPath: path)
        #expect(try await second.database.appliedMigrations() == SQLiteVaultDatabase.migrationIdentifiers)
        let rows = try await second.database.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM grdb_migrations")
        }
        #expect(rows == SQLiteVaultDatabase.migrationIdentifiers.count, "reopening ran no migration again")
    }

    @Test("a database migrated by a newer CallVault is refused, not written to")
    func newerSchemaRefused() async throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        let path = scratch.folder("vault")
        let vault = try SQLiteVault.create(atPath: path)
        try await vault.database.pool.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-from-the-future')")
        }
        #expect(
            throws: SQLiteVaultError.newerSchema(
                path: "\(path)/vault.sqlite", unknownMigrations: ["v9-from-the-future"])
        ) {
            _ = try SQLiteVault.open(atPath: path)
        }
    }

    @Test("every connection runs in WAL mode with synchronous=FULL, foreign keys and secure_delete")
    func pragmas() async throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        let vault = try scratch.freshVault()
        let query = """
            SELECT (SELECT journal_mode FROM pragma_journal_mode), (SELECT synchronous FROM pragma_synchronous),
                   (SELECT foreign_keys FROM pragma_foreign_keys), (SELECT secure_delete FROM pragma_secure_delete)
            """
        @Sendable func settings(_ db: Database) throws -> [String] {
            guard let row = try Row.fetchOne(db, sql: query) else { return [] }
            return (0..<4).map { row[$0].map { "\($0)" } ?? "NULL" }
        }
        let writer = try await vault.database.pool.write { db in try settings(db) }
        let reader = try await vault.database.pool.read { db in try settings(db) }
        // journal mode, synchronous (2 = FULL), foreign keys, secure_delete
        #expect(writer == ["wal", "2", "1", "1"])
        #expect(reader == ["wal", "2", "1", "1"])
    }

    @Test("shredded wraps leave no copy in the database or its WAL")
    func shredLeavesNoBytes() async throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        let vault = try scratch.freshVault()
        let id = RecordingID()
        let marker = [UInt8](repeating: 0xC3, count: 48)
        try await vault.keys.store([try Fixtures.wrap(marker: 0xC3)], for: id)
        // Other rows around it, so the wrap shares its page with data that stays.
        for _ in 0..<20 { try await vault.keys.store([try Fixtures.wrap(marker: 0x11)], for: RecordingID()) }
        let before = try files(of: vault).filter { contains($0.bytes, marker) }.map(\.name)
        #expect(!before.isEmpty, "the wrap is on disk before shredding")
        try await vault.keys.shred(id)
        #expect(try await vault.keys.wraps(for: id).isEmpty)
        let after = try files(of: vault).filter { contains($0.bytes, marker) }.map(\.name)
        #expect(after.isEmpty, "files still holding the shredded wrap")
    }

    @Test("a damaged row is reported as an unreadable row, naming the table and the key")
    func damagedRow() async throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        let vault = try scratch.freshVault()
        let recording = try Fixtures.recording(RecordingID())
        try await vault.catalog.save(recording)
        try await vault.retention.save([try Fixtures.retentionRecord(1, dueIn: -60)])
        try await vault.database.pool.write { db in
            try db.execute(sql: "UPDATE recording SET state = 'misplaced'")
            try db.execute(sql: "UPDATE retention_record SET record = '{\"truncated\":'")
        }
        let catalogError = await #expect(throws: SQLiteVaultError.self) {
            _ = try await vault.catalog.recording(recording.id)
        }
        #expect(catalogError?.description.contains("recording") == true)
        #expect(catalogError?.description.contains(recording.id.description) == true)
        await #expect(throws: SQLiteVaultError.self) {
            _ = try await vault.retention.dueRecords(at: Fixtures.now, after: nil, limit: 10)
        }
    }

    @Test("the sweeper's due query walks the (due_at, recording_id) index")
    func dueIndexUsed() async throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        let vault = try scratch.freshVault()
        let plan = try await vault.database.pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    EXPLAIN QUERY PLAN SELECT recording_id, record FROM retention_record
                    WHERE deletion_begun = 0 AND due_at <= ? AND (due_at, recording_id) > (?, ?)
                    ORDER BY due_at, recording_id LIMIT ?
                    """,
                arguments: [1.0, 0.0, "a", 10]
            ).map { $0["detail"] as String? ?? "" }
        }
        #expect(plan.contains { $0.contains("USING INDEX retention_due") }, "\(plan)")
        #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "no sort: \(plan)")
    }

    @Test("an append that does not continue the stored audit chain is refused")
    func auditForkRefused() async throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        let path = scratch.folder("vault")
        let key = try SigningKey.generate()
        let clock = ManualWallClock(Fixtures.now)
        // Two processes, each with its own log over the same database.
        let first = try await AuditLog(
            sink: try SQLiteVault.create(atPath: path).auditSink, signingKey: key, clock: clock)
        let second = try await AuditLog(
            sink: try SQLiteVault.open(atPath: path).auditSink, signingKey: key, clock: clock)
        try await first.record(AuditRecord(actor: "a", action: .accessDecision, target: "t", outcome: .allowed))
        await #expect(throws: SQLiteVaultError.auditSequenceMismatch(expected: 2, found: 1)) {
            try await second.record(AuditRecord(actor: "b", action: .accessDecision, target: "t", outcome: .denied))
        }
        let sink = try SQLiteVault.open(atPath: path).auditSink
        await #expect(throws: SQLiteVaultError.auditLogNotOpened(path: "\(scratch.folder("other"))/vault.sqlite")) {
            try await SQLiteVault.create(atPath: scratch.folder("other")).auditSink.append([], checkpoint: nil)
        }
        let verification = AuditVerifier(trustedKey: key.verifyingKey).verify(
            contents: try await sink.logFileContents())
        #expect(verification.isIntact, "\(verification)")
        #expect(verification.entryCount == 1)
    }

    private func files(of vault: SQLiteVault) throws -> [(name: String, bytes: [UInt8])] {
        try ["", "-wal"].compactMap { suffix in
            let path = vault.database.path + suffix
            guard FileManager.default.fileExists(atPath: path) else { return nil }
            return (SQLiteVault.databaseFileName + suffix, [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
        }
    }

    private func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count, let first = needle.first else { return false }
        var index = 0
        while index <= haystack.count - needle.count {
            if haystack[index] == first, haystack[index..<index + needle.count].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }
}

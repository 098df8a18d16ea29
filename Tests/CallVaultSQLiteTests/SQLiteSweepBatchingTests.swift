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

/// The sweep's batched reads and the work `beginDeletions` does before its transaction: what they
/// return is what the one-at-a-time reads and an unprepared transaction would.
@Suite("SQLite vault: sweep batching")
struct SQLiteSweepBatchingTests {
    @Test("a record changed after the page was read is judged as it is now, not as it was read")
    func changedAfterPageRead() async throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        let vault = try SQLiteVault.create(atPath: scratch.folder("vault"))
        let due = try Fixtures.retentionRecord(1, dueIn: -60)
        let other = try Fixtures.retentionRecord(2, dueIn: -60)
        try await vault.retention.save([due, other])
        let page = try await vault.retention.dueRecords(at: Fixtures.now, after: nil, limit: 10)
        #expect(Set(page.map(\.recordingID)) == [due.recordingID, other.recordingID])
        // Rescheduled between the page and the deletion: no longer due.
        try await vault.retention.save([try Fixtures.retentionRecord(1, dueIn: 3_600)])
        let starts = try await vault.retention.beginDeletions([due.recordingID, other.recordingID], at: Fixtures.now)
        var proceeding: [RecordingID] = []
        for case .proceed(let record) in starts { proceeding.append(record.recordingID) }
        #expect(proceeding == [other.recordingID])
        #expect(try await vault.retention.record(due.recordingID)?.deletion == nil)
    }

    @Test("a journaled record is stored as the whole record's sorted encoding, with or without an erasure mark")
    func journaledTextIsCanonical() async throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        let vault = try SQLiteVault.create(atPath: scratch.folder("vault"))
        let plain = try Fixtures.retentionRecord(1, dueIn: -60)
        var erased = try Fixtures.retentionRecord(2, dueIn: 3_600)
        erased.erasure = ErasureMark(requestID: "erasure \"7\" / {x}", requestedAt: Fixtures.now - 10)
        try await vault.retention.save([plain, erased])
        _ = try await vault.retention.dueRecords(at: Fixtures.now, after: nil, limit: 10)
        var journaled: [RetentionRecord] = []
        for case .proceed(let record) in try await vault.retention.beginDeletions(
            [plain.recordingID, erased.recordingID], at: Fixtures.now)
        {
            journaled.append(record)
        }
        #expect(journaled.count == 2)
        let database = try DatabaseQueue(path: scratch.folder("vault") + "/vault.sqlite")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for record in journaled {
            let stored = try await database.read { db in
                try String.fetchOne(
                    db, sql: "SELECT record FROM retention_record WHERE recording_id = ?",
                    arguments: [record.recordingID.description])
            }
            #expect(record.deletion != nil)
            #expect(stored == String(decoding: try encoder.encode(record), as: UTF8.self))
            #expect(try await vault.retention.record(record.recordingID) == record)
        }
    }

    @Test("a signature altered after the page was read is refused, though the record's text is unchanged")
    func alteredSignatureAfterPageRead() async throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        let key = try SigningKey.generate()
        let plain = try SQLiteVault.create(atPath: scratch.folder("vault"))
        let vault = plain.verifying(signingKey: key, holdAudit: LegalHoldAuditHistory.none)
        let due = try Fixtures.retentionRecord(1, dueIn: -60)
        try await vault.retention.save([due])
        _ = try await vault.retention.dueRecords(at: Fixtures.now, after: nil, limit: 10)
        let path = scratch.folder("vault") + "/vault.sqlite"
        let database = try DatabaseQueue(path: path)
        try await database.write { db in
            try db.execute(
                sql: "UPDATE retention_record SET record_signature = zeroblob(64) WHERE recording_id = ?",
                arguments: [due.recordingID.description])
        }
        let starts = try await vault.retention.beginDeletions([due.recordingID], at: Fixtures.now)
        guard case .refused(_, .notVerified)? = starts.first else {
            Issue.record("expected a refusal for an unverified record, got \(starts)")
            return
        }
    }

    @Test("the batched audit and export reads return what one read per recording returns")
    func batchedReadsMatchSingles() async throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        let vault = try SQLiteVault.create(atPath: scratch.folder("vault"))
        let key = try SigningKey.generate()
        let audit = try await AuditLog(sink: vault.auditSink, signingKey: key, clock: ManualWallClock(Fixtures.now))
        let ids = [RecordingID(), RecordingID(), RecordingID()]
        for (index, id) in ids.enumerated() where index < 2 {
            for action in ["recording.started", "recording.sealed"] {
                try await audit.record(
                    AuditRecord(
                        actor: "recorder", action: try AuditAction(action), target: AuditRecord.target(id),
                        purpose: nil, outcome: .succeeded, reasons: ["\(index)"]))
            }
        }
        let targets = ids.map(AuditRecord.target)
        let batched = try await vault.auditSink.entries(about: targets)
        for target in targets {
            #expect((batched[target] ?? []) == (try await vault.auditSink.entries(about: target)))
        }
        #expect(batched[targets[0]]?.count == 2 && batched[targets[2]] == nil)
        let byLog = try await audit.entries(about: targets)
        #expect(byLog == batched)

        let exports = try await vault.exports.records(of: ids)
        for id in ids { #expect((exports[id] ?? []) == (try await vault.exports.records(of: id))) }
    }
}

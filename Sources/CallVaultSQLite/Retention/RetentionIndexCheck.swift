public import CallVaultCore
import Foundation
import GRDB

/// A retention record whose search columns (`due_at`, `deletion_begun`, `customer_id`,
/// `started_at`) disagree with the signed record they index: the columns were edited outside
/// CallVault (a cleared or pushed-back due time would keep a due recording from every sweep, a
/// changed customer would hide it from an erasure request).
public struct RetentionIndexDiscrepancy: Hashable, Sendable, CustomStringConvertible {
    /// The recording whose record's columns disagree.
    public let recordingID: RecordingID
    /// The columns that disagree with the record, by name.
    public let columns: [String]

    /// A sentence naming the recording and the columns.
    public var description: String {
        "the retention record of recording \(recordingID) is indexed under columns (\(columns.joined(separator: ", "))) that disagree with its signed record: they were edited outside CallVault"
    }
}

/// Compares each retention record's search columns with the values the record itself gives them.
///
/// Text columns are compared as bytes, read with `CAST(... AS BLOB)`: SQLite's `=` compares bytes,
/// while a Swift `String` read back stops at a NUL byte and compares canonically equivalent
/// spellings as equal. A key or customer with a NUL appended, or respelled in another Unicode
/// normal form, would pass a string comparison yet be missed by every query that searches by it.
enum RetentionIndexCheck {
    /// The rows (all, or `id`'s) whose columns disagree with their record. A row whose record
    /// does not decode is left out: it is reported as a record that does not verify.
    static func discrepancies(_ db: Database, of id: RecordingID?) throws -> [RetentionIndexDiscrepancy] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT recording_id, CAST(recording_id AS BLOB) AS key_bytes,
                    CAST(customer_id AS BLOB) AS customer_bytes, started_at, due_at, deletion_begun, record
                FROM retention_record
                WHERE ? IS NULL OR recording_id = ? ORDER BY recording_id
                """, arguments: [id?.description, id?.description])
        return try rows.compactMap { row in
            let key: String = try row.value("recording_id", table: "retention_record", key: "?")
            guard let record = try? StoredRetentionRecord.record(from: row, key: key) else { return nil }
            let expected = StoredRetentionRecord.searchColumns(of: record)
            var columns: [String] = []
            let keyBytes: Data? = try? row.value("key_bytes", table: "retention_record", key: key)
            let customer: Data? = try? row.value("customer_bytes", table: "retention_record", key: key)
            let started: Double? = try? row.value("started_at", table: "retention_record", key: key)
            let due: Double? = try? row.value("due_at", table: "retention_record", key: key)
            let begun: Bool? = try? row.value("deletion_begun", table: "retention_record", key: key)
            if keyBytes != Data(StoredValues.key(record.recordingID).utf8) { columns.append("recording_id") }
            if customer != expected.customerID.map({ Data($0.utf8) }) { columns.append("customer_id") }
            if started != expected.startedAt { columns.append("started_at") }
            if due != expected.dueAt { columns.append("due_at") }
            if begun != expected.deletionBegun { columns.append("deletion_begun") }
            return columns.isEmpty ? nil : RetentionIndexDiscrepancy(recordingID: record.recordingID, columns: columns)
        }
    }

    /// The recordings the catalog holds as kept (complete or incomplete) that have no retention
    /// record (all, or `id` alone). Every such recording is scheduled before its catalog row says
    /// so, and its record goes only with the row marked deleted; one without a record had it
    /// deleted outside CallVault, and no sweep would ever find it due.
    static func unscheduled(_ db: Database, of id: RecordingID?) throws -> [RecordingID] {
        try String.fetchAll(
            db,
            sql: """
                SELECT id FROM recording
                WHERE state IN ('complete', 'incomplete') AND (? IS NULL OR id = ?)
                    AND NOT EXISTS (SELECT 1 FROM retention_record WHERE retention_record.recording_id = recording.id)
                ORDER BY id
                """, arguments: [id?.description, id?.description]
        ).compactMap { RecordingID(parsing: $0) }
    }

    /// The ids (as stored bytes) under which wrapped keys are kept that name no content of a
    /// recording not yet deleted (its id, its current content, or superseded content not yet
    /// destroyed): a copy of a recording's keys made outside CallVault, which would outlive the
    /// recording's certified deletion, or a deleted recording's keys put back (keys are shredded
    /// before a row is marked deleted). Set operations, so the cost grows as N log N.
    static func strayKeyIDs(_ db: Database) throws -> [Data] {
        try Data.fetchAll(
            db,
            sql: """
                SELECT CAST(recording_id AS BLOB) FROM wrapped_key
                EXCEPT SELECT CAST(id AS BLOB) FROM recording WHERE state <> 'deleted'
                EXCEPT SELECT CAST(content_id AS BLOB) FROM recording
                    WHERE content_id IS NOT NULL AND state <> 'deleted'
                EXCEPT SELECT CAST(superseded.value AS BLOB)
                    FROM recording, json_each(recording.superseded_content) AS superseded
                    WHERE recording.superseded_content <> '[]' AND recording.state <> 'deleted'
                """)
    }
}

extension SQLiteRetentionStore {
    /// The records (all, or `id`'s) whose search columns disagree with the signed record they
    /// index (see ``RetentionIndexDiscrepancy``). Reads every record: `vault verify` and the
    /// start of each sweep pass run it.
    public func indexDiscrepancies(of id: RecordingID? = nil) async throws -> [RetentionIndexDiscrepancy] {
        try await databaseForChecks.pool.read { db in try RetentionIndexCheck.discrepancies(db, of: id) }
    }

    /// The recordings (all, or `id` alone) the catalog holds as complete or incomplete that have
    /// no retention record: it was deleted outside CallVault, and no sweep would find them due.
    /// `vault verify` and the start of each sweep pass run it.
    public func unscheduledRecordings(of id: RecordingID? = nil) async throws -> [RecordingID] {
        try await databaseForChecks.pool.read { db in try RetentionIndexCheck.unscheduled(db, of: id) }
    }
}

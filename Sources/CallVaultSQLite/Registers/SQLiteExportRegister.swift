public import CallVault
public import CallVaultCore
public import CallVaultCrypto
import GRDB

/// The export register in the vault database: one row per signed export record, and one per
/// recording it holds, so a deletion finds a recording's copies by index.
public struct SQLiteExportRegister: ExportRegister {
    private let database: SQLiteVaultDatabase

    /// A register over `database`.
    public init(database: SQLiteVaultDatabase) {
        self.database = database
    }

    /// Adds a record and its recordings in one transaction, once (by export id).
    public func add(_ record: SignedExportRecord) async throws {
        let file = try record.fileContents()
        let content = record.content
        try await database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO export_record (export_id, exported_at, signed_file) VALUES (?, ?, ?)
                    ON CONFLICT (export_id) DO NOTHING
                    """,
                arguments: [content.exportID, StoredValues.time(content.exportedAt), file])
            for recording in content.recordingIDs {
                try db.execute(
                    sql: """
                        INSERT INTO export_recording (export_id, recording_id) VALUES (?, ?)
                        ON CONFLICT DO NOTHING
                        """,
                    arguments: [content.exportID, StoredValues.key(recording)])
            }
        }
    }

    /// The records of the exports holding the recording, oldest first.
    public func records(of recording: RecordingID) async throws -> [SignedExportRecord] {
        try await fetch(
            sql: """
                SELECT r.export_id, r.signed_file FROM export_record r
                JOIN export_recording e ON e.export_id = r.export_id
                WHERE e.recording_id = ? ORDER BY r.exported_at, r.rowid
                """,
            arguments: [StoredValues.key(recording)])
    }

    /// The records of the exports holding each of `recordings`, oldest first, 500 recordings per
    /// query.
    public func records(of recordings: [RecordingID]) async throws -> [RecordingID: [SignedExportRecord]] {
        let keys = Array(Set(recordings.map(StoredValues.key)))
        let rows = try await database.pool.read { db in
            var rows: [(String, String, String)] = []
            for start in stride(from: 0, to: keys.count, by: 500) {
                let chunk = Array(keys[start..<min(start + 500, keys.count)])
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                rows += try Row.fetchAll(
                    db,
                    sql: """
                        SELECT r.export_id, r.signed_file, e.recording_id FROM export_record r
                        JOIN export_recording e ON e.export_id = r.export_id
                        WHERE e.recording_id IN (\(marks)) ORDER BY r.exported_at, r.rowid
                        """,
                    arguments: StatementArguments(chunk)
                ).map { row -> (String, String, String) in (row[0], row[1], row[2]) }
            }
            return rows
        }
        var found: [RecordingID: [SignedExportRecord]] = [:]
        let byKey = Dictionary(uniqueKeysWithValues: Set(recordings).map { (StoredValues.key($0), $0) })
        for (id, file, key) in rows {
            guard let recording = byKey[key] else { continue }
            found[recording, default: []].append(try Self.record(id: id, file: file))
        }
        return found
    }

    /// Every record, oldest first.
    public func allRecords() async throws -> [SignedExportRecord] {
        try await fetch(
            sql: "SELECT export_id, signed_file FROM export_record ORDER BY exported_at, rowid", arguments: [])
    }

    private func fetch(sql: String, arguments: StatementArguments) async throws -> [SignedExportRecord] {
        let rows = try await database.pool.read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.columns)
        }
        return try rows.map(Self.record)
    }

    private static func record(id: String, file: String) throws -> SignedExportRecord {
        do {
            return try SignedExportRecord(fileContents: file)
        } catch {
            throw SQLiteVaultError.unreadableRow(
                table: "export_record", key: id, reason: "signed_file is not an export record: \(error)")
        }
    }

    /// A row's key and signed file, which can leave the database's queue.
    private static func columns(_ row: Row) -> (String, String) {
        (row[0], row[1])
    }
}

public import CallVault
public import CallVaultCore
public import CallVaultCrypto
import Foundation
import GRDB

/// Wrapped data keys in the vault database, apart from the blobs: deleting a recording's rows here
/// crypto-shreds every copy of its blob, backups of the blob included.
///
/// Shredding is meant to leave nothing behind:
/// - the recording is remembered in `shredded_recording`, so it never gets keys again (a
///   rewrap racing with a sweep cannot bring a deleted recording back);
/// - the database runs with `PRAGMA secure_delete = ON`, so the deleted rows' bytes are
///   overwritten with zeros in the file rather than left in free space;
/// - after the deletion commits, a `TRUNCATE` checkpoint copies the WAL into the database and
///   empties the WAL file, so no older frame holding the wraps stays on disk. When a reader keeps
///   the checkpoint from finishing, the next one (SQLite runs them as the WAL grows) finishes it.
///
/// Backups of the database itself keep the wraps they were taken with: keep them no longer than
/// the shortest retention they could outlive, or encrypt them under a key you can destroy.
public struct SQLiteKeyStore: KeyStore {
    private let database: SQLiteVaultDatabase

    /// A key store over `database`.
    public init(database: SQLiteVaultDatabase) {
        self.database = database
    }

    /// Stores a recording's wraps, replacing any it had.
    ///
    /// - Throws: `StorageError.keysShredded` for a recording whose keys were shredded.
    public func store(_ wraps: [WrappedDataKey], for recording: RecordingID) async throws {
        let key = StoredValues.key(recording)
        let serialized = wraps.map { Data($0.serialized) }
        try await database.write { db in
            // The check and the insert share one transaction, so a shred cannot slip between them.
            let shredded = try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM shredded_recording WHERE recording_id = ?)", arguments: [key])
            guard shredded != true else { throw StorageError.keysShredded(recording) }
            try db.execute(sql: "DELETE FROM wrapped_key WHERE recording_id = ?", arguments: [key])
            for (position, wrap) in serialized.enumerated() {
                try db.execute(
                    sql: "INSERT INTO wrapped_key (recording_id, position, wrap) VALUES (?, ?, ?)",
                    arguments: [key, position, wrap])
            }
        }
    }

    /// Whether the (unsigned) shredded list names `recording`. Only a signed or audited deletion
    /// makes it true evidence: a rotation or a verification checks that before trusting it.
    public func isMarkedShredded(_ recording: RecordingID) async throws -> Bool {
        let key = StoredValues.key(recording)
        return try await database.pool.read { db in
            try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM shredded_recording WHERE recording_id = ?)", arguments: [key])
                ?? false
        }
    }

    /// Deletes the wraps of `recording` made for `recipients`, whatever the shredded list says:
    /// taking access away never revives a key, so it is allowed even where ``store(_:for:)``
    /// refuses. Returns how many were deleted.
    @discardableResult
    public func removeWraps(of recipients: Set<RecipientFingerprint>, for recording: RecordingID) async throws -> Int {
        let key = StoredValues.key(recording)
        let doomed = try await wraps(for: recording).enumerated().filter { recipients.contains($0.element.recipient) }
        guard !doomed.isEmpty else { return 0 }
        try await database.write { db in
            let positions = try Int.fetchAll(
                db, sql: "SELECT position FROM wrapped_key WHERE recording_id = ? ORDER BY position", arguments: [key])
            for (index, _) in doomed where index < positions.count {
                try db.execute(
                    sql: "DELETE FROM wrapped_key WHERE recording_id = ? AND position = ?",
                    arguments: [key, positions[index]])
            }
        }
        return doomed.count
    }

    /// A recording's wraps, in the order stored; empty once shredded.
    public func wraps(for recording: RecordingID) async throws -> [WrappedDataKey] {
        let key = StoredValues.key(recording)
        let stored = try await database.pool.read { db in
            try Data.fetchAll(
                db, sql: "SELECT wrap FROM wrapped_key WHERE recording_id = ? ORDER BY position", arguments: [key])
        }
        return try stored.map { bytes in
            do {
                return try WrappedDataKey(serialized: Array(bytes))
            } catch {
                throw SQLiteVaultError(
                    .unreadableRow(table: "wrapped_key", key: key, reason: "\(error)"), underlying: error)
            }
        }
    }

    /// Destroys a recording's wraps for good, and remembers that it did. Idempotent.
    public func shred(_ recording: RecordingID) async throws {
        try await shred([recording])
    }

    /// Destroys several recordings' wraps in one transaction, then truncates the WAL once.
    public func shred(_ recordings: [RecordingID]) async throws {
        guard !recordings.isEmpty else { return }
        let keys = recordings.map(StoredValues.key)
        try await database.write { db in
            for key in keys {
                try db.executeCached(sql: "DELETE FROM wrapped_key WHERE recording_id = ?", arguments: [key])
                try db.executeCached(
                    sql: "INSERT INTO shredded_recording (recording_id) VALUES (?) ON CONFLICT DO NOTHING",
                    arguments: [key])
            }
        }
        try await database.pool.writeWithoutTransaction { db in
            // Best effort: SQLITE_BUSY here only means a reader is still on an older snapshot; the
            // rows are already gone from the database, and a later checkpoint empties the WAL.
            _ = try? db.checkpoint(.truncate)
        }
    }
}

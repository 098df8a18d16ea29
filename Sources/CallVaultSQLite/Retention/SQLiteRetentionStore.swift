public import CallVaultCore
public import CallVaultCrypto
public import CallVaultRetention
public import Foundation
import GRDB

/// Retention schedules, the deletion journal, tombstones and legal holds in the vault database,
/// with every guarantee `RetentionStore` documents:
///
/// - each record is stored whole as JSON, with the columns the sweeper searches by beside it
///   (due time, customer, whether deletion has begun); the due index is on `(due_at, recording_id)`
///   and covers only records not being deleted, so a sweep pages through it in order;
/// - `beginDeletions` re-reads each record and the holds (active, or released within the second
///   the deletion is stated at) and writes the journal entries in one write transaction, which
///   SQLite serialises against every other writer, in this process or another;
/// - a hold is saved by compare-and-swap in one write transaction: the stored hold is read and
///   compared with `previous` under the write lock, so two officers never both succeed;
/// - `save` refuses, for the whole batch, a record whose deletion began or that has a tombstone.
///
/// Given the audit log's history of holds (``init(database:holdAudit:)``), the stored holds are
/// checked against it wherever they decide a deletion: a hold marked released without its release
/// in the log, or a hold gone from the database whose placement is in the log, stays in force
/// (see `LegalHoldAuditHistory`). Given the organisation's signing key
/// (``init(database:holdAudit:signingKey:)``), every record and hold is signed when written and
/// verified when read: a record that does not verify is never deleted and its schedule never
/// trusted, and a hold that does not verify stays in force over every recording.
public struct SQLiteRetentionStore: RetentionStore {
    private let database: SQLiteVaultDatabase
    /// The rows of the last page of due records, as read and decoded (text, signature, record and
    /// check): the sweep begins deletions of the page it just read, and a row whose text and
    /// signature are unchanged need not be decoded and verified again. Shared by the store's
    /// copies; replaced with each page.
    private let lastDuePage = LockedState<[String: ReadRetentionRow]>([:])
    /// The database, for the index checks kept in their own file.
    var databaseForChecks: SQLiteVaultDatabase { database }
    /// The audit log's history of holds, checked against the stored holds; `nil`: trusted as stored.
    let holdAudit: (any LegalHoldAuditSource)?
    /// Signs records and holds on write and verifies them on read; `nil`: neither.
    let signingKey: SigningKey?
    /// Verifies records and holds on read (without signing).
    let verifyingKey: VerifyingKey?

    /// A retention store over `database` that trusts its hold rows as stored.
    public init(database: SQLiteVaultDatabase) {
        self.database = database
        self.holdAudit = nil
        self.signingKey = nil
        self.verifyingKey = nil
    }

    /// A retention store over `database` whose holds count only as far as `holdAudit` bears them
    /// out, and whose records and holds are signed with `signingKey` (the organisation's) when
    /// written and refused or kept in force when they do not verify.
    public init(database: SQLiteVaultDatabase, holdAudit: any LegalHoldAuditSource, signingKey: SigningKey) {
        self.database = database
        self.holdAudit = holdAudit
        self.signingKey = signingKey
        self.verifyingKey = signingKey.verifyingKey
    }

    /// A retention store that only reads: holds checked against `holdAudit`, records and holds
    /// verified with `verifyingKey` (for commands that need no passphrase).
    public init(database: SQLiteVaultDatabase, holdAudit: any LegalHoldAuditSource, verifyingKey: VerifyingKey) {
        self.database = database
        self.holdAudit = holdAudit
        self.signingKey = nil
        self.verifyingKey = verifyingKey
    }

    /// A retention store over `database` whose hold rows count only as far as `holdAudit` (the
    /// vault's audit log) bears them out: a release needs its audit entry, and a hold placed in
    /// the log cannot vanish from the database.
    public init(database: SQLiteVaultDatabase, holdAudit: any LegalHoldAuditSource) {
        self.database = database
        self.holdAudit = holdAudit
        self.signingKey = nil
        self.verifyingKey = nil
    }

    /// The stored holds that disagree with the audit log (none for a store made without its history).
    public func legalHoldDiscrepancies() async throws -> [LegalHoldDiscrepancy] {
        let history = try await holdAudit?.legalHoldHistory()
        return try await database.pool.read { [verifyingKey] db in
            try Self.holdsInForce(db, history: history, verifyingKey: verifyingKey).discrepancies
        }
    }

    /// The holds in force, from every stored hold: checked against the log's history when there
    /// is one, and with a hold that does not verify in force over everything.
    private static func holdsInForce(_ db: Database, history: LegalHoldAuditHistory?, verifyingKey: VerifyingKey?)
        throws -> (holds: [LegalHold], discrepancies: [LegalHoldDiscrepancy])
    {
        var stored: [LegalHold] = []
        var unreadable: [LegalHoldID: String] = [:]
        for row in try Row.fetchAll(
            db,
            sql:
                "SELECT id, CAST(id AS BLOB) AS id_bytes, released_at, hold, hold_signature FROM legal_hold ORDER BY id"
        ) {
            let id: String = try row.value("id", table: "legal_hold", key: "?")
            // The id reads back only up to a NUL byte, and is signed as read; lookups by id compare
            // every byte, so a hold whose id has more would be in force here and missing there.
            let idBytes: Data? = try row.value("id_bytes", table: "legal_hold", key: id)
            guard idBytes == Data(id.utf8) else {
                unreadable[LegalHoldID(id)] =
                    "its id column holds bytes after a NUL, which CallVault's reads do not see: edited outside CallVault"
                continue
            }
            let check = try StoredHold.check(row, verifyingKey: verifyingKey)
            guard check == .verified, let hold = try? StoredHold.hold(from: row) else {
                unreadable[LegalHoldID(id)] = check == .verified ? "its row does not read back" : check.reason
                continue
            }
            // The release column is what the hold queries search by; it must say what the hold says.
            let releasedAt: Double? = try? row.value("released_at", table: "legal_hold", key: id)
            guard releasedAt == hold.release.map({ StoredValues.time($0.releasedAt) }) else {
                unreadable[LegalHoldID(id)] =
                    "its released_at column disagrees with its signed row: edited outside CallVault"
                continue
            }
            stored.append(hold)
        }
        if let history { return history.holdsInForce(stored: stored, unreadable: unreadable) }
        return (
            stored + unreadable.keys.sorted { $0.rawValue < $1.rawValue }.map(LegalHold.lost),
            unreadable.map { .unreadable($0.key, reason: $0.value) }
        )
    }

    /// Inserts or replaces records, all or none.
    ///
    /// - Throws: `RetentionStoreError.recordingDeleted` or `.deletionInProgress` for a recording
    ///   past saving; nothing of the batch is saved then.
    public func save(_ records: [RetentionRecord]) async throws {
        let rows = try records.map { record in
            var record = record
            // Only beginDeletions begins a deletion: a journal entry passed in here is ignored.
            record.deletion = nil
            return try StoredRetentionRecord(record)
        }
        try await database.write { [signingKey] db in
            for row in rows {
                if try Bool.fetchOne(
                    db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM tombstone WHERE recording_id = ?)"),
                    arguments: [row.key]) == true
                {
                    throw RetentionStoreError.recordingDeleted(row.id)
                }
                if try Bool.fetchOne(
                    db.cachedStatement(sql: "SELECT deletion_begun FROM retention_record WHERE recording_id = ?"),
                    arguments: [row.key]) == true
                {
                    throw RetentionStoreError.deletionInProgress(row.id)
                }
            }
            for row in rows { try row.upsert(db, signingKey: signingKey) }
        }
    }

    /// The record of a recording that still exists.
    public func record(_ id: RecordingID) async throws -> RetentionRecord? {
        let key = StoredValues.key(id)
        return try await database.pool.read { [verifyingKey] db in
            try Row.fetchOne(
                db, sql: "SELECT record, record_signature FROM retention_record WHERE recording_id = ?",
                arguments: [key]
            ).map { try StoredRetentionRecord.verifiedRecord(from: $0, key: key, verifyingKey: verifyingKey) }
        }
    }

    /// The records of a customer's recordings that still exist, by start time.
    public func records(ofCustomer customerID: String) async throws -> [RetentionRecord] {
        try await database.pool.read { [verifyingKey] db in
            try StoredRetentionRecord.fetch(
                db,
                sql: """
                    SELECT recording_id, record, record_signature FROM retention_record WHERE customer_id = ?
                    ORDER BY started_at, recording_id
                    """,
                arguments: [customerID], verifyingKey: verifyingKey
            ).map { row, check in
                guard check == .verified else {
                    throw CatalogIntegrityError.retentionRecordNotVerified(row.recordingID, reason: check.reason)
                }
                return row
            }
        }
    }

    /// Records due at or before `now` whose deletion has not begun, in due order, after `cursor`.
    public func dueRecords(at now: Date, after cursor: DueCursor?, limit: Int) async throws -> [RetentionRecord] {
        // Records that do not verify are returned too (paging stays in due order);
        // beginDeletions refuses them.
        var sql =
            "SELECT recording_id, record, record_signature FROM retention_record WHERE deletion_begun = 0 AND due_at <= ?"
        var arguments: StatementArguments = [StoredValues.time(now)]
        if let cursor {
            sql += " AND (due_at, recording_id) > (?, ?)"
            arguments += [StoredValues.time(cursor.dueAt), StoredValues.key(cursor.recordingID)]
        }
        sql += " ORDER BY due_at, recording_id LIMIT ?"
        arguments += [max(limit, 0)]
        let passStarts = cursor == nil
        let path = database.path
        let rows = try await database.pool.read { [arguments, sql, verifyingKey] db in
            // The due index is only columns: a due time cleared or pushed back outside CallVault
            // would keep a due recording from every sweep. A store that verifies its records
            // compares every row's columns with its record when a pass starts, and refuses the
            // pass (naming the row) rather than sweep on an index it cannot trust.
            // A kept recording whose record was deleted is missing from the index altogether. And
            // every index must hold exactly the rows its definition covers: its SQL text can be
            // rewritten to hide a narrower one (SQLite's integrity check compares the entries).
            if passStarts, verifyingKey != nil {
                // Every table: the shredding, marking and tombstones find their rows through
                // indexes too (about 1 s for 100,000 recordings, as the column check above).
                try SchemaCheck.requireConsistent(db, path: path)
                if let altered = try RetentionIndexCheck.discrepancies(db, of: nil).first {
                    throw CatalogIntegrityError.retentionIndexAltered(altered.recordingID, columns: altered.columns)
                }
                if let unscheduled = try RetentionIndexCheck.unscheduled(db, of: nil).first {
                    throw CatalogIntegrityError.retentionRecordMissing(unscheduled)
                }
                // A certificate says every copy of the keys is shredded: a copy under another id
                // would make each one it signs false.
                if let stray = try RetentionIndexCheck.strayKeyIDs(db).first {
                    throw CatalogIntegrityError.keysWithoutRecording(String(decoding: stray, as: UTF8.self))
                }
            }
            return try StoredRetentionRecord.fetchRows(db, sql: sql, arguments: arguments, verifyingKey: verifyingKey)
        }
        lastDuePage.withLock { page in
            page = Dictionary(rows.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        }
        return rows.map(\.record)
    }

    /// Records whose deletion began and has not completed, by recording id.
    public func deletionsInProgress(limit: Int) async throws -> [RetentionRecord] {
        // A journal entry only counts signed: a forged one must not make a sweep shred anything.
        try await database.pool.read { [verifyingKey] db in
            try StoredRetentionRecord.fetch(
                db,
                sql: """
                    SELECT recording_id, record, record_signature FROM retention_record WHERE deletion_begun = 1
                    ORDER BY recording_id LIMIT ?
                    """,
                arguments: [max(limit, 0)], verifyingKey: verifyingKey
            ).filter { $0.1 == .verified }.map(\.0)
        }
    }

    /// Begins deleting each recording in one write transaction, re-checking dueness and holds.
    public func beginDeletions(_ ids: [RecordingID], at now: Date) async throws -> [DeletionStart] {
        // Holds released in the second the deletion is stated at still count; one more second of
        // margin costs nothing, as `deletionRefusal` applies the exact rule.
        let releasedSince = StoredValues.time(now.addingTimeInterval(-2))
        // Read before the transaction: a release audited meanwhile is not seen, which keeps the
        // hold (the stricter side), and the log is never read under the database's write lock.
        let history = try await holdAudit?.legalHoldHistory()
        let prepared = try await prepareDeletions(ids, at: now)
        return try await database.write { [verifyingKey, signingKey] db in
            let holds =
                if history != nil || verifyingKey != nil {
                    try Self.holdsInForce(db, history: history, verifyingKey: verifyingKey).holds
                } else {
                    try Row.fetchAll(
                        db, sql: "SELECT id, hold FROM legal_hold WHERE released_at IS NULL OR released_at >= ?",
                        arguments: [releasedSince]
                    ).map { try StoredHold.hold(from: $0) }
                }
            var starts: [DeletionStart] = []
            starts.reserveCapacity(ids.count)
            for id in ids {
                let key = StoredValues.key(id)
                let row = try Row.fetchOne(
                    db.cachedStatement(
                        sql: "SELECT record, record_signature FROM retention_record WHERE recording_id = ?"),
                    arguments: [key])
                if try Bool.fetchOne(
                    db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM tombstone WHERE recording_id = ?)"),
                    arguments: [key]) == true
                {
                    // A deletion's tombstone replaces its record in one transaction: both at once
                    // means one was written outside CallVault. Neither is taken on its word.
                    starts.append(
                        .refused(
                            id,
                            row == nil
                                ? .alreadyDeleted
                                : .notVerified(
                                    "a tombstone says it was deleted, yet its retention record remains: one of them was written outside CallVault"
                                )))
                    continue
                }
                guard let row else {
                    starts.append(.refused(id, .notFound))
                    continue
                }
                // The row as prepared outside the lock, when it has not changed since (the same
                // text and signature decode, verify and journal the same way).
                let ready = try prepared[key].flatMap { try $0.matches(row, key: key) ? $0 : nil }
                let check = try ready?.check ?? StoredRetentionRecord.check(row, key: key, verifyingKey: verifyingKey)
                guard check == .verified else {
                    starts.append(.refused(id, .notVerified(check.reason)))
                    continue
                }
                var record = try ready?.record ?? StoredRetentionRecord.record(from: row, key: key)
                if record.deletion != nil {
                    starts.append(.proceed(record))
                    continue
                }
                if let refusal = record.deletionRefusal(at: now, holds: holds) {
                    starts.append(.refused(id, refusal))
                    continue
                }
                if let journaled = ready?.journaled {
                    try journaled.stored.upsert(db, signature: journaled.signature)
                    starts.append(.proceed(journaled.record))
                    continue
                }
                record.deletion = DeletionJournalEntry(startedAt: now, cause: record.dueDeletionCause)
                try StoredRetentionRecord(record).upsert(db, signingKey: signingKey)
                starts.append(.proceed(record))
            }
            return starts
        }
    }

    /// A record read, decoded, verified and journaled outside the write lock, for a deletion to
    /// begin; used in the transaction only when the row's text and signature are still these.
    private struct PreparedDeletion: Sendable {
        let json: String
        let signature: Data?
        let check: StoreRowCheck
        let record: RetentionRecord
        /// The record with its journal entry, stored and signed (nil when already journaled).
        let journaled: (record: RetentionRecord, stored: StoredRetentionRecord, signature: Data?)?

        func matches(_ row: Row, key: String) throws -> Bool {
            let json: String = try row.value("record", table: "retention_record", key: key)
            let signature: Data? = try row.value("record_signature", table: "retention_record", key: key)
            return json == self.json && signature == self.signature
        }
    }

    /// Reads the records of `ids` (beside writers: the pool's readers) and does the work of
    /// beginning their deletions that needs no lock: decoding, verifying, encoding and signing
    /// the journaled record. A row that does not decode is left to the transaction, which
    /// reports it.
    private func prepareDeletions(_ ids: [RecordingID], at now: Date) async throws -> [String: PreparedDeletion] {
        let cached = lastDuePage.withLock { $0 }
        var ready: [ReadRetentionRow] = []
        var keys: [String] = []
        for id in ids {
            let key = StoredValues.key(id)
            if let row = cached[key] { ready.append(row) } else { keys.append(key) }
        }
        let rows = try await database.pool.read { [keys] db in
            var rows: [(key: String, json: String, signature: Data?)] = []
            for start in stride(from: 0, to: keys.count, by: 500) {
                let chunk = Array(keys[start..<min(start + 500, keys.count)])
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                for row in try Row.fetchAll(
                    db,
                    sql:
                        "SELECT recording_id, record, record_signature FROM retention_record WHERE recording_id IN (\(marks))",
                    arguments: StatementArguments(chunk))
                {
                    rows.append((row[0], row[1], row[2]))
                }
            }
            return rows
        }
        for row in rows {
            guard
                let decoded = try? StoredValues.decode(
                    RetentionRecord.self, from: row.json, table: "retention_record", key: row.key, column: "record"),
                StoredValues.key(decoded.recordingID) == row.key
            else { continue }
            ready.append(
                ReadRetentionRow(
                    key: row.key, json: row.json, signature: row.signature, record: decoded,
                    check: StoreRowMessage.check(
                        .retentionRecord, key: row.key, json: row.json, signature: row.signature,
                        verifyingKey: verifyingKey)))
        }
        var prepared: [String: PreparedDeletion] = [:]
        for row in ready {
            let decoded = row.record
            let check = row.check
            var journaled: (record: RetentionRecord, stored: StoredRetentionRecord, signature: Data?)?
            if decoded.deletion == nil {
                var record = decoded
                record.deletion = DeletionJournalEntry(startedAt: now, cause: record.dueDeletionCause)
                let stored = try StoredRetentionRecord(journaling: record, storedAs: row.json)
                journaled = (record, stored, try stored.signature(signingKey: signingKey))
            }
            prepared[row.key] = PreparedDeletion(
                json: row.json, signature: row.signature, check: check, record: decoded, journaled: journaled)
        }
        return prepared
    }

    /// Replaces each record with its tombstone; a recording's first tombstone stays. Idempotent.
    public func completeDeletions(_ tombstones: [Tombstone]) async throws {
        let rows = try tombstones.map { tombstone in
            (
                key: StoredValues.key(tombstone.recordingID), deletedAt: StoredValues.time(tombstone.deletedAt),
                cause: try StoredValues.json(tombstone.cause), certificate: tombstone.certificate
            )
        }
        try await database.write { db in
            for row in rows {
                try db.executeCached(
                    sql: """
                        INSERT INTO tombstone (recording_id, deleted_at, cause, certificate) VALUES (?, ?, ?, ?)
                        ON CONFLICT (recording_id) DO NOTHING
                        """,
                    arguments: [row.key, row.deletedAt, row.cause, row.certificate])
                try db.executeCached(
                    sql: "DELETE FROM retention_record WHERE recording_id = ?", arguments: [row.key])
            }
        }
    }

    /// The tombstone of a deleted recording.
    public func tombstone(_ id: RecordingID) async throws -> Tombstone? {
        let key = StoredValues.key(id)
        return try await database.pool.read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT deleted_at, cause, certificate FROM tombstone WHERE recording_id = ?",
                    arguments: [key])
            else { return nil }
            let cause: String = try row.value("cause", table: "tombstone", key: key)
            return Tombstone(
                recordingID: id,
                deletedAt: StoredValues.date(try row.value("deleted_at", table: "tombstone", key: key)),
                cause: try StoredValues.decode(
                    DeletionCause.self, from: cause, table: "tombstone", key: key, column: "cause"),
                certificate: try row.value("certificate", table: "tombstone", key: key))
        }
    }

    /// Saves a legal hold if the stored one is still `previous` (compare-and-swap).
    ///
    /// - Throws: `RetentionStoreError.holdChanged` when it is not.
    public func save(_ hold: LegalHold, replacing previous: LegalHold?) async throws {
        let row = try StoredHold(hold)
        let signature = try StoreRowMessage.signature(.legalHold, key: row.id, json: row.json, signingKey: signingKey)
        try await database.write { [verifyingKey] db in
            // A hold that does not verify is not built on (its edit would be signed along).
            let stored = try Row.fetchOne(
                db, sql: "SELECT id, hold, hold_signature FROM legal_hold WHERE id = ?", arguments: [row.id]
            ).map { try StoredHold.verifiedHold(from: $0, verifyingKey: verifyingKey) }
            guard stored == previous else { throw RetentionStoreError.holdChanged(hold.id) }
            try db.execute(
                sql: """
                    INSERT INTO legal_hold (id, released_at, hold, hold_signature) VALUES (?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET
                        released_at = excluded.released_at, hold = excluded.hold,
                        hold_signature = excluded.hold_signature
                    """,
                arguments: [row.id, row.releasedAt, row.json, signature])
        }
    }

    /// A legal hold, active or released.
    public func hold(_ id: LegalHoldID) async throws -> LegalHold? {
        try await database.pool.read { [verifyingKey] db in
            try Row.fetchOne(
                db, sql: "SELECT id, hold, hold_signature FROM legal_hold WHERE id = ?", arguments: [id.rawValue]
            ).map { try StoredHold.verifiedHold(from: $0, verifyingKey: verifyingKey) }
        }
    }

    /// The holds not yet released, by id.
    public func activeHolds() async throws -> [LegalHold] {
        if holdAudit != nil || verifyingKey != nil {
            let history = try await holdAudit?.legalHoldHistory()
            return try await database.pool.read { [verifyingKey] db in
                try Self.holdsInForce(db, history: history, verifyingKey: verifyingKey).holds.filter(\.isActive)
            }
        }
        return try await database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, hold FROM legal_hold WHERE released_at IS NULL ORDER BY id")
                .map { try StoredHold.hold(from: $0) }
        }
    }
}

/// A retention record as its row.
struct StoredRetentionRecord {
    let id: RecordingID
    let key: String
    let columns: SearchColumns
    let json: String

    init(_ record: RetentionRecord) throws {
        self.init(record, json: try StoredValues.json(record))
    }

    private init(_ record: RetentionRecord, json: String) {
        id = record.recordingID
        key = StoredValues.key(record.recordingID)
        columns = Self.searchColumns(of: record)
        self.json = json
    }

    /// The values a record's search columns are stored with beside its text.
    struct SearchColumns: Equatable {
        let customerID: String?
        let startedAt: Double
        let dueAt: Double?
        let deletionBegun: Bool
    }

    /// The search columns of `record`, without encoding it (the index check compares every
    /// row's columns with these when a sweep pass starts).
    static func searchColumns(of record: RetentionRecord) -> SearchColumns {
        SearchColumns(
            customerID: record.attributes.customerID, startedAt: StoredValues.time(record.attributes.startedAt),
            dueAt: record.dueAt.map(StoredValues.time), deletionBegun: record.deletion != nil)
    }

    /// The row of `record`, just given its deletion journal entry, whose stored text without the
    /// entry is `original`: the entry's JSON is inserted among the top-level keys where the sorted
    /// encoding puts it, rather than the whole record encoded again (the sweep's costliest step).
    /// Falls back to encoding the record when `original` is not the compact sorted object that
    /// ``StoredValues/json(_:)`` writes.
    init(journaling record: RetentionRecord, storedAs original: String) throws {
        if let deletion = record.deletion,
            let spliced = Self.inserting(key: "deletion", value: try StoredValues.json(deletion), into: original)
        {
            self.init(record, json: spliced)
        } else {
            try self.init(record)
        }
    }

    /// `object` (a compact JSON object with sorted keys, without `key`) with `"key":value` added
    /// in sorted place among its top-level keys; nil when `object` is not such an object.
    static func inserting(key: String, value: String, into object: String) -> String? {
        let bytes = Array(object.utf8)
        guard bytes.first == UInt8(ascii: "{"), bytes.last == UInt8(ascii: "}") else { return nil }
        var depth = 0
        var inString = false
        var escaped = false
        var keyStart: Int?
        var expectingKey = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    if let start = keyStart {
                        let name = String(decoding: bytes[(start + 1)..<index], as: UTF8.self)
                        if name == key { return nil }
                        if name > key {
                            let head = String(decoding: bytes[..<start], as: UTF8.self)
                            let tail = String(decoding: bytes[start...], as: UTF8.self)
                            return head + "\"\(key)\":" + value + "," + tail
                        }
                        keyStart = nil
                    }
                }
            } else {
                switch byte {
                case UInt8(ascii: "\""):
                    inString = true
                    if depth == 1 && expectingKey { keyStart = index }
                    expectingKey = false
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                    expectingKey = depth == 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                case UInt8(ascii: ","):
                    expectingKey = depth == 1
                default:
                    break
                }
            }
            index += 1
        }
        guard depth == 0, !inString else { return nil }
        // Every key sorts before `key`: it goes last.
        let body = String(decoding: bytes[..<(bytes.count - 1)], as: UTF8.self)
        return body + (bytes.count > 2 ? "," : "") + "\"\(key)\":" + value + "}"
    }

    func upsert(_ db: Database, signingKey: SigningKey?) throws {
        try upsert(db, signature: try signature(signingKey: signingKey))
    }

    /// The row's signature with `signingKey` (nil without a key).
    func signature(signingKey: SigningKey?) throws -> Data? {
        try StoreRowMessage.signature(.retentionRecord, key: key, json: json, signingKey: signingKey)
    }

    /// Writes the row with a signature made beforehand by ``signature(signingKey:)``.
    func upsert(_ db: Database, signature: Data?) throws {
        try db.executeCached(
            sql: """
                INSERT INTO retention_record (
                    recording_id, customer_id, started_at, due_at, deletion_begun, record, record_signature)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (recording_id) DO UPDATE SET
                    customer_id = excluded.customer_id, started_at = excluded.started_at, due_at = excluded.due_at,
                    deletion_begun = excluded.deletion_begun, record = excluded.record,
                    record_signature = excluded.record_signature
                """,
            arguments: [
                key, columns.customerID, columns.startedAt, columns.dueAt, columns.deletionBegun, json, signature,
            ])
    }

    /// Whether a row (with its `record` and `record_signature`) verifies with `verifyingKey`.
    static func check(_ row: Row, key: String, verifyingKey: VerifyingKey?) throws -> StoreRowCheck {
        let json: String = try row.value("record", table: "retention_record", key: key)
        let signature: Data? = try row.value("record_signature", table: "retention_record", key: key)
        return StoreRowMessage.check(
            .retentionRecord, key: key, json: json, signature: signature, verifyingKey: verifyingKey)
    }

    /// The record, refused when it does not verify.
    static func verifiedRecord(from row: Row, key: String, verifyingKey: VerifyingKey?) throws -> RetentionRecord {
        let record = try record(from: row, key: key)
        let check = try check(row, key: key, verifyingKey: verifyingKey)
        guard check == .verified else {
            throw CatalogIntegrityError.retentionRecordNotVerified(record.recordingID, reason: check.reason)
        }
        return record
    }

    static func record(from row: Row, key: String) throws -> RetentionRecord {
        let json: String = try row.value("record", table: "retention_record", key: key)
        let record = try StoredValues.decode(
            RetentionRecord.self, from: json, table: "retention_record", key: key, column: "record")
        guard StoredValues.key(record.recordingID) == key else {
            throw SQLiteVaultError.unreadableRow(
                table: "retention_record", key: key, reason: "the record is of recording \(record.recordingID)")
        }
        return record
    }

    /// The rows `sql` selects (`recording_id`, `record`, `record_signature`), decoded and checked,
    /// with their text and signature.
    static func fetchRows(_ db: Database, sql: String, arguments: StatementArguments, verifyingKey: VerifyingKey?)
        throws -> [ReadRetentionRow]
    {
        try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            let key: String = try row.value("recording_id", table: "retention_record", key: "?")
            return ReadRetentionRow(
                key: key, json: try row.value("record", table: "retention_record", key: key),
                signature: try row.value("record_signature", table: "retention_record", key: key),
                record: try record(from: row, key: key), check: try check(row, key: key, verifyingKey: verifyingKey))
        }
    }

    static func fetch(_ db: Database, sql: String, arguments: StatementArguments, verifyingKey: VerifyingKey?)
        throws -> [(RetentionRecord, StoreRowCheck)]
    {
        try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            let key: String = try row.value("recording_id", table: "retention_record", key: "?")
            return (try record(from: row, key: key), try check(row, key: key, verifyingKey: verifyingKey))
        }
    }
}

/// A retention record's row as read: its text and signature, decoded and checked.
struct ReadRetentionRow: Sendable {
    let key: String
    let json: String
    let signature: Data?
    let record: RetentionRecord
    let check: StoreRowCheck
}

/// A legal hold as its row.
struct StoredHold {
    let id: String
    let releasedAt: Double?
    let json: String

    init(_ hold: LegalHold) throws {
        id = hold.id.rawValue
        releasedAt = hold.release.map { StoredValues.time($0.releasedAt) }
        json = try StoredValues.json(hold)
    }

    /// Whether a row (with its `hold` and `hold_signature`) verifies with `verifyingKey`.
    static func check(_ row: Row, verifyingKey: VerifyingKey?) throws -> StoreRowCheck {
        let id: String = try row.value("id", table: "legal_hold", key: "?")
        let json: String = try row.value("hold", table: "legal_hold", key: id)
        let signature: Data? = try row.value("hold_signature", table: "legal_hold", key: id)
        return StoreRowMessage.check(.legalHold, key: id, json: json, signature: signature, verifyingKey: verifyingKey)
    }

    /// The hold, refused when it does not verify.
    static func verifiedHold(from row: Row, verifyingKey: VerifyingKey?) throws -> LegalHold {
        let hold = try hold(from: row)
        let check = try check(row, verifyingKey: verifyingKey)
        guard check == .verified else {
            throw CatalogIntegrityError.holdNotVerified(hold.id.rawValue, reason: check.reason)
        }
        return hold
    }

    static func hold(from row: Row) throws -> LegalHold {
        let id: String = try row.value("id", table: "legal_hold", key: "?")
        let json: String = try row.value("hold", table: "legal_hold", key: id)
        let hold = try StoredValues.decode(LegalHold.self, from: json, table: "legal_hold", key: id, column: "hold")
        guard hold.id.rawValue == id else {
            throw SQLiteVaultError.unreadableRow(table: "legal_hold", key: id, reason: "the hold is \(hold.id)")
        }
        return hold
    }
}

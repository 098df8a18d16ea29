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
        for row in try Row.fetchAll(db, sql: "SELECT id, hold, hold_signature FROM legal_hold ORDER BY id") {
            let id: String = try row.value("id", table: "legal_hold", key: "?")
            let check = try StoredHold.check(row, verifyingKey: verifyingKey)
            guard check == .verified, let hold = try? StoredHold.hold(from: row) else {
                unreadable[LegalHoldID(id)] = check == .verified ? "its row does not read back" : check.reason
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
                    db, sql: "SELECT EXISTS (SELECT 1 FROM tombstone WHERE recording_id = ?)", arguments: [row.key])
                    == true
                {
                    throw RetentionStoreError.recordingDeleted(row.id)
                }
                if try Bool.fetchOne(
                    db, sql: "SELECT deletion_begun FROM retention_record WHERE recording_id = ?", arguments: [row.key])
                    == true
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
        return try await database.pool.read { [arguments, sql, verifyingKey] db in
            // The due index is only columns: a due time cleared or pushed back outside CallVault
            // would keep a due recording from every sweep. A store that verifies its records
            // compares every row's columns with its record when a pass starts, and refuses the
            // pass (naming the row) rather than sweep on an index it cannot trust.
            if passStarts, verifyingKey != nil,
                let altered = try RetentionIndexCheck.discrepancies(db, of: nil).first
            {
                throw CatalogIntegrityError.retentionIndexAltered(altered.recordingID, columns: altered.columns)
            }
            return try StoredRetentionRecord.fetch(db, sql: sql, arguments: arguments, verifyingKey: verifyingKey).map(
                \.0)
        }
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
                if try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM tombstone WHERE recording_id = ?)", arguments: [key]) == true
                {
                    starts.append(.refused(id, .alreadyDeleted))
                    continue
                }
                guard
                    let row = try Row.fetchOne(
                        db, sql: "SELECT record, record_signature FROM retention_record WHERE recording_id = ?",
                        arguments: [key])
                else {
                    starts.append(.refused(id, .notFound))
                    continue
                }
                let check = try StoredRetentionRecord.check(row, key: key, verifyingKey: verifyingKey)
                guard check == .verified else {
                    starts.append(.refused(id, .notVerified(check.reason)))
                    continue
                }
                var record = try StoredRetentionRecord.record(from: row, key: key)
                if record.deletion != nil {
                    starts.append(.proceed(record))
                    continue
                }
                if let refusal = record.deletionRefusal(at: now, holds: holds) {
                    starts.append(.refused(id, refusal))
                    continue
                }
                record.deletion = DeletionJournalEntry(startedAt: now, cause: record.dueDeletionCause)
                try StoredRetentionRecord(record).upsert(db, signingKey: signingKey)
                starts.append(.proceed(record))
            }
            return starts
        }
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
                try db.execute(
                    sql: """
                        INSERT INTO tombstone (recording_id, deleted_at, cause, certificate) VALUES (?, ?, ?, ?)
                        ON CONFLICT (recording_id) DO NOTHING
                        """,
                    arguments: [row.key, row.deletedAt, row.cause, row.certificate])
                try db.execute(sql: "DELETE FROM retention_record WHERE recording_id = ?", arguments: [row.key])
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
    let customerID: String?
    let startedAt: Double
    let dueAt: Double?
    let deletionBegun: Bool
    let json: String

    init(_ record: RetentionRecord) throws {
        id = record.recordingID
        key = StoredValues.key(record.recordingID)
        customerID = record.attributes.customerID
        startedAt = StoredValues.time(record.attributes.startedAt)
        dueAt = record.dueAt.map(StoredValues.time)
        deletionBegun = record.deletion != nil
        json = try StoredValues.json(record)
    }

    func upsert(_ db: Database, signingKey: SigningKey?) throws {
        let signature = try StoreRowMessage.signature(.retentionRecord, key: key, json: json, signingKey: signingKey)
        try db.execute(
            sql: """
                INSERT INTO retention_record (
                    recording_id, customer_id, started_at, due_at, deletion_begun, record, record_signature)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (recording_id) DO UPDATE SET
                    customer_id = excluded.customer_id, started_at = excluded.started_at, due_at = excluded.due_at,
                    deletion_begun = excluded.deletion_begun, record = excluded.record,
                    record_signature = excluded.record_signature
                """,
            arguments: [key, customerID, startedAt, dueAt, deletionBegun, json, signature])
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

    static func fetch(_ db: Database, sql: String, arguments: StatementArguments, verifyingKey: VerifyingKey?)
        throws -> [(RetentionRecord, StoreRowCheck)]
    {
        try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            let key: String = try row.value("recording_id", table: "retention_record", key: "?")
            return (try record(from: row, key: key), try check(row, key: key, verifyingKey: verifyingKey))
        }
    }
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

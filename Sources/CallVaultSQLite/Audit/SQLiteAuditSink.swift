public import CallVault
public import CallVaultAudit
import CallVaultCore
public import CallVaultCrypto
public import Foundation
import GRDB

/// The audit log's durable home in the vault database: one table for the log's identity, one row
/// per entry (the fields the chain hashes, in columns), one row per checkpoint.
///
/// It keeps the semantics of the file sink and the test kit's sink: an empty sink starts the log
/// it is offered, a sink holding a log reports it (its last sequence number, head hash, last
/// checkpoint and the event ids it holds, so events delivered again after a crash are recorded
/// once), and an append stores its entries and its checkpoint in one transaction: a crash leaves
/// all of them or none, never a checkpoint without the entries it signs.
///
/// It also refuses an append that does not continue the stored chain, which only a second writer
/// can cause (two processes each with an `AuditLog` over the same vault): without this check their
/// entries would fork the chain, and the verifier would only find out later.
public struct SQLiteAuditSink: AuditSink {
    private let database: SQLiteVaultDatabase

    /// A sink over `database`.
    public init(database: SQLiteVaultDatabase) {
        self.database = database
    }

    /// Starts a log, or reports the one already stored (whatever `logID` and `signer` are offered).
    public func open(newLogID logID: UUID, signer: VerifyingKey, at timestamp: Int64) async throws -> AuditLogState {
        let offered = Data(signer.rawRepresentation)
        return try await database.write { db in
            if let existing = try StoredLog.fetch(db) { return try existing.state(db) }
            try db.execute(
                sql: "INSERT INTO audit_log (singleton, log_id, signer, created) VALUES (1, ?, ?, ?)",
                arguments: [logID.uuidString.lowercased(), offered, timestamp])
            return try StoredLog(logID: logID, signer: signer, created: timestamp).state(db)
        }
    }

    /// Stores the entries, then the checkpoint, in one transaction.
    ///
    /// - Throws: ``SQLiteVaultError/auditLogNotOpened(path:)`` before ``open(newLogID:signer:at:)``,
    ///   ``SQLiteVaultError/auditSequenceMismatch(expected:found:)`` when the entries do not continue
    ///   the stored chain.
    public func append(_ entries: [AuditEntry], checkpoint: AuditCheckpoint?) async throws {
        let rows = try entries.map(StoredEntry.init)
        let checkpointRow = try checkpoint.map(StoredCheckpoint.init)
        let path = database.path
        try await database.write { db in
            guard try StoredLog.fetch(db) != nil else { throw SQLiteVaultError.auditLogNotOpened(path: path) }
            var expected = (try Int64.fetchOne(db, sql: "SELECT MAX(sequence) FROM audit_entry") ?? 0) + 1
            for row in rows {
                guard row.sequence == expected else {
                    throw SQLiteVaultError.auditSequenceMismatch(
                        expected: UInt64(clamping: expected), found: UInt64(clamping: row.sequence))
                }
                try row.insert(db)
                expected += 1
            }
            try checkpointRow?.insert(db)
        }
    }

    /// The stored log in the audit file format (header, entries, checkpoints), for `AuditVerifier`
    /// or an auditor; empty when no log was opened.
    public func logFileContents() async throws -> [UInt8] {
        try await database.pool.read { db in
            guard let log = try StoredLog.fetch(db) else { return [] }
            let entries = try Row.fetchAll(db, sql: "SELECT * FROM audit_entry ORDER BY sequence").map(
                StoredEntry.entry)
            let checkpoints = try Row.fetchAll(db, sql: "SELECT * FROM audit_checkpoint ORDER BY position").map(
                StoredCheckpoint.checkpoint)
            return AuditFileFormat.render(
                logID: log.logID, signer: log.signer, created: log.created, entries: entries, checkpoints: checkpoints)
        }
    }
}

/// The log's identity row.
private struct StoredLog: Sendable {
    let logID: UUID
    let signer: VerifyingKey
    let created: Int64

    static func fetch(_ db: Database) throws -> StoredLog? {
        guard let row = try Row.fetchOne(db, sql: "SELECT log_id, signer, created FROM audit_log") else { return nil }
        let text: String = try row.value("log_id", table: "audit_log", key: "1")
        let signer: Data = try row.value("signer", table: "audit_log", key: "1")
        guard let logID = UUID(uuidString: text) else {
            throw SQLiteVaultError.unreadableRow(table: "audit_log", key: "1", reason: "log_id is not a UUID")
        }
        do {
            return StoredLog(
                logID: logID, signer: try VerifyingKey(rawRepresentation: signer),
                created: try row.value("created", table: "audit_log", key: "1"))
        } catch let error as SQLiteVaultError {
            throw error
        } catch {
            throw SQLiteVaultError.unreadableRow(table: "audit_log", key: "1", reason: "signer: \(error)")
        }
    }

    /// Where the log stands: its last entry, last checkpoint and every event id it holds.
    ///
    /// The log's creation time is stored too (`created`), and the latest time it holds is
    /// `MAX(created, entries' and checkpoints' timestamps)`: what a state that reports them needs.
    func state(_ db: Database) throws -> AuditLogState {
        let last = try Row.fetchOne(db, sql: "SELECT * FROM audit_entry ORDER BY sequence DESC LIMIT 1")
            .map(StoredEntry.entry)
        let checkpoint = try Row.fetchOne(db, sql: "SELECT * FROM audit_checkpoint ORDER BY position DESC LIMIT 1")
            .map(StoredCheckpoint.checkpoint)
        let eventIDs = try String.fetchAll(
            db, sql: "SELECT event_id FROM audit_entry WHERE event_id IS NOT NULL")
        let latest = try Int64.fetchOne(
            db,
            sql: """
                SELECT MAX(t) FROM (SELECT MAX(timestamp) AS t FROM audit_entry
                UNION ALL SELECT MAX(timestamp) FROM audit_checkpoint)
                """)
        return AuditLogState(
            logID: logID, signer: signer, created: created, lastTimestamp: max(created, latest ?? created),
            sequence: last?.sequence ?? 0, head: last?.hash ?? [], lastCheckpoint: checkpoint,
            eventIDs: Set(eventIDs))
    }
}

/// An entry as its row.
private struct StoredEntry: Sendable {
    let sequence: Int64
    let timestamp: Int64
    let actor: String
    let action: String
    let target: String
    let purpose: String?
    let outcome: String
    let reasons: String
    let eventID: String?
    let hash: Data

    init(_ entry: AuditEntry) throws {
        sequence = try StoredValues.integer(entry.sequence, field: "audit entry sequence")
        timestamp = entry.timestamp
        actor = entry.record.actor.rawValue
        action = entry.record.action.identifier
        target = entry.record.target
        purpose = entry.record.purpose?.identifier
        outcome = entry.record.outcome.rawValue
        reasons = try StoredValues.json(entry.record.reasons)
        eventID = entry.record.eventID
        hash = Data(entry.hash)
    }

    func insert(_ db: Database) throws {
        try db.executeCached(
            sql: """
                INSERT INTO audit_entry (sequence, timestamp, actor, action, target, purpose, outcome, reasons, event_id, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [sequence, timestamp, actor, action, target, purpose, outcome, reasons, eventID, hash])
    }

    static func entry(_ row: Row) throws -> AuditEntry {
        let sequence: Int64 = try row.value("sequence", table: "audit_entry", key: "?")
        let key = String(sequence)
        func column<Value: DatabaseValueConvertible>(_ name: String) throws -> Value {
            try row.value(name, table: "audit_entry", key: key)
        }
        let outcomeName: String = try column("outcome")
        guard let outcome = AuditOutcome(rawValue: outcomeName) else {
            throw SQLiteVaultError.unreadableRow(table: "audit_entry", key: key, reason: "outcome '\(outcomeName)'")
        }
        let purpose: String? = try column("purpose")
        let hash: Data = try column("hash")
        do {
            let record = AuditRecord(
                actor: PrincipalID(recorded: try column("actor") as String),
                action: try AuditAction(try column("action")),
                target: try column("target"), purpose: try purpose.map { try Purpose($0) }, outcome: outcome,
                reasons: try StoredValues.decode(
                    [String].self, from: try column("reasons"), table: "audit_entry", key: key, column: "reasons"),
                eventID: try column("event_id"))
            return AuditEntry(
                sequence: try StoredValues.unsigned(sequence, table: "audit_entry", key: key, column: "sequence"),
                timestamp: try column("timestamp"), record: record, hash: Array(hash))
        } catch let error as SQLiteVaultError {
            throw error
        } catch {
            throw SQLiteVaultError(
                .unreadableRow(table: "audit_entry", key: key, reason: "\(error)"), underlying: error)
        }
    }
}

/// A checkpoint as its row.
private struct StoredCheckpoint: Sendable {
    let sequence: Int64
    let head: Data
    let timestamp: Int64
    let signature: Data

    init(_ checkpoint: AuditCheckpoint) throws {
        sequence = try StoredValues.integer(checkpoint.sequence, field: "audit checkpoint sequence")
        head = Data(checkpoint.head)
        timestamp = checkpoint.timestamp
        signature = Data(checkpoint.signature)
    }

    func insert(_ db: Database) throws {
        try db.executeCached(
            sql: "INSERT INTO audit_checkpoint (sequence, head, timestamp, signature) VALUES (?, ?, ?, ?)",
            arguments: [sequence, head, timestamp, signature])
    }

    static func checkpoint(_ row: Row) throws -> AuditCheckpoint {
        let position: Int64 = try row.value("position", table: "audit_checkpoint", key: "?")
        let key = String(position)
        let sequence: Int64 = try row.value("sequence", table: "audit_checkpoint", key: key)
        let head: Data = try row.value("head", table: "audit_checkpoint", key: key)
        let signature: Data = try row.value("signature", table: "audit_checkpoint", key: key)
        return AuditCheckpoint(
            sequence: try StoredValues.unsigned(sequence, table: "audit_checkpoint", key: key, column: "sequence"),
            head: Array(head), timestamp: try row.value("timestamp", table: "audit_checkpoint", key: key),
            signature: Array(signature))
    }
}

extension SQLiteAuditSink: AuditTrail {
    /// The entries about `target`, oldest first (indexed by target).
    public func entries(about target: String) async throws -> [AuditEntry] {
        try await database.pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM audit_entry WHERE target = ? ORDER BY sequence", arguments: [target]
            )
            .map(StoredEntry.entry)
        }
    }

    /// The entries about each of `targets`, oldest first, 500 targets per query (indexed by
    /// target).
    public func entries(about targets: [String]) async throws -> [String: [AuditEntry]] {
        let unique = Array(Set(targets))
        return try await database.pool.read { db in
            var found: [String: [AuditEntry]] = [:]
            for start in stride(from: 0, to: unique.count, by: 500) {
                let chunk = Array(unique[start..<min(start + 500, unique.count)])
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                for row in try Row.fetchAll(
                    db, sql: "SELECT * FROM audit_entry WHERE target IN (\(marks)) ORDER BY sequence",
                    arguments: StatementArguments(chunk))
                {
                    let entry = try StoredEntry.entry(row)
                    found[entry.record.target, default: []].append(entry)
                }
            }
            return found
        }
    }
}

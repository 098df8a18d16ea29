public import CallVault
import CallVaultAccess
import CallVaultCapture
import CallVaultConsent
public import CallVaultCore
public import CallVaultCrypto
import CallVaultRetention
import Foundation
import GRDB

/// The recording catalog in the vault database: what is searched by (state, start time, customer)
/// in columns with indexes, nested values (parties, purposes, tracks, timeline, tags, regimes) as
/// JSON, and each signed consent receipt as its signed file, byte for byte, in its own row.
///
/// Receipts are kept as the files `SignedConsentReceipt.fileContents()` writes, not re-encoded,
/// so the signature a customer or an auditor checks is over exactly the bytes that were signed.
///
/// Given the organisation's signing key, the catalog signs every row it writes (see
/// <doc:CatalogSignatures>) and verifies every row it reads: a row that does not verify is refused
/// with ``CatalogIntegrityError/rowNotVerified(_:reason:)`` wherever a decision depends on it, and
/// reported by ``entries(after:limit:verifyingKey:)`` and ``entry(_:verifyingKey:)``.
public struct SQLiteRecordingCatalog: RecordingCatalog {
    let database: SQLiteVaultDatabase
    /// Signs rows on save and verifies them on read; `nil`: neither (a catalog of a host that
    /// signs nothing, as before catalog signatures).
    let signingKey: SigningKey?

    /// A catalog over `database` that neither signs nor verifies its rows.
    public init(database: SQLiteVaultDatabase) {
        self.database = database
        self.signingKey = nil
    }

    /// A catalog over `database` that signs every row it writes with `signingKey` (the
    /// organisation's key) and refuses every row it reads that the key's verifying half does not
    /// verify.
    public init(database: SQLiteVaultDatabase, signingKey: SigningKey) {
        self.database = database
        self.signingKey = signingKey
    }

    /// Inserts or replaces a recording's entry and its receipts, in one transaction; with a
    /// signing key, raises the row's version and signs it.
    public func save(_ recording: RecordingEntry) async throws {
        let row = try CatalogRow(recording)
        let receipts = try recording.receipts.map { try $0.fileContents() }
        let signingKey = self.signingKey
        try await database.write { db in
            try Self.write(row, receipts: receipts, in: db, signingKey: signingKey)
        }
    }

    /// Upserts a row and its receipts, raising its version and, with a key, signing it.
    static func write(_ row: CatalogRow, receipts: [String], in db: Database, signingKey: SigningKey?) throws {
        let version =
            (try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT row_version FROM recording WHERE id = ?"), arguments: [row.id]) ?? 0)
            + 1
        let signature = try signingKey.map { key in
            try key.signature(
                for: try CatalogRowMessage.message(values: row.values, version: version, receiptFiles: receipts)
            ).rawRepresentation
        }
        try db.executeCached(
            sql: """
                INSERT INTO recording (
                    id, call_id, state, started_at, ended_at, agent_id, team, queue, customer_id, sensitivity,
                    media_encoding, media_sample_rate, media_channel_count, is_quarantined, line_of_business,
                    parties, disclosed_purposes, tracks, timeline, tags, declared_regimes, content_id,
                    superseded_content, redactions)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET
                    call_id = excluded.call_id, state = excluded.state, started_at = excluded.started_at,
                    ended_at = excluded.ended_at, agent_id = excluded.agent_id, team = excluded.team,
                    queue = excluded.queue, customer_id = excluded.customer_id,
                    sensitivity = excluded.sensitivity, media_encoding = excluded.media_encoding,
                    media_sample_rate = excluded.media_sample_rate,
                    media_channel_count = excluded.media_channel_count,
                    is_quarantined = excluded.is_quarantined, line_of_business = excluded.line_of_business,
                    parties = excluded.parties, disclosed_purposes = excluded.disclosed_purposes,
                    tracks = excluded.tracks, timeline = excluded.timeline, tags = excluded.tags,
                    declared_regimes = excluded.declared_regimes, content_id = excluded.content_id,
                    superseded_content = excluded.superseded_content, redactions = excluded.redactions
                """,
            arguments: row.arguments)
        try db.executeCached(
            sql: "UPDATE recording SET row_version = ?, row_signature = ? WHERE id = ?",
            arguments: [version, signature.map { Data($0) }, row.id])
        try db.executeCached(sql: "DELETE FROM consent_receipt WHERE recording_id = ?", arguments: [row.id])
        for (position, file) in receipts.enumerated() {
            try db.executeCached(
                sql: "INSERT INTO consent_receipt (recording_id, position, signed_file) VALUES (?, ?, ?)",
                arguments: [row.id, position, file])
        }
    }

    /// Each recording's current and superseded content ids, read for a whole batch in a few queries.
    public func contents(of ids: [RecordingID]) async throws -> [RecordingID: [RecordingID]] {
        if let signingKey {
            // The contents decide which keys a sweep shreds: only a verified row may name them.
            let verifyingKey = signingKey.verifyingKey
            let keys = ids.map(StoredValues.key)
            return try await database.pool.read { db in
                var contents: [RecordingID: [RecordingID]] = [:]
                for start in stride(from: 0, to: keys.count, by: 500) {
                    let chunk = Array(keys[start..<min(keys.count, start + 500)])
                    let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                    for recording in try Self.fetch(
                        db, where: "id IN (\(marks))", arguments: StatementArguments(chunk), limit: nil,
                        verifyingKey: verifyingKey)
                    {
                        contents[recording.id] = [recording.contentID] + recording.supersededContent
                    }
                }
                return contents
            }
        }
        let keys = ids.map(StoredValues.key)
        return try await database.pool.read { db in
            var contents: [RecordingID: [RecordingID]] = [:]
            for start in stride(from: 0, to: keys.count, by: 500) {
                let chunk = Array(keys[start..<min(keys.count, start + 500)])
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                let rows = try Row.fetchAll(
                    db, sql: "SELECT id, content_id, superseded_content FROM recording WHERE id IN (\(marks))",
                    arguments: StatementArguments(chunk))
                for row in rows {
                    let key: String = row["id"]
                    let id = try StoredValues.recordingID(key, table: "recording")
                    let content: String? = row["content_id"]
                    let superseded = try StoredValues.decode(
                        [String].self, from: row["superseded_content"], table: "recording", key: key,
                        column: "superseded_content")
                    contents[id] =
                        try [content.map { try StoredValues.recordingID($0, table: "recording") } ?? id]
                        + superseded.map { try StoredValues.recordingID($0, table: "recording") }
                }
            }
            return contents
        }
    }

    /// Recordings with superseded contents still to destroy, from the partial index on them.
    public func recordingsWithSupersededContent() async throws -> [RecordingEntry] {
        try await fetch(where: "superseded_content <> '[]'", arguments: [])
    }

    /// Marks recordings deleted, drops their customer id and receipts, in one transaction.
    public func markDeleted(_ ids: [RecordingID]) async throws {
        guard !ids.isEmpty else { return }
        let keys = ids.map(StoredValues.key)
        if let signingKey {
            try await markDeleted(keys, signingKey: signingKey)
            return
        }
        try await database.write { db in
            for key in keys {
                try db.executeCached(
                    sql:
                        "UPDATE recording SET state = 'deleted', customer_id = NULL WHERE id = ? AND state <> 'deleted'",
                    arguments: [key])
                guard db.changesCount > 0 else { continue }
                try db.executeCached(sql: "DELETE FROM consent_receipt WHERE recording_id = ?", arguments: [key])
            }
        }
    }

    /// A recording's entry.
    public func recording(_ id: RecordingID) async throws -> RecordingEntry? {
        try await fetch(where: "id = ?", arguments: [StoredValues.key(id)]).first
    }

    /// Entries in a state, ordered by start time (then id).
    public func recordings(in state: RecordingEntry.State) async throws -> [RecordingEntry] {
        try await fetch(where: "state = ?", arguments: [state.rawValue])
    }

    /// A customer's entries, ordered by start time (then id).
    public func recordings(ofCustomer customerID: String) async throws -> [RecordingEntry] {
        try await fetch(where: "customer_id = ?", arguments: [customerID])
    }

    /// The entries of one call id, ordered by start time (then id).
    public func recordings(ofCall callID: String) async throws -> [RecordingEntry] {
        try await fetch(where: "call_id = ?", arguments: [callID])
    }

    /// Entries after `cursor` in start-time order (then id), at most `limit`.
    ///
    /// - Throws: `StorageError.recordingNotFound` when `cursor` is not in the catalog: it came
    ///   from another vault, and starting the listing over would repeat entries.
    public func recordings(after cursor: RecordingID?, limit: Int) async throws -> [RecordingEntry] {
        let limit = max(limit, 0)
        guard let cursor else {
            return try await fetch(where: "1", arguments: [], limit: limit)
        }
        let key = StoredValues.key(cursor)
        let verifyingKey = signingKey?.verifyingKey
        return try await database.pool.read { db in
            guard
                let position = try Row.fetchOne(
                    db, sql: "SELECT started_at, id FROM recording WHERE id = ?", arguments: [key])
            else { throw StorageError.recordingNotFound(cursor) }
            let startedAt: Double = try position.value("started_at", table: "recording", key: key)
            return try Self.fetch(
                db, where: "(started_at, id) > (?, ?)", arguments: [startedAt, key], limit: limit,
                verifyingKey: verifyingKey)
        }
    }

    private func fetch(where condition: String, arguments: StatementArguments, limit: Int? = nil) async throws
        -> [RecordingEntry]
    {
        let verifyingKey = signingKey?.verifyingKey
        return try await database.pool.read { db in
            try Self.fetch(db, where: condition, arguments: arguments, limit: limit, verifyingKey: verifyingKey)
        }
    }

    /// Rows as recordings; with a key, each verified first (a row that does not verify is refused).
    static func fetch(
        _ db: Database, where condition: String, arguments: StatementArguments, limit: Int?,
        verifyingKey: VerifyingKey?
    ) throws -> [RecordingEntry] {
        guard let verifyingKey else {
            return try fetch(db, where: condition, arguments: arguments, limit: limit)
        }
        return try entries(db, where: condition, arguments: arguments, limit: limit, verifyingKey: verifyingKey).map {
            entry in
            guard let recording = entry.recording, entry.integrity.isVerified else {
                throw CatalogIntegrityError.rowNotVerified(entry.id, reason: entry.integrity.reason)
            }
            return recording
        }
    }

    private static func fetch(_ db: Database, where condition: String, arguments: StatementArguments, limit: Int?)
        throws -> [RecordingEntry]
    {
        var sql = "SELECT * FROM recording WHERE \(condition) ORDER BY started_at, id"
        var arguments = arguments
        if let limit {
            sql += " LIMIT ?"
            arguments += [limit]
        }
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            let key: String = try row.value("id", table: "recording", key: "?")
            let files = try String.fetchAll(
                db, sql: "SELECT signed_file FROM consent_receipt WHERE recording_id = ? ORDER BY position",
                arguments: [key])
            return try CatalogRow.recording(from: row, key: key, receiptFiles: files)
        }
    }
}

/// A recording as the columns of its row.
struct CatalogRow {
    let id: String
    let arguments: StatementArguments
    /// The values, in ``CatalogRowMessage/columns`` order (the insert's order).
    let values: [DatabaseValue]

    init(_ recording: RecordingEntry) throws {
        id = StoredValues.key(recording.id)
        let values: [(any DatabaseValueConvertible)?] = [
            id, recording.callID, recording.state.rawValue, StoredValues.time(recording.startedAt),
            recording.endedAt.map(StoredValues.time), recording.agentID?.rawValue, recording.team, recording.queue,
            recording.customerID, recording.sensitivity.rawValue, StoredMediaFormat.name(of: recording.format.encoding),
            recording.format.sampleRate, recording.format.channelCount, recording.isQuarantined,
            recording.lineOfBusiness, try StoredValues.json(recording.parties),
            try StoredValues.json(recording.disclosedPurposes.sorted { $0.identifier < $1.identifier }),
            try StoredValues.json(recording.tracks), try recording.timeline.map { try StoredValues.json($0) },
            try StoredValues.json(recording.tags.sorted()), try StoredValues.json(recording.declaredRegimes),
            recording.contentID == recording.id ? nil : StoredValues.key(recording.contentID),
            try StoredValues.json(recording.supersededContent.map(StoredValues.key)),
            try StoredValues.json(try recording.redactions.map { try $0.fileContents() }),
        ]
        self.values = values.map { $0?.databaseValue ?? .null }
        arguments = StatementArguments(values)
    }

    static func recording(from row: Row, key: String, receiptFiles: [String]) throws -> RecordingEntry {
        func column<Value: DatabaseValueConvertible>(_ name: String) throws -> Value {
            try row.value(name, table: "recording", key: key)
        }
        func json<Value: Decodable>(_ type: Value.Type, _ name: String) throws -> Value {
            try StoredValues.decode(type, from: try column(name) as String, table: "recording", key: key, column: name)
        }
        let stateName: String = try column("state")
        guard let state = RecordingEntry.State(rawValue: stateName) else {
            throw SQLiteVaultError.unreadableRow(
                table: "recording", key: key, reason: "state '\(stateName)' is unknown")
        }
        let sensitivityName: String = try column("sensitivity")
        guard let sensitivity = RecordingAccessAttributes.Sensitivity(rawValue: sensitivityName) else {
            throw SQLiteVaultError.unreadableRow(
                table: "recording", key: key, reason: "sensitivity '\(sensitivityName)' is unknown")
        }
        let receipts = try receiptFiles.map { file in
            do {
                return try SignedConsentReceipt(fileContents: file)
            } catch {
                throw SQLiteVaultError.unreadableRow(
                    table: "consent_receipt", key: key, reason: "a signed receipt does not read back: \(error)")
            }
        }
        let timelineText: String? = try column("timeline")
        let endedAt: Double? = try column("ended_at")
        let agentID: String? = try column("agent_id")
        let contentKey: String? = try column("content_id")
        let superseded = try json([String].self, "superseded_content").map {
            try StoredValues.recordingID($0, table: "recording")
        }
        let redactions = try json([String].self, "redactions").map { file in
            do {
                return try SignedRedactionCertificate(fileContents: file)
            } catch {
                throw SQLiteVaultError.unreadableRow(
                    table: "recording", key: key, reason: "a redaction certificate does not read back: \(error)")
            }
        }
        var recording = RecordingEntry(
            id: try StoredValues.recordingID(key, table: "recording"), callID: try column("call_id"), state: state,
            startedAt: StoredValues.date(try column("started_at")), endedAt: endedAt.map(StoredValues.date),
            parties: try json([RecordingEntry.Party].self, "parties"),
            agentID: agentID.map { PrincipalID(recorded: $0) },
            team: try column("team"), queue: try column("queue"), customerID: try column("customer_id"),
            disclosedPurposes: Set(try json([Purpose].self, "disclosed_purposes")), sensitivity: sensitivity,
            receipts: receipts,
            format: MediaFormat(
                encoding: try StoredMediaFormat.encoding(named: try column("media_encoding"), key: key),
                sampleRate: try column("media_sample_rate"), channelCount: try column("media_channel_count")),
            tracks: try json([TrackID].self, "tracks"),
            timeline: try timelineText.map {
                try StoredValues.decode(
                    RecordingTimeline.self, from: $0, table: "recording", key: key, column: "timeline")
            },
            isQuarantined: try column("is_quarantined"), tags: Set(try json([String].self, "tags")),
            lineOfBusiness: try column("line_of_business"),
            declaredRegimes: try json([RetentionRuleID].self, "declared_regimes"))
        recording.contentID =
            try contentKey.map { try StoredValues.recordingID($0, table: "recording") } ?? recording.id
        recording.supersededContent = superseded
        recording.redactions = redactions
        return recording
    }
}

import CallVault
public import CallVaultCore
public import CallVaultCrypto
import Foundation
import GRDB

extension SQLiteRecordingCatalog {
    /// Every catalog row after `cursor` in start-time order (then id), at most `limit`, each with
    /// whether `verifyingKey` (the organisation's) verifies it. Nothing is refused: this is what
    /// `callvault vault list`, `show` and `verify` report from, without the passphrase.
    public func entries(after cursor: RecordingID?, limit: Int, verifyingKey: VerifyingKey) async throws
        -> [CatalogEntry]
    {
        let limit = max(limit, 0)
        return try await database.pool.read { db in
            guard let cursor else {
                return try Self.entries(db, where: "1", arguments: [], limit: limit, verifyingKey: verifyingKey)
            }
            let key = StoredValues.key(cursor)
            guard
                let position = try Row.fetchOne(
                    db, sql: "SELECT started_at, id FROM recording WHERE id = ?", arguments: [key])
            else { throw StorageError.recordingNotFound(cursor) }
            let startedAt: Double = try position.value("started_at", table: "recording", key: key)
            return try Self.entries(
                db, where: "(started_at, id) > (?, ?)", arguments: [startedAt, key], limit: limit,
                verifyingKey: verifyingKey)
        }
    }

    /// One recording's row with whether `verifyingKey` verifies it; `nil` when there is none.
    public func entry(_ id: RecordingID, verifyingKey: VerifyingKey) async throws -> CatalogEntry? {
        try await database.pool.read { db in
            try Self.entries(
                db, where: "id = ?", arguments: [StoredValues.key(id)], limit: nil, verifyingKey: verifyingKey
            ).first
        }
    }

    /// Marks rows deleted, signing each again; a row that does not verify is marked deleted but
    /// not signed, so it stays reported rather than being laundered by the deletion.
    func markDeleted(_ keys: [String], signingKey: SigningKey) async throws {
        try await database.write { db in
            for key in keys {
                guard
                    let entry = try Self.entries(
                        db, where: "id = ?", arguments: [key], limit: nil, verifyingKey: signingKey.verifyingKey,
                        cached: true
                    ).first, var recording = entry.recording, recording.state != .deleted
                else { continue }
                // The tombstone contradicts the row until it is marked deleted: that is this step.
                let signed =
                    switch entry.integrity {
                    case .verified, .contradictsTombstone: true
                    case .unsigned, .invalid: false
                    }
                guard signed else {
                    try db.executeCached(
                        sql: "UPDATE recording SET state = 'deleted', customer_id = NULL WHERE id = ?",
                        arguments: [key])
                    try db.executeCached(sql: "DELETE FROM consent_receipt WHERE recording_id = ?", arguments: [key])
                    continue
                }
                recording.state = .deleted
                recording.customerID = nil
                recording.receipts = []
                try Self.write(try CatalogRow(recording), receipts: [], in: db, signingKey: signingKey)
            }
        }
    }

    /// Rows as entries, each checked against `verifyingKey` and against its tombstone.
    static func entries(
        _ db: Database, where condition: String, arguments: StatementArguments, limit: Int?,
        verifyingKey: VerifyingKey, cached: Bool = false
    ) throws -> [CatalogEntry] {
        var sql =
            "SELECT *, \(CatalogRowMessage.nulByteProbe) AS nul_byte_at FROM recording WHERE \(condition) ORDER BY started_at, id"
        var arguments = arguments
        if let limit {
            sql += " LIMIT ?"
            arguments += [limit]
        }
        // `cached`: a caller reading one id at a time (the sweep's marking) runs the same
        // statement thousands of times; other callers' conditions vary (lists of ids).
        let statement = cached ? try db.cachedStatement(sql: sql) : try db.makeStatement(sql: sql)
        return try Row.fetchAll(statement, arguments: arguments).map { row in
            let key: String = try row.value("id", table: "recording", key: "?")
            let id = try StoredValues.recordingID(key, table: "recording")
            let files = try String.fetchAll(
                db.cachedStatement(
                    sql: "SELECT signed_file FROM consent_receipt WHERE recording_id = ? ORDER BY position"),
                arguments: [key])
            let version: Int64 = try row.value("row_version", table: "recording", key: key)
            let signature: Data? = try row.value("row_signature", table: "recording", key: key)
            let message = try CatalogRowMessage.message(
                values: CatalogRowMessage.values(of: row), version: version, receiptFiles: files)
            let digest = try BLAKE2b.hash(message).bytes
            let recording: RecordingEntry
            do {
                recording = try CatalogRow.recording(from: row, key: key, receiptFiles: files)
            } catch {
                return CatalogEntry(
                    id: id, recording: nil, integrity: .invalid(reason: "the row does not read back: \(error)"),
                    digest: digest)
            }
            // The signature covers the text as read back, which stops at a NUL byte; SQL's `=`
            // compares every byte. A NUL and more appended to a column would verify, yet hide the
            // row from every search by that column (a customer's subject access, an erasure).
            let nulByteAt: Int64 = try row.value("nul_byte_at", table: "recording", key: key)
            if nulByteAt != 0 {
                return CatalogEntry(
                    id: id, recording: recording,
                    integrity: .invalid(
                        reason:
                            "a column holds a NUL byte, which hides the rest of its text from CallVault's reads but not from the database's searches: it was edited outside CallVault"
                    ), digest: digest)
            }
            guard let signature else {
                return CatalogEntry(id: id, recording: recording, integrity: .unsigned, digest: digest)
            }
            do {
                try verifyingKey.verify(try Signature(rawRepresentation: Array(signature)), for: message)
            } catch {
                return CatalogEntry(
                    id: id, recording: recording,
                    integrity: .invalid(
                        reason:
                            "its signature does not cover its contents (version \(version), \(files.count) receipts)"),
                    digest: digest)
            }
            // A validly signed older version put back after the deletion: the tombstone says otherwise.
            if recording.state != .deleted,
                let deletedAt = try Double.fetchOne(
                    db.cachedStatement(sql: "SELECT deleted_at FROM tombstone WHERE recording_id = ?"),
                    arguments: [key])
            {
                return CatalogEntry(
                    id: id, recording: recording,
                    integrity: .contradictsTombstone(
                        reason:
                            "it says \(recording.state.rawValue), but its tombstone says it was deleted at \(StoredValues.date(deletedAt))"
                    ), digest: digest)
            }
            return CatalogEntry(id: id, recording: recording, integrity: .verified(version: version), digest: digest)
        }
    }
}

extension CatalogRowIntegrity {
    /// Why a row is refused, in a phrase.
    public var reason: String {
        switch self {
        case .verified(let version): "verified, version \(version)"
        case .unsigned: "it has no signature"
        case .invalid(let reason), .contradictsTombstone(let reason): reason
        }
    }
}

public import CallVault
public import CallVaultAudit
public import CallVaultCore
public import CallVaultCrypto
import Foundation
import GRDB

/// Adopting the rows written before signatures: the first time a vault is opened for writing by a
/// version that signs, its unsigned catalog rows, retention records and legal holds are signed as
/// they are, in one transaction, and the audit log records it once, with a digest of exactly the
/// rows adopted.
///
/// From that entry on, an unsigned row is a row whose signature was removed, not a legacy one, and
/// is never signed again (its edit would be laundered). The one exception is an adoption a crash
/// cut short between its audit entry and its signing transaction: the same rows, unchanged, give
/// the same digest, and are signed on the next open.
public enum CatalogSignatureAdoption: Sendable {
    /// The adoption's audit event id: the log records it once.
    public static let eventID = "catalog-signatures-adopted"
    /// The adoption's audit target.
    public static let target = "catalog"

    /// What an adoption did.
    public struct Outcome: Hashable, Sendable {
        /// Legacy catalog rows signed now.
        public let signed: Int
        /// Unsigned catalog rows left unsigned: their signature was removed after the adoption, or
        /// they changed since it was recorded. They stay refused and reported.
        public let refused: [RecordingID]
        /// Legacy retention records and legal holds signed now.
        public let signedRecords: Int
        /// Unsigned retention records and holds left unsigned (`retention:ID`, `hold:ID`).
        public let refusedRecords: [String]
    }

    /// Signs the legacy rows of `stores` (or finishes an interrupted adoption) and records the
    /// adoption in `audit`, once per vault.
    ///
    /// - Parameters:
    ///   - stores: the stores with the organisation's signing key
    ///     (``SQLiteVault/verifying(signingKey:holdAudit:)``).
    ///   - audit: the vault's audit log (opened, so its history is verified).
    ///   - trail: the same log read back, to find an earlier adoption's digest.
    /// - Returns: how many rows were signed and which were refused (all zero and empty when
    ///   `stores` has no signing key).
    /// - Throws: the database's and the audit log's errors.
    public static func adopt(stores: SQLiteVault, audit: AuditLog, trail: any AuditTrail) async throws -> Outcome {
        try await adopt(stores: stores, audit: audit, trail: trail, asCallVault: false)
    }

    /// ``adopt(stores:audit:trail:)``, recording the adoption as CallVault's own entry when a vault
    /// folder's open runs it (a host's call writes through the log's public `record(_:)`, which a
    /// vault folder's log refuses for CallVault's namespaces).
    package static func adopt(stores: SQLiteVault, audit: AuditLog, trail: any AuditTrail, asCallVault: Bool)
        async throws -> Outcome
    {
        guard let signingKey = stores.catalog.signingKey else {
            return Outcome(signed: 0, refused: [], signedRecords: 0, refusedRecords: [])
        }
        let unsigned = try await unsignedRows(stores.database, verifyingKey: signingKey.verifyingKey)
        let digest = try rowsDigest(unsigned)
        let record = try adoptionRecord(rows: unsigned.count, digest: digest)
        let recorded = asCallVault ? try await audit.recordAsCallVault(record) : try await audit.record(record)
        var adopted: [String: [UInt8]] = [:]
        var resumes = false
        if recorded == nil, !unsigned.isEmpty {
            // Adopted before: only an adoption a crash cut short (the same rows, unchanged) goes on.
            resumes = try await adoptedDigest(trail) == digest
        }
        if recorded != nil || resumes {
            for row in unsigned { adopted[row.label] = row.digest }
        }
        let signed = try await sign(adopted, in: stores.database, with: signingKey)
        let left = unsigned.map(\.label).filter { !signed.contains($0) }
        return Outcome(
            signed: signed.filter { $0.hasPrefix(recordingPrefix) }.count,
            refused: left.filter { $0.hasPrefix(recordingPrefix) }.compactMap {
                RecordingID(parsing: String($0.dropFirst(recordingPrefix.count)))
            },
            signedRecords: signed.filter { !$0.hasPrefix(recordingPrefix) }.count,
            refusedRecords: left.filter { !$0.hasPrefix(recordingPrefix) })
    }

    /// Whether the vault's unsigned rows are legacy rows still to adopt, rather than rows whose
    /// signature was removed: no adoption is in the log yet, or the one there is of exactly these
    /// rows (a crash cut it short).
    public static func unsignedRowsAreLegacy(
        _ database: SQLiteVaultDatabase, verifyingKey: VerifyingKey, trail: any AuditTrail
    ) async throws -> Bool {
        guard let adopted = try await adoptedDigest(trail) else { return true }
        let unsigned = try await unsignedRows(database, verifyingKey: verifyingKey)
        let digest = try rowsDigest(unsigned)
        return !unsigned.isEmpty && adopted == digest
    }

    /// The adoption's audit record: how many rows, and the digest of exactly those rows.
    static func adoptionRecord(rows: Int, digest: String) throws -> AuditRecord {
        AuditRecord(
            actor: "callvault-catalog", action: try AuditAction("catalog.signatures-adopted"), target: target,
            purpose: nil, outcome: .succeeded,
            reasons: [
                "\(rows) row(s) written before signatures (catalog rows, retention records, legal holds) signed as they were",
                "rows digest \(digest)",
            ], eventID: eventID)
    }

    /// The digest an earlier adoption recorded, if there was one.
    static func adoptedDigest(_ trail: any AuditTrail) async throws -> String? {
        let adoption = try await trail.entries(about: target).first { $0.record.eventID == eventID }
        guard let adoption else { return nil }
        let prefix = "rows digest "
        return adoption.record.reasons.first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
            ?? ""
    }

    static let recordingPrefix = "recording:"
    static let retentionPrefix = "retention:"
    static let holdPrefix = "hold:"

    /// An unsigned row: its label (`recording:ID`, `retention:ID`, `hold:ID`) and digest.
    struct UnsignedRow: Hashable {
        let label: String
        let digest: [UInt8]
    }

    /// Every unsigned row that reads back, in label order.
    static func unsignedRows(_ database: SQLiteVaultDatabase, verifyingKey: VerifyingKey) async throws
        -> [UnsignedRow]
    {
        try await database.pool.read { db in try unsignedRows(db, verifyingKey: verifyingKey) }
    }

    static func unsignedRows(_ db: Database, verifyingKey: VerifyingKey) throws -> [UnsignedRow] {
        var rows = try SQLiteRecordingCatalog.entries(
            db, where: "row_signature IS NULL", arguments: [], limit: nil, verifyingKey: verifyingKey
        ).filter { $0.recording != nil }.map {
            UnsignedRow(label: recordingPrefix + $0.id.description, digest: $0.digest)
        }
        for row in try Row.fetchAll(
            db, sql: "SELECT recording_id, record FROM retention_record WHERE record_signature IS NULL")
        {
            let key: String = try row.value("recording_id", table: "retention_record", key: "?")
            let json: String = try row.value("record", table: "retention_record", key: key)
            rows.append(
                UnsignedRow(
                    label: retentionPrefix + key,
                    digest: try StoreRowMessage.digest(.retentionRecord, key: key, json: json)))
        }
        for row in try Row.fetchAll(db, sql: "SELECT id, hold FROM legal_hold WHERE hold_signature IS NULL") {
            let key: String = try row.value("id", table: "legal_hold", key: "?")
            let json: String = try row.value("hold", table: "legal_hold", key: key)
            rows.append(
                UnsignedRow(
                    label: holdPrefix + key, digest: try StoreRowMessage.digest(.legalHold, key: key, json: json)))
        }
        return rows.sorted { $0.label < $1.label }
    }

    /// Signs, in one transaction, the unsigned rows whose digests are still those adopted;
    /// returns the labels signed. Rows that changed since are left unsigned.
    static func sign(_ adopted: [String: [UInt8]], in database: SQLiteVaultDatabase, with signingKey: SigningKey)
        async throws -> Set<String>
    {
        guard !adopted.isEmpty else { return [] }
        return try await database.write { db in
            var signed = Set<String>()
            for row in try unsignedRows(db, verifyingKey: signingKey.verifyingKey)
            where adopted[row.label] == row.digest {
                if row.label.hasPrefix(recordingPrefix) {
                    let key = String(row.label.dropFirst(recordingPrefix.count))
                    guard
                        let recording = try SQLiteRecordingCatalog.entries(
                            db, where: "id = ?", arguments: [key], limit: nil, verifyingKey: signingKey.verifyingKey
                        ).first?.recording
                    else { continue }
                    try SQLiteRecordingCatalog.write(
                        try CatalogRow(recording), receipts: try recording.receipts.map { try $0.fileContents() },
                        in: db, signingKey: signingKey)
                } else if row.label.hasPrefix(retentionPrefix) {
                    let key = String(row.label.dropFirst(retentionPrefix.count))
                    let json =
                        try String.fetchOne(
                            db, sql: "SELECT record FROM retention_record WHERE recording_id = ?", arguments: [key])
                        ?? ""
                    try db.execute(
                        sql: "UPDATE retention_record SET record_signature = ? WHERE recording_id = ?",
                        arguments: [
                            try StoreRowMessage.signature(
                                .retentionRecord, key: key, json: json, signingKey: signingKey), key,
                        ])
                } else {
                    let key = String(row.label.dropFirst(holdPrefix.count))
                    let json =
                        try String.fetchOne(db, sql: "SELECT hold FROM legal_hold WHERE id = ?", arguments: [key]) ?? ""
                    try db.execute(
                        sql: "UPDATE legal_hold SET hold_signature = ? WHERE id = ?",
                        arguments: [
                            try StoreRowMessage.signature(.legalHold, key: key, json: json, signingKey: signingKey),
                            key,
                        ])
                }
                signed.insert(row.label)
            }
            return signed
        }
    }

    /// One digest over the rows' labels and digests, in label order.
    static func rowsDigest(_ rows: [UnsignedRow]) throws -> String {
        var hash = try BLAKE2b()
        for row in rows.sorted(by: { $0.label < $1.label }) {
            hash.update(Array(row.label.utf8))
            hash.update(row.digest)
        }
        return try hash.finalize().description
    }
}

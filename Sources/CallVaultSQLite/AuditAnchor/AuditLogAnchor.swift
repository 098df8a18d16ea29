public import CallVaultAudit
public import CallVaultCrypto
import Foundation
import GRDB

/// What a vault's database knows of the vault's audit log file: the log's identity and its latest
/// signed checkpoint. The log may be ahead of it (entries and checkpoints written since, or a
/// crash between the log's sync and the database's update), never behind: a log that no longer
/// reaches the anchored entry, or that is another log, was cut short or replaced.
///
/// The anchor verifies on its own with the organisation's public key: its checkpoint is the log's
/// own, signed over the log id, the entry's sequence number and hash. Whoever can write the
/// database alone can move it back to an older checkpoint of the same log, or remove it, but not
/// make it name another log or a head the log never had (see the Audit article, "Anchors").
public struct AuditLogAnchor: Hashable, Sendable {
    /// The log's identity: its header and genesis hash.
    public let identity: AuditLogIdentity
    /// The latest checkpoint the vault knows was written and synced.
    public let checkpoint: AuditCheckpoint

    /// An anchor of `checkpoint` in the log `identity`.
    public init(identity: AuditLogIdentity, checkpoint: AuditCheckpoint) {
        self.identity = identity
        self.checkpoint = checkpoint
    }

    /// The anchored entry's sequence number.
    public var sequence: UInt64 { checkpoint.sequence }

    /// Why the anchor cannot be trusted with `key` as the organisation's key, or `nil` when it
    /// can: it names `key` as the log's signer and its checkpoint's signature verifies.
    public func untrustedReason(key: VerifyingKey) -> String? {
        guard identity.signer == key else {
            return "it names signer \(identity.signer), not the vault's key \(key)"
        }
        guard identity.isSigned(checkpoint) else {
            return "its checkpoint of entry \(checkpoint.sequence) is not signed by the vault's key"
        }
        return nil
    }
}

/// The `audit_log_anchor` table: one row, moved only forwards.
enum AuditLogAnchorStore {
    static let table = "audit_log_anchor"

    /// The anchor, or `nil` when the database holds none (a vault made by an earlier version).
    ///
    /// - Throws: ``SQLiteVaultError/unreadableRow(table:key:reason:)`` for a row that cannot be
    ///   read back, or whose genesis hash does not match its header fields.
    static func read(_ database: SQLiteVaultDatabase) throws -> AuditLogAnchor? {
        try database.pool.read { db in try read(db) }
    }

    static func read(_ db: Database) throws -> AuditLogAnchor? {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT log_id, signer, created, genesis, sequence, head, checkpoint_time, signature
                    FROM audit_log_anchor WHERE singleton = 1
                    """)
        else { return nil }
        func unreadable(_ reason: String) -> SQLiteVaultError {
            .unreadableRow(table: table, key: "1", reason: reason)
        }
        let logText: String = row["log_id"]
        guard let logID = UUID(uuidString: logText) else { throw unreadable("log_id is not a UUID") }
        let signerBytes = [UInt8](row["signer"] as Data)
        guard let signer = try? VerifyingKey(rawRepresentation: signerBytes) else {
            throw unreadable("signer is not an Ed25519 public key")
        }
        let created: Int64 = row["created"]
        let sequence: Int64 = row["sequence"]
        guard sequence >= 0 else { throw unreadable("sequence is negative") }
        let identity = AuditLogIdentity(logID: logID, signer: signer, created: created)
        guard identity.genesis == [UInt8](row["genesis"] as Data) else {
            throw unreadable("the genesis hash does not match the log id, signer and creation time")
        }
        let checkpoint = AuditCheckpoint(
            sequence: UInt64(sequence), head: [UInt8](row["head"] as Data), timestamp: row["checkpoint_time"],
            signature: [UInt8](row["signature"] as Data))
        return AuditLogAnchor(identity: identity, checkpoint: checkpoint)
    }

    /// Stores `anchor` when the database holds none, or moves the stored one forwards to it; an
    /// anchor at or before the stored one changes nothing.
    ///
    /// - Throws: ``VaultAuditLogError/anchorOfAnotherLog(database:anchored:offered:)`` when the
    ///   stored anchor names another log.
    static func advance(_ database: SQLiteVaultDatabase, to anchor: AuditLogAnchor) throws {
        try database.writeBlocking { db in try advance(db, path: database.path, to: anchor) }
    }

    /// ``advance(_:to:)`` without blocking the caller's thread (the audit log's witnesses).
    static func advance(_ database: SQLiteVaultDatabase, to anchor: AuditLogAnchor) async throws {
        try await database.write { db in try advance(db, path: database.path, to: anchor) }
    }

    static func advance(_ db: Database, path: String, to anchor: AuditLogAnchor) throws {
        guard let sequence = Int64(exactly: anchor.sequence) else {
            throw SQLiteVaultError.valueOutOfRange(field: "audit anchor sequence", value: "\(anchor.sequence)")
        }
        if let stored = try read(db) {
            guard stored.identity == anchor.identity else {
                throw VaultAuditLogError.anchorOfAnotherLog(
                    database: path, anchored: stored.identity.logID, offered: anchor.identity.logID)
            }
            guard anchor.sequence > stored.sequence else { return }
            try db.execute(
                sql: """
                    UPDATE audit_log_anchor SET sequence = ?, head = ?, checkpoint_time = ?, signature = ?
                    WHERE singleton = 1
                    """,
                arguments: [
                    sequence, Data(anchor.checkpoint.head), anchor.checkpoint.timestamp,
                    Data(anchor.checkpoint.signature),
                ])
        } else {
            try db.execute(
                sql: """
                    INSERT INTO audit_log_anchor
                        (singleton, log_id, signer, created, genesis, sequence, head, checkpoint_time, signature)
                    VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    anchor.identity.logID.uuidString.lowercased(), Data(anchor.identity.signer.rawRepresentation),
                    anchor.identity.created, Data(anchor.identity.genesis), sequence, Data(anchor.checkpoint.head),
                    anchor.checkpoint.timestamp, Data(anchor.checkpoint.signature),
                ])
        }
    }
}

public import CallVault
public import CallVaultAccess
public import CallVaultCore
public import CallVaultCrypto
import Foundation
import GRDB

/// Training completions in the vault database, one row per completion.
///
/// A policy's `trainingCurrent` condition reads them, so with the organisation's signing key (the
/// register of a vault folder opened for writing) every completion recorded is signed, and only
/// completions whose signature verifies are returned: a row inserted or edited in the database
/// grants nothing (``CallVaultFileStore/VaultFolder/verifyIntegrity()`` reports it). Without a key rows are taken as
/// stored.
public struct SQLiteTrainingRegister: TrainingRegister {
    private let database: SQLiteVaultDatabase
    private let signingKey: SigningKey?

    /// A register over `database`; with `signingKey`, completions are signed when recorded and
    /// only signed ones are returned.
    public init(database: SQLiteVaultDatabase, signingKey: SigningKey? = nil) {
        self.database = database
        self.signingKey = signingKey
    }

    /// Records a completion once.
    public func record(_ completion: TrainingRecord, for principal: PrincipalID) async throws {
        let row = TrainingCompletionMessage.Row(
            principal: principal.rawValue, course: completion.course, version: completion.version,
            completedAt: StoredValues.time(completion.completedAt),
            expiresAt: completion.expiresAt.map(StoredValues.time))
        let signature = try signingKey.map { Data(try $0.signature(for: row.message).rawRepresentation) }
        try await database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO training_completion
                        (principal, course, version, completed_at, expires_at, completion_signature)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT DO UPDATE SET completion_signature = excluded.completion_signature
                    WHERE excluded.completion_signature IS NOT NULL
                    """,
                arguments: [row.principal, row.course, row.version, row.completedAt, row.expiresAt, signature])
        }
    }

    /// A principal's completions, oldest first: with a key, only those whose signature verifies.
    public func completions(of principal: PrincipalID) async throws -> [TrainingRecord] {
        try await TrainingCompletionMessage.rows(database, principal: principal.rawValue).compactMap { row, signature in
            if let key = signingKey?.verifyingKey, !TrainingCompletionMessage.verifies(row, signature, with: key) {
                return nil
            }
            return TrainingRecord(
                course: row.course, version: row.version, completedAt: StoredValues.date(row.completedAt),
                expiresAt: row.expiresAt.map(StoredValues.date))
        }
    }
}

/// The bytes a training completion's signature covers: a domain string and each column, exactly as
/// stored (times as the bits of their stored `REAL`).
enum TrainingCompletionMessage {
    struct Row: Hashable {
        let principal: String
        let course: String
        let version: Int
        let completedAt: Double
        let expiresAt: Double?

        var message: [UInt8] {
            var bytes = Array("CallVault training completion signature v1\u{0}".utf8)
            let fields: [[UInt8]] = [
                Array(principal.utf8), Array(course.utf8), Array(String(version).utf8),
                Array(String(completedAt.bitPattern).utf8),
                Array((expiresAt.map { String($0.bitPattern) } ?? "-").utf8),
            ]
            for field in fields {
                withUnsafeBytes(of: Int64(field.count).bigEndian) { bytes += $0 }
                bytes += field
            }
            return bytes
        }
    }

    /// Rows with their signatures: one principal's, or (`nil`) everyone's.
    static func rows(_ database: SQLiteVaultDatabase, principal: String?) async throws -> [(Row, Data?)] {
        try await database.pool.read { db in
            try GRDB.Row.fetchAll(
                db,
                sql: """
                    SELECT principal, course, version, completed_at, expires_at, completion_signature
                    FROM training_completion WHERE ? IS NULL OR principal = ?
                    ORDER BY completed_at, course, version, principal
                    """,
                arguments: [principal, principal]
            ).map { row in
                (
                    Row(
                        principal: row["principal"], course: row["course"], version: row["version"],
                        completedAt: row["completed_at"], expiresAt: row["expires_at"]),
                    row["completion_signature"]
                )
            }
        }
    }

    /// Whether `signature` covers `row`, by `key`.
    static func verifies(_ row: Row, _ signature: Data?, with key: VerifyingKey) -> Bool {
        guard let signature, let parsed = try? Signature(rawRepresentation: Array(signature)) else { return false }
        return (try? key.verify(parsed, for: row.message)) != nil
    }
}

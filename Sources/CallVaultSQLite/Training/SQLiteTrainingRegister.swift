public import CallVault
public import CallVaultAccess
public import CallVaultCore
import Foundation
import GRDB

/// Training completions in the vault database, one row per completion.
public struct SQLiteTrainingRegister: TrainingRegister {
    private let database: SQLiteVaultDatabase

    /// A register over `database`.
    public init(database: SQLiteVaultDatabase) {
        self.database = database
    }

    /// Records a completion once.
    public func record(_ completion: TrainingRecord, for principal: PrincipalID) async throws {
        try await database.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO training_completion (principal, course, version, completed_at, expires_at)
                    VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                    """,
                arguments: [
                    principal.rawValue, completion.course, completion.version,
                    StoredValues.time(completion.completedAt), completion.expiresAt.map(StoredValues.time),
                ])
        }
    }

    /// A principal's completions, oldest first.
    public func completions(of principal: PrincipalID) async throws -> [TrainingRecord] {
        try await database.pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT course, version, completed_at, expires_at FROM training_completion
                    WHERE principal = ? ORDER BY completed_at, course, version
                    """,
                arguments: [principal.rawValue]
            ).map { row in
                let expires: Double? = row["expires_at"]
                return TrainingRecord(
                    course: row["course"], version: row["version"], completedAt: StoredValues.date(row["completed_at"]),
                    expiresAt: expires.map(StoredValues.date))
            }
        }
    }
}

public import CallVault
public import CallVaultConsent
public import CallVaultCore
public import CallVaultCrypto
import GRDB

/// Later consent receipts in the vault database, one row per signed receipt. The vault checks
/// each receipt's signature when it reads them (`Vault.laterConsents(of:)`), so a row
/// inserted or edited in the database widens nothing.
public struct SQLiteLaterConsentStore: LaterConsentStore {
    private let database: SQLiteVaultDatabase

    /// A store over `database`.
    public init(database: SQLiteVaultDatabase) {
        self.database = database
    }

    /// Adds a receipt once (by receipt id).
    public func add(_ receipt: SignedLaterConsentReceipt) async throws {
        let file = try receipt.fileContents()
        let content = receipt.content
        try await database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO later_consent (receipt_id, recording_id, recorded_at, signed_file) VALUES (?, ?, ?, ?)
                    ON CONFLICT (receipt_id) DO NOTHING
                    """,
                arguments: [
                    content.receiptID, StoredValues.key(content.recordingID), StoredValues.time(content.recordedAt),
                    file,
                ])
        }
    }

    /// The receipts about the recording, oldest first.
    ///
    /// - Throws: `SQLiteVaultError.unreadableRow` for a row that is not a signed receipt file.
    public func receipts(for recording: RecordingID) async throws -> [SignedLaterConsentReceipt] {
        let rows = try await database.pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT receipt_id, signed_file FROM later_consent WHERE recording_id = ?
                    ORDER BY recorded_at, rowid
                    """,
                arguments: [StoredValues.key(recording)]
            ).map(Self.columns)
        }
        return try rows.map { id, file in
            do {
                return try SignedLaterConsentReceipt(fileContents: file)
            } catch {
                throw SQLiteVaultError.unreadableRow(
                    table: "later_consent", key: id, reason: "signed_file is not a later consent receipt: \(error)")
            }
        }
    }

    /// A row's key and signed file, which can leave the database's queue.
    private static func columns(_ row: Row) -> (String, String) {
        (row[0], row[1])
    }
}

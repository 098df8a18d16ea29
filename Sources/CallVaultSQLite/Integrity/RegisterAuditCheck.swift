import CallVault
import CallVaultAudit
import CallVaultConsent
import CallVaultCore
import CallVaultCrypto
import Foundation
import GRDB

/// The later consents and the export register against their signatures and the audit log, for
/// `vault verify` and `vault show`: their rows hold signed files an edit cannot forge, but an
/// edit can delete a row or copy one under another recording, which the signatures alone do not
/// show. The audit log (hash-chained, signed and anchored) names every withdrawal and export, so
/// a row it names and the database lacks was deleted.
enum RegisterAuditCheck {
    /// The receipt id an audit entry of a later consent names (its event id).
    static func laterConsentReceipt(_ entry: AuditEntry, change: String) -> String? {
        guard entry.record.action.identifier == change, let event = entry.record.eventID,
            event.hasPrefix(Vault.laterConsentEventPrefix)
        else { return nil }
        return String(event.dropFirst(Vault.laterConsentEventPrefix.count))
    }

    /// The manifest digest (the export id) an export's audit entry names.
    static func exportManifest(_ entry: AuditEntry) -> String? {
        guard ["recording.exported", "subject-access.exported"].contains(entry.record.action.identifier) else {
            return nil
        }
        return entry.record.reasons.first { $0.hasPrefix("manifest ") }.map { String($0.dropFirst("manifest ".count)) }
    }

    /// Later consent rows that do not verify or are stored under another recording than their
    /// receipt names, and withdrawals the log records whose row is gone (all, or `id`'s).
    static func laterConsentProblems(
        _ database: SQLiteVaultDatabase, verifyingKey: VerifyingKey, log: [AuditEntry], of id: RecordingID?
    ) async throws -> [DatabaseIntegrityProblem] {
        let rows = try await database.pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT receipt_id, recording_id, signed_file FROM later_consent
                    WHERE ? IS NULL OR recording_id = ? ORDER BY recording_id, recorded_at, rowid
                    """, arguments: [id?.description, id?.description]
            ).map { row -> (String, String, String) in (row[0], row[1], row[2]) }
        }
        var problems: [DatabaseIntegrityProblem] = []
        var stored: Set<String> = []
        for (receiptID, recording, file) in rows {
            let receipt = try? SignedLaterConsentReceipt(fileContents: file).verified(by: verifyingKey)
            let reason: String? =
                if let receipt {
                    receipt.recordingID.description != recording
                        ? "is stored under this recording, but its signed receipt is about recording \(receipt.recordingID)"
                        : receipt.receiptID != receiptID
                            ? "is stored as receipt \(receiptID), but its signed receipt is \(receipt.receiptID)" : nil
                } else {
                    "is not a receipt signed by the organisation key"
                }
            if let reason {
                problems.append(
                    DatabaseIntegrityProblem(
                        recording: RecordingID(parsing: recording), hold: nil, kind: .laterConsentInvalid,
                        detail:
                            "later consent row \(receiptID) \(reason): it was inserted or copied outside CallVault and counts for nothing"
                    ))
            } else {
                stored.insert("\(recording) \(receiptID)")
            }
        }
        for entry in log {
            guard let receiptID = laterConsentReceipt(entry, change: "consent.later-withdrawn"),
                entry.record.target.hasPrefix("recording:"),
                let recording = RecordingID(parsing: String(entry.record.target.dropFirst("recording:".count))),
                id == nil || recording == id, !stored.contains("\(recording) \(receiptID)")
            else { continue }
            problems.append(
                DatabaseIntegrityProblem(
                    recording: recording, hold: nil, kind: .laterConsentMissing,
                    detail:
                        "the audit log records the withdrawal of later consent \(receiptID) (entry \(entry.sequence)), the database has no valid row for it: it was deleted, which would reopen the recording to the withdrawn purposes; access for them is refused until the row is restored from a backup"
                ))
        }
        return problems
    }

    /// Export records that do not verify, and exports the log records that the register lacks
    /// (all, or those of `id`).
    static func exportProblems(
        _ database: SQLiteVaultDatabase, verifyingKey: VerifyingKey, log: [AuditEntry], of id: RecordingID?
    ) async throws -> [DatabaseIntegrityProblem] {
        let (records, links) = try await database.pool.read { db in
            (
                try Row.fetchAll(db, sql: "SELECT export_id, signed_file FROM export_record ORDER BY export_id")
                    .map { row -> (String, String) in (row[0], row[1]) },
                Set(
                    try Row.fetchAll(db, sql: "SELECT export_id, recording_id FROM export_recording")
                        .map { row -> String in "\(row[0] as String) \(row[1] as String)" })
            )
        }
        var problems: [DatabaseIntegrityProblem] = []
        var verified: Set<String> = []
        for (exportID, file) in records {
            guard let record = try? SignedExportRecord(fileContents: file).verified(by: verifyingKey),
                record.exportID == exportID
            else {
                if id == nil {
                    problems.append(
                        DatabaseIntegrityProblem(
                            recording: nil, hold: nil, kind: .exportRecordInvalid,
                            detail:
                                "export record \(exportID) is not an export record signed by the organisation key for this id: it was edited or inserted outside CallVault"
                        ))
                }
                continue
            }
            verified.insert(exportID)
            for recording in record.recordingIDs where id == nil || recording == id {
                guard !links.contains("\(exportID) \(recording)") else { continue }
                problems.append(
                    DatabaseIntegrityProblem(
                        recording: recording, hold: nil, kind: .exportMissing,
                        detail:
                            "export \(exportID) holds this recording, the register's index of it does not list it: a deletion certificate would not name the copy"
                    ))
            }
        }
        for entry in log {
            guard let manifest = exportManifest(entry) else { continue }
            let recording =
                entry.record.target.hasPrefix("recording:")
                ? RecordingID(parsing: String(entry.record.target.dropFirst("recording:".count))) : nil
            if let id, recording != id { continue }
            let missing =
                !verified.contains(manifest) || recording.map { !links.contains("\(manifest) \($0)") } == true
            guard missing else { continue }
            problems.append(
                DatabaseIntegrityProblem(
                    recording: recording, hold: nil, kind: .exportMissing,
                    detail:
                        "the audit log records export \(manifest) (entry \(entry.sequence), \(entry.record.action.identifier)), the export register has no valid row for it: it was deleted, and a deletion certificate would say no copy left the vault; restore the register from a backup"
                ))
        }
        return problems
    }

    /// Retention records whose search columns disagree with the signed record, and kept
    /// recordings without a retention record.
    static func indexProblems(_ retention: SQLiteRetentionStore, of id: RecordingID?) async throws
        -> [DatabaseIntegrityProblem]
    {
        let altered = try await retention.indexDiscrepancies(of: id).map {
            DatabaseIntegrityProblem(
                recording: $0.recordingID, hold: nil, kind: .retentionIndexAltered,
                detail:
                    "its retention record's columns (\($0.columns.joined(separator: ", "))) disagree with the signed record: edited outside CallVault (a cleared or later due time keeps a due recording from the sweep, which now refuses to run); restore the database from a backup"
            )
        }
        let unscheduled = try await retention.unscheduledRecordings(of: id).map {
            DatabaseIntegrityProblem(
                recording: $0, hold: nil, kind: .retentionRecordMissing,
                detail:
                    "the catalog keeps it, but it has no retention record: deleted outside CallVault, which would keep it from every sweep (the sweep now refuses to run); restore the database from a backup"
            )
        }
        return altered + unscheduled
    }
}

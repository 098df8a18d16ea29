import CallVault
import CallVaultAudit
public import CallVaultCore
import CallVaultCrypto
public import CallVaultRetention
import Foundation
import GRDB

/// One thing in a vault's database that does not verify.
public struct DatabaseIntegrityProblem: Hashable, Sendable, Codable {
    /// What kind of problem (stable names, for scripts).
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// The row's signature does not cover its contents (or the row does not read back).
        case rowSignatureInvalid = "row-signature-invalid"
        /// The row has no signature although the catalog's rows were adopted: it was removed.
        case rowSignatureMissing = "row-signature-missing"
        /// A row written before catalog signatures, not yet adopted (open the vault for writing).
        case unsignedLegacy = "unsigned-legacy"
        /// The row's state is contradicted by its tombstone or the audit log (an older version of
        /// the row put back, or a deletion hidden).
        case stateContradicted = "state-contradicted"
        /// The row lists fewer redactions than the audit log records (an older version put back).
        case redactionsContradicted = "redactions-contradicted"
        /// The catalog's media format is not the envelope header's.
        case formatMismatch = "format-mismatch"
        /// The wrapped keys are gone without any recorded deletion.
        case keysMissingWithoutDeletion = "keys-missing-without-deletion"
        /// The audit log records a recording the catalog has no row for.
        case rowMissing = "row-missing"
        /// A legal hold is marked released without its release in the audit log.
        case holdReleasedWithoutAuditEntry = "hold-released-without-audit-entry"
        /// A legal hold placed in the audit log has no row.
        case holdMissing = "hold-missing"
        /// A legal hold's row does not verify (its scope or release was edited): kept in force
        /// over every recording.
        case holdSignatureInvalid = "hold-signature-invalid"
        /// A recording's retention record (schedule, deletion journal, erasure) does not verify:
        /// the recording is never deleted on its word.
        case retentionRecordInvalid = "retention-record-invalid"
        /// `vault.json`, `access-policy.json` or their seal (`vault-files.sig`) was changed outside
        /// CallVault: the vault is not opened for writing until it is restored or the change signed.
        case vaultFileAltered = "vault-file-altered"
        /// The configuration files were written before they were signed, not yet adopted (open the
        /// vault for writing).
        case vaultFilesUnsignedLegacy = "vault-files-unsigned-legacy"
        /// A signed change of the configuration files a crash cut short (finished by the next open
        /// for writing).
        case vaultFilesChangeUnfinished = "vault-files-change-unfinished"
        /// A training completion without a valid signature (inserted or edited in the database,
        /// or written before completions were signed): it grants nothing.
        case trainingCompletionInvalid = "training-completion-invalid"
        /// A complete or incomplete recording's blob file is gone.
        case blobMissing = "blob-missing"
        /// A complete recording's blob has no end marker (cut short), or is cut inside its header.
        case blobCutShort = "blob-cut-short"
        /// The blob's header names another recording, or commits to another key than the signed
        /// record: another envelope put in its place.
        case blobMismatch = "blob-mismatch"
        /// The blob's end marker records another length than the signed catalog row's timeline.
        case blobLengthMismatch = "blob-length-mismatch"
        /// The blob's end marker was altered (it contradicts the file or the header).
        case blobEndMarkerInvalid = "blob-end-marker-invalid"
        /// The blob cannot be read, or its envelope header does not parse.
        case blobUnreadable = "blob-unreadable"
        /// A segment of the blob does not authenticate under its data key (`vault verify --deep`).
        case blobSegmentInvalid = "blob-segment-invalid"
        /// The (unsigned) shredded list names a recording with keys and no recorded deletion: the
        /// list was edited (it would hide the recording from a key rotation).
        case shreddedWithoutDeletion = "shredded-without-deletion"
        /// A sweep began deleting the recording (its signed deletion journal says so) and was
        /// stopped before the catalog was updated: not tampering; the next writing command or
        /// sweep finishes it.
        case deletionInterrupted = "deletion-interrupted"
        /// An audit log entry is dated more than an hour after this host's clock (a writer whose
        /// clock was wrong, or a program that simulated time into the log): its time, and every
        /// later one, cannot be trusted, and the vault is not opened for writing.
        case entryInTheFuture = "entry-in-the-future"

        /// A recording a crash left open was being settled (its `recording.recovered` entry is in
        /// the audit log) and the settle was stopped before the catalog was updated: not
        /// tampering; the next writing command finishes it.
        case recoveryUnfinished = "recovery-unfinished"

        /// A retention record's search columns (due time, deletion begun, customer, start)
        /// disagree with its signed record: edited outside CallVault.
        case retentionIndexAltered = "retention-index-altered"
        /// The catalog holds the recording as complete or incomplete, but it has no retention
        /// record: deleted outside CallVault, it would keep the recording from every sweep.
        case retentionRecordMissing = "retention-record-missing"
        /// Wrapped keys stored under an id that names no recording's content in the catalog: a
        /// copy of a recording's keys made outside CallVault would survive its deletion.
        case keysWithoutRecording = "keys-without-recording"
        /// Wrapped keys of a deleted recording: its deletion certificate says they were shredded.
        case keysSurviveDeletion = "keys-survive-deletion"
        /// SQLite's integrity check finds a table and its indexes disagreeing (an index redefined
        /// to leave rows out, a damaged page): queries through the index miss what is there.
        case databaseInconsistent = "database-inconsistent"
        /// A deleted recording's tombstone (with its signed deletion certificate) is gone, and no
        /// deletion is under way: the proof of the deletion was removed.
        case tombstoneMissing = "tombstone-missing"
        /// A deleted recording's certificate does not verify with the organisation's key, or its
        /// tombstone (recording, time, cause) disagrees with it.
        case deletionCertificateInvalid = "deletion-certificate-invalid"
        /// The audit log is not the one the database anchors, or does not reach its anchored
        /// checkpoint (see `callvault vault audit`).
        case auditLogAltered = "audit-log-altered"
        /// A later consent row that does not verify, or whose signed receipt is about another
        /// recording than the one it is stored under (copied): it counts for nothing.
        case laterConsentInvalid = "later-consent-invalid"
        /// The audit log records a later consent's withdrawal whose row is gone: access for the
        /// withdrawn purposes is refused until it is restored.
        case laterConsentMissing = "later-consent-missing"
        /// A live vault's recording was deleted under a tombstone dated more than an hour after this
        /// host's clock: the vault ran on a clock ahead of real time when it swept, so it may have
        /// deleted recordings before their time. (A simulated vault's times are simulated.)
        case deletionInTheFuture = "deletion-in-the-future"
        /// The audit log records an export the export register has no row for (or the register's
        /// index of a recording's copies lacks one).
        case exportMissing = "export-missing"
        /// An export register row that does not verify under the organisation key.
        case exportRecordInvalid = "export-record-invalid"

        /// Whether the problem is work a crash cut short, which the next command that opens the
        /// vault for writing finishes (`vault verify` exits 3 when these are the only problems),
        /// rather than an edit.
        public var isUnfinishedWork: Bool {
            self == .deletionInterrupted || self == .recoveryUnfinished || self == .vaultFilesChangeUnfinished
        }

        /// Whether the problem is one of a recording's blob file found without a key (missing, cut
        /// short, another recording's, unreadable), so decrypting it would tell nothing more.
        public var isKeylessBlobProblem: Bool {
            switch self {
            case .blobMissing, .blobCutShort, .blobMismatch, .blobLengthMismatch, .blobEndMarkerInvalid,
                .blobUnreadable:
                true
            default: false
            }
        }
    }

    /// The recording concerned, if one.
    public let recording: RecordingID?
    /// The hold concerned, if one.
    public let hold: LegalHoldID?
    /// What kind of problem.
    public let kind: Kind
    /// A sentence saying what disagrees.
    public let detail: String
    /// The vault folder's file concerned (`vault.json`, `access-policy.json`, `vault-files.sig`),
    /// if one.
    public var file: String? = nil
    /// The principal concerned (a training completion's), if one.
    public var principal: String? = nil
}

/// What ``CallVaultFileStore/VaultFolder/verifyIntegrity()`` found.
public struct DatabaseIntegrityReport: Hashable, Sendable {
    /// Catalog rows checked.
    public let recordings: Int
    /// Every problem, recordings in catalog order, then holds.
    public let problems: [DatabaseIntegrityProblem]

    /// Whether nothing is wrong.
    public var isIntact: Bool { problems.isEmpty }

    /// The problems of one recording.
    public func problems(of id: RecordingID) -> [DatabaseIntegrityProblem] {
        problems.filter { $0.recording == id }
    }
}

extension VaultFolder {
    /// Checks the vault's database against what an edit of it cannot reach, without the
    /// passphrase: every catalog row's signature (by the verifying key in the sealed signing key
    /// file), every row's state and redactions against its tombstone and the audit log, every
    /// recording with audio against its envelope header's format and its wrapped keys, every
    /// recording the audit log names against the catalog, every legal hold against the log, and
    /// the log's entries against the system clock (none may be dated more than an hour ahead).
    ///
    /// - Throws: the errors of ``stores()`` and `verifyingKey()`; the audit log's read errors.
    public func verifyIntegrity() async throws -> DatabaseIntegrityReport {
        let key = try verifyingKey()
        let stores = try stores()
        // As every other command: an anchor that does not verify, or is gone from under a log an
        // anchoring version wrote, is refused (thrown); a log the anchor disowns is a problem.
        let anchorCheck = try checkAuditLog(stores: stores)
        let trail = AuditFileTrail(path: auditLogFile.path)
        let log =
            FileManager.default.fileExists(atPath: auditLogFile.path)
            ? try AuditLogReader.entries(at: auditLogFile.path) : []
        let history = Dictionary(grouping: log, by: \.record.target)
        var entries: [CatalogEntry] = []
        var cursor: RecordingID?
        while true {
            let page = try await stores.catalog.entries(after: cursor, limit: 500, verifyingKey: key)
            entries += page
            guard page.count == 500, let last = page.last else { break }
            cursor = last.id
        }
        // Without a log the vault was never opened for writing: nothing was adopted yet.
        let legacy =
            log.isEmpty
            ? true
            : try await CatalogSignatureAdoption.unsignedRowsAreLegacy(
                stores.database, verifyingKey: key, trail: trail)
        var problems: [DatabaseIntegrityProblem] = []
        for entry in entries {
            problems += try await VaultIntegrityCheck.problems(
                of: entry, legacy: legacy, history: history[AuditRecord.target(entry.id)] ?? [], stores: stores,
                verifyingKey: key)
        }
        let known = Set(entries.map { AuditRecord.target($0.id) })
        for (target, records) in history.sorted(by: { $0.key < $1.key })
        where target.hasPrefix("recording:") && !known.contains(target)
            && records.contains(where: { $0.record.action.identifier == "recording.started" })
        {
            problems.append(
                DatabaseIntegrityProblem(
                    recording: RecordingID(parsing: String(target.dropFirst("recording:".count))), hold: nil,
                    kind: .rowMissing,
                    detail: "the audit log records this recording (\(records.count) entries), the catalog has no row"))
        }
        problems += try await VaultIntegrityCheck.strayKeyProblems(stores.database, entries: entries)
        problems += try await stores.database.pool.read { db in try SchemaCheck.tableProblems(db) }.prefix(20).map {
            DatabaseIntegrityProblem(
                recording: nil, hold: nil, kind: .databaseInconsistent,
                detail:
                    "SQLite's integrity check says \($0): a query through an index may miss rows that are there; restore the database from a backup"
            )
        }
        problems += try await VaultIntegrityCheck.retentionProblems(stores.database, verifyingKey: key, legacy: legacy)
        problems += try await RegisterAuditCheck.indexProblems(stores.retention, of: nil)
        problems += try await RegisterAuditCheck.laterConsentProblems(
            stores.database, verifyingKey: key, log: log, of: nil)
        problems += try await RegisterAuditCheck.exportProblems(stores.database, verifyingKey: key, log: log, of: nil)
        let unsignedHolds = try await VaultIntegrityCheck.unsignedHolds(stores.database)
        let retention =
            log.isEmpty
            ? SQLiteRetentionStore(database: stores.database, holdAudit: LegalHoldAuditHistory.none, verifyingKey: key)
            : stores.retention(checkedAgainst: trail, verifyingKey: key)
        for discrepancy in try await retention.legalHoldDiscrepancies() {
            let kind: DatabaseIntegrityProblem.Kind =
                switch discrepancy {
                case .releasedWithoutAuditEntry: .holdReleasedWithoutAuditEntry
                case .missing: .holdMissing
                case .unreadable(let id, _):
                    legacy && unsignedHolds.contains(id.rawValue) ? .unsignedLegacy : .holdSignatureInvalid
                }
            problems.append(
                DatabaseIntegrityProblem(
                    recording: nil, hold: discrepancy.holdID, kind: kind, detail: discrepancy.description))
        }
        if let problem = anchorCheck.problem {
            problems.append(
                DatabaseIntegrityProblem(recording: nil, hold: nil, kind: .auditLogAltered, detail: problem.message))
        }
        problems += VaultIntegrityCheck.sealedFileProblems(self, log: log, verifyingKey: key)
        problems += VaultIntegrityCheck.futureEntries(log, clock: Date())
        // A simulated vault's tombstones carry its simulated times; a live vault's must not be ahead.
        if try !signedSimulation() {
            problems += try await VaultIntegrityCheck.futureDeletions(
                entries, retention: stores.retention, clock: Date())
        }
        problems += try await VaultIntegrityCheck.trainingProblems(stores.database, verifyingKey: key)
        return DatabaseIntegrityReport(recordings: entries.count, problems: problems)
    }
}

/// The checks of one catalog row, and of the retention records.
enum VaultIntegrityCheck {
    /// The audit log's entries dated more than an hour after `clock`, as one problem naming the
    /// first of them (every later time is suspect once one is).
    static func futureEntries(_ log: [AuditEntry], clock: Date) -> [DatabaseIntegrityProblem] {
        let tolerance = Double(AuditVerifier.futureTolerance.components.seconds)
        let late = log.filter { $0.time.timeIntervalSince(clock) > tolerance }
        guard let first = late.first else { return [] }
        let others = late.count == 1 ? "" : " (and \(late.count - 1) later entries)"
        return [
            DatabaseIntegrityProblem(
                recording: nil, hold: nil, kind: .entryInTheFuture,
                detail:
                    "audit log entry \(first.sequence)\(others) is dated \(CivilTime.iso8601(first.time)), in the future: more than an hour after this host's clock (\(CivilTime.iso8601(clock))): written by a host whose clock was wrong or by a program simulating time; run 'callvault vault audit' and see Operations",
                file: VaultFolder.auditLogFileName)
        ]
    }

    /// The deleted recordings whose tombstone is dated more than an hour after `clock`: deleted
    /// by a sweep that ran on a clock ahead of real time.
    static func futureDeletions(_ entries: [CatalogEntry], retention: SQLiteRetentionStore, clock: Date) async throws
        -> [DatabaseIntegrityProblem]
    {
        let tolerance = Double(AuditVerifier.futureTolerance.components.seconds)
        var problems: [DatabaseIntegrityProblem] = []
        for entry in entries where entry.recording?.state == .deleted {
            guard let tombstone = try? await retention.tombstone(entry.id),
                tombstone.deletedAt.timeIntervalSince(clock) > tolerance
            else { continue }
            problems.append(
                DatabaseIntegrityProblem(
                    recording: entry.id, hold: nil, kind: .deletionInTheFuture,
                    detail:
                        "its tombstone dates the deletion \(CivilTime.iso8601(tombstone.deletedAt)), more than an hour after this host's clock (\(CivilTime.iso8601(clock))): the vault swept on a clock ahead of real time, so it may have been deleted before its retention ended; keep the certificate as evidence and find the host whose clock was wrong"
                ))
        }
        return problems
    }

    /// The training completions whose signature does not verify.
    static func trainingProblems(_ database: SQLiteVaultDatabase, verifyingKey: VerifyingKey) async throws
        -> [DatabaseIntegrityProblem]
    {
        try await TrainingCompletionMessage.rows(database, principal: nil).compactMap { row, signature in
            guard !TrainingCompletionMessage.verifies(row, signature, with: verifyingKey) else { return nil }
            return DatabaseIntegrityProblem(
                recording: nil, hold: nil, kind: .trainingCompletionInvalid,
                detail:
                    "the completion of \(row.course) version \(row.version) \(signature == nil ? "has no signature" : "has a signature that does not cover it"): it grants nothing (record training through an opened vault)",
                principal: row.principal)
        }
    }

    /// The problems of the configuration files and their seal (see `VaultFileCheck`).
    static func sealedFileProblems(_ folder: VaultFolder, log: [AuditEntry], verifyingKey: VerifyingKey)
        -> [DatabaseIntegrityProblem]
    {
        func problem(_ kind: DatabaseIntegrityProblem.Kind, _ file: String, _ detail: String)
            -> DatabaseIntegrityProblem
        {
            DatabaseIntegrityProblem(recording: nil, hold: nil, kind: kind, detail: detail, file: file)
        }
        do {
            switch try folder.checkSealedFiles(
                entries: log.filter(VaultFileCheck.isVersionRecord), verifyingKey: verifyingKey)
            {
            case .sealed: return []
            case .legacy:
                return [
                    problem(
                        .vaultFilesUnsignedLegacy, VaultFileSeal.fileName,
                        "vault.json and access-policy.json are not signed (a vault made by an earlier version); they are signed as they are when the vault is next opened for writing: check them first"
                    )
                ]
            case .unfinished(let seal):
                return [
                    problem(
                        .vaultFilesChangeUnfinished, VaultFileSeal.fileName,
                        "version \(seal.version) of the signed files is not in the audit log yet (a change a crash cut short); the next open for writing finishes it"
                    )
                ]
            }
        } catch let error as VaultFilesError {
            let file: String =
                switch error.reason {
                case .altered(let path, _, _), .alteredUnreadable(let path, _, _): (path as NSString).lastPathComponent
                default: VaultFileSeal.fileName
                }
            return [problem(.vaultFileAltered, file, error.description)]
        } catch {
            return [problem(.vaultFileAltered, VaultFileSeal.fileName, "the signed files cannot be read: \(error)")]
        }
    }

    /// The retention records that do not verify.
    static func retentionProblems(
        _ database: SQLiteVaultDatabase, verifyingKey: VerifyingKey, legacy: Bool, of id: RecordingID? = nil
    ) async throws -> [DatabaseIntegrityProblem] {
        try await database.pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT recording_id, record, record_signature FROM retention_record
                    WHERE ? IS NULL OR recording_id = ? ORDER BY recording_id
                    """, arguments: [id?.description, id?.description]
            ).compactMap { row in
                let key: String = try row.value("recording_id", table: "retention_record", key: "?")
                let check = try StoredRetentionRecord.check(row, key: key, verifyingKey: verifyingKey)
                let kind: DatabaseIntegrityProblem.Kind
                switch check {
                case .verified: return nil
                case .unsigned: kind = legacy ? .unsignedLegacy : .retentionRecordInvalid
                case .invalid: kind = .retentionRecordInvalid
                }
                return DatabaseIntegrityProblem(
                    recording: RecordingID(parsing: key), hold: nil, kind: kind,
                    detail:
                        "its retention record (schedule, deletion journal, erasure) \(check.reason == "verified" ? "" : check.reason): the recording is not deleted on its word"
                )
            }
        }
    }

    /// Wrapped keys that no recording's content accounts for, and keys a deleted recording still
    /// has: the ids the sweep refuses to start over (``RetentionIndexCheck/strayKeyIDs(_:)``, which
    /// compares the stored bytes, so a key copied under a respelled id is found), each named.
    static func strayKeyProblems(_ database: SQLiteVaultDatabase, entries: [CatalogEntry]) async throws
        -> [DatabaseIntegrityProblem]
    {
        var deleted: [Data: RecordingID] = [:]
        for case let recording? in entries.map(\.recording) where recording.state == .deleted {
            for content in [recording.contentID] + recording.supersededContent {
                deleted[Data(StoredValues.key(content).utf8)] = recording.id
            }
        }
        let stray = try await database.pool.read { db in try RetentionIndexCheck.strayKeyIDs(db) }
        return stray.sorted { $0.lexicographicallyPrecedes($1) }.map { bytes in
            let shown = String(decoding: bytes, as: UTF8.self).unicodeScalars.map {
                $0.properties.isWhitespace || $0.value < 0x20 ? "\\u{\(String($0.value, radix: 16))}" : String($0)
            }.joined()
            guard let owner = deleted[bytes] else {
                return DatabaseIntegrityProblem(
                    recording: nil, hold: nil, kind: .keysWithoutRecording,
                    detail:
                        "the database holds wrapped keys under \"\(shown)\", which names no recording's content in the catalog: a copy of a recording's keys made outside CallVault outlives that recording's deletion; check which recording's keys they are, and delete the rows or restore the database from a backup"
                )
            }
            return DatabaseIntegrityProblem(
                recording: owner, hold: nil, kind: .keysSurviveDeletion,
                detail:
                    "it was deleted, yet the database still holds wrapped keys of its content \(shown): they were put back outside CallVault, and its deletion certificate no longer holds; delete the rows, or restore the database from a backup"
            )
        }
    }

    /// What is wrong with the proof of a deleted recording's deletion: its tombstone gone (with no
    /// deletion under way to write it), or its certificate not the organisation's, or not about
    /// this recording, this time and this cause.
    static func deletionProofProblems(of id: RecordingID, stores: SQLiteVault, key: VerifyingKey) async throws
        -> [(DatabaseIntegrityProblem.Kind, String)]
    {
        guard let tombstone = try await stores.retention.tombstone(id) else {
            // The catalog is marked before the tombstone is written: a crash between leaves the
            // journal entry, which the next sweep completes.
            if (try? await stores.retention.record(id))??.deletion != nil { return [] }
            return [
                (
                    .tombstoneMissing,
                    "it is deleted, but its tombstone and signed deletion certificate are gone: removed outside CallVault; restore the database from a backup"
                )
            ]
        }
        guard let document = try? SignedDocument<DeletionCertificate>(fileContents: tombstone.certificate),
            let certificate = try? document.verified(by: key)
        else {
            return [
                (
                    .deletionCertificateInvalid,
                    "its deletion certificate does not verify with the organisation's key: edited outside CallVault"
                )
            ]
        }
        guard certificate.recordingID == id, abs(certificate.deletedAt.timeIntervalSince(tombstone.deletedAt)) < 1,
            certificate.cause == tombstone.cause
        else {
            return [
                (
                    .deletionCertificateInvalid,
                    "its tombstone (deleted \(CivilTime.iso8601(tombstone.deletedAt)), \(tombstone.cause)) disagrees with its signed certificate (\(certificate.recordingID), deleted \(CivilTime.iso8601(certificate.deletedAt)), \(certificate.cause)): the tombstone was edited outside CallVault"
                )
            ]
        }
        return []
    }

    /// The ids of the holds without a signature.
    static func unsignedHolds(_ database: SQLiteVaultDatabase) async throws -> Set<String> {
        try await database.pool.read { db in
            Set(try String.fetchAll(db, sql: "SELECT id FROM legal_hold WHERE hold_signature IS NULL"))
        }
    }

    static func problems(
        of entry: CatalogEntry, legacy: Bool, history: [AuditEntry], stores: SQLiteVault, verifyingKey: VerifyingKey
    ) async throws -> [DatabaseIntegrityProblem] {
        var problems: [DatabaseIntegrityProblem] = []
        func add(_ kind: DatabaseIntegrityProblem.Kind, _ detail: String) {
            problems.append(DatabaseIntegrityProblem(recording: entry.id, hold: nil, kind: kind, detail: detail))
        }
        switch entry.integrity {
        case .verified: break
        case .unsigned:
            if legacy {
                add(
                    .unsignedLegacy,
                    "written before catalog signatures; signed when the vault is next opened for writing")
            } else {
                add(.rowSignatureMissing, "its signature was removed after the catalog's rows were adopted")
            }
        case .contradictsTombstone(let reason):
            add(.stateContradicted, reason)
        case .invalid(let reason):
            add(.rowSignatureInvalid, reason)
        }
        guard let recording = entry.recording else { return problems }
        if recording.state != .deleted, (try? await stores.retention.record(recording.id))??.deletion != nil {
            // Keys, blob and an audited deletion may already be gone or written: what a sweep
            // stopped half-way leaves, which its journal (in the signed retention record) explains.
            add(
                .deletionInterrupted,
                "a sweep began deleting it and was stopped before the catalog was updated; run `callvault vault sweep` (or any command that opens the vault for writing) to finish the deletion"
            )
            return problems
        }
        let actions = history.map(\.record.action.identifier)
        // A settle of a left-open recording stopped between its audit entry and its catalog row:
        // the next open settles it again (the entry is not repeated). Only while the row still
        // says `recording` and the log records no other end for the call.
        let ends = [
            "recording.sealed", "recording.discarded", "recording.unrecorded", AuditAction.recordingDeleted.identifier,
        ]
        if recording.state == .recording, actions.contains("recording.recovered"),
            !actions.contains(where: ends.contains)
        {
            add(
                .recoveryUnfinished,
                "a crash left it open and settling it was stopped before the catalog was updated; any command that opens the vault for writing (such as `callvault vault sweep --plan`) finishes it"
            )
            return problems
        }
        if actions.contains(AuditAction.recordingDeleted.identifier), recording.state != .deleted {
            add(.stateContradicted, "the audit log records its deletion, the catalog says \(recording.state.rawValue)")
        }
        if recording.state == .deleted {
            for (kind, detail) in try await deletionProofProblems(of: recording.id, stores: stores, key: verifyingKey) {
                add(kind, detail)
            }
        }
        // A deletion is audited before its row is marked deleted: a signed deleted row without
        // the entry means the log lost it (cut short, its anchor removed with it).
        if recording.state == .deleted, !actions.contains(AuditAction.recordingDeleted.identifier) {
            add(
                .stateContradicted,
                "the catalog says deleted, but the audit log has no record of its deletion: entries were removed from the log; restore audit.log from a backup"
            )
        }
        // Where the call ended, by the audit log: a sealed, discarded or unrecorded call ends there
        // for good (a later "recovered" would itself be the laundering of a rolled-back row), a
        // recovered one is incomplete. A row rolled back to a version from before is contradicted.
        let terminal: [String: RecordingEntry.State] = [
            "recording.sealed": .complete, "recording.discarded": .discarded, "recording.unrecorded": .unrecorded,
        ]
        let end =
            actions.compactMap { terminal[$0] }.first
            ?? (actions.contains("recording.recovered") ? RecordingEntry.State.incomplete : nil)
        if let end, recording.state != end, recording.state != .deleted {
            add(
                .stateContradicted,
                "the audit log says the call ended \(end.rawValue), the catalog says \(recording.state.rawValue)")
        }
        if actions.contains("recording.quarantined"), !recording.isQuarantined {
            add(.stateContradicted, "the audit log records its quarantine, the catalog says it is not quarantined")
        }
        let redacted = actions.filter { $0 == "recording.redacted" }.count
        if redacted > recording.redactions.count {
            add(
                .redactionsContradicted,
                "the audit log records \(redacted) redaction(s), the catalog lists \(recording.redactions.count)")
        }
        guard recording.state == .complete || recording.state == .incomplete else { return problems }
        if try await stores.keys.isMarkedShredded(recording.contentID),
            try await !stores.keys.wraps(for: recording.contentID).isEmpty,
            try await stores.retention.tombstone(recording.id) == nil,
            try await stores.retention.record(recording.id)?.deletion == nil,
            !actions.contains(AuditAction.recordingDeleted.identifier), !actions.contains("recording.discarded")
        {
            add(
                .shreddedWithoutDeletion,
                "the database's shredded list names it, though it has keys and no deletion is recorded: the list was edited"
            )
        }
        if try await stores.keys.wraps(for: recording.contentID).isEmpty {
            let tombstone = try await stores.retention.tombstone(recording.id)
            let journal = try await stores.retention.record(recording.id)?.deletion
            if tombstone == nil, journal == nil, !actions.contains(AuditAction.recordingDeleted.identifier) {
                add(
                    .keysMissingWithoutDeletion,
                    "keys missing without a deletion: no tombstone, deletion under way or audited deletion")
            }
        }
        for (kind, detail) in BlobEvidenceCheck.problems(
            // An unreadable retention record is reported on its own (retention-record-invalid).
            of: recording, retention: (try? await stores.retention.record(recording.id)) ?? nil, blobs: stores.blobs)
        {
            add(kind, detail)
        }
        if let header = try? EnvelopeHeader.read(from: try stores.blobs.source(for: recording.contentID)),
            header.mediaFormat != recording.format
        {
            add(
                .formatMismatch,
                "the catalog says \(recording.format), the envelope header says \(header.mediaFormat.map(\.description) ?? "no audio format")"
            )
        }
        return problems
    }
}

extension VaultFolder {
    /// ``verifyIntegrity()`` for one recording (its row, tombstone, audit history, keys and
    /// envelope header), without the passphrase; `nil` when the catalog has no row for it.
    public func verifyIntegrity(of id: RecordingID) async throws -> (
        entry: CatalogEntry, problems: [DatabaseIntegrityProblem]
    )? {
        let key = try verifyingKey()
        let stores = try stores()
        guard let entry = try await stores.catalog.entry(id, verifyingKey: key) else { return nil }
        let trail = AuditFileTrail(path: auditLogFile.path)
        let hasLog = FileManager.default.fileExists(atPath: auditLogFile.path)
        let legacy =
            !hasLog
            ? true
            : try await CatalogSignatureAdoption.unsignedRowsAreLegacy(
                stores.database, verifyingKey: key, trail: trail)
        let history = hasLog ? try await trail.entries(about: AuditRecord.target(id)) : []
        let problems =
            try await VaultIntegrityCheck.problems(
                of: entry, legacy: legacy, history: history, stores: stores, verifyingKey: key)
            + VaultIntegrityCheck.retentionProblems(stores.database, verifyingKey: key, legacy: legacy, of: id)
            + RegisterAuditCheck.indexProblems(stores.retention, of: id)
            + RegisterAuditCheck.laterConsentProblems(stores.database, verifyingKey: key, log: history, of: id)
            + RegisterAuditCheck.exportProblems(stores.database, verifyingKey: key, log: history, of: id)
        return (entry, problems)
    }
}

extension VaultFolder {
    /// The folder's retention store for commands that only read (no passphrase): holds checked
    /// against the audit log file, records and holds verified with the organisation's verifying
    /// key, so a hold released, narrowed or removed in the database alone is still in force.
    public func checkedRetention() throws -> SQLiteRetentionStore {
        let stores = try stores()
        let key = try verifyingKey()
        guard FileManager.default.fileExists(atPath: auditLogFile.path) else {
            return SQLiteRetentionStore(
                database: stores.database, holdAudit: LegalHoldAuditHistory.none, verifyingKey: key)
        }
        return stores.retention(checkedAgainst: AuditFileTrail(path: auditLogFile.path), verifyingKey: key)
    }
}

import CallVaultAudit
import CallVaultCore
import CallVaultCrypto
import Foundation

/// The vault folder's audit log and its anchor: started with the vault, checked before every open
/// writes anything, and anchored again at every checkpoint.
extension VaultFolder {
    /// Starts the new vault's audit log (its header, a `vault.created` entry and a checkpoint of it,
    /// synced) and then anchors it in the database, so a vault always has a log and knows it.
    /// `createdReasons` are added to the `vault.created` entry's (the configuration files' first
    /// signed version).
    static func startAuditLog(in folder: VaultFolder, signingKey: SigningKey, createdReasons: [String] = []) throws {
        let log = try AuditFileGenesis.create(
            path: folder.auditLogFile.path, signingKey: signingKey,
            records: [
                AuditRecord(
                    actor: vaultActor, action: .vaultCreated, target: "vault", outcome: .succeeded,
                    reasons: ["the vault and its audit log were created"] + createdReasons),
                // A new vault signs its rows from the start: its (empty) adoption is recorded here,
                // so an unsigned row found later is never taken for a legacy one.
                try CatalogSignatureAdoption.adoptionRecord(
                    rows: 0, digest: try CatalogSignatureAdoption.rowsDigest([])),
            ],
            at: Date())
        let database = try SQLiteVaultDatabase(
            path: folder.directory.appendingPathComponent(SQLiteVault.databaseFileName).path)
        try AuditLogAnchorStore.advance(
            database, to: AuditLogAnchor(identity: log.identity, checkpoint: log.checkpoint))
    }

    /// Checks the folder's audit log against the anchor its database keeps, with the organisation's
    /// key read from the sealed signing key file: no passphrase is needed and nothing is written.
    ///
    /// - Throws: `VaultFolderError` for a folder that is not a vault; the stores' errors;
    ///   ``VaultAuditLogError/anchorNotTrusted(database:reason:)`` for an anchor that does not
    ///   verify; `AuditError.io` when the log cannot be read. Everything wrong with the log itself
    ///   is in the result.
    public func checkAuditLog() throws -> AuditAnchorCheck {
        try checkAuditLog(stores: try stores())
    }

    /// ``checkAuditLog()`` with the folder's stores already open.
    public func checkAuditLog(stores: SQLiteVault) throws -> AuditAnchorCheck {
        try Self.checkAuditLog(of: self, database: stores.database, key: try verifyingKey(), clock: SystemWallClock())
    }

    /// The check, with the log's times judged by `clock`: the system's for a check on its own, the
    /// audit log's own clock before a writer continues the log.
    static func checkAuditLog(
        of folder: VaultFolder, database: SQLiteVaultDatabase, key: VerifyingKey, clock: any WallClock
    ) throws -> AuditAnchorCheck {
        let anchor: AuditLogAnchor?
        do {
            anchor = try AuditLogAnchorStore.read(database)
        } catch let error as SQLiteVaultError {
            throw VaultAuditLogError.anchorNotTrusted(database: database.path, reason: error.description)
        }
        if let anchor, let reason = anchor.untrustedReason(key: key) {
            throw VaultAuditLogError.anchorNotTrusted(database: database.path, reason: reason)
        }
        let check = try AuditAnchorCheck(path: folder.auditLogFile.path, anchor: anchor, key: key, clock: clock)
        // No anchor passes for a vault made before anchors; a log written since had one. Taking
        // it as such would let a log cut short (and the anchor row deleted) be anchored afresh.
        if anchor == nil, let line = check.lineOfAnchoringVersion {
            throw VaultAuditLogError.anchorNotTrusted(
                database: database.path,
                reason:
                    "it holds no anchor, yet its audit log was written by a version of CallVault that anchors it (line \(line) of \(folder.auditLogFile.path)), so the anchor was deleted and the log may have been cut short since"
            )
        }
        return check
    }

    /// Opens the folder's audit log for writing, after checking it against the anchor: a log that
    /// is missing, emptied, cut short, replaced or tampered with (including an entry dated more
    /// than an hour after `clock`) is refused before anything is written. A log without an anchor (a vault made by an earlier version) is anchored; a log
    /// ahead of its anchor, or with entries after its last checkpoint, is signed at once, and an
    /// entry says what was found.
    static func openAuditLog(
        folder: VaultFolder, stores: SQLiteVault, signingKey: SigningKey, clock: any WallClock,
        configuration: AuditLog.Configuration, lock: VaultFolderLock
    ) async throws -> AuditLog {
        // Judged by the clock that will stamp the new entries: a log dated ahead of it is refused
        // before its time is adopted.
        let check = try checkAuditLog(
            of: folder, database: stores.database, key: signingKey.verifyingKey, clock: clock)
        try check.requireSound()
        guard let verification = check.verification, let identity = verification.identity else {
            // requireSound() throws for a log without a header.
            throw VaultAuditLogError.missing(path: check.path, anchor: check.anchor)
        }
        let file = AuditFileSink(path: check.path, syncPolicy: .everyCheckpoint, startsNewLog: false)
        let sink = CheckedAuditSink(
            sink: LockedAuditSink(file: file, lock: lock),
            check: check, identity: identity, sequence: verification.entryCount, head: verification.head ?? [])
        let audit = try await AuditLog(
            sink: sink, signingKey: signingKey, clock: clock,
            witnesses: [AuditAnchorWitness(database: stores.database, identity: identity)],
            configuration: configuration)
        // The vault reads its own namespaces in this log as facts (holds, deletions, consents), so
        // a host holding the opened vault may log its own events but not write those.
        await audit.reserveCallVaultNamespaces()
        let notes = findings(check, verification: verification)
        if !notes.isEmpty {
            try await audit.recordAsCallVault(notes)
            try await audit.checkpoint()
        }
        return audit
    }

    /// The entries that say what opening found: a log anchored for the first time, an anchor left
    /// behind the log, entries nobody signed.
    static func findings(_ check: AuditAnchorCheck, verification: AuditVerification) -> [AuditRecord] {
        var notes: [AuditRecord] = []
        let target = "audit-log:\(verification.identity.map { $0.logID.uuidString.lowercased() } ?? "")"
        if check.anchor == nil {
            notes.append(
                AuditRecord(
                    actor: vaultActor, action: .logAnchored, target: target, outcome: .succeeded,
                    reasons: [
                        "the vault's database held no anchor for its audit log: a vault made by an earlier version of CallVault, or its anchor was removed",
                        "the log verified with the vault's key up to entry \(verification.entryCount) and is anchored from here",
                    ]))
        } else if let anchor = check.anchor, let latest = verification.latestCheckpoint,
            latest.sequence > anchor.sequence
        {
            notes.append(
                AuditRecord(
                    actor: vaultActor, action: .anchorAdvanced, target: target, outcome: .succeeded,
                    reasons: [
                        "the anchor held the checkpoint of entry \(anchor.sequence), the log's last checkpoint signs entry \(latest.sequence)",
                        "a crash between the log's sync and the database's update, or a database restored from an older copy",
                    ]))
        }
        if verification.unsignedEntries > 0 {
            let first = verification.entryCount - verification.unsignedEntries + 1
            notes.append(
                AuditRecord(
                    actor: vaultActor, action: .unsignedEntriesFound, target: target, outcome: .succeeded,
                    reasons: [
                        "entries \(first) to \(verification.entryCount) came after the last checkpoint when the vault was opened: written by a process that stopped before signing them, or added by someone else",
                        "they are signed by the checkpoint after this entry",
                    ]))
        }
        return notes
    }
}

/// The vault's audit sink: it opens only the log that was checked. The file is read again when the
/// sink opens it; if it changed in between (another identity, another length, another head), the
/// open fails rather than continue a log nobody verified.
struct CheckedAuditSink: AuditSink {
    let sink: LockedAuditSink
    let check: AuditAnchorCheck
    let identity: AuditLogIdentity
    let sequence: UInt64
    let head: [UInt8]

    func open(newLogID logID: UUID, signer: VerifyingKey, at timestamp: Int64) async throws -> AuditLogState {
        let state = try await sink.open(newLogID: logID, signer: signer, at: timestamp)
        let sameHead = state.sequence == 0 ? state.head.isEmpty : state.head == head
        guard
            AuditLogIdentity(logID: state.logID, signer: state.signer, created: state.created) == identity,
            state.sequence == sequence, sameHead
        else {
            let found =
                "it changed while the vault was being opened (log \(state.logID.uuidString.lowercased()), \(state.sequence) entries, not the \(sequence) entries checked)"
            guard let anchor = check.anchor else {
                throw VaultAuditLogError.tampered(path: check.path, line: 1, detail: found)
            }
            throw VaultAuditLogError.replaced(path: check.path, found: found, anchor: anchor)
        }
        return state
    }

    func append(_ entries: [AuditEntry], checkpoint: AuditCheckpoint?) async throws {
        try await sink.append(entries, checkpoint: checkpoint)
    }

    func entries(about target: String) async throws -> [AuditEntry] {
        try await sink.entries(about: target)
    }

    func entries(about targets: [String]) async throws -> [String: [AuditEntry]] {
        try await sink.entries(about: targets)
    }
}

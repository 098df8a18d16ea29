import CallVault
import CallVaultAudit
public import CallVaultCore
public import CallVaultCrypto

/// What a recipient rotation did, and how far it is: reported after each recording and returned
/// at the end.
public struct RecipientRotationReport: Hashable, Sendable {
    /// Recordings looked at so far.
    public var examined = 0
    /// Recordings whose wraps were rewritten.
    public var rewrapped: [RecordingID] = []
    /// Recordings already wrapped as asked (an earlier, interrupted rotation reached them).
    public var alreadyCurrent = 0
    /// Recordings without keys: deleted, discarded, never recorded, or shredded meanwhile. They are
    /// never given keys again.
    public var withoutKeys = 0
    /// Recordings not wrapped for the vault's identity (made under another one), which this vault
    /// cannot rewrap.
    public var notWrappedForVault: [RecordingID] = []
    /// Recordings whose wrap for the vault's identity does not open (altered or damaged), with the
    /// reason.
    public var failures: [RecordingID: String] = [:]
    /// Recordings whose catalog entry does not verify (changed outside CallVault): recipients are
    /// removed from them, none added (an entry that does not verify decides nothing new).
    public var unverified: [RecordingID] = []
    /// Recordings with keys that the database's (unsigned) shredded list names although no signed
    /// or audited fact records their deletion: the list was edited. Their removed recipients'
    /// wraps were still deleted; nothing was added.
    public var shreddedWithoutDeletion: [RecordingID] = []

    /// Creates an empty report.
    public init() {}

    /// One line: the counts.
    public var summary: String {
        "\(examined) recording\(examined == 1 ? "" : "s") examined: \(rewrapped.count) rewrapped, "
            + "\(alreadyCurrent) already current, \(withoutKeys) without keys (deleted or never recorded), "
            + "\(notWrappedForVault.count) not wrapped for this vault, \(failures.count) failed."
    }
}

extension OpenedVault {
    /// Rotates the recipients of every recording in the vault: each recording's stored wraps (in
    /// the `KeyStore`, apart from the audio) are rewritten so its data key is wrapped for the
    /// `adding` recipients and no longer for the `removing` ones. The audio is not touched.
    ///
    /// First the folder's `vault.json` is updated, so recordings made from now on are encrypted
    /// for the new set too (in processes that open the vault afterwards). Then, recording by
    /// recording, the vault's identity unwraps the data key and wraps it for each added recipient;
    /// each rewrap is audited (`key.rewrap`, naming the recipients added and removed). A recording
    /// already wrapped as asked is skipped, so a rotation interrupted half-way is finished by
    /// running it again; deleted and never-recorded recordings are skipped, and a recording
    /// shredded meanwhile is never given keys again.
    ///
    /// Removing a recipient stops new copies of the data key reaching it, but anyone who kept an
    /// old wrap or a legal export keeps what it opens.
    ///
    /// - Parameters:
    ///   - adding: recipients to add.
    ///   - removing: fingerprints of recipients to remove (never the vault's own identity).
    ///   - actor: who rotates, as the audit log names them.
    ///   - progress: called after each recording with the report so far.
    /// - Returns: what was done.
    /// - Throws: `VaultFolderError.nothingToRotate`,
    ///   `VaultFolderError.cannotRemoveVaultIdentity(_:)`,
    ///   `VaultFolderError.conflictingRotation(_:)`; the stores' and the audit log's errors, after
    ///   which running the rotation again continues where it stopped.
    @discardableResult
    public func rotateRecipients(
        adding: [Recipient], removing: [RecipientFingerprint] = [], by actor: PrincipalID = "callvault-key-rotation",
        progress: (@Sendable (RecipientRotationReport) -> Void)? = nil
    ) async throws -> RecipientRotationReport {
        var added: [Recipient] = []
        for recipient in adding where !added.contains(recipient) { added.append(recipient) }
        let removed = Set(removing)
        guard !added.isEmpty || !removed.isEmpty else { throw VaultFolderError.nothingToRotate }
        if removed.contains(recipient.fingerprint) {
            throw VaultFolderError.cannotRemoveVaultIdentity(recipient.fingerprint)
        }
        if let both = added.first(where: { removed.contains($0.fingerprint) }) {
            throw VaultFolderError.conflictingRotation(both.fingerprint)
        }
        // A removal finds each recording's wraps through the key table's index: one that misses
        // rows would leave a removed (perhaps compromised) recipient's wraps in place unsaid.
        let path = stores.database.path
        try await stores.database.pool.read { db in try SchemaCheck.requireConsistent(db, path: path) }
        try await updateConfiguration(adding: added, removing: removed, by: actor)

        var report = RecipientRotationReport()
        var cursor: RecordingID?
        while true {
            let page = try await RotationPage.entries(stores.catalog, after: cursor)
            guard let last = page.last else { break }
            cursor = last.id
            for entry in page {
                guard let recording = entry.recording else {
                    report.unverified.append(entry.id)
                    report.examined += 1
                    continue
                }
                // A removal is always made (it only takes access away); an addition only where the
                // entry verifies, so an edited entry never gains a recipient.
                if !entry.integrity.isVerified { report.unverified.append(entry.id) }
                try await rotate(
                    recording, adding: entry.integrity.isVerified ? added : [], removing: removed, by: actor,
                    into: &report)
                report.examined += 1
                progress?(report)
            }
        }
        return report
    }

    /// Signs and audits the new recipients in `vault.json` (see `VaultFileSeal`), starting from
    /// the signed file; a file changed outside CallVault since the open is refused.
    private func updateConfiguration(adding: [Recipient], removing: Set<RecipientFingerprint>, by actor: PrincipalID)
        async throws
    {
        let entries = try VaultFileCheck.versionRecords(inLogAt: folder.auditLogFile.path)
        guard case .sealed(let seal) = try folder.checkSealedFiles(entries: entries, verifyingKey: verifyingKey) else {
            throw VaultFilesError.sealInvalid(path: folder.sealFile.path)
        }
        let current = try VaultConfiguration(
            json: String(decoding: seal.contents[VaultFolder.configurationFileName] ?? [], as: UTF8.self),
            source: folder.configurationFile.path)
        var updated = current
        updated.additionalRecipients.removeAll { removing.contains($0.fingerprint) }
        for recipient in adding where recipient != self.recipient && !updated.additionalRecipients.contains(recipient) {
            updated.additionalRecipients.append(recipient)
        }
        guard updated != current else { return }
        var contents = seal.contents
        contents[VaultFolder.configurationFileName] = Array(updated.json().utf8)
        _ = try await VaultFolder.sealChange(
            contents, after: seal.version, folder: folder, signingKey: signingKey, audit: vault.audit, actor: actor,
            reasons: adding.map { "recipient \($0.fingerprint) added to vault.json" }
                + removing.sorted { $0.description < $1.description }.map { "recipient \($0) removed from vault.json" })
    }

    private func rotate(
        _ recording: RecordingEntry, adding: [Recipient], removing: Set<RecipientFingerprint>, by actor: PrincipalID,
        into report: inout RecipientRotationReport
    ) async throws {
        guard [.recording, .complete, .incomplete].contains(recording.state) else {
            report.withoutKeys += 1
            return
        }
        let wraps = try await stores.keys.wraps(for: recording.contentID)
        guard !wraps.isEmpty else {
            report.withoutKeys += 1
            return
        }
        let present = Set(wraps.map(\.recipient))
        let missing = adding.filter { !present.contains($0.fingerprint) }
        let dropped = wraps.filter { removing.contains($0.recipient) }.map(\.recipient)
        guard !missing.isEmpty || !dropped.isEmpty else {
            report.alreadyCurrent += 1
            return
        }
        var kept = wraps.filter { !removing.contains($0.recipient) }
        if !missing.isEmpty {
            guard let own = wraps.first(where: { $0.recipient == recipient.fingerprint }) else {
                report.notWrappedForVault.append(recording.id)
                return
            }
            let dataKey: DataKey
            do {
                dataKey = try identity.unwrap(own, recordingID: recording.id)
            } catch {
                report.failures[recording.id] = "\(error)"
                return
            }
            for recipient in missing {
                kept.append(try dataKey.wrapped(for: recipient, recordingID: recording.id))
            }
        }
        do {
            try await stores.keys.store(kept, for: recording.contentID)
        } catch StorageError.keysShredded {
            try await rotateMarkedShredded(recording, removing: removing, by: actor, into: &report)
            return
        }
        _ = try await vault.recordAudit(
            AuditRecord(
                actor: actor, action: .keyRewrap, target: AuditRecord.target(recording.id), purpose: nil,
                outcome: .succeeded,
                reasons: missing.map { "added recipient \($0.fingerprint)" }
                    + dropped.map { "removed recipient \($0)" }))
        report.rewrapped.append(recording.id)
    }
}

/// A page of the catalog for a rotation: every entry with whether it verifies, so one edited entry
/// neither stops the rotation nor gains a recipient.
enum RotationPage {
    static func entries(_ catalog: SQLiteRecordingCatalog, after cursor: RecordingID?) async throws -> [CatalogEntry] {
        guard let key = catalog.signingKey?.verifyingKey else {
            return try await catalog.recordings(after: cursor, limit: 200).map {
                CatalogEntry(id: $0.id, recording: $0, integrity: .verified(version: 0), digest: [])
            }
        }
        return try await catalog.entries(after: cursor, limit: 200, verifyingKey: key)
    }
}

import CallVault
import CallVaultAccess
public import CallVaultAudit
import CallVaultConsent
public import CallVaultCore
public import CallVaultCrypto
import CallVaultSupport
public import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension VaultFolder {
    /// The folder's stores, for reading the catalog, retention records, holds and complaints
    /// without the keys (listing and showing recordings needs no passphrase). Opening for writing
    /// is ``open(at:passphrase:simulation:clock:auditClock:auditConfiguration:)``.
    ///
    /// Every store only reads: the database is opened read-only (never migrated, never written:
    /// SQLite refuses every write), and the blob store is a `FileBlobStore` made with
    /// `init(readingFrom:)`, which refuses to create, delete or close a blob with
    /// `StorageError.readOnly` naming the audited operation to use instead. Nothing reached
    /// without the passphrase can change a recording behind the audit log.
    ///
    /// - Throws: `VaultFolderError` for a folder that is not a vault (no database is created in
    ///   it); the errors of ``SQLiteVault/openReadOnly(atPath:)``.
    public func stores() throws -> SQLiteVault {
        _ = try configuration()
        return try SQLiteVault.openReadOnly(atPath: directory.path)
    }
    /// Makes a new vault in `directory` (which must not exist, or be empty): a fresh organisation
    /// signing key and recipient identity, each sealed under `passphrase` (Argon2id with
    /// `keyParameters`), the access policy, the database and blob folder, and `vault.json`.
    ///
    /// Everything is built in a temporary folder beside `directory` (`.<name>.callvault-init-…`,
    /// mode 0700) and renamed into place last, so a crash at any moment leaves either no vault or a
    /// whole one, never a folder that is neither. A temporary folder a crash left is removed by the
    /// next create of the same vault. The audit log starts here, by the system clock: a
    /// `vault.created` entry and a checkpoint, anchored in the database, so the vault knows its log
    /// from the start (see ``checkAuditLog()``).
    ///
    /// - Parameters:
    ///   - directory: the new vault's folder.
    ///   - passphrase: seals the two keys; every open needs it.
    ///   - configuration: what `vault.json` says.
    ///   - accessPolicy: the access policy file's text (see CallVaultAccess's access control
    ///     article); by default ``starterAccessPolicy``.
    ///   - keyParameters: the Argon2id cost (`IdentityFile.Parameters.minimum` only in tests).
    ///   - consentCatalogFiles: the text of each consent catalog override file the configuration
    ///     lists (`VaultConfiguration.consentCatalogOverrides`), by name; written into the folder.
    /// - Returns: the folder.
    /// - Throws: `VaultFolderError.folderNotEmpty(path:)`; the configuration's
    ///   `VaultFolderError.malformedConfiguration(path:field:reason:)`;
    ///   `VaultFolderError.invalidAccessPolicy(path:reason:)`; CallVaultCrypto's `emptyPassphrase`;
    ///   ``SQLiteVaultError/io(path:operation:reason:)`` for the disk.
    @discardableResult
    public static func create(
        at directory: URL, passphrase: Passphrase, configuration: VaultConfiguration,
        accessPolicy: String = VaultFolder.starterAccessPolicy, keyParameters: IdentityFile.Parameters = .standard,
        consentCatalogFiles: [String: String] = [:]
    ) throws -> VaultFolder {
        let folder = VaultFolder(directory)
        try configuration.validate(source: folder.configurationFile.path)
        for name in configuration.consentCatalogOverrides where consentCatalogFiles[name] == nil {
            throw VaultFolderError.missingFile(
                path: folder.directory.appendingPathComponent(name).path, role: "consent catalog override \(name)")
        }
        for (name, text) in consentCatalogFiles {
            guard configuration.consentCatalogOverrides.contains(name) else {
                throw VaultFolderError.malformedConfiguration(
                    path: folder.configurationFile.path, field: "consentCatalogOverrides",
                    reason: "the file '\(name)' is given but not listed; list it so it takes effect, or leave it out")
            }
            let path = folder.directory.appendingPathComponent(name).path
            try checkReviewDates(of: try consentOverride(text, name: name, path: path), path: path, now: Date())
        }
        do {
            _ = try AccessPolicy(json: accessPolicy)
        } catch {
            throw VaultFolderError(
                .invalidAccessPolicy(path: folder.accessPolicyFile.path, reason: "\(error)"), underlying: error)
        }
        let path = folder.directory.path
        let files = FileManager.default
        if files.fileExists(atPath: path) {
            let entries: [String]
            do {
                entries = try files.contentsOfDirectory(atPath: path)
            } catch {
                throw SQLiteVaultError(
                    .io(path: path, operation: "listing the new vault's folder", reason: "\(error)"), underlying: error)
            }
            guard entries.isEmpty else { throw VaultFolderError.folderNotEmpty(path: path) }
        }
        let staged = StagedDirectory(folder.directory, kind: stagingKind)
        do {
            try staged.removeLeftovers()
            try staged.build { staging in
                try populate(
                    VaultFolder(staging), passphrase: passphrase, configuration: configuration,
                    accessPolicy: accessPolicy, keyParameters: keyParameters, consentCatalogFiles: consentCatalogFiles)
            }
        } catch StagedDirectoryError.destinationNotEmpty {
            throw VaultFolderError.folderNotEmpty(path: path)
        } catch StagedDirectoryError.io(let path, let operation, let reason, let underlying) {
            throw SQLiteVaultError(.io(path: path, operation: operation, reason: reason), underlying: underlying)
        }
        return folder
    }

    /// Writes a whole vault into `staged`, the temporary folder ``create(at:passphrase:configuration:accessPolicy:keyParameters:consentCatalogFiles:)``
    /// renames into place when this returns: whatever a vault holds from its first moment is made
    /// here, `vault.json` last.
    private static func populate(
        _ staged: VaultFolder, passphrase: Passphrase, configuration: VaultConfiguration, accessPolicy: String,
        keyParameters: IdentityFile.Parameters, consentCatalogFiles: [String: String]
    ) throws {
        _ = try POSIXFiles.makeDirectory(staged.directory.path + "/keys")
        let signingKey = try SigningKey.generate()
        let identity = try Identity.generate()
        try VaultFiles.writeNew(
            try SigningKeyFile.seal(signingKey, passphrase: passphrase, parameters: keyParameters),
            to: staged.signingKeyFile.path)
        try VaultFiles.writeNew(
            try IdentityFile.seal(identity, passphrase: passphrase, parameters: keyParameters),
            to: staged.identityFile.path)
        try VaultFiles.writeNew(accessPolicy, to: staged.accessPolicyFile.path)
        let overrides = configuration.consentCatalogOverrides.map { ($0, consentCatalogFiles[$0] ?? "") }
        for (name, text) in overrides {
            try VaultFiles.writeNew(text, to: staged.directory.appendingPathComponent(name).path)
        }
        _ = try SQLiteVault.create(at: staged.directory)
        // The configuration files are signed from the first moment, and their first version is in
        // the log from the start, so a seal found missing later is never taken for a legacy vault.
        let configurationText = configuration.json()
        let seal = try VaultFileSeal.sign(
            version: 1,
            contents: [
                configurationFileName: Array(configurationText.utf8), accessPolicyFileName: Array(accessPolicy.utf8),
            ],
            with: signingKey)
        try startAuditLog(
            in: staged, signingKey: signingKey,
            createdReasons: try VaultFileCheck.versionReasons(seal)
                + (try VaultConfigurationAudit.reasons(
                    try VaultConfigurationAudit.fieldDigests(
                        configuration: Array(configurationText.utf8), overrides: overrides))))
        try VaultFiles.writeNew(try seal.text(), to: staged.sealFile.path)
        try VaultFiles.writeNew(configurationText, to: staged.configurationFile.path)
    }

    /// Half-built vaults an interrupted ``create(at:passphrase:configuration:accessPolicy:keyParameters:consentCatalogFiles:)``
    /// of `directory` left beside it (temporary folders no running create holds). They never
    /// became vaults and hold no recordings; the next create removes them.
    public static func halfBuilt(at directory: URL) throws -> [URL] {
        do {
            return try StagedDirectory(directory, kind: stagingKind).leftovers()
        } catch StagedDirectoryError.io(let path, let operation, let reason, let underlying) {
            throw SQLiteVaultError(.io(path: path, operation: operation, reason: reason), underlying: underlying)
        } catch {
            throw SQLiteVaultError(
                .io(path: directory.path, operation: "listing", reason: "\(error)"), underlying: error)
        }
    }

    /// Opens the vault in `directory` for recording, playback, sweeps and requests: reads its
    /// configuration and access policy, opens both keys with `passphrase`, takes the folder's
    /// lock, and builds the services over the folder's stores and audit log.
    ///
    /// Grants are issued and checked in this process, so the grant issuer's key is made afresh
    /// for each open.
    ///
    /// Recordings a crash left open are settled here, once the lock is held
    /// (`Vault.recoverInterruptedRecordings()`: kept, closed at their last flushed segment, marked
    /// incomplete, scheduled and audited). The lock makes that safe: a recorder writes only while it
    /// has the folder open, so with the lock in hand no process is still making a recording this
    /// folder lists as being made. (A host that records into the folder's stores without opening
    /// it here holds no lock, and must not share the folder with the tool.)
    ///
    /// - Parameters:
    ///   - directory: the vault's folder.
    ///   - passphrase: the passphrase the keys were sealed under.
    ///   - simulation: whether the caller runs a simulation (a demo, a rehearsal whose clock jumps
    ///     ahead). A vault whose configuration says it is one (`VaultConfiguration.simulation`)
    ///     opens only with `true`, and a live vault only with `false` (the default), so a live host
    ///     never works on simulated records and a simulated clock never writes into live ones.
    ///   - clock: the time for grants, schedules, sweeps and recordings. A live vault refuses a
    ///     clock more than an hour ahead of or behind the system's (`clockNotRealTime`): a clock
    ///     ahead would delete recordings early under certificates dated in the future, and a clock
    ///     behind would date new recordings in the past, so the next real sweep deletes them early.
    ///     The check is kept at every reading after the open: a clock that drifts or jumps further
    ///     later reads as the nearer bound (an hour from the system's). A simulation may pass a
    ///     clock years ahead to run a retention sweep; it never reaches the audit log.
    ///   - auditClock: the time the audit log stamps its entries with. Every vault, simulated or
    ///     live, refuses one more than an hour from the system's (`auditClockNotRealTime`), and holds
    ///     it within that hour at every later reading: the log
    ///     is evidence read later by other processes, which refuse times more than an hour ahead
    ///     of their own clock (`AuditProblem.Kind.entryInTheFuture`).
    ///   - auditConfiguration: when the audit log signs checkpoints.
    /// The audit log is checked against the anchor the database keeps before anything is written:
    /// a log that is missing, emptied, cut short, replaced or tampered with (including a time more
    /// than an hour after `auditClock`) is refused with ``VaultAuditLogError`` and never started
    /// afresh.
    ///
    /// - Throws: `VaultFolderError` (not a vault, a missing file, a malformed `vault.json` or
    ///   access policy, the vault in use elsewhere, `simulatedVault` or `notASimulation` before
    ///   anything is written); CallVaultCrypto's `wrongPassphrase`;
    ///   ``VaultAuditLogError`` for a log that is not the anchored one, or does not reach it; the
    ///   audit log's errors for a torn last line or (before it is anchored) another signer; the
    ///   stores' errors.
    /// - Returns: the opened vault, holding the folder's lock until it is closed.
    public static func open(
        at directory: URL, passphrase: Passphrase, simulation: Bool = false, clock: any WallClock = SystemWallClock(),
        auditClock: any WallClock = SystemWallClock(),
        auditConfiguration: AuditLog.Configuration = AuditLog.Configuration(checkpointEvery: 100)
    ) async throws -> OpenedVault {
        try await open(
            at: directory, passphrase: passphrase, simulation: simulation, clock: clock, auditClock: auditClock,
            auditConfiguration: auditConfiguration, backdating: false)
    }

    /// ``open(at:passphrase:simulation:clock:auditClock:auditConfiguration:)``, with `backdating`
    /// letting a live vault's clock be behind the system's (never ahead, and never the audit
    /// clock): for the package's own tests, which make aged recordings on a live vault for the
    /// tool to sweep. No host can reach it.
    package static func open(
        at directory: URL, passphrase: Passphrase, simulation: Bool = false, clock: any WallClock = SystemWallClock(),
        auditClock: any WallClock = SystemWallClock(),
        auditConfiguration: AuditLog.Configuration = AuditLog.Configuration(checkpointEvery: 100), backdating: Bool
    ) async throws -> OpenedVault {
        let folder = VaultFolder(directory)
        try folder.requireSimulation(try folder.configuration(), is: simulation)
        try folder.requireRealTime(clock: clock, auditClock: auditClock, simulation: simulation, backdating: backdating)
        // Checked now, and held within the hour at every reading after: a clock that is right at this
        // check and jumps later cannot date a live vault's records, or its audit log, off real time.
        let clock: any WallClock = simulation ? clock : RealTimeBoundedClock(inner: clock, allowsBehind: backdating)
        let auditClock: any WallClock = RealTimeBoundedClock(inner: auditClock, allowsBehind: false)
        let lock = try VaultFolderLock.acquire(folder: folder.directory.path, file: lockFileName)
        // A refused open drops the lock now, not whenever the last reference to it goes (a
        // background write of the audit log may hold one), so a retry right after is not told the
        // vault is in use by its own process.
        do {
            return try await open(
                folder: folder, lock: lock, passphrase: passphrase, simulation: simulation, clock: clock,
                auditClock: auditClock, auditConfiguration: auditConfiguration)
        } catch {
            lock.release()
            throw error
        }
    }

    private static func open(
        folder: VaultFolder, lock: VaultFolderLock, passphrase: Passphrase, simulation: Bool, clock: any WallClock,
        auditClock: any WallClock, auditConfiguration: AuditLog.Configuration
    ) async throws -> OpenedVault {
        // A rewrite of vault.json, the access policy or their seal a crash cut short left its
        // temporary file: it never took effect (the rename is the change), so it goes.
        try VaultFiles.removeAbandonedReplacements(in: folder.directory.path)
        let signingKey = try SigningKeyFile.open(
            try folder.read(folder.signingKeyFile, role: "signing key"), passphrase: passphrase)
        let identity = try IdentityFile.open(
            try folder.read(folder.identityFile, role: "recipient identity"), passphrase: passphrase)
        let unchecked = try SQLiteVault.open(at: folder.directory)
        let audit = try await openAuditLog(
            folder: folder, stores: unchecked, signingKey: signingKey, clock: auditClock,
            configuration: auditConfiguration, lock: lock)
        // vault.json and the access policy are read from the bytes their seal signs, never again.
        let signed = try await settleSealedFiles(folder: folder, signingKey: signingKey, audit: audit)
        let configuration = try VaultConfiguration(
            json: String(decoding: signed[configurationFileName] ?? [], as: UTF8.self),
            source: folder.configurationFile.path)
        // The file was checked before the lock; the signed bytes are what the vault works with.
        try folder.requireSimulation(configuration, is: simulation)
        let policy: AccessPolicy
        do {
            policy = try AccessPolicy(json: String(decoding: signed[accessPolicyFileName] ?? [], as: UTF8.self))
        } catch {
            throw VaultFolderError(
                .invalidAccessPolicy(path: folder.accessPolicyFile.path, reason: "\(error)"), underlying: error)
        }
        let overrides = try folder.consentOverrideTexts(for: configuration)
        var consentCatalog = try JurisdictionCatalog.bundled
        for (name, text) in overrides {
            consentCatalog = consentCatalog.overriding(
                with: try consentOverride(text, name: name, path: folder.directory.appendingPathComponent(name).path))
        }
        let configurationChanged = try await VaultConfigurationAudit.settle(
            folder: folder, configuration: configuration, overrides: overrides, audit: audit)
        // Catalog rows signed and verified, holds checked against the log, legacy rows adopted.
        let stores = try await VaultIntegrity.open(
            unchecked, signingKey: signingKey, audit: audit, trail: AuditFileTrail(path: folder.auditLogFile.path))
        var opened = try OpenedVault(
            folder: folder, configuration: configuration, consentCatalog: consentCatalog, stores: stores, audit: audit,
            policy: policy, signingKey: signingKey, identity: identity, clock: clock, lock: lock)
        do {
            opened.settledRecordings = try await opened.vault.recoverInterruptedRecordings()
            // Deletions a stopped sweep journaled: decided and perhaps shredded already, so they
            // are finished before anything else reads the catalog.
            let deletions = try await opened.vault.finishInterruptedDeletions()
            opened.finishedDeletions = deletions.deleted
            opened.unfinishedDeletions = deletions.failures
            // A changed configuration (a new stated period, policies, a first record of an older
            // vault's) applies to what was recorded before it, too.
            if configurationChanged { opened.rescheduled = try await opened.vault.recomputeSchedules() }
        } catch {
            try? await opened.close()
            throw error
        }
        return opened
    }

    /// The access policy ``create(at:passphrase:configuration:accessPolicy:keyParameters:consentCatalogFiles:)``
    /// writes unless given another: supervisors hear their own team's calls for quality and
    /// training; compliance officers listen to and export recordings for disputes and legal
    /// requests, with a reference and a second person's approval; complaint handlers listen for
    /// dispute resolution, citing the complaint. Everything else is denied. A starting point, to be
    /// replaced with the organisation's own policy.
    public static let starterAccessPolicy = """
        {
          "version": "starter-1",
          "description": "The starting policy of a new vault: replace it with your organisation's own. Anything no rule allows is denied.",
          "rules": [
            {
              "id": "supervisors-review-team-calls",
              "description": "Supervisors review their own team's calls for quality and training.",
              "effect": "allow",
              "roles": ["supervisor"],
              "actions": ["view-metadata", "listen"],
              "purposes": ["quality", "training"],
              "conditions": { "sameTeam": true, "mfaWithinMinutes": 60 },
              "obligations": { "grantLifetimeSeconds": 900 }
            },
            {
              "id": "compliance-legal-requests",
              "description": "Compliance officers serve disputes and legal requests, with a reference and a second person's approval.",
              "effect": "allow",
              "roles": ["compliance-officer"],
              "actions": ["listen", "export-legal"],
              "purposes": ["dispute-resolution", "legal-regulatory"],
              "conditions": { "legalReference": true, "approvals": 1, "mfaWithinMinutes": 15 },
              "obligations": { "grantLifetimeSeconds": 600, "notifyCompliance": true }
            },
            {
              "id": "complaints-dispute-resolution",
              "description": "Complaint handlers hear the calls of the complaint they handle.",
              "effect": "allow",
              "roles": ["complaints-handler"],
              "actions": ["listen"],
              "purposes": ["dispute-resolution"],
              "conditions": { "legalReference": true, "mfaWithinMinutes": 30 }
            }
          ]
        }

        """
}

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

/// A whole vault in one folder, laid out the same way by every host, the `callvault` tool and the
/// sample integration: its keys sealed under a passphrase, its configuration, its access policy,
/// its audit log, and the embedded storage of ``SQLiteVault``.
///
/// ```
/// <vault>/vault.json                       the configuration (VaultConfiguration)
/// <vault>/access-policy.json               who may reach recordings, for what (an access policy file)
/// <vault>/vault-files.sig                  the organisation's signature over those two files
/// <vault>/keys/organisation.signing-key    the organisation's Ed25519 key, sealed under the passphrase
/// <vault>/keys/recordings.identity         the recipient identity recordings are encrypted to, sealed
/// <vault>/audit.log                        the tamper-evident audit log
/// <vault>/vault.sqlite, blobs/             the catalog, wrapped keys, retention, complaints, recordings
/// <vault>/vault.lock                       held by the one process that has the vault open for writing
/// ```
///
/// ```swift
/// let folder = URL(fileURLWithPath: "/var/lib/callvault")
/// try VaultFolder.create(
///     at: folder, passphrase: passphrase,
///     configuration: VaultConfiguration(organisation: "Northwind", purposes: [.quality]))
/// let opened = try await VaultFolder.open(at: folder, passphrase: passphrase)
/// let session = try await opened.vault.startRecording(call, control: telephony)
/// ```
///
/// See <doc:VaultFolders>.
public struct VaultFolder: Hashable, Sendable {
    /// The configuration file's name.
    public static let configurationFileName = "vault.json"
    /// The access policy file's name.
    public static let accessPolicyFileName = "access-policy.json"
    /// The sealed signing key's path inside the folder.
    public static let signingKeyFileName = "keys/organisation.signing-key"
    /// The sealed recipient identity's path inside the folder.
    public static let identityFileName = "keys/recordings.identity"
    /// The audit log file's name.
    public static let auditLogFileName = "audit.log"
    /// The lock file's name.
    public static let lockFileName = "vault.lock"

    /// The folder.
    public let directory: URL

    /// The folder at `directory` (nothing is read until asked).
    public init(_ directory: URL) {
        self.directory = directory.standardizedFileURL
    }

    /// The configuration file.
    public var configurationFile: URL { file(Self.configurationFileName) }
    /// The access policy file.
    public var accessPolicyFile: URL { file(Self.accessPolicyFileName) }
    /// The organisation's sealed signing key.
    public var signingKeyFile: URL { file(Self.signingKeyFileName) }
    /// The recordings' sealed recipient identity.
    public var identityFile: URL { file(Self.identityFileName) }
    /// The audit log.
    public var auditLogFile: URL { file(Self.auditLogFileName) }

    private func file(_ name: String) -> URL {
        directory.appendingPathComponent(name)
    }

    /// Reads and validates the folder's `vault.json`.
    ///
    /// - Throws: ``VaultFolderError/notAVaultFolder(path:reason:)`` for a folder that is missing,
    ///   not a folder, unreachable or without a `vault.json`, with the system's cause as its
    ///   `underlying` (a `POSIXError`: `ENOENT`, `ENOTDIR`, `EACCES`);
    ///   ``VaultFolderError/malformedConfiguration(path:field:reason:)`` naming the field at fault.
    public func configuration() throws -> VaultConfiguration {
        let path = configurationFile.path
        switch Self.kind(of: directory.path) {
        case .directory: break
        case .other:
            throw VaultFolderError(
                .notAVaultFolder(path: directory.path, reason: "it is a file, not a folder"),
                underlying: systemCallCause(errno: ENOTDIR, call: "stat"))
        case .unreachable(let code):
            let reason = code == ENOENT ? missingFolderReason() : "it cannot be reached (\(Self.describe(code)))"
            throw VaultFolderError(
                .notAVaultFolder(path: directory.path, reason: reason),
                underlying: systemCallCause(errno: code, call: "stat"))
        }
        if case .unreachable(let code) = Self.kind(of: path) {
            let reason =
                code == ENOENT
                ? "it holds no \(Self.configurationFileName)"
                : "its \(Self.configurationFileName) cannot be reached (\(Self.describe(code)))"
            throw VaultFolderError(
                .notAVaultFolder(path: directory.path, reason: reason),
                underlying: systemCallCause(errno: code, call: "stat"))
        }
        return try VaultConfiguration(json: try read(configurationFile, role: "configuration"), source: path)
    }

    /// The organisation's verifying (public) key, read from the sealed signing key file without
    /// the passphrase: what audit checkpoints, receipts, certificates and export manifests are
    /// checked against.
    ///
    /// - Throws: ``VaultFolderError`` for a folder that is not a vault; CallVaultCrypto's errors for
    ///   a damaged key file.
    public func verifyingKey() throws -> VerifyingKey {
        _ = try configuration()
        return try SigningKeyFile.verifyingKey(in: try read(signingKeyFile, role: "signing key"))
    }

    /// What is at a path, as `stat` sees it (following symbolic links).
    private enum PathKind {
        case directory
        case other
        /// `stat` failed with this `errno` (`ENOENT`, `ENOTDIR`, `EACCES`...).
        case unreachable(Int32)
    }

    private static func kind(of path: String) -> PathKind {
        var status = stat()
        guard stat(path, &status) == 0 else { return .unreachable(errno) }
        return (status.st_mode & S_IFMT) == S_IFDIR ? .directory : .other
    }

    /// The system's text for an `errno`.
    private static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    /// Why the folder is missing: plainly absent, or only half-built beside it by a killed init.
    private func missingFolderReason() -> String {
        let halfBuilt = (try? StagedDirectory(directory, kind: VaultFolder.stagingKind).leftovers()) ?? []
        guard let first = halfBuilt.first else { return "there is no such folder" }
        return
            "there is no such folder, only \(first.path), a half-built vault an interrupted `vault init` left (it never became a vault and holds no recordings); run `callvault vault init` again, which removes it, or delete it"
    }

    /// The folder's stores, for reading the catalog, retention records, holds and complaints
    /// without the keys (listing and showing recordings needs no passphrase). Opening for writing
    /// is ``open(at:passphrase:clock:auditClock:auditConfiguration:)``.
    ///
    /// Every store only reads: the database is opened read-only (never migrated, never written:
    /// SQLite refuses every write), and the blob store is a `FileBlobStore` made with
    /// `init(readingFrom:)`, which refuses to create, delete or close a blob with
    /// `StorageError.readOnly` naming the audited operation to use instead. Nothing reached
    /// without the passphrase can change a recording behind the audit log.
    ///
    /// - Throws: ``VaultFolderError`` for a folder that is not a vault (no database is created in
    ///   it); the errors of ``SQLiteVault/openReadOnly(atPath:)``.
    public func stores() throws -> SQLiteVault {
        _ = try configuration()
        return try SQLiteVault.openReadOnly(atPath: directory.path)
    }

    func read(_ url: URL, role: String) throws -> String {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw VaultFolderError.missingFile(path: url.path, role: role)
        }
        do {
            return try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw SQLiteVaultError(
                .io(path: url.path, operation: "reading the vault's \(role)", reason: "\(error)"), underlying: error)
        }
    }
}

extension VaultFolder {
    /// What a vault's temporary folder is named after while `create` builds it:
    /// `.<name>.callvault-init-<random>` beside the vault's folder.
    static let stagingKind = "init"

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
    ///     lists (``VaultConfiguration/consentCatalogOverrides``), by name; written into the folder.
    /// - Returns: the folder.
    /// - Throws: ``VaultFolderError/folderNotEmpty(path:)``; the configuration's
    ///   ``VaultFolderError/malformedConfiguration(path:field:reason:)``;
    ///   ``VaultFolderError/invalidAccessPolicy(path:reason:)``; CallVaultCrypto's `emptyPassphrase`;
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
        } catch StagedDirectoryError.io(let path, let operation, let reason) {
            throw SQLiteVaultError.io(path: path, operation: operation, reason: reason)
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
        } catch StagedDirectoryError.io(let path, let operation, let reason) {
            throw SQLiteVaultError.io(path: path, operation: operation, reason: reason)
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
    ///   - clock: the time for grants, schedules, sweeps and recordings. A simulation may pass a
    ///     clock years ahead to run a retention sweep; it never reaches the audit log.
    ///   - auditClock: the time the audit log stamps its entries with: the real clock unless a test
    ///     needs a fixed one. The log is evidence read later by other processes, which refuse
    ///     times more than an hour ahead of their own clock (`AuditProblem.Kind.entryInTheFuture`),
    ///     so a simulated clock here would leave a log no one else can continue.
    ///   - auditConfiguration: when the audit log signs checkpoints.
    /// The audit log is checked against the anchor the database keeps before anything is written:
    /// a log that is missing, emptied, cut short, replaced or tampered with (including a time more
    /// than an hour after `auditClock`) is refused with ``VaultAuditLogError`` and never started
    /// afresh.
    ///
    /// - Throws: ``VaultFolderError`` (not a vault, a missing file, a malformed `vault.json` or
    ///   access policy, the vault in use elsewhere); CallVaultCrypto's `wrongPassphrase`;
    ///   ``VaultAuditLogError`` for a log that is not the anchored one, or does not reach it; the
    ///   audit log's errors for a torn last line or (before it is anchored) another signer; the
    ///   stores' errors.
    /// - Returns: the opened vault, holding the folder's lock until it is closed.
    public static func open(
        at directory: URL, passphrase: Passphrase, clock: any WallClock = SystemWallClock(),
        auditClock: any WallClock = SystemWallClock(),
        auditConfiguration: AuditLog.Configuration = AuditLog.Configuration(checkpointEvery: 100)
    ) async throws -> OpenedVault {
        let folder = VaultFolder(directory)
        _ = try folder.configuration()
        let lock = try VaultFolderLock.acquire(folder: folder.directory.path, file: lockFileName)
        // A refused open drops the lock now, not whenever the last reference to it goes (a
        // background write of the audit log may hold one), so a retry right after is not told the
        // vault is in use by its own process.
        do {
            return try await open(
                folder: folder, lock: lock, passphrase: passphrase, clock: clock, auditClock: auditClock,
                auditConfiguration: auditConfiguration)
        } catch {
            lock.release()
            throw error
        }
    }

    private static func open(
        folder: VaultFolder, lock: VaultFolderLock, passphrase: Passphrase, clock: any WallClock,
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

/// Writing the vault folder's small files.
enum VaultFiles {
    /// Writes a new file (mode 0600), refusing to replace one, and syncs it.
    static func writeNew(_ text: String, to path: String) throws {
        let file = try POSIXFiles.reporting { () throws(SystemCallError) in try SystemFile.create(path) }
        try Array(text.utf8).withUnsafeBytes { bytes in
            try POSIXFiles.reporting { () throws(SystemCallError) in try file.write(bytes, at: 0) }
        }
        try POSIXFiles.reporting { () throws(SystemCallError) in try file.synchronize() }
    }

    /// What a replacement's temporary file is named after: `<file>.new-<uuid>` beside the file.
    static let replacementMarker = ".new-"

    /// Replaces a file atomically: a new file beside it (mode 0600), synced, renamed over it, and
    /// the folder synced. A crash before the rename leaves the temporary file, which
    /// ``removeAbandonedReplacements(in:)`` removes on the next open for writing.
    static func replace(_ text: String, at path: String) throws {
        let temporary = path + replacementMarker + UUID().uuidString.lowercased()
        try writeNew(text, to: temporary)
        do {
            try FileSystem.rename(temporary, to: path)
        } catch {
            _ = try? POSIXFiles.remove(temporary)
            throw POSIXFiles.failure(error)
        }
        try POSIXFiles.syncDirectory((path as NSString).deletingLastPathComponent)
    }

    /// Removes the temporary files of replacements a crash cut short (`vault.json.new-<uuid>` and
    /// the like, for the configuration files and their seal): a replacement takes effect only by
    /// its rename, so such a file never became the vault's file and is safe to remove. Called with
    /// the folder's lock held, so no replacement is under way. Returns the names removed.
    @discardableResult
    static func removeAbandonedReplacements(in directory: String) throws -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw SQLiteVaultError(
                .io(path: directory, operation: "listing the vault's folder", reason: "\(error)"), underlying: error)
        }
        let replaced = VaultFileSeal.sealedFiles + [VaultFileSeal.fileName]
        let abandoned = names.filter { name in
            replaced.contains { name.hasPrefix($0 + replacementMarker) }
        }.sorted()
        for name in abandoned { _ = try POSIXFiles.remove(directory + "/" + name) }
        if !abandoned.isEmpty { try POSIXFiles.syncDirectory(directory) }
        return abandoned
    }
}

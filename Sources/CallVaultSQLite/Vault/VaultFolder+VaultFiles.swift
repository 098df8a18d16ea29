import CallVault
import CallVaultAccess
import CallVaultAudit
public import CallVaultCore
public import CallVaultCrypto
public import Foundation

/// The vault folder's signed configuration files: checked on every open for writing, adopted once
/// when a vault made before they were signed is opened, and changed only by signed, audited steps.
extension VaultFolder {
    /// The seal over `vault.json` and `access-policy.json` (``VaultFileSeal``).
    public var sealFile: URL { directory.appendingPathComponent(VaultFileSeal.fileName) }

    /// The bytes of each sealed file as they are now.
    func sealedFileContents() throws -> [String: [UInt8]] {
        var contents: [String: [UInt8]] = [:]
        for name in VaultFileSeal.sealedFiles {
            let url = directory.appendingPathComponent(name)
            contents[name] = Array(try read(url, role: name).utf8)
        }
        return contents
    }

    /// The seal as it is now: `nil` when there is none; `readable` is false for a file that is
    /// not a seal.
    func readSeal() throws -> (seal: VaultFileSeal?, readable: Bool) {
        guard FileManager.default.fileExists(atPath: sealFile.path) else { return (nil, true) }
        guard let seal = VaultFileSeal.read(try read(sealFile, role: "signed files' seal")) else { return (nil, false) }
        return (seal, true)
    }

    /// Checks the files against their seal and the audit log file, without the passphrase.
    ///
    /// - Returns: what was found: sealed, legacy (to adopt) or an unfinished change.
    /// - Throws: ``VaultFilesError`` for files or a seal changed outside CallVault; the read errors.
    public func checkSealedFiles() throws -> VaultFileCheck.Outcome {
        let key = try verifyingKey()
        return try checkSealedFiles(
            entries: try VaultFileCheck.versionRecords(inLogAt: auditLogFile.path), verifyingKey: key)
    }

    func checkSealedFiles(entries: [AuditEntry], verifyingKey: VerifyingKey) throws -> VaultFileCheck.Outcome {
        let (seal, readable) = try readSeal()
        return try VaultFileCheck.check(
            contents: try sealedFileContents(), seal: seal, sealReadable: readable, sealPath: sealFile.path,
            entries: entries, verifyingKey: verifyingKey, folder: self)
    }

    /// Checks the files on an open for writing (the audit log open and verified) and settles what
    /// needs no one's decision: a legacy vault's files are adopted (signed as they are, audited
    /// once with their digests and recipients), a change a crash cut short is finished.
    ///
    /// - Returns: the signed bytes of each file, which the open reads its configuration and policy
    ///   from (never the file again).
    /// - Throws: ``VaultFilesError`` for files or a seal changed outside CallVault.
    static func settleSealedFiles(folder: VaultFolder, signingKey: SigningKey, audit: AuditLog) async throws
        -> [String: [UInt8]]
    {
        let entries = try VaultFileCheck.versionRecords(inLogAt: folder.auditLogFile.path)
        switch try folder.checkSealedFiles(entries: entries, verifyingKey: signingKey.verifyingKey) {
        case .sealed(let seal):
            return seal.contents
        case .legacy:
            let contents = try folder.sealedFileContents()
            let seal = try VaultFileSeal.sign(version: 1, contents: contents, with: signingKey)
            try VaultFiles.replace(try seal.text(), at: folder.sealFile.path)
            _ = try await audit.record(
                try VaultFileCheck.auditRecord(
                    seal, actor: vaultActor,
                    reasons: [
                        "adopted: vault.json and access-policy.json were not signed (a vault made by an earlier version of CallVault) and are signed as they were found"
                    ] + summary(of: contents)))
            try await audit.checkpoint()
            return contents
        case .unfinished(let seal):
            try write(seal, into: folder)
            _ = try await audit.record(
                try VaultFileCheck.auditRecord(
                    seal, actor: vaultActor,
                    reasons: ["a signed change a crash cut short after its seal was written, finished on opening"]))
            try await audit.checkpoint()
            return seal.contents
        }
    }

    /// Signs `contents` as the next version after `current`, then writes the seal, then the files
    /// that changed, then the audit entry: a crash after the seal is finished by the next open.
    static func sealChange(
        _ contents: [String: [UInt8]], after current: UInt64, folder: VaultFolder, signingKey: SigningKey,
        audit: AuditLog, actor: PrincipalID, reasons: [String]
    ) async throws -> VaultFileSeal {
        let seal = try VaultFileSeal.sign(version: current + 1, contents: contents, with: signingKey)
        try VaultFiles.replace(try seal.text(), at: folder.sealFile.path)
        try write(seal, into: folder)
        _ = try await audit.record(try VaultFileCheck.auditRecord(seal, actor: actor, reasons: reasons))
        try await audit.checkpoint()
        return seal
    }

    /// Writes each sealed file whose bytes differ from the seal's.
    private static func write(_ seal: VaultFileSeal, into folder: VaultFolder) throws {
        let current = try? folder.sealedFileContents()
        for name in VaultFileSeal.sealedFiles where current?[name] != seal.contents[name] {
            try VaultFiles.replace(
                String(decoding: seal.contents[name] ?? [], as: UTF8.self),
                at: folder.directory.appendingPathComponent(name).path)
        }
    }

    /// What an adoption records of the configuration, so a review of the log sees what was
    /// adopted: the recipients and hold officers.
    private static func summary(of contents: [String: [UInt8]]) -> [String] {
        guard
            let text = contents[configurationFileName].map({ String(decoding: $0, as: UTF8.self) }),
            let configuration = try? VaultConfiguration(json: text)
        else { return [] }
        return [
            "recipients besides the vault's identity: \(configuration.additionalRecipients.map(\.fingerprint.description).joined(separator: ", "))",
            "hold officers: \(configuration.holdOfficers.map(\.rawValue).joined(separator: ", "))",
        ]
    }
}

/// What ``VaultFolder/acceptChanges(at:passphrase:simulation:restore:by:)`` did.
public struct VaultFileAcceptance: Hashable, Sendable {
    /// The signed version now in force.
    public let version: UInt64
    /// What differed between the signed files and the files found, by file (empty when nothing).
    public let changes: [String: [String]]
    /// Whether the signed copy was put back (rather than the files found signed).
    public let restored: Bool
}

extension VaultFolder {
    /// Signs the vault's configuration files as they are now (after a deliberate edit), or with
    /// `restore` puts the signed copy back: the one way, besides a recipient rotation, to change
    /// `vault.json` or `access-policy.json` of a signed vault. Needs the passphrase; takes the
    /// folder's lock; the audit log records the new version with each file's digest and what
    /// changed, under `actor`.
    ///
    /// Whether the vault is a simulation (``VaultConfiguration/simulation``) is fixed when it is
    /// made: an edit that changes it is refused, and a simulated vault's files are signed only
    /// with `simulation` true (a live vault's only with false), as ``open(at:passphrase:simulation:clock:auditClock:auditConfiguration:)``
    /// opens them.
    ///
    /// - Parameters:
    ///   - directory: the vault's folder.
    ///   - passphrase: the passphrase the keys were sealed under.
    ///   - simulation: whether the caller works on a simulation; must match the signed `vault.json`.
    ///   - restore: put the signed copy back instead of signing the files as they are.
    ///   - actor: who accepts the change, as the audit log names them.
    /// - Returns: the version now in force and what differed.
    /// - Throws: ``VaultFolderError`` for a folder that is not a vault or is in use, a simulation
    ///   opened as live or the reverse, an edit that changes ``VaultConfiguration/simulation``, or a new
    ///   `vault.json` or access policy that does not read, or a consent catalog override file it
    ///   names that is missing, does not read, or gives a review date after today; CallVaultCrypto's `wrongPassphrase`; the
    ///   audit log's errors.
    public static func acceptChanges(
        at directory: URL, passphrase: Passphrase, simulation: Bool = false, restore: Bool, by actor: PrincipalID
    ) async throws -> VaultFileAcceptance {
        let folder = VaultFolder(directory)
        let signedSimulation = try folder.signedSimulation()
        if signedSimulation != simulation {
            throw simulation
                ? VaultFolderError.notASimulation(path: folder.directory.path)
                : VaultFolderError.simulatedVault(path: folder.directory.path)
        }
        let lock = try VaultFolderLock.acquire(folder: folder.directory.path, file: lockFileName)
        defer { lock.release() }
        try VaultFiles.removeAbandonedReplacements(in: folder.directory.path)
        let signingKey = try SigningKeyFile.open(
            try folder.read(folder.signingKeyFile, role: "signing key"), passphrase: passphrase)
        let stores = try SQLiteVault.open(at: folder.directory)
        let audit = try await openAuditLog(
            folder: folder, stores: stores, signingKey: signingKey, clock: SystemWallClock(),
            configuration: AuditLog.Configuration(checkpointEvery: 100), lock: lock)
        let entries = try VaultFileCheck.versionRecords(inLogAt: folder.auditLogFile.path)
        let audited = VaultFileCheck.lastAuditedVersion(entries)?.version ?? 0
        let (seal, _) = try folder.readSeal()
        let found = try folder.sealedFileContents()
        let signed = seal.flatMap { $0.verifies(with: signingKey.verifyingKey) ? $0.contents : nil }
        var changes: [String: [String]] = [:]
        for name in VaultFileSeal.sealedFiles where signed?[name] != found[name] {
            changes[name] =
                signed.map { VaultFileCheck.changes(from: $0[name] ?? [], to: found[name] ?? []) } ?? [
                    "no valid signed copy to compare with"
                ]
        }
        if let seal, seal.version < audited {
            changes[VaultFileSeal.fileName] = [
                "an earlier signed copy (version \(seal.version)) was put back; the audit log's last version is \(audited): check the recipients and hold officers below before accepting"
            ]
        }
        if restore {
            guard let signed, let seal, seal.version >= audited else {
                throw VaultFilesError.sealInvalid(path: folder.sealFile.path)
            }
            let restored = try await sealChange(
                signed, after: audited, folder: folder, signingKey: signingKey, audit: audit, actor: actor,
                reasons: ["the signed copy (version \(seal.version)) put back over files changed outside CallVault"]
                    + changes.sorted { $0.key < $1.key }.map {
                        "\($0.key) differed: \($0.value.joined(separator: ", "))"
                    })
            return VaultFileAcceptance(version: restored.version, changes: changes, restored: true)
        }
        let configurationText = String(decoding: found[configurationFileName] ?? [], as: UTF8.self)
        let configuration = try VaultConfiguration(json: configurationText, source: folder.configurationFile.path)
        try configuration.validate(source: folder.configurationFile.path)
        guard configuration.simulation == signedSimulation else {
            throw VaultFolderError.simulationChanged(
                path: folder.configurationFile.path, simulation: configuration.simulation)
        }
        // The override files it names are loaded as an open would load them, so a change that
        // would leave the vault unopenable is refused here, not discovered by the next command.
        try folder.checkConsentOverrides(for: configuration, now: Date())
        do {
            _ = try AccessPolicy(json: String(decoding: found[accessPolicyFileName] ?? [], as: UTF8.self))
        } catch {
            throw VaultFolderError(
                .invalidAccessPolicy(path: folder.accessPolicyFile.path, reason: "\(error)"), underlying: error)
        }
        let accepted = try await sealChange(
            found, after: max(audited, seal?.version ?? 0), folder: folder, signingKey: signingKey, audit: audit,
            actor: actor,
            reasons: ["changes made outside CallVault accepted and signed"]
                + changes.sorted { $0.key < $1.key }.map { "\($0.key) changed: \($0.value.joined(separator: ", "))" }
                + summary(of: found))
        return VaultFileAcceptance(version: accepted.version, changes: changes, restored: false)
    }
}

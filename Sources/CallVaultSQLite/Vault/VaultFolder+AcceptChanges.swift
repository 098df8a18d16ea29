import CallVault
import CallVaultAccess
import CallVaultAudit
public import CallVaultCore
public import CallVaultCrypto
public import Foundation

/// What ``CallVaultFileStore/VaultFolder/acceptChanges(at:passphrase:simulation:restore:by:)`` did.
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
    /// Whether the vault is a simulation (`VaultConfiguration.simulation`) is fixed when it is
    /// made: an edit that changes it is refused, and a simulated vault's files are signed only
    /// with `simulation` true (a live vault's only with false), as `open` opens them.
    ///
    /// - Parameters:
    ///   - directory: the vault's folder.
    ///   - passphrase: the passphrase the keys were sealed under.
    ///   - simulation: whether the caller works on a simulation; must match the signed `vault.json`.
    ///   - restore: put the signed copy back instead of signing the files as they are.
    ///   - actor: who accepts the change, as the audit log names them.
    /// - Returns: the version now in force and what differed.
    /// - Throws: `VaultFolderError` for a folder that is not a vault or is in use, a simulation
    ///   opened as live or the reverse, an edit that changes `VaultConfiguration.simulation`, or a
    ///   new `vault.json` or access policy that does not read, or a consent catalog override file
    ///   it names that is missing, does not read, or gives a review date after today;
    ///   CallVaultCrypto's `wrongPassphrase`; the audit log's errors.
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
            // Nothing current to put back: say which (no seal, one that does not verify, an older one).
            guard let seal else {
                throw VaultFilesError.sealMissing(path: folder.sealFile.path, auditedVersion: audited)
            }
            guard let signed else { throw VaultFilesError.sealInvalid(path: folder.sealFile.path) }
            guard seal.version >= audited else {
                throw VaultFilesError.sealContradicted(
                    path: folder.sealFile.path, found: seal.version, audited: audited)
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

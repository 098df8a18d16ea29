import CallVault
package import CallVaultCore
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
/// its audit log, and its stores (CallVaultSQLite's embedded ones: `vault.sqlite` and `blobs/`).
///
/// This module reads and checks what needs no database: the configuration, the seal over the
/// configuration files, the organisation's verifying key, the consent catalog overrides. Creating
/// and opening a folder (`create`, `open`, `stores()`, `checkAuditLog()`) is CallVaultSQLite's,
/// which extends this type and re-exports this module.
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
/// let opened = try await VaultFolder.open(at: folder, passphrase: passphrase)  // CallVaultSQLite
/// let session = try await opened.vault.startRecording(call, control: telephony)
/// ```
///
/// See <doc:VaultFolderFiles>.
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
        do {
            return try editedConfiguration()
        } catch let error as VaultFolderError {
            // A sealed vault.json that no longer reads is a file changed outside CallVault, like
            // any other edit: say so, and how to put the signed copy back, not only what is wrong.
            if case .malformedConfiguration = error.reason {
                try requireUnalteredSealedFile(Self.configurationFileName, cause: error)
            }
            throw error
        }
    }

    /// `vault.json` as it is now, read without judging it against its seal: for accepting an
    /// edit, where what is wrong with the edit is the answer (``configuration()`` calls a sealed
    /// file that no longer reads altered).
    package func editedConfiguration() throws -> VaultConfiguration {
        try requireVaultFolder()
        return try VaultConfiguration(
            json: try read(configurationFile, role: "configuration"), source: configurationFile.path)
    }

    /// Checks that the folder is there and holds a `vault.json`, without reading it.
    ///
    /// - Throws: ``VaultFolderError/notAVaultFolder(path:reason:)``.
    package func requireVaultFolder() throws(VaultFolderError) {
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

    /// The organisation's verifying (public) key, read from the sealed signing key file without
    /// the passphrase: what audit checkpoints, receipts, certificates and export manifests are
    /// checked against.
    ///
    /// - Throws: ``VaultFolderError`` for a folder that is not a vault; CallVaultCrypto's errors for
    ///   a damaged key file.
    public func verifyingKey() throws -> VerifyingKey {
        try requireVaultFolder()
        return try SigningKeyFile.verifyingKey(in: try read(signingKeyFile, role: "signing key"))
    }

    /// The actor of the entries the vault itself writes (about its log, its signed files, its
    /// configuration).
    package static let vaultActor: PrincipalID = "vault"

    /// What a vault's temporary folder is named after while `create` builds it:
    /// `.<name>.callvault-init-<random>` beside the vault's folder.
    package static let stagingKind = "init"

    /// Why the folder is missing: plainly absent, or only half-built beside it by a killed init.
    private func missingFolderReason() -> String {
        let halfBuilt = (try? StagedDirectory(directory, kind: VaultFolder.stagingKind).leftovers()) ?? []
        guard let first = halfBuilt.first else { return "there is no such folder" }
        return
            "there is no such folder, only \(first.path), a half-built vault an interrupted `vault init` left (it never became a vault and holds no recordings); run `callvault vault init` again, which removes it, or delete it"
    }

    /// The text of one of the folder's files.
    ///
    /// - Throws: ``VaultFolderError/missingFile(path:role:)`` when it is not there; a
    ///   ``FileStoreError`` when it cannot be read.
    package func read(_ url: URL, role: String) throws -> String {
        let bytes = try readBytes(url, role: role)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let reason = "it is not UTF-8 text"
            switch url.lastPathComponent {
            case Self.configurationFileName:
                throw VaultFolderError.malformedConfiguration(path: url.path, field: "(document)", reason: reason)
            case Self.accessPolicyFileName:
                throw VaultFolderError.invalidAccessPolicy(path: url.path, reason: reason)
            default:
                throw FileStoreError(operation: "read the vault's \(role)", path: url.path, reason: reason)
            }
        }
        return text
    }

    /// The bytes of one of the folder's files, as they are (not decoded).
    ///
    /// - Throws: ``VaultFolderError/missingFile(path:role:)`` when it is not there; a
    ///   ``FileStoreError`` (with the system's cause) when it cannot be read.
    package func readBytes(_ url: URL, role: String) throws -> [UInt8] {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw VaultFolderError.missingFile(path: url.path, role: role)
        }
        do {
            let file = try SystemFile.openRegularFileForReading(url.path)
            var bytes = [UInt8](repeating: 0, count: Int(clamping: try file.size()))
            try bytes.withUnsafeMutableBytes { try file.read(into: $0, at: 0) }
            return bytes
        } catch let failure as SystemCallError {
            throw FileStoreError(
                operation: "read the vault's \(role)", path: url.path, reason: failure.reason,
                underlying: failure.underlyingCause)
        }
    }
}

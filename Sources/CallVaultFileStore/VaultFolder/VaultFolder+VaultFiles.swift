import CallVault
package import CallVaultAudit
package import CallVaultCore
package import CallVaultCrypto
public import Foundation

/// The vault folder's signed configuration files: checked on every open for writing, adopted once
/// when a vault made before they were signed is opened, and changed only by signed, audited steps.
extension VaultFolder {
    /// The seal over `vault.json` and `access-policy.json` (``VaultFileSeal``).
    public var sealFile: URL { directory.appendingPathComponent(VaultFileSeal.fileName) }

    /// The bytes of each sealed file as they are now.
    package func sealedFileContents() throws -> [String: [UInt8]] {
        var contents: [String: [UInt8]] = [:]
        for name in VaultFileSeal.sealedFiles {
            let url = directory.appendingPathComponent(name)
            // As bytes: a file that is no longer UTF-8 text is a changed file, compared like any other.
            contents[name] = try readBytes(url, role: name)
        }
        return contents
    }

    /// The seal as it is now: `nil` when there is none; `readable` is false for a file that is
    /// not a seal.
    package func readSeal() throws -> (seal: VaultFileSeal?, readable: Bool) {
        guard FileManager.default.fileExists(atPath: sealFile.path) else { return (nil, true) }
        guard let seal = VaultFileSeal.read(try read(sealFile, role: "signed files' seal")) else { return (nil, false) }
        return (seal, true)
    }

    /// Throws ``VaultFilesError/altered(path:version:changes:)``, with `cause` as its underlying
    /// error, when the sealed file `name` (found not to read) differs from the copy the
    /// organisation signed: a file changed outside CallVault, which `accept-changes --restore`
    /// puts back. Returns when there is no valid seal to judge by, or the file is as signed.
    package func requireUnalteredSealedFile(_ name: String, cause: any Error) throws {
        let url = directory.appendingPathComponent(name)
        let reason = (cause as? any CallVaultError)?.message ?? "\(cause)"
        guard let seal = (try? readSeal())?.seal, let key = try? verifyingKey(), seal.verifies(with: key),
            let signed = seal.contents[name], let found = try? readBytes(url, role: name), found != signed
        else { return }
        throw VaultFilesError(
            .alteredUnreadable(path: url.path, version: seal.version, reason: reason),
            underlying: cause)
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

    package func checkSealedFiles(entries: [AuditEntry], verifyingKey: VerifyingKey) throws -> VaultFileCheck.Outcome {
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
    package static func settleSealedFiles(folder: VaultFolder, signingKey: SigningKey, audit: AuditLog) async throws
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
            _ = try await audit.recordAsCallVault(
                try VaultFileCheck.auditRecord(
                    seal, actor: vaultActor,
                    reasons: [
                        "adopted: vault.json and access-policy.json were not signed (a vault made by an earlier version of CallVault) and are signed as they were found"
                    ] + summary(of: contents)))
            try await audit.checkpoint()
            return contents
        case .unfinished(let seal):
            try write(seal, into: folder)
            _ = try await audit.recordAsCallVault(
                try VaultFileCheck.auditRecord(
                    seal, actor: vaultActor,
                    reasons: ["a signed change a crash cut short after its seal was written, finished on opening"]))
            try await audit.checkpoint()
            return seal.contents
        }
    }

    /// Signs `contents` as the next version after `current`, then writes the seal, then the files
    /// that changed, then the audit entry: a crash after the seal is finished by the next open.
    package static func sealChange(
        _ contents: [String: [UInt8]], after current: UInt64, folder: VaultFolder, signingKey: SigningKey,
        audit: AuditLog, actor: PrincipalID, reasons: [String]
    ) async throws -> VaultFileSeal {
        let seal = try VaultFileSeal.sign(version: current + 1, contents: contents, with: signingKey)
        try VaultFiles.replace(try seal.text(), at: folder.sealFile.path)
        try write(seal, into: folder)
        _ = try await audit.recordAsCallVault(try VaultFileCheck.auditRecord(seal, actor: actor, reasons: reasons))
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
    package static func summary(of contents: [String: [UInt8]]) -> [String] {
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

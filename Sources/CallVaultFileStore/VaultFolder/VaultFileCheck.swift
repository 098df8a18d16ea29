package import CallVaultAudit
package import CallVaultCore
import CallVaultCrypto
import Foundation

/// Checks a vault folder's configuration files against their seal (``VaultFileSeal``) and the
/// audit log's record of each signed version.
///
/// The audit log is the reference: it is hash-chained and anchored in the database, so an edit of
/// the folder cannot remove a version from it. A seal one version ahead of the log is a signed
/// change a crash cut short after the seal was written (the files are written from it and the
/// version audited); a seal behind the log is an earlier copy put back.
public enum VaultFileCheck: Sendable {
    /// What the check found.
    public enum Outcome: Hashable, Sendable {
        /// The files are the signed ones; the seal is the log's last version.
        case sealed(VaultFileSeal)
        /// No seal and no signed version in the log: a vault made before the files were signed,
        /// adopted (signed as they are, audited) when it is next opened for writing.
        case legacy
        /// The seal is one version ahead of the log: a signed change a crash cut short, finished
        /// when the vault is next opened for writing (its files written from the seal, audited).
        case unfinished(VaultFileSeal)
    }

    /// One signed version as the audit log records it.
    package struct AuditedVersion: Hashable {
        /// The version.
        package let version: UInt64
        /// Each file's digest, by file name.
        package let digests: [String: String]
    }

    /// The audit action of a signed version.
    static let action = "vault.files-signed"
    /// The reason line that names the version.
    static let versionPrefix = "version "
    /// The reason line that names a file's digest: `<name> blake2b <hex>`.
    static let digestInfix = " blake2b "

    /// The audit record of a signed version: the version, each file's digest, and why.
    package static func auditRecord(_ seal: VaultFileSeal, actor: PrincipalID, reasons: [String]) throws -> AuditRecord
    {
        AuditRecord(
            actor: actor, action: try AuditAction(action), target: VaultFileSeal.auditTarget, outcome: .succeeded,
            reasons: try versionReasons(seal) + reasons,
            eventID: "\(VaultFileSeal.auditTarget)-v\(seal.version)")
    }

    /// Whether the entry records a signed version: a `vault.files-signed` entry, or the
    /// `vault.created` entry of a vault created signed (which names version 1 itself, so a new
    /// vault's log has no more entries than before).
    package static func isVersionRecord(_ entry: AuditEntry) -> Bool {
        (entry.record.target == VaultFileSeal.auditTarget && entry.record.action.identifier == action)
            || (entry.record.target == createdTarget && entry.record.action == .vaultCreated)
    }

    /// The target of the `vault.created` entry.
    static let createdTarget = "vault"

    /// The entries of the log at `path` that record signed versions.
    package static func versionRecords(inLogAt path: String) throws -> [AuditEntry] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        return try AuditLogReader.entries(at: path).filter(isVersionRecord)
    }

    /// The reasons naming a seal's version and digests, for an entry that records it.
    package static func versionReasons(_ seal: VaultFileSeal) throws -> [String] {
        ["\(versionPrefix)\(seal.version)"]
            + (try VaultFileSeal.sealedFiles.map { "\($0)\(digestInfix)\(try seal.digest(of: $0))" })
    }

    /// The last signed version the log records, if any.
    package static func lastAuditedVersion(_ entries: [AuditEntry]) -> AuditedVersion? {
        var last: AuditedVersion?
        for entry in entries where isVersionRecord(entry) {
            guard
                let line = entry.record.reasons.first(where: { $0.hasPrefix(versionPrefix) }),
                let version = UInt64(line.dropFirst(versionPrefix.count))
            else { continue }
            var digests: [String: String] = [:]
            for reason in entry.record.reasons {
                guard let range = reason.range(of: digestInfix) else { continue }
                digests[String(reason[..<range.lowerBound])] = String(reason[range.upperBound...])
            }
            if version >= (last?.version ?? 0) { last = AuditedVersion(version: version, digests: digests) }
        }
        return last
    }

    /// Checks `contents` (the files as they are now) against `seal` (`nil` when there is none) and
    /// the log's `entries` about ``VaultFileSeal/auditTarget``.
    ///
    /// - Throws: ``VaultFilesError`` for files or a seal changed outside CallVault.
    static func check(
        contents: [String: [UInt8]], seal: VaultFileSeal?, sealReadable: Bool, sealPath: String,
        entries: [AuditEntry], verifyingKey: VerifyingKey, folder: VaultFolder
    ) throws -> Outcome {
        let audited = lastAuditedVersion(entries)
        guard sealReadable else { throw VaultFilesError.sealInvalid(path: sealPath) }
        guard let seal else {
            if let audited { throw VaultFilesError.sealMissing(path: sealPath, auditedVersion: audited.version) }
            return .legacy
        }
        guard seal.verifies(with: verifyingKey) else { throw VaultFilesError.sealInvalid(path: sealPath) }
        let auditedVersion = audited?.version ?? 0
        if seal.version == auditedVersion + 1 { return .unfinished(seal) }
        guard seal.version == auditedVersion, let audited else {
            throw VaultFilesError.sealContradicted(path: sealPath, found: seal.version, audited: auditedVersion)
        }
        for name in VaultFileSeal.sealedFiles where audited.digests[name] != (try seal.digest(of: name)) {
            throw VaultFilesError.sealContradicted(path: sealPath, found: seal.version, audited: auditedVersion)
        }
        for name in VaultFileSeal.sealedFiles where contents[name] != seal.contents[name] {
            throw VaultFilesError.altered(
                path: folder.directory.appendingPathComponent(name).path, version: seal.version,
                changes: changes(from: seal.contents[name] ?? [], to: contents[name] ?? []))
        }
        return .sealed(seal)
    }

    /// What differs between two versions of a JSON file: the top-level fields added, removed or
    /// changed, or the whole file when either is not a JSON object.
    package static func changes(from old: [UInt8], to new: [UInt8]) -> [String] {
        guard
            let before = try? JSONSerialization.jsonObject(with: Data(old)) as? [String: Any],
            let after = try? JSONSerialization.jsonObject(with: Data(new)) as? [String: Any]
        else { return ["the whole file (it is no longer the JSON object signed)"] }
        var fields: [String] = []
        for key in Set(before.keys).union(after.keys).sorted() {
            switch (before[key], after[key]) {
            case (nil, _): fields.append("'\(key)' (added)")
            case (_, nil): fields.append("'\(key)' (removed)")
            case (let was?, let now?) where canonical(was) != canonical(now): fields.append("'\(key)'")
            default: break
            }
        }
        return fields.isEmpty ? ["the layout (spacing or order; no field changed)"] : fields
    }

    /// A JSON value written with sorted keys, to compare two values.
    private static func canonical(_ value: Any) -> Data? {
        try? JSONSerialization.data(withJSONObject: [value], options: [.sortedKeys])
    }
}

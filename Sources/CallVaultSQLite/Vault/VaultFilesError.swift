public import CallVaultCore

/// Why a vault folder's configuration files (`vault.json`, `access-policy.json`) are not the
/// ones the organisation signed (see ``VaultFileSeal``): they, or their seal, were changed outside
/// CallVault. The vault is not opened for writing until they are restored or the change is signed
/// with `callvault vault accept-changes` (which needs the passphrase and is audited).
public enum VaultFilesError: CallVaultError, Equatable {
    /// A sealed file differs from the copy the organisation signed; `changes` names what differs
    /// (top-level fields, or the whole file).
    case altered(path: String, version: UInt64, changes: [String])
    /// The seal is missing although the audit log records signed versions of the files.
    case sealMissing(path: String, auditedVersion: UInt64)
    /// The seal does not verify with the organisation's key, or cannot be read.
    case sealInvalid(path: String)
    /// The seal verifies but is not the version the audit log records last (an older copy put
    /// back, undoing a signed change such as a removed recipient), or disagrees with the log.
    case sealContradicted(path: String, found: UInt64, audited: UInt64)

    /// What went wrong and what to do.
    public var description: String {
        let accept =
            "If you made this change yourself, sign it with `callvault vault accept-changes` (needs the passphrase; it shows the change and records it in the audit log); otherwise put the signed copy back with `callvault vault accept-changes --restore`"
        return switch self {
        case .altered(let path, let version, let changes):
            "\(path) was changed since the organisation signed it (signed version \(version)): \(changes.joined(separator: ", ")) differ. An edit outside CallVault could add a recipient or a hold officer, or widen the access policy, so the vault is not opened. \(accept)."
        case .sealMissing(let path, let version):
            "\(path) is missing, but the audit log records version \(version) of the vault's signed files: it was removed. Restore it from the vault's backup; or, with the passphrase, sign the files as they are now with `callvault vault accept-changes`, after checking them."
        case .sealInvalid(let path):
            "\(path) does not verify with the organisation's key: it was edited or replaced. Restore it from the vault's backup; or, with the passphrase, sign the files as they are now with `callvault vault accept-changes`, after checking them."
        case .sealContradicted(let path, let found, let audited):
            "\(path) is version \(found) of the vault's signed files, the audit log records version \(audited): an earlier copy was put back (undoing a signed change, such as a removed recipient). Restore the current one from the vault's backup; or, with the passphrase, sign the files as they are now with `callvault vault accept-changes`, after checking them."
        }
    }
}

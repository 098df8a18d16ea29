public import CallVaultCore
public import CallVaultCrypto

/// What creating, opening or rotating a vault folder reports when the folder itself is the
/// problem.
///
/// A wrong passphrase is CallVaultCrypto's `CryptoError.wrongPassphrase`; damaged key files,
/// access policies and audit logs are reported with their own modules' errors, which name the
/// file's line or field.
public enum VaultFolderError: CallVaultError, Equatable {
    /// The folder does not exist, or holds no `vault.json`: it is not a vault folder.
    case notAVaultFolder(path: String, reason: String)
    /// ``VaultFolder/create(at:passphrase:configuration:accessPolicy:keyParameters:consentCatalogFiles:)`` was given a
    /// folder that already holds files.
    case folderNotEmpty(path: String)
    /// A file the layout requires is missing from the folder.
    case missingFile(path: String, role: String)
    /// `vault.json` cannot be read as a vault configuration; `field` names the field at fault
    /// (`(document)` for the file as a whole).
    case malformedConfiguration(path: String, field: String, reason: String)
    /// `vault.json` was written by a newer CallVault, in a format this version does not read.
    case unsupportedConfigurationFormat(path: String, format: Int)
    /// The folder's access policy cannot be read; `reason` names the line and field.
    case invalidAccessPolicy(path: String, reason: String)
    /// A consent catalog override file `vault.json` names cannot be read as a consent catalog;
    /// `reason` names its line and column.
    case invalidConsentOverride(path: String, reason: String)
    /// Another process (or another open in this one) has the vault open for writing.
    case inUse(path: String)
    /// The vault was closed; nothing more can be written through it.
    case closed(path: String)
    /// A recipient rotation that changes nothing: no recipient to add or remove.
    case nothingToRotate
    /// A recipient rotation that would remove the vault's own identity, through which the vault
    /// opens its recordings.
    case cannotRemoveVaultIdentity(RecipientFingerprint)
    /// A recipient rotation that adds and removes the same recipient.
    case conflictingRotation(RecipientFingerprint)

    /// What went wrong and what to do.
    public var description: String {
        switch self {
        case .notAVaultFolder(let path, let reason):
            "\(path) is not a CallVault vault folder: \(reason). Give the folder `callvault vault init` made, or make one there."
        case .folderNotEmpty(let path):
            "\(path) already holds files; a vault is created only in a new or empty folder, so nothing there is overwritten. Choose another folder."
        case .missingFile(let path, let role):
            "The vault's \(role) \(path) is missing; restore it from the vault's backup (without it the vault cannot be opened)."
        case .malformedConfiguration(let path, let field, let reason):
            // A reason may be another error's sentence, already ended.
            "\(path): field '\(field)': \(reason)\(reason.hasSuffix(".") ? "" : ".")"
        case .unsupportedConfigurationFormat(let path, let format):
            "\(path) is in vault format \(format), which this version of CallVault does not read; upgrade CallVault."
        case .invalidAccessPolicy(let path, let reason):
            "\(path): \(reason)"
        case .invalidConsentOverride(let path, let reason):
            "\(path): \(reason) Correct the file (it overrides the bundled consent catalog), or remove it from vault.json's consentCatalogOverrides."
        case .inUse(let path):
            "The vault \(path) is open in another process (a recorder, or another callvault command); wait for it to finish, or stop it, and retry."
        case .closed(let path):
            "The vault \(path) was closed; open it again to write to it."
        case .nothingToRotate:
            "Nothing to rotate: give at least one recipient to add or one to remove."
        case .cannotRemoveVaultIdentity(let fingerprint):
            "Recipient \(fingerprint) is the vault's own identity, through which it plays and exports recordings; it cannot be removed."
        case .conflictingRotation(let fingerprint):
            "Recipient \(fingerprint) is both added and removed; give it once."
        }
    }
}

public import CallVaultCore

/// Why a vault folder's configuration files (`vault.json`, `access-policy.json`) are not the
/// ones the organisation signed (see ``VaultFileSeal``): they, or their seal, were changed outside
/// CallVault. The vault is not opened for writing until they are restored or the change is signed
/// with `callvault vault accept-changes` (which needs the passphrase and is audited).
public struct VaultFilesError: CallVaultError, Equatable, CallVaultReasonedError {
    /// The stable codes of ``VaultFilesError``.
    public struct Code: CallVaultErrorCode {
        /// The error type these codes belong to.
        public typealias Owner = VaultFilesError
        /// The code's stable text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// A sealed file differs from the copy the organisation signed; `changes` names what differs
        /// (top-level fields, or the whole file).
        public static let altered = Code("vaultfiles.altered")
        /// The seal is missing although the audit log records signed versions of the files.
        public static let sealMissing = Code("vaultfiles.seal-missing")
        /// The seal does not verify with the organisation's key, or cannot be read.
        public static let sealInvalid = Code("vaultfiles.seal-invalid")
        /// The seal verifies but is not the version the audit log records last (an older copy put
        /// back, undoing a signed change such as a removed recipient), or disagrees with the log.
        public static let sealContradicted = Code("vaultfiles.seal-contradicted")

        /// Every code of this type.
        public static let all: [Code] = [
            altered, sealMissing, sealInvalid, sealContradicted,
        ]
    }

    /// What happened, with its details; the package's own code switches over it.
    package enum Reason: Equatable, Sendable {
        /// A sealed file differs from the copy the organisation signed; `changes` names what differs
        /// (top-level fields, or the whole file).
        case altered(path: String, version: UInt64, changes: [String])
        /// A sealed file was changed so that it no longer reads (`reason` says why): it cannot be
        /// signed as it is, only put back or fixed.
        case alteredUnreadable(path: String, version: UInt64, reason: String)
        /// The seal is missing although the audit log records signed versions of the files.
        case sealMissing(path: String, auditedVersion: UInt64)
        /// The seal does not verify with the organisation's key, or cannot be read.
        case sealInvalid(path: String)
        /// The seal verifies but is not the version the audit log records last (an older copy put
        /// back, undoing a signed change such as a removed recipient), or disagrees with the log.
        case sealContradicted(path: String, found: UInt64, audited: UInt64)
    }

    /// What happened, with its details.
    package let reason: Reason
    /// The error that caused this one, if any.
    public let underlying: (any Error)?

    /// Creates an error from its reason and cause.
    package init(_ reason: Reason, underlying: (any Error)? = nil) {
        self.reason = reason
        self.underlying = underlying
    }

    /// What kind of failure this is.
    public var code: Code {
        switch reason {
        case .altered, .alteredUnreadable: .altered
        case .sealMissing: .sealMissing
        case .sealInvalid: .sealInvalid
        case .sealContradicted: .sealContradicted
        }
    }

    /// What went wrong and what to do.
    public var message: String {
        let accept =
            "If you made this change yourself, sign it with `callvault vault accept-changes` (needs the passphrase; it shows the change and records it in the audit log); otherwise put the signed copy back with `callvault vault accept-changes --restore`"
        return switch reason {
        case .altered(let path, let version, let changes):
            "\(path) was changed since the organisation signed it (signed version \(version)): \(changes.joined(separator: ", ")) \(changes.count == 1 ? "differs" : "differ"). An edit outside CallVault could add a recipient or a hold officer, or widen the access policy, so the vault is not opened. \(accept)."
        case .alteredUnreadable(let path, let version, let reason):
            "\(path) was changed since the organisation signed it (signed version \(version)) and no longer reads: \(reason) An edit outside CallVault could add a recipient or a hold officer, or widen the access policy, so the vault is not opened. Put the signed copy back with `callvault vault accept-changes --restore`; or, if you meant to change it, fix the file and then sign it with `callvault vault accept-changes` (needs the passphrase)."
        case .sealMissing(let path, let version):
            "\(path) is missing, but the audit log records version \(version) of the vault's signed files: it was removed. Restore it from the vault's backup; or, with the passphrase, sign the files as they are now with `callvault vault accept-changes`, after checking them."
        case .sealInvalid(let path):
            "\(path) does not verify with the organisation's key: it was edited or replaced. Restore it from the vault's backup; or, with the passphrase, sign the files as they are now with `callvault vault accept-changes`, after checking them."
        case .sealContradicted(let path, let found, let audited):
            "\(path) is version \(found) of the vault's signed files, the audit log records version \(audited): an earlier copy was put back (undoing a signed change, such as a removed recipient). Restore the current one from the vault's backup; or, with the passphrase, sign the files as they are now with `callvault vault accept-changes`, after checking them."
        }
    }

    /// A sealed file differs from the copy the organisation signed; `changes` names what differs
    /// (top-level fields, or the whole file).
    public static func altered(path: String, version: UInt64, changes: [String]) -> VaultFilesError {
        VaultFilesError(.altered(path: path, version: version, changes: changes))
    }
    /// The code for ``altered(path:version:changes:)``, for `catch VaultFilesError.altered`.
    public static let altered = Code.altered

    /// The seal is missing although the audit log records signed versions of the files.
    public static func sealMissing(path: String, auditedVersion: UInt64) -> VaultFilesError {
        VaultFilesError(.sealMissing(path: path, auditedVersion: auditedVersion))
    }
    /// The code for ``sealMissing(path:auditedVersion:)``, for `catch VaultFilesError.sealMissing`.
    public static let sealMissing = Code.sealMissing

    /// The seal does not verify with the organisation's key, or cannot be read.
    public static func sealInvalid(path: String) -> VaultFilesError { VaultFilesError(.sealInvalid(path: path)) }
    /// The code for ``sealInvalid(path:)``, for `catch VaultFilesError.sealInvalid`.
    public static let sealInvalid = Code.sealInvalid

    /// The seal verifies but is not the version the audit log records last (an older copy put
    /// back, undoing a signed change such as a removed recipient), or disagrees with the log.
    public static func sealContradicted(path: String, found: UInt64, audited: UInt64) -> VaultFilesError {
        VaultFilesError(.sealContradicted(path: path, found: found, audited: audited))
    }
    /// The code for ``sealContradicted(path:found:audited:)``, for `catch VaultFilesError.sealContradicted`.
    public static let sealContradicted = Code.sealContradicted
}

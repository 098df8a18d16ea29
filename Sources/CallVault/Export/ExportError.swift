public import CallVaultCore

/// Why an export package does not verify, or could not be read or written.
public enum ExportError: CallVaultError, Equatable {
    /// The package has no `manifest.json`.
    case manifestMissing
    /// The manifest's signature does not verify with the key given.
    case manifestNotTrusted(String)
    /// A file the manifest lists is missing.
    case fileMissing(String)
    /// A file is present that the manifest does not list.
    case fileNotListed(String)
    /// A file's bytes differ from what the manifest says.
    case fileAltered(String)
    /// A file name that could escape the package folder.
    case unsafeFileName(String)
    /// Reading or writing the package failed.
    case io(path: String, reason: String)

    /// What went wrong and what to do.
    public var description: String {
        switch self {
        case .manifestMissing:
            "The package has no manifest.json, so nothing in it can be trusted; ask the sender for the complete package."
        case .manifestNotTrusted(let reason):
            "The manifest's signature does not verify (\(reason)); check you have the organisation's current public key, or treat the package as forged."
        case .fileMissing(let name):
            "\(name) is listed in the manifest but missing from the package; ask the sender for the complete package."
        case .fileNotListed(let name):
            "\(name) is in the package but not in the signed manifest: it was added afterwards; do not rely on it."
        case .fileAltered(let name):
            "\(name) differs from the signed manifest: it was changed after export; do not rely on it."
        case .unsafeFileName(let name):
            "'\(name)' is not a safe file name inside a package (absolute, empty, or with '..')."
        case .io(let path, let reason):
            "Cannot read or write \(path): \(reason)."
        }
    }
}

public import CallVaultCore

/// Why an export package does not verify, or could not be read or written.
public struct ExportError: CallVaultError, Equatable, CallVaultReasonedError {
    /// The stable codes of ``ExportError``.
    public struct Code: CallVaultErrorCode {
        /// The error type these codes belong to.
        public typealias Owner = ExportError
        /// The code's stable text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// The package has no `manifest.json`.
        public static let manifestMissing = Code("export.manifest-missing")
        /// The manifest's signature does not verify with the key given.
        public static let manifestNotTrusted = Code("export.manifest-not-trusted")
        /// A file the manifest lists is missing.
        public static let fileMissing = Code("export.file-missing")
        /// A file is present that the manifest does not list.
        public static let fileNotListed = Code("export.file-not-listed")
        /// A file's bytes differ from what the manifest says.
        public static let fileAltered = Code("export.file-altered")
        /// A file name that could escape the package folder.
        public static let unsafeFileName = Code("export.unsafe-file-name")
        /// Reading or writing the package failed.
        public static let io = Code("export.io")

        /// Every code of this type.
        public static let all: [Code] = [
            manifestMissing, manifestNotTrusted, fileMissing, fileNotListed, fileAltered, unsafeFileName, io,
        ]
    }

    /// What happened, with its details; the package's own code switches over it.
    package enum Reason: Equatable, Sendable {
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
        case .manifestMissing: .manifestMissing
        case .manifestNotTrusted: .manifestNotTrusted
        case .fileMissing: .fileMissing
        case .fileNotListed: .fileNotListed
        case .fileAltered: .fileAltered
        case .unsafeFileName: .unsafeFileName
        case .io: .io
        }
    }

    /// What went wrong and what to do.
    public var message: String {
        switch reason {
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

    /// The package has no `manifest.json`.
    public static var manifestMissing: ExportError { ExportError(.manifestMissing) }

    /// The manifest's signature does not verify with the key given.
    public static func manifestNotTrusted(_ text: String) -> ExportError { ExportError(.manifestNotTrusted(text)) }
    /// The code for ``manifestNotTrusted(_:)``, for `catch ExportError.manifestNotTrusted`.
    public static let manifestNotTrusted = Code.manifestNotTrusted

    /// A file the manifest lists is missing.
    public static func fileMissing(_ text: String) -> ExportError { ExportError(.fileMissing(text)) }
    /// The code for ``fileMissing(_:)``, for `catch ExportError.fileMissing`.
    public static let fileMissing = Code.fileMissing

    /// A file is present that the manifest does not list.
    public static func fileNotListed(_ text: String) -> ExportError { ExportError(.fileNotListed(text)) }
    /// The code for ``fileNotListed(_:)``, for `catch ExportError.fileNotListed`.
    public static let fileNotListed = Code.fileNotListed

    /// A file's bytes differ from what the manifest says.
    public static func fileAltered(_ text: String) -> ExportError { ExportError(.fileAltered(text)) }
    /// The code for ``fileAltered(_:)``, for `catch ExportError.fileAltered`.
    public static let fileAltered = Code.fileAltered

    /// A file name that could escape the package folder.
    public static func unsafeFileName(_ text: String) -> ExportError { ExportError(.unsafeFileName(text)) }
    /// The code for ``unsafeFileName(_:)``, for `catch ExportError.unsafeFileName`.
    public static let unsafeFileName = Code.unsafeFileName

    /// Reading or writing the package failed.
    public static func io(path: String, reason: String) -> ExportError { ExportError(.io(path: path, reason: reason)) }
    /// The code for ``io(path:reason:)``, for `catch ExportError.io`.
    public static let io = Code.io
}

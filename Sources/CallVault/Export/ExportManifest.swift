public import CallVaultCore
public import CallVaultCrypto
public import Foundation

/// The signed table of contents of a legal export: every file with its length and BLAKE2b-256
/// digest, who exported it, for what and under which legal reference, so a court or regulator can
/// check that nothing was added, removed or changed since the organisation signed it.
public struct ExportManifest: SignableDocument {
    /// `callvault-export-manifest/1`.
    public static let documentFormat = "callvault-export-manifest/1"

    /// One file of the package.
    public struct File: Hashable, Sendable, Codable {
        /// Its name in the package (a relative path with `/` separators).
        public let name: String
        /// Its length in bytes.
        public let byteCount: Int
        /// Its BLAKE2b-256 digest, hexadecimal.
        public let blake2b: String

        /// Describes a file.
        public init(name: String, byteCount: Int, blake2b: String) {
            self.name = name
            self.byteCount = byteCount
            self.blake2b = blake2b
        }
    }

    /// The recording exported (none for a subject access package, which holds several).
    public let recordingID: RecordingID?
    /// When the package was made.
    public let createdAt: Date
    /// Who made it.
    public let exportedBy: PrincipalID
    /// Why.
    public let purpose: Purpose
    /// The legal request served (court order, regulator's letter), if any.
    public let legalReference: String?
    /// The nonce of the access grant the export was made under (it is in the audit log).
    public let grantNonce: String
    /// Who can open the audio: the recipients' fingerprints.
    public let recipients: [String]
    /// Whether the recording was complete when exported.
    public let recordingIsComplete: Bool
    /// The files, sorted by name.
    public let files: [File]
}

/// A signed export manifest.
public typealias SignedExportManifest = SignedDocument<ExportManifest>

public import CallVaultCore
public import CallVaultCrypto
public import Foundation

/// Checks an export package folder against its signed manifest, as its receiver (a court, a
/// regulator, the customer) does before relying on it, and reports every problem, not just the
/// first: the manifest's signature with the organisation's key, every listed file present with
/// its length and BLAKE2b-256 digest, nothing else in the folder (no unlisted file, link or
/// device), and every envelope complete.
///
/// Files are hashed as they are read, so a long recording is never held in memory. Without a key
/// an envelope's completeness is its layout (its end marker fits its length); the manifest's
/// digest then proves the bytes are the ones the organisation signed. With a recipient's identity
/// every segment is also opened, the final one included.
///
/// ```swift
/// let check = try ExportPackageCheck.check(directory: packageFolder, trustedKey: organisationKey)
/// if !check.isIntact { for problem in check.problems { print(problem) } }
/// ```
public struct ExportPackageCheck: Sendable {
    /// One way a package differs from what was signed.
    public enum Problem: Hashable, Sendable, CustomStringConvertible {
        /// The folder has no `manifest.json`.
        case manifestMissing
        /// The manifest does not verify with the key given (edited, forged, or signed by another key).
        case manifestNotTrusted(reason: String)
        /// A listed file is not in the folder.
        case fileMissing(String)
        /// A file (or link, or other entry) is in the folder but not in the manifest.
        case fileNotListed(String)
        /// A listed file's length or digest differs from the manifest's.
        case fileAltered(String, reason: String)
        /// A listed name is not a regular file in the folder (a link, a folder, a device).
        case notARegularFile(String, kind: String)
        /// A listed envelope cannot be read as one, or does not verify.
        case envelopeDamaged(String, reason: String)
        /// A listed envelope does not end with its end marker.
        case envelopeIncomplete(String, reason: String)
        /// A listed envelope holds another recording than the one the manifest names.
        case envelopeOfAnotherRecording(String, found: RecordingID, expected: RecordingID)

        /// A stable identifier of the kind of problem (the `kind` key of `callvault verify-export --json`).
        public var kind: String {
            switch self {
            case .manifestMissing: "manifest-missing"
            case .manifestNotTrusted: "manifest-not-trusted"
            case .fileMissing: "file-missing"
            case .fileNotListed: "file-not-listed"
            case .fileAltered: "file-altered"
            case .notARegularFile: "not-a-regular-file"
            case .envelopeDamaged: "envelope-damaged"
            case .envelopeIncomplete: "envelope-incomplete"
            case .envelopeOfAnotherRecording: "envelope-of-another-recording"
            }
        }

        /// The file concerned, if the problem is about one.
        public var file: String? {
            switch self {
            case .manifestMissing, .manifestNotTrusted: ExportPackage.manifestName
            case .fileMissing(let name), .fileNotListed(let name), .fileAltered(let name, _),
                .notARegularFile(let name, _), .envelopeDamaged(let name, _), .envelopeIncomplete(let name, _),
                .envelopeOfAnotherRecording(let name, _, _):
                name
            }
        }

        /// What is wrong and what it means for the receiver.
        public var description: String {
            switch self {
            case .manifestMissing:
                "manifest.json is missing: nothing in the package can be trusted; ask the sender for the complete package."
            case .manifestNotTrusted(let reason):
                "manifest.json does not verify with the key given (\(reason)); check you have the organisation's current public key, or treat the package as forged."
            case .fileMissing(let name):
                "\(name) is listed in the manifest but missing from the package."
            case .fileNotListed(let name):
                "\(name) is in the package but not in the signed manifest: it was added afterwards; do not rely on it."
            case .fileAltered(let name, let reason):
                "\(name) differs from the signed manifest (\(reason)): it was changed after export; do not rely on it."
            case .notARegularFile(let name, let kind):
                "\(name) is listed in the manifest but is a \(kind) in the package, not a regular file."
            case .envelopeDamaged(let name, let reason):
                "\(name) is not an intact recording envelope: \(reason)"
            case .envelopeIncomplete(let name, let reason):
                "\(name) is an incomplete recording envelope: \(reason)"
            case .envelopeOfAnotherRecording(let name, let found, let expected):
                "\(name) holds recording \(found), not recording \(expected) as the manifest says."
            }
        }
    }

    /// An envelope of the package, as checked.
    public struct Envelope: Hashable, Sendable {
        /// Its name in the package.
        public let name: String
        /// The recording id in its header.
        public let recordingID: RecordingID
        /// Whether it ends with its end marker.
        public let isComplete: Bool
        /// Its segments (the final one included when complete).
        public let segmentCount: Int
        /// Its plaintext length.
        public let plaintextByteCount: UInt64
        /// Whether every segment was opened with a recipient's identity.
        public let segmentsVerified: Bool
    }

    /// The verified manifest, when it verified.
    public let manifest: ExportManifest?
    /// Every problem found, in the order of the manifest's files, then the unlisted ones.
    public let problems: [Problem]
    /// The envelopes listed in the manifest that were checked.
    public let envelopes: [Envelope]

    /// Whether the package is exactly what the organisation signed.
    public var isIntact: Bool { problems.isEmpty && manifest != nil }

    /// The longest manifest read: a real one is a few kilobytes.
    static let manifestLimit = 16 << 20

    /// Checks the package in `directory` against its manifest, signed by `trustedKey`.
    ///
    /// - Parameters:
    ///   - directory: the package folder.
    ///   - trustedKey: the organisation's verifying key, from a trusted source (not the manifest).
    ///   - identity: a recipient of the package's envelopes: with it, every segment of each
    ///     envelope is opened too.
    /// - Throws: ``ExportError/io(path:reason:)`` when the folder cannot be read;
    ///   `EnvelopeError.noMatchingRecipient` when `identity` is not a recipient of an envelope.
    ///   Differences from the manifest are not thrown: they are the result's ``problems``.
    /// - Returns: the check's result: its ``problems`` are empty when the package matches its
    ///   signed manifest.
    public static func check(directory: URL, trustedKey: VerifyingKey, identity: Identity? = nil) throws
        -> ExportPackageCheck
    {
        let root = directory.standardizedFileURL.path
        let entries = try PackageEntries(root: root)
        guard let manifestKind = entries.kinds[ExportPackage.manifestName] else {
            return ExportPackageCheck(manifest: nil, problems: [.manifestMissing], envelopes: [])
        }
        guard manifestKind == .regular else {
            return ExportPackageCheck(
                manifest: nil, problems: [.notARegularFile(ExportPackage.manifestName, kind: manifestKind.name)],
                envelopes: [])
        }
        let manifest: ExportManifest
        do {
            let text = try PackageEntries.readSmall(root + "/" + ExportPackage.manifestName, limit: manifestLimit)
            manifest = try SignedExportManifest(fileContents: text).verified(by: trustedKey)
        } catch {
            return ExportPackageCheck(
                manifest: nil, problems: [.manifestNotTrusted(reason: "\(error)")], envelopes: [])
        }
        var problems: [Problem] = []
        var envelopes: [Envelope] = []
        for file in manifest.files {
            guard let kind = entries.kinds[file.name] else {
                problems.append(.fileMissing(file.name))
                continue
            }
            guard kind == .regular else {
                problems.append(.notARegularFile(file.name, kind: kind.name))
                continue
            }
            let path = root + "/" + file.name
            let measured = try PackageEntries.digest(of: path)
            if measured.byteCount != UInt64(file.byteCount) {
                problems.append(
                    .fileAltered(file.name, reason: "\(measured.byteCount) bytes, signed as \(file.byteCount)"))
                continue
            }
            if measured.digest != file.blake2b {
                problems.append(.fileAltered(file.name, reason: "its BLAKE2b-256 digest is not the signed one"))
                continue
            }
            let isEnvelope = try file.name.hasSuffix(".cvr") || PackageEntries.isEnvelope(path)
            guard isEnvelope else { continue }
            do {
                let envelope = try checkEnvelope(
                    at: path, name: file.name, expected: expectedRecording(of: file.name, in: manifest),
                    identity: identity)
                envelopes.append(envelope.envelope)
                problems += envelope.problems
            } catch let error as EnvelopeError {
                if error.code == .noMatchingRecipient { throw error }
                problems.append(.envelopeDamaged(file.name, reason: error.description))
            } catch let error as CryptoError {
                problems.append(.envelopeDamaged(file.name, reason: error.description))
            }
        }
        let listed = Set(manifest.files.map(\.name) + [ExportPackage.manifestName])
        for name in entries.kinds.keys.sorted() where !listed.contains(name) && entries.kinds[name] != .directory {
            problems.append(.fileNotListed(name))
        }
        // A folder is part of the package only as the parent of what it holds: one holding no
        // file, link or other entry at any depth (an added empty folder) is itself unlisted.
        let occupied = Set(
            entries.kinds.filter { $0.value != .directory }.keys.flatMap { name in
                name.split(separator: "/").dropLast().indices.map { index in
                    name.split(separator: "/")[...index].joined(separator: "/")
                }
            })
        let folders = entries.kinds.filter { $0.value == .directory }.keys
        for name in folders.sorted() where !occupied.contains(name) {
            // Report the deepest empty folders only: their parents hold them.
            guard !folders.contains(where: { $0.hasPrefix(name + "/") }) else { continue }
            problems.append(.fileNotListed(name))
        }
        return ExportPackageCheck(manifest: manifest, problems: problems, envelopes: envelopes)
    }

    /// The recording an envelope must hold: the manifest's for a legal export's `recording.cvr`,
    /// the folder's for a subject access package's `recordings/<id>/recording.cvr`.
    static func expectedRecording(of name: String, in manifest: ExportManifest) -> RecordingID? {
        if name == "recording.cvr" { return manifest.recordingID }
        let parts = name.split(separator: "/")
        if parts.count == 3, parts[0] == "recordings", parts[2] == "recording.cvr" {
            return RecordingID(parsing: String(parts[1]))
        }
        return nil
    }

    private static func checkEnvelope(at path: String, name: String, expected: RecordingID?, identity: Identity?)
        throws -> (envelope: Envelope, problems: [Problem])
    {
        let source = try FileByteSource(path: path)
        let header = try EnvelopeHeader.read(from: source)
        var problems: [Problem] = []
        if let expected, header.recordingID != expected {
            problems.append(.envelopeOfAnotherRecording(name, found: header.recordingID, expected: expected))
        }
        var layout = try EnvelopeLayout.measure(header, in: source)
        var verified = false
        if let identity {
            let reader = try EnvelopeReader(source: source, identity: identity)
            layout = reader.layout
            do {
                try reader.verify()
                verified = true
            } catch EnvelopeError.truncated {
                // Reported below from the layout.
            }
        }
        if !layout.isComplete {
            problems.append(
                .envelopeIncomplete(
                    name,
                    reason:
                        "\(layout.readableSegmentCount) whole segments, then \(layout.trailingByteCount) bytes without an end marker"
                ))
        }
        let envelope = Envelope(
            name: name, recordingID: header.recordingID, isComplete: layout.isComplete,
            segmentCount: layout.readableSegmentCount, plaintextByteCount: layout.readablePlaintextByteCount,
            segmentsVerified: verified)
        return (envelope, problems)
    }
}

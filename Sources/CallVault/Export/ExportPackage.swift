public import CallVaultCrypto
public import Foundation

/// A legal export: the recording's audio (re-encrypted for the export's recipients, so plaintext
/// never reaches disk), its consent receipts, its metadata, its audit history and a signed
/// manifest over all of it.
///
/// ```
/// manifest.json            the signed manifest (SignedDocument file format)
/// recording.cvr            the audio, a CallVault envelope the recipients open (`callvault open`)
/// metadata.json            parties, times, pauses, state, retention schedule
/// receipts/1.json ...      signed consent receipts
/// audit-history.json       every audit entry about the recording, with its chain hash
/// ```
public struct ExportPackage: Sendable {
    /// The manifest's name in the package.
    public static let manifestName = "manifest.json"

    /// The signed manifest.
    public let manifest: SignedExportManifest
    /// The files, by name, the manifest included.
    public let files: [String: [UInt8]]

    init(manifest: SignedExportManifest, files: [String: [UInt8]]) {
        self.manifest = manifest
        self.files = files
    }

    /// Signs a manifest over `files` and makes the package.
    static func sealing(
        files: [String: [UInt8]], signingKey: SigningKey,
        describe: ([ExportManifest.File]) -> ExportManifest
    ) throws -> ExportPackage {
        let listed = try files.keys.sorted().map { name in
            let bytes = files[name] ?? []
            return ExportManifest.File(
                name: name, byteCount: bytes.count, blake2b: try BLAKE2b.hash(bytes).description)
        }
        return ExportPackage(manifest: try SignedDocument(signing: describe(listed), with: signingKey), files: files)
    }

    /// Checks a package's files against its manifest, signed by `trustedKey`.
    ///
    /// - Returns: the manifest's content.
    /// - Throws: ``ExportError`` naming the first file missing, added or altered, or an untrusted
    ///   manifest.
    public static func verify(files: [String: [UInt8]], trustedKey: VerifyingKey) throws -> ExportManifest {
        guard let manifestBytes = files[manifestName] else { throw ExportError.manifestMissing }
        let manifest: ExportManifest
        do {
            let signed = try SignedExportManifest(fileContents: String(decoding: manifestBytes, as: UTF8.self))
            manifest = try signed.verified(by: trustedKey)
        } catch {
            throw ExportError(.manifestNotTrusted("\(error)"), underlying: error)
        }
        for name in files.keys.sorted()
        where name != manifestName && !manifest.files.contains(where: { $0.name == name }) {
            throw ExportError.fileNotListed(name)
        }
        for file in manifest.files {
            guard let bytes = files[file.name] else { throw ExportError.fileMissing(file.name) }
            let digest = (try? BLAKE2b.hash(bytes).description) ?? ""
            guard bytes.count == file.byteCount, digest == file.blake2b else {
                throw ExportError.fileAltered(file.name)
            }
        }
        return manifest
    }

    /// Every file including the manifest, by name.
    public func allFiles() throws -> [String: [UInt8]] {
        var all = files
        all[Self.manifestName] = Array(try manifest.fileContents().utf8)
        return all
    }

    /// What a package's temporary folder is named after while ``write(to:)`` builds it:
    /// `.<name>.callvault-export-<random>` beside the package's folder.
    package static let stagingKind = "export"

    /// Writes the package into `directory`, which must not exist or be empty. Only ciphertext
    /// audio is written.
    ///
    /// The files are written (mode 0600, folders 0700, whatever the umask) into a temporary folder
    /// beside `directory` and renamed into place last, so a crash leaves either no package or a
    /// whole one, never a manifest with files missing. A temporary folder a crash left beside
    /// `directory` is removed first (see ``halfBuilt(at:)``).
    ///
    /// - Throws: ``ExportError/io(path:reason:)`` when `directory` already holds files or the disk
    ///   fails; ``ExportError/unsafeFileName(_:)``.
    public func write(to directory: URL) throws {
        let all: [String: [UInt8]]
        do { all = try allFiles() } catch {
            throw ExportError(.io(path: directory.path, reason: "\(error)"), underlying: error)
        }
        var targets: [(parts: [String], bytes: [UInt8])] = []
        for (name, bytes) in all.sorted(by: { $0.key < $1.key }) {
            targets.append((try Self.parts(of: name), bytes))
        }
        let staged = StagedDirectory(directory, kind: Self.stagingKind)
        do {
            try staged.removeLeftovers()
            try staged.build { staging in
                for target in targets {
                    var path = staging.path
                    for folder in target.parts.dropLast() {
                        path += "/" + folder
                        try StagedDirectory.makeFolder(path)
                    }
                    try StagedDirectory.writeNewFile(target.bytes, to: path + "/" + (target.parts.last ?? ""))
                }
            }
        } catch StagedDirectoryError.destinationNotEmpty(let path) {
            throw ExportError.io(
                path: path, reason: "it already holds files; a package is written to a new or empty folder")
        } catch StagedDirectoryError.io(let path, let operation, let reason, let underlying) {
            throw ExportError(.io(path: path, reason: "\(operation): \(reason)"), underlying: underlying)
        } catch {
            throw ExportError(.io(path: directory.path, reason: "\(error)"), underlying: error)
        }
    }

    /// Half-built packages an interrupted ``write(to:)`` of `directory` left beside it (temporary
    /// folders no running export holds): never a package; the next write to `directory` removes
    /// them.
    public static func halfBuilt(at directory: URL) throws -> [URL] {
        do {
            return try StagedDirectory(directory, kind: stagingKind).leftovers()
        } catch {
            throw ExportError(.io(path: directory.path, reason: "\(error)"), underlying: error)
        }
    }

    /// Reads every file under `directory`, for ``verify(files:trustedKey:)``.
    public static func readFiles(in directory: URL) throws -> [String: [UInt8]] {
        let root = directory.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(atPath: root) else {
            throw ExportError.io(path: root, reason: "it is not a readable folder")
        }
        var files: [String: [UInt8]] = [:]
        while let relative = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = root + "/" + relative
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue
            else { continue }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ExportError.io(path: path, reason: "it cannot be read")
            }
            files[relative] = [UInt8](data)
        }
        return files
    }

    private static func parts(of name: String) throws(ExportError) -> [String] {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !name.hasPrefix("/"), !parts.isEmpty, !parts.contains(where: { $0.isEmpty || $0 == ".." || $0 == "." })
        else { throw .unsafeFileName(name) }
        return parts.map(String.init)
    }
}

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
    public static func verify(files: [String: [UInt8]], trustedKey: VerifyingKey) throws(ExportError) -> ExportManifest
    {
        guard let manifestBytes = files[manifestName] else { throw .manifestMissing }
        let manifest: ExportManifest
        do {
            let signed = try SignedExportManifest(fileContents: String(decoding: manifestBytes, as: UTF8.self))
            manifest = try signed.verified(by: trustedKey)
        } catch {
            throw .manifestNotTrusted("\(error)")
        }
        for name in files.keys.sorted()
        where name != manifestName && !manifest.files.contains(where: { $0.name == name }) {
            throw .fileNotListed(name)
        }
        for file in manifest.files {
            guard let bytes = files[file.name] else { throw .fileMissing(file.name) }
            let digest = (try? BLAKE2b.hash(bytes).description) ?? ""
            guard bytes.count == file.byteCount, digest == file.blake2b else { throw .fileAltered(file.name) }
        }
        return manifest
    }

    /// Every file including the manifest, by name.
    public func allFiles() throws -> [String: [UInt8]] {
        var all = files
        all[Self.manifestName] = Array(try manifest.fileContents().utf8)
        return all
    }

    /// Writes the package into `directory` (created if needed). Only ciphertext audio is written.
    public func write(to directory: URL) throws(ExportError) {
        let all: [String: [UInt8]]
        do { all = try allFiles() } catch { throw .io(path: directory.path, reason: "\(error)") }
        for (name, bytes) in all {
            let url = try Self.url(of: name, in: directory)
            do {
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: url, options: .atomic)
            } catch {
                throw .io(path: url.path, reason: "\(error)")
            }
        }
    }

    /// Reads every file under `directory`, for ``verify(files:trustedKey:)``.
    public static func readFiles(in directory: URL) throws(ExportError) -> [String: [UInt8]] {
        let root = directory.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(atPath: root) else {
            throw .io(path: root, reason: "it is not a readable folder")
        }
        var files: [String: [UInt8]] = [:]
        while let relative = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = root + "/" + relative
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue
            else { continue }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw .io(path: path, reason: "it cannot be read")
            }
            files[relative] = [UInt8](data)
        }
        return files
    }

    private static func url(of name: String, in directory: URL) throws(ExportError) -> URL {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !name.hasPrefix("/"), !parts.isEmpty, !parts.contains(where: { $0.isEmpty || $0 == ".." || $0 == "." })
        else { throw .unsafeFileName(name) }
        return parts.reduce(directory) { $0.appendingPathComponent(String($1)) }
    }
}

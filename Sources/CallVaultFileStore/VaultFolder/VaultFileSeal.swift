package import CallVaultCrypto
import Foundation

/// The organisation's signature over a vault folder's configuration files (`vault.json` and
/// `access-policy.json`), kept in `vault-files.sig` beside them.
///
/// The seal holds a copy of exactly the bytes it signs and a version number that every signed
/// change raises; the audit log records each version with the files' digests
/// (``VaultFileSeal/auditTarget``). A file that differs from its sealed copy was edited outside
/// CallVault; a seal older than the log's last version was put back from an earlier copy; both are
/// refused when the vault is opened (see ``VaultFileCheck``). Changes are made only by commands that
/// re-sign and audit them: `callvault vault rotate` and `callvault vault accept-changes`.
public struct VaultFileSeal: Hashable, Sendable {
    /// The seal's file name in the vault folder.
    public static let fileName = "vault-files.sig"
    /// The files sealed, in the order their bytes are signed.
    public static let sealedFiles = [VaultFolder.configurationFileName, VaultFolder.accessPolicyFileName]
    /// The audit target every signed version is recorded under.
    public static let auditTarget = "vault-files"
    /// The seal file's format.
    static let format = 1

    /// The version: 1 for the files a vault was created (or adopted) with, one more for each
    /// signed change.
    public let version: UInt64
    /// The sealed bytes of each file, by file name.
    public let contents: [String: [UInt8]]
    /// The organisation's signature over the version and the contents.
    let signature: Signature

    /// Seals `contents` (every one of ``sealedFiles``) as `version`.
    package static func sign(version: UInt64, contents: [String: [UInt8]], with signingKey: SigningKey) throws
        -> VaultFileSeal
    {
        VaultFileSeal(
            version: version, contents: contents,
            signature: try signingKey.signature(for: message(version: version, contents: contents)))
    }

    private init(version: UInt64, contents: [String: [UInt8]], signature: Signature) {
        self.version = version
        self.contents = contents
        self.signature = signature
    }

    /// The bytes the signature covers: a domain string, the version, and each file's name and
    /// bytes, length-prefixed, in ``sealedFiles`` order.
    static func message(version: UInt64, contents: [String: [UInt8]]) -> [UInt8] {
        var bytes = Array("CallVault vault files signature v1\u{0}".utf8)
        withUnsafeBytes(of: version.bigEndian) { bytes += $0 }
        for name in sealedFiles {
            for field in [Array(name.utf8), contents[name] ?? []] {
                withUnsafeBytes(of: Int64(field.count).bigEndian) { bytes += $0 }
                bytes += field
            }
        }
        return bytes
    }

    /// Whether the signature covers the version and contents, by `verifyingKey`.
    package func verifies(with verifyingKey: VerifyingKey) -> Bool {
        guard Set(contents.keys) == Set(Self.sealedFiles) else { return false }
        do {
            try verifyingKey.verify(signature, for: Self.message(version: version, contents: contents))
            return true
        } catch {
            return false
        }
    }

    /// The digest (BLAKE2b-256, hexadecimal) of one sealed file, as the audit log records it.
    public func digest(of name: String) throws -> String {
        try Self.digest(contents[name] ?? [])
    }

    static func digest(_ bytes: [UInt8]) throws -> String {
        try BLAKE2b.hash(bytes).description
    }

    private struct Stored: Codable {
        var format: Int
        var version: UInt64
        var files: [String: String]
        var signature: String
    }

    /// The seal file's text (JSON: format, version, each file's bytes in base64, the signature).
    package func text() throws -> String {
        let stored = Stored(
            format: Self.format, version: version, files: contents.mapValues { Data($0).base64EncodedString() },
            signature: Data(signature.rawRepresentation).base64EncodedString())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(stored), as: UTF8.self) + "\n"
    }

    /// Reads a seal file's text; `nil` when it is not one (damaged or replaced).
    package static func read(_ text: String) -> VaultFileSeal? {
        guard let stored = try? JSONDecoder().decode(Stored.self, from: Data(text.utf8)), stored.format == format,
            let signatureBytes = Data(base64Encoded: stored.signature),
            let signature = try? Signature(rawRepresentation: Array(signatureBytes))
        else { return nil }
        var contents: [String: [UInt8]] = [:]
        for (name, encoded) in stored.files {
            guard let bytes = Data(base64Encoded: encoded) else { return nil }
            contents[name] = Array(bytes)
        }
        return VaultFileSeal(version: stored.version, contents: contents, signature: signature)
    }
}

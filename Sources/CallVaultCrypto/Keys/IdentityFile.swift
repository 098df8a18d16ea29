import CSodium
import Foundation

/// The on-disk form of an ``Identity``: its private key sealed under a passphrase.
///
/// The passphrase is stretched with Argon2id (`crypto_pwhash`, parameters stored in the file) into
/// a key for `crypto_secretbox` (XSalsa20-Poly1305), which seals the private key. The file is text:
/// comment lines, then one line `CALLVAULT-IDENTITY-1 <base64>`. Its binary body is laid out as
/// follows (integers big-endian):
///
/// | bytes | field |
/// |---|---|
/// | 1 | key-derivation algorithm (1 = Argon2id v1.3) |
/// | 8 | Argon2id operations limit |
/// | 8 | Argon2id memory limit in bytes |
/// | 16 | salt |
/// | 24 | secretbox nonce |
/// | 32 | the recipient (public key), checked against the private key after opening |
/// | 48 | secretbox of the 32-byte private key |
///
/// ```swift
/// let text = try IdentityFile.seal(identity, passphrase: Passphrase("correct horse"))
/// let again = try IdentityFile.open(text, passphrase: Passphrase("correct horse"))
/// ```
public enum IdentityFile: Sendable {
    /// Argon2id cost parameters.
    public struct Parameters: Hashable, Sendable {
        /// Argon2id passes over memory.
        public var operationsLimit: UInt64
        /// Argon2id memory in bytes.
        public var memoryLimit: UInt64

        /// Creates parameters; ``seal(_:passphrase:parameters:)`` checks them against the bounds.
        public init(operationsLimit: UInt64, memoryLimit: UInt64) {
            self.operationsLimit = operationsLimit
            self.memoryLimit = memoryLimit
        }

        /// Three passes over 32 MiB: about a tenth of a second here, and small enough that opening a
        /// recording stays under 64 MiB of memory in all.
        public static let standard = Parameters(operationsLimit: 3, memoryLimit: 32 << 20)
        /// The cheapest parameters accepted; for tests only, never for real identities.
        public static let minimum = Parameters(operationsLimit: 1, memoryLimit: 8 << 20)
        /// The most expensive parameters a file may ask for, so a hostile file cannot exhaust memory.
        public static let maximum = Parameters(operationsLimit: 32, memoryLimit: 1 << 30)
    }

    static let tag = "CALLVAULT-IDENTITY-"
    static let version = 1
    static let argon2id: UInt8 = 1
    static let bodyByteCount = 1 + 8 + 8 + 16 + 24 + 32 + 48

    /// Seals `identity` under `passphrase` and returns the identity file's text.
    public static func seal(
        _ identity: Identity, passphrase: Passphrase, parameters: Parameters = .standard
    ) throws -> String {
        guard !passphrase.isEmpty else { throw CryptoError.emptyPassphrase }
        try check(parameters)
        var salt = [UInt8](repeating: 0, count: 16)
        var nonce = [UInt8](repeating: 0, count: 24)
        randombytes_buf(&salt, salt.count)
        randombytes_buf(&nonce, nonce.count)
        let key = try stretch(passphrase, salt: salt, parameters: parameters)
        var sealed = [UInt8](repeating: 0, count: 48)
        try Sodium.check(
            crypto_secretbox_easy(&sealed, identity.secretKey.pointer, 32, nonce, key.pointer), "crypto_secretbox_easy")

        var body: [UInt8] = [argon2id]
        body += bigEndian(parameters.operationsLimit) + bigEndian(parameters.memoryLimit)
        body += salt + nonce + identity.recipient.rawRepresentation + sealed
        return """
            # CallVault identity: an X25519 private key sealed under a passphrase (Argon2id, XSalsa20-Poly1305).
            # Keep this file secret. Its recipient, which is safe to share:
            # \(identity.recipient)
            \(tag)\(version) \(try Base64.encode(body))

            """
    }

    /// Opens an identity file with its passphrase.
    ///
    /// - Throws: ``CryptoError/wrongPassphrase`` when the passphrase does not open it,
    ///   ``CryptoError/malformedIdentityFile(reason:)`` when the text is not an identity file.
    public static func open(_ text: String, passphrase: Passphrase) throws -> Identity {
        let body = try parse(text)
        let parameters = Parameters(
            operationsLimit: readBigEndian(body[1..<9]), memoryLimit: readBigEndian(body[9..<17]))
        guard body[0] == argon2id else {
            throw CryptoError.malformedIdentityFile(reason: "unknown key-derivation algorithm \(body[0])")
        }
        try check(parameters)
        let salt = Array(body[17..<33])
        let nonce = Array(body[33..<57])
        let storedRecipient = Array(body[57..<89])
        let sealed = Array(body[89..<137])
        let key = try stretch(passphrase, salt: salt, parameters: parameters)
        let secret = try SecureBytes(count: Identity.byteCount) { output in
            guard
                crypto_secretbox_open_easy(
                    Pointers.mutableBytes(output), sealed, UInt64(sealed.count), nonce, key.pointer) == 0
            else { throw CryptoError.wrongPassphrase }
        }
        let identity = try Identity(secretKey: secret)
        guard identity.recipient.rawRepresentation == storedRecipient else {
            throw CryptoError.identityFileInconsistent
        }
        return identity
    }

    /// Reads the recipient recorded in an identity file, without the passphrase.
    public static func recipient(in text: String) throws -> Recipient {
        try Recipient(rawRepresentation: parse(text)[57..<89])
    }

    private static func parse(_ text: String) throws -> [UInt8] {
        try parse(text, tag: tag, version: version, bodyByteCount: bodyByteCount)
    }

    /// The body of a one-line key file: `<tag><version> <base64>`, comments and blank lines aside.
    static func parse(_ text: String, tag: String, version: Int, bodyByteCount: Int) throws -> [UInt8] {
        let lines = text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        guard lines.count == 1, let line = lines.first else {
            throw CryptoError.malformedIdentityFile(
                reason: lines.isEmpty
                    ? "it has no \(tag)\(version) line" : "it has \(lines.count) data lines, expected one")
        }
        guard line.hasPrefix(tag) else {
            throw CryptoError.malformedIdentityFile(reason: "its data line does not start with \(tag)")
        }
        let fields = line.dropFirst(tag.count).split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count == 2, let fileVersion = Int(fields[0]) else {
            throw CryptoError.malformedIdentityFile(reason: "its data line is not '\(tag)<version> <base64>'")
        }
        guard fileVersion == version else { throw CryptoError.unsupportedIdentityFileVersion(fileVersion) }
        guard let body = Base64.decode(String(fields[1])) else {
            throw CryptoError.malformedIdentityFile(reason: "its body is not valid base64")
        }
        guard body.count == bodyByteCount else {
            throw CryptoError.malformedIdentityFile(
                reason: "its body is \(body.count) bytes, expected \(bodyByteCount) (truncated copy?)")
        }
        return body
    }

    static func check(_ parameters: Parameters) throws {
        let low = Parameters.minimum
        let high = Parameters.maximum
        guard (low.operationsLimit...high.operationsLimit).contains(parameters.operationsLimit) else {
            throw CryptoError.identityFileParametersOutOfRange(
                reason:
                    "operations limit \(parameters.operationsLimit) is outside \(low.operationsLimit)...\(high.operationsLimit)"
            )
        }
        guard (low.memoryLimit...high.memoryLimit).contains(parameters.memoryLimit) else {
            throw CryptoError.identityFileParametersOutOfRange(
                reason:
                    "memory limit \(parameters.memoryLimit >> 20) MiB is outside \(low.memoryLimit >> 20)...\(high.memoryLimit >> 20) MiB"
            )
        }
    }

    static func stretch(_ passphrase: Passphrase, salt: [UInt8], parameters: Parameters) throws -> SecureBytes {
        try SecureBytes(count: Int(crypto_secretbox_KEYBYTES)) { output in
            let status = crypto_pwhash(
                Pointers.mutableBytes(output), UInt64(output.count),
                UnsafeRawPointer(passphrase.storage.pointer).assumingMemoryBound(to: CChar.self),
                UInt64(passphrase.storage.count), salt,
                parameters.operationsLimit, Int(parameters.memoryLimit), crypto_pwhash_ALG_ARGON2ID13)
            guard status == 0 else { throw CryptoError.passphraseHashingFailed(memoryBytes: parameters.memoryLimit) }
        }
    }

    static func bigEndian(_ value: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: value >> (56 - 8 * UInt64($0))) }
    }

    static func readBigEndian(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }
}

import CSodium
import Foundation

/// The on-disk form of a ``SigningKey`` (the organisation's Ed25519 key that signs consent
/// receipts, deletion certificates, audit checkpoints and export manifests): its 32-byte seed
/// sealed under a passphrase exactly as ``IdentityFile`` seals an identity (Argon2id, then
/// XSalsa20-Poly1305), with its own tag so the two kinds of file are never confused.
///
/// | bytes | field |
/// |---|---|
/// | 1 | key-derivation algorithm (1 = Argon2id v1.3) |
/// | 8 | Argon2id operations limit |
/// | 8 | Argon2id memory limit in bytes |
/// | 16 | salt |
/// | 24 | secretbox nonce |
/// | 32 | the verifying (public) key, checked against the seed after opening |
/// | 48 | secretbox of the 32-byte seed |
///
/// ```swift
/// let text = try SigningKeyFile.seal(key, passphrase: Passphrase("correct horse"))
/// let again = try SigningKeyFile.open(text, passphrase: Passphrase("correct horse"))
/// ```
public enum SigningKeyFile: Sendable {
    static let tag = "CALLVAULT-SIGNING-KEY-"
    static let version = 1

    /// Seals `key` under `passphrase` and returns the file's text.
    public static func seal(
        _ key: SigningKey, passphrase: Passphrase, parameters: IdentityFile.Parameters = .standard
    ) throws -> String {
        guard !passphrase.isEmpty else { throw CryptoError.emptyPassphrase }
        try IdentityFile.check(parameters)
        var salt = [UInt8](repeating: 0, count: 16)
        var nonce = [UInt8](repeating: 0, count: 24)
        randombytes_buf(&salt, salt.count)
        randombytes_buf(&nonce, nonce.count)
        let box = try IdentityFile.stretch(passphrase, salt: salt, parameters: parameters)
        var sealed = [UInt8](repeating: 0, count: 48)
        let status = key.withUnsafeSeed { seed in
            crypto_secretbox_easy(&sealed, Pointers.bytes(seed), 32, nonce, box.pointer)
        }
        try Sodium.check(status, "crypto_secretbox_easy")
        var body: [UInt8] = [IdentityFile.argon2id]
        body += IdentityFile.bigEndian(parameters.operationsLimit) + IdentityFile.bigEndian(parameters.memoryLimit)
        body += salt + nonce + key.verifyingKey.rawRepresentation + sealed
        return """
            # CallVault signing key: an Ed25519 key sealed under a passphrase (Argon2id, XSalsa20-Poly1305).
            # Keep this file secret. Its public key, which verifiers need:
            # \(key.verifyingKey)
            \(tag)\(version) \(try Base64.encode(body))

            """
    }

    /// Opens a signing key file with its passphrase.
    ///
    /// - Throws: ``CryptoError/wrongPassphrase`` when the passphrase does not open it,
    ///   ``CryptoError/malformedIdentityFile(reason:)`` when the text is not a signing key file.
    public static func open(_ text: String, passphrase: Passphrase) throws -> SigningKey {
        let body = try IdentityFile.parse(text, tag: tag, version: version, bodyByteCount: IdentityFile.bodyByteCount)
        guard body[0] == IdentityFile.argon2id else {
            throw CryptoError.malformedIdentityFile(reason: "unknown key-derivation algorithm \(body[0])")
        }
        let parameters = IdentityFile.Parameters(
            operationsLimit: IdentityFile.readBigEndian(body[1..<9]),
            memoryLimit: IdentityFile.readBigEndian(body[9..<17]))
        try IdentityFile.check(parameters)
        let salt = Array(body[17..<33])
        let nonce = Array(body[33..<57])
        let storedPublicKey = Array(body[57..<89])
        let sealed = Array(body[89..<137])
        let box = try IdentityFile.stretch(passphrase, salt: salt, parameters: parameters)
        let seed = try SecureBytes(count: 32) { output in
            guard
                crypto_secretbox_open_easy(
                    Pointers.mutableBytes(output), sealed, UInt64(sealed.count), nonce, box.pointer) == 0
            else { throw CryptoError.wrongPassphrase }
        }
        let key = try seed.withUnsafeBytes { try SigningKey(seed: $0) }
        guard key.verifyingKey.rawRepresentation == storedPublicKey else {
            throw CryptoError.identityFileInconsistent
        }
        return key
    }

    /// Reads the verifying key recorded in a signing key file, without the passphrase.
    public static func verifyingKey(in text: String) throws -> VerifyingKey {
        try VerifyingKey(
            rawRepresentation: IdentityFile.parse(
                text, tag: tag, version: version, bodyByteCount: IdentityFile.bodyByteCount)[57..<89])
    }
}

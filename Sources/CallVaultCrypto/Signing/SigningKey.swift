import CSodium
import CallVaultSupport
public import Foundation

/// An Ed25519 private signing key, held in libsodium secure memory.
///
/// The audit log signs its chain head with one, consent receipts and deletion certificates are
/// signed with one. `description` never shows the key.
///
/// ```swift
/// let key = try SigningKey.generate()
/// let signature = try key.signature(for: Array("checkpoint 42".utf8))
/// try key.verifyingKey.verify(signature, for: Array("checkpoint 42".utf8))
/// ```
public struct SigningKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Length of the seed a signing key is derived from.
    public static let seedByteCount = 32

    /// libsodium's 64-byte form: the seed followed by the public key.
    let secretKey: SecureBytes
    /// The public half, for verifying signatures.
    public let verifyingKey: VerifyingKey

    /// Generates a new random signing key.
    public static func generate() throws -> SigningKey {
        let seed = try SecureBytes.random(count: seedByteCount)
        return try seed.withUnsafeBytes { try SigningKey(seed: $0) }
    }

    /// Derives a signing key from a 32-byte seed (for keys restored from a host's key vault).
    public init(seed: UnsafeRawBufferPointer) throws {
        guard seed.count == Self.seedByteCount else {
            throw CryptoError.invalidKeyLength(kind: "Ed25519 seed", expected: Self.seedByteCount, actual: seed.count)
        }
        var publicKey = [UInt8](repeating: 0, count: VerifyingKey.byteCount)
        self.secretKey = try SecureBytes(count: Int(crypto_sign_SECRETKEYBYTES)) { secret in
            try Sodium.check(
                crypto_sign_seed_keypair(&publicKey, Pointers.mutableBytes(secret), Pointers.bytes(seed)),
                "crypto_sign_seed_keypair")
        }
        self.verifyingKey = try VerifyingKey(rawRepresentation: publicKey)
    }

    /// Reads the 32-byte seed, for storing the key in a host's vault. Do not copy it into ordinary memory.
    public func withUnsafeSeed<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try secretKey.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[..<Self.seedByteCount])) }
    }

    /// Signs `message` (detached Ed25519 signature).
    public func signature(for message: some ContiguousBytes) throws -> Signature {
        var signature = [UInt8](repeating: 0, count: Signature.byteCount)
        let status = message.withUnsafeBytes { bytes in
            crypto_sign_detached(&signature, nil, Pointers.bytes(bytes), UInt64(bytes.count), secretKey.pointer)
        }
        try Sodium.check(status, "crypto_sign_detached")
        return try Signature(rawRepresentation: signature)
    }

    /// Shows the verifying key only.
    public var description: String { "SigningKey(verifyingKey: \(verifyingKey), private key redacted)" }

    /// Same as ``description``.
    public var debugDescription: String { description }

    /// Reflection (`dump`, debuggers) shows no secret either.
    public var customMirror: Mirror { Mirror(self, children: ["verifyingKey": verifyingKey]) }
}

/// An Ed25519 public key, for checking signatures.
public struct VerifyingKey: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Length of an Ed25519 public key.
    public static let byteCount = 32

    /// The 32 raw public-key bytes.
    public let rawRepresentation: [UInt8]

    /// Creates a verifying key from its 32 raw bytes.
    public init(rawRepresentation: some Collection<UInt8>) throws {
        guard rawRepresentation.count == Self.byteCount else {
            throw CryptoError.malformedSignatureMaterial(
                reason: "a verifying key is \(Self.byteCount) bytes, not \(rawRepresentation.count)")
        }
        self.rawRepresentation = Array(rawRepresentation)
    }

    /// Checks `signature` over `message`.
    ///
    /// - Throws: ``CryptoError/signatureInvalid`` when it does not verify. There is no Boolean form:
    ///   a failed check cannot be ignored by accident.
    public func verify(_ signature: Signature, for message: some ContiguousBytes) throws {
        Sodium.prepare()
        let status = message.withUnsafeBytes { bytes in
            crypto_sign_verify_detached(
                signature.rawRepresentation, Pointers.bytes(bytes), UInt64(bytes.count), rawRepresentation)
        }
        guard status == 0 else { throw CryptoError.signatureInvalid }
    }

    /// Lowercase hexadecimal.
    public var description: String { Hex.encode(rawRepresentation) }
}

/// A detached Ed25519 signature.
public struct Signature: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Length of an Ed25519 signature.
    public static let byteCount = 64

    /// The 64 raw signature bytes.
    public let rawRepresentation: [UInt8]

    /// Creates a signature from its 64 raw bytes.
    public init(rawRepresentation: some Collection<UInt8>) throws {
        guard rawRepresentation.count == Self.byteCount else {
            throw CryptoError.malformedSignatureMaterial(
                reason: "a signature is \(Self.byteCount) bytes, not \(rawRepresentation.count)")
        }
        self.rawRepresentation = Array(rawRepresentation)
    }

    /// Lowercase hexadecimal.
    public var description: String { Hex.encode(rawRepresentation) }
}

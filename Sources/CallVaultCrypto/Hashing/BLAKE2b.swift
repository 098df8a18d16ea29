import CSodium
import CallVaultSupport
public import Foundation

/// BLAKE2b hashing (libsodium's `crypto_generichash`), one-shot or incremental, optionally keyed.
///
/// The audit log chains entries with it; envelope headers are authenticated with its keyed form.
///
/// ```swift
/// let digest = BLAKE2b.hash(Array("entry".utf8))
/// var hasher = try BLAKE2b(outputByteCount: 32)
/// hasher.update(previousHead.bytes)
/// hasher.update(entryBytes)
/// let head = try hasher.finalize()
/// ```
///
/// libsodium's statuses are all checked: a failed `update` (which libsodium 1.0.18 never reports)
/// is remembered and makes ``finalize()`` throw, so a digest is never returned over bytes that
/// were not all hashed.
public struct BLAKE2b: ~Copyable {
    /// Shortest output libsodium produces.
    public static let minimumOutputByteCount = Int(crypto_generichash_BYTES_MIN)
    /// Longest output libsodium produces.
    public static let maximumOutputByteCount = Int(crypto_generichash_BYTES_MAX)
    /// Longest key.
    public static let maximumKeyByteCount = Int(crypto_generichash_KEYBYTES_MAX)

    // libsodium asks for 64-byte alignment of the state, which a Swift stored property does not promise.
    private let state: UnsafeMutableRawPointer
    private let outputByteCount: Int
    /// The first libsodium call that failed, reported by ``finalize()``.
    private var failure: String?

    /// Starts an incremental hash.
    ///
    /// - Parameters:
    ///   - outputByteCount: digest length, 16 to 64 bytes.
    ///   - key: an optional key (up to 64 bytes) that makes the digest a MAC.
    /// - Throws: ``CryptoError`` for a length or key size out of range, or when libsodium cannot
    ///   start the hash.
    public init(outputByteCount: Int = 32, key: [UInt8] = []) throws {
        try Self.check(outputByteCount: outputByteCount, keyByteCount: key.count)
        Sodium.prepare()
        let state = UnsafeMutableRawPointer.allocate(byteCount: crypto_generichash_statebytes(), alignment: 64)
        let status = crypto_generichash_init(OpaquePointer(state), key.isEmpty ? nil : key, key.count, outputByteCount)
        guard status == 0 else {
            state.deallocate()
            throw CryptoError.libsodiumFailed(operation: "crypto_generichash_init")
        }
        self.state = state
        self.outputByteCount = outputByteCount
    }

    deinit {
        sodium_memzero(state, crypto_generichash_statebytes())
        state.deallocate()
    }

    /// Feeds more bytes. A failure is reported by ``finalize()``.
    public mutating func update(_ data: some ContiguousBytes) {
        let status = data.withUnsafeBytes { bytes in
            crypto_generichash_update(OpaquePointer(state), Pointers.bytes(bytes), UInt64(bytes.count))
        }
        if status != 0, failure == nil { failure = "crypto_generichash_update" }
    }

    /// Finishes and returns the digest; the hasher is consumed.
    ///
    /// - Throws: ``CryptoError/libsodiumFailed(operation:)`` if any libsodium call of this hash failed.
    public consuming func finalize() throws -> Digest {
        var out = [UInt8](repeating: 0, count: outputByteCount)
        let status = crypto_generichash_final(OpaquePointer(state), &out, outputByteCount)
        if let failure { throw CryptoError.libsodiumFailed(operation: failure) }
        try Sodium.check(status, "crypto_generichash_final")
        return Digest(bytes: out)
    }

    /// Hashes `data` in one call.
    public static func hash(_ data: some ContiguousBytes, outputByteCount: Int = 32, key: [UInt8] = []) throws -> Digest
    {
        var hasher = try BLAKE2b(outputByteCount: outputByteCount, key: key)
        hasher.update(data)
        return try hasher.finalize()
    }

    private static func check(outputByteCount: Int, keyByteCount: Int) throws {
        guard (minimumOutputByteCount...maximumOutputByteCount).contains(outputByteCount) else {
            throw CryptoError.invalidHashParameters(
                reason:
                    "output length \(outputByteCount) is outside \(minimumOutputByteCount)...\(maximumOutputByteCount) bytes"
            )
        }
        guard keyByteCount <= maximumKeyByteCount else {
            throw CryptoError.invalidHashParameters(
                reason: "a key of \(keyByteCount) bytes is longer than \(maximumKeyByteCount)")
        }
    }

    /// A BLAKE2b digest. Equality is constant-time, since keyed digests serve as MACs.
    public struct Digest: Hashable, Sendable, Codable, CustomStringConvertible {
        /// The digest bytes.
        public let bytes: [UInt8]

        /// Wraps digest bytes (for example read back from storage).
        public init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        /// Lowercase hexadecimal.
        public var description: String { Hex.encode(bytes) }

        /// Constant-time comparison of equal-length digests.
        public static func == (lhs: Digest, rhs: Digest) -> Bool {
            lhs.bytes.count == rhs.bytes.count && sodium_memcmp(lhs.bytes, rhs.bytes, lhs.bytes.count) == 0
        }

        /// Hashes the digest bytes.
        public func hash(into hasher: inout Hasher) {
            hasher.combine(bytes)
        }
    }
}

// An incremental hash is mutable state behind a pointer, for one task.
@available(*, unavailable)
extension BLAKE2b: Sendable {}

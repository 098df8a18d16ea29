import CSodiumBenchmarks

/// ChaCha20-Poly1305 (IETF) called straight from libsodium: the floor every envelope figure is
/// compared against. Same primitive, same segment size, a counter nonce built on the stack like the
/// envelope's, and buffers allocated once, so what remains between the two is the SDK's own work
/// (bookkeeping, copies, calls through its output and source protocols).
final class RawSegmentCipher {
    static let tagByteCount = crypto_aead_chacha20poly1305_ietf_abytes()

    private let key = Bytes(zeroed: crypto_aead_chacha20poly1305_ietf_keybytes())

    init() {
        precondition(sodium_init() >= 0, "libsodium could not be initialised")
        crypto_aead_chacha20poly1305_ietf_keygen(key.base)
    }

    /// Seals `count` bytes at `plaintext` into `sealed` (room for `count + 16` bytes).
    func seal(_ plaintext: UnsafePointer<UInt8>, count: Int, index: UInt64, into sealed: UnsafeMutablePointer<UInt8>) {
        withNonce(index) { nonce in
            _ = crypto_aead_chacha20poly1305_ietf_encrypt(
                sealed, nil, plaintext, UInt64(count), nil, 0, nil, nonce, key.base)
        }
    }

    /// Opens `count` sealed bytes (ciphertext and tag) into `plaintext`; `false` when they do not
    /// authenticate.
    func open(_ sealed: UnsafePointer<UInt8>, count: Int, index: UInt64, into plaintext: UnsafeMutablePointer<UInt8>)
        -> Bool
    {
        withNonce(index) { nonce in
            crypto_aead_chacha20poly1305_ietf_decrypt(
                plaintext, nil, nil, sealed, UInt64(count), nil, 0, nonce, key.base) == 0
        }
    }

    /// The 12-byte nonce with the index big-endian in bytes 3 to 10, laid out as the envelope's.
    private func withNonce<Result>(_ index: UInt64, _ body: (UnsafePointer<UInt8>) -> Result) -> Result {
        var nonce: (UInt32, UInt32, UInt32) = (0, 0, 0)
        return withUnsafeMutablePointer(to: &nonce) { tuple in
            tuple.withMemoryRebound(to: UInt8.self, capacity: 12) { bytes in
                var bigEndian = index.bigEndian
                withUnsafeBytes(of: &bigEndian) {
                    UnsafeMutableRawBufferPointer(start: bytes + 3, count: 8).copyMemory(from: $0)
                }
                return body(bytes)
            }
        }
    }
}

/// The X25519 sealed box (`crypto_box_seal`) that wraps a data key, called straight from libsodium
/// on the same 48 bytes a wrap holds (a recording id and a data key).
final class RawSealedBox {
    static let plaintextByteCount = 48

    private let publicKey = Bytes(zeroed: crypto_box_publickeybytes())
    private let secretKey = Bytes(zeroed: crypto_box_secretkeybytes())
    private let plaintext = Bytes(random: plaintextByteCount)
    private let sealed = Bytes(zeroed: plaintextByteCount + crypto_box_sealbytes())

    init() {
        crypto_box_keypair(publicKey.base, secretKey.base)
        seal()
    }

    /// Seals the plaintext for the key pair.
    func seal() {
        _ = crypto_box_seal(sealed.base, plaintext.base, UInt64(plaintext.count), publicKey.base)
    }

    /// Opens the last sealed box; `false` when it does not authenticate.
    func open() -> Bool {
        crypto_box_seal_open(plaintext.base, sealed.base, UInt64(sealed.count), publicKey.base, secretKey.base) == 0
    }
}

/// A baseline that did not do its job: the comparison would be meaningless, so the benchmark fails.
enum BenchmarkFailure: Error {
    case rawOpenFailed
}

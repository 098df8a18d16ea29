import CSodiumBenchmarks

/// Ed25519 (`crypto_sign_detached`) called straight from libsodium over a fixed message: the
/// floor a deletion costs, since the sweeper signs one certificate per recording. Key, message and
/// signature buffers are allocated once.
public final class RawSigner: @unchecked Sendable {
    private let secretKey: UnsafeMutablePointer<UInt8>
    private let publicKey: UnsafeMutablePointer<UInt8>
    private let message: UnsafeMutablePointer<UInt8>
    private let messageCount: Int
    private let signature: UnsafeMutablePointer<UInt8>

    /// A fresh key pair over `message` (copied).
    public init(message bytes: [UInt8]) {
        precondition(sodium_init() >= 0, "libsodium could not be initialised")
        secretKey = .allocate(capacity: Int(crypto_sign_secretkeybytes()))
        publicKey = .allocate(capacity: Int(crypto_sign_publickeybytes()))
        signature = .allocate(capacity: Int(crypto_sign_bytes()))
        messageCount = bytes.count
        message = .allocate(capacity: max(1, bytes.count))
        message.initialize(from: bytes, count: bytes.count)
        crypto_sign_keypair(publicKey, secretKey)
    }

    deinit {
        secretKey.deallocate()
        publicKey.deallocate()
        message.deallocate()
        signature.deallocate()
    }

    /// Signs the message `times` times.
    public func sign(times: Int) {
        for _ in 0..<times {
            _ = crypto_sign_detached(signature, nil, message, UInt64(messageCount), secretKey)
        }
    }

    /// Whether the last signature verifies (a baseline that signs nothing would flatter the SDK).
    public var lastSignatureVerifies: Bool {
        crypto_sign_verify_detached(signature, message, UInt64(messageCount), publicKey) == 0
    }
}

/// The cipher suite of an envelope, stored as a 16-bit code in its header.
///
/// Version 1 of the format defines one suite and reserves codes for two later ones, so files made
/// with them will be refused with a clear ``EnvelopeError/unsupportedAlgorithm(_:)`` by this build
/// instead of being misread.
public struct EnvelopeAlgorithm: Hashable, Sendable, CustomStringConvertible {
    /// The numeric code stored in the header.
    public let code: UInt16

    /// Creates an algorithm value from its stored code (known or not).
    public init(code: UInt16) {
        self.code = code
    }

    /// ChaCha20-Poly1305 (IETF) segments, keys derived with `crypto_kdf` (BLAKE2b), BLAKE2b-256
    /// header MAC. The only suite this build writes and reads.
    public static let chaCha20Poly1305 = EnvelopeAlgorithm(code: 1)
    /// Reserved for AES-256-GCM segments on hardware with AES instructions. Not implemented.
    public static let aes256GCM = EnvelopeAlgorithm(code: 2)
    /// Reserved for AEGIS-256 segments once libsodium 1.0.19 is common. Not implemented.
    public static let aegis256 = EnvelopeAlgorithm(code: 3)

    /// Whether this build can read and write envelopes of this suite.
    public var isSupported: Bool { self == .chaCha20Poly1305 }

    /// The suite's name, or `unknown (code N)`.
    public var description: String {
        switch code {
        case 1: "ChaCha20-Poly1305"
        case 2: "AES-256-GCM (reserved)"
        case 3: "AEGIS-256 (reserved)"
        default: "unknown (code \(code))"
        }
    }
}

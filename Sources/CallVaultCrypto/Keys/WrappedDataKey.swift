/// A data key sealed for one recipient and bound to one recording.
///
/// The sealed box holds the recording id followed by the data key; unwrapping checks both the box
/// and the id, so a wrap copied onto another recording does not open (``CryptoError/wrapBoundToOtherRecording(expected:found:)``).
/// Wraps are public values: they are stored in envelope headers or in a host's `KeyStore`, and
/// deleting every wrap of a recording crypto-shreds it.
public struct WrappedDataKey: Hashable, Sendable, Codable {
    static let boundPlaintextByteCount = 16 + DataKey.byteCount
    /// Length of the sealed box: a 32-byte ephemeral public key, the 48-byte bound key, a 16-byte tag.
    public static let sealedByteCount = 32 + boundPlaintextByteCount + 16
    /// Length of ``serialized``: the fingerprint followed by the sealed box.
    public static let serializedByteCount = RecipientFingerprint.byteCount + sealedByteCount

    /// The fingerprint of the recipient this wrap is for.
    public let recipient: RecipientFingerprint
    /// The X25519 sealed box.
    public let sealedKey: [UInt8]

    /// Creates a wrap from its parts, checking the sealed box's length.
    public init(recipient: RecipientFingerprint, sealedKey: [UInt8]) throws {
        guard sealedKey.count == Self.sealedByteCount else {
            throw CryptoError.malformedWrappedKey(
                reason: "the sealed key is \(sealedKey.count) bytes, expected \(Self.sealedByteCount)")
        }
        self.recipient = recipient
        self.sealedKey = sealedKey
    }

    /// Reads a wrap from its serialized form (fingerprint, then sealed box).
    public init(serialized bytes: some Collection<UInt8>) throws {
        let all = Array(bytes)
        guard all.count == Self.serializedByteCount else {
            throw CryptoError.malformedWrappedKey(
                reason: "it is \(all.count) bytes, expected \(Self.serializedByteCount)")
        }
        try self.init(
            recipient: RecipientFingerprint(bytes: all[..<RecipientFingerprint.byteCount]),
            sealedKey: Array(all[RecipientFingerprint.byteCount...]))
    }

    /// The fingerprint followed by the sealed box, as stored in envelope headers and key stores.
    public var serialized: [UInt8] { recipient.bytes + sealedKey }
}

import CSodium
public import CallVaultCore

/// An X25519 private key: what opens recordings wrapped for its ``recipient``.
///
/// The private key lives only in libsodium secure memory. At rest it is kept in a passphrase-sealed
/// identity file (``IdentityFile``). `description` shows the recipient, never the private key.
///
/// ```swift
/// let identity = try Identity.generate()
/// print(identity.recipient)   // callvault1...
/// let key = try identity.unwrap(wrap, recordingID: id)
/// ```
public struct Identity: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The length of an X25519 private key.
    public static let byteCount = 32

    let secretKey: SecureBytes
    /// The public half: share it so others can encrypt recordings to this identity.
    public let recipient: Recipient

    init(secretKey: SecureBytes) throws {
        var publicKey = [UInt8](repeating: 0, count: Recipient.byteCount)
        guard crypto_scalarmult_base(&publicKey, secretKey.pointer) == 0 else {
            throw CryptoError.malformedIdentityFile(reason: "the private key is not a usable X25519 key")
        }
        self.secretKey = secretKey
        self.recipient = try Recipient(rawRepresentation: publicKey)
    }

    /// Generates a new random identity.
    public static func generate() throws -> Identity {
        try Identity(secretKey: SecureBytes.random(count: byteCount))
    }

    /// Creates an identity from raw private-key bytes, for a custodian that keeps keys elsewhere.
    public init(copying privateKey: UnsafeRawBufferPointer) throws {
        guard privateKey.count == Self.byteCount else {
            throw CryptoError.invalidKeyLength(
                kind: "identity private key", expected: Self.byteCount, actual: privateKey.count)
        }
        try self.init(secretKey: SecureBytes(copying: privateKey))
    }

    /// Opens a wrap made for this identity's recipient and checks that it belongs to `recordingID`.
    ///
    /// - Throws: ``CryptoError/wrapForOtherRecipient(wrap:identity:)`` when the wrap names another
    ///   recipient, ``CryptoError/wrapDoesNotOpen(_:)`` when the sealed box was altered, and
    ///   ``CryptoError/wrapBoundToOtherRecording(expected:found:)`` when it was made for another recording.
    public func unwrap(_ wrap: WrappedDataKey, recordingID: RecordingID) throws -> DataKey {
        let fingerprint = recipient.fingerprint
        guard wrap.recipient == fingerprint else {
            throw CryptoError.wrapForOtherRecipient(wrap: wrap.recipient, identity: fingerprint)
        }
        // Opened into a stack buffer that is wiped at once; only the key itself goes to secure memory.
        return try withUnsafeTemporaryAllocation(byteCount: WrappedDataKey.boundPlaintextByteCount, alignment: 16) {
            bound in
            defer { sodium_memzero(bound.baseAddress, bound.count) }
            let status = crypto_box_seal_open(
                Pointers.mutableBytes(bound), wrap.sealedKey, UInt64(wrap.sealedKey.count),
                recipient.rawRepresentation, secretKey.pointer)
            guard status == 0 else { throw CryptoError.wrapDoesNotOpen(fingerprint) }
            guard sodium_memcmp(Pointers.mutableBytes(bound), recordingID.bytes, 16) == 0 else {
                let boundID = RecordingID(bytes: UnsafeRawBufferPointer(rebasing: bound[..<16])) ?? recordingID
                throw CryptoError.wrapBoundToOtherRecording(expected: recordingID, found: boundID)
            }
            return try DataKey(copying: UnsafeRawBufferPointer(rebasing: bound[16...]))
        }
    }

    /// Shows the recipient only; the private key is never printed.
    public var description: String { "Identity(recipient: \(recipient), private key redacted)" }

    /// Same as ``description``.
    public var debugDescription: String { description }

    /// Reflection (`dump`, debuggers) shows no secret either.
    public var customMirror: Mirror { Mirror(self, children: ["recipient": recipient]) }
}

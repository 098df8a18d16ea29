import CSodium
public import CallVaultCore

/// A recording's 256-bit data key: the key every segment of one recording is sealed under.
///
/// A fresh data key is generated for each recording by ``EnvelopeWriter`` and never reused; it lives
/// only in libsodium secure memory and reaches storage only wrapped for a recipient (see
/// ``wrapped(for:recordingID:)``). Deleting every wrap of a recording's data key makes the recording
/// unreadable in every copy and backup (crypto-shredding).
///
/// `description` never shows the key, and `==` compares in constant time.
public struct DataKey: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The length of a data key in bytes.
    public static let byteCount = 32

    let storage: SecureBytes

    init(storage: SecureBytes) {
        self.storage = storage
    }

    /// Generates a new random data key.
    public static func generate() throws -> DataKey {
        DataKey(storage: try SecureBytes.random(count: byteCount))
    }

    /// Copies a data key from raw bytes, for a `KeyCustodian` that keeps keys in its own vault.
    ///
    /// A key made this way can open recordings. It cannot seal new ones: writers always generate
    /// their own key, so a key can never be reused across recordings.
    public init(copying bytes: UnsafeRawBufferPointer) throws {
        guard bytes.count == Self.byteCount else {
            throw CryptoError.invalidKeyLength(kind: "data key", expected: Self.byteCount, actual: bytes.count)
        }
        self.storage = try SecureBytes(copying: bytes)
    }

    /// Reads the raw key. Do not copy the bytes out of the closure into ordinary memory.
    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try storage.withUnsafeBytes(body)
    }

    /// Wraps this key for `recipient`, bound to `recordingID`, with an X25519 sealed box.
    ///
    /// Only the holder of the recipient's identity can open the wrap, and only for the same
    /// recording: the recording id travels inside the sealed box and is checked on unwrap.
    public func wrapped(for recipient: Recipient, recordingID: RecordingID) throws -> WrappedDataKey {
        // The recording id and key are sealed together from a stack buffer that is wiped at once:
        // a guarded heap allocation here would cost more system calls than the sealing itself.
        var sealed = [UInt8](repeating: 0, count: WrappedDataKey.sealedByteCount)
        let status = withUnsafeTemporaryAllocation(byteCount: WrappedDataKey.boundPlaintextByteCount, alignment: 16) {
            bound in
            defer { sodium_memzero(bound.baseAddress, bound.count) }
            bound.copyBytes(from: recordingID.bytes)
            storage.withUnsafeBytes { key in
                UnsafeMutableRawBufferPointer(rebasing: bound[16...]).copyMemory(from: key)
            }
            return crypto_box_seal(
                &sealed, Pointers.bytes(UnsafeRawBufferPointer(bound)), UInt64(bound.count), recipient.rawRepresentation
            )
        }
        guard status == 0 else { throw CryptoError.unusableRecipientKey(recipient.fingerprint) }
        return try WrappedDataKey(recipient: recipient.fingerprint, sealedKey: sealed)
    }

    /// Constant-time comparison.
    public static func == (lhs: DataKey, rhs: DataKey) -> Bool {
        lhs.storage.constantTimeEquals(rhs.storage)
    }

    /// Always `DataKey(redacted)`: keys never appear in logs.
    public var description: String { "DataKey(redacted)" }

    /// Always `DataKey(redacted)`.
    public var debugDescription: String { description }

    /// Reflection (`dump`, debuggers) shows no secret either.
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}

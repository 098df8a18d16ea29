import CSodium

/// The working keys of one recording, derived from its data key with `crypto_kdf` (BLAKE2b) under
/// separate contexts, so no key is ever used for two jobs:
///
/// - payload (`CVPAYLOD`): seals the segments;
/// - header MAC (`CVHDRMAC`): authenticates the header core;
/// - commitment (`CVCOMMIT`): not a key but a public 32-byte value stored in the header. BLAKE2b is
///   collision resistant, so no second key reproduces it: a ciphertext opens under one key only.
///
/// The subkey id is the algorithm code, so a later suite derives unrelated keys from the same data key.
struct EnvelopeKeys {
    let payload: SegmentCipher
    let headerMAC: SecureBytes
    let commitment: [UInt8]

    init(dataKey: DataKey, algorithm: EnvelopeAlgorithm) throws {
        let subkeyID = UInt64(algorithm.code)
        let payloadKey = try Self.derive(dataKey, context: EnvelopeFormat.payloadContext, subkeyID: subkeyID)
        self.payload = SegmentCipher(key: payloadKey)
        self.headerMAC = try Self.derive(dataKey, context: EnvelopeFormat.headerMACContext, subkeyID: subkeyID)
        let commitment = try Self.derive(dataKey, context: EnvelopeFormat.commitmentContext, subkeyID: subkeyID)
        self.commitment = commitment.withUnsafeBytes { Array($0) }
    }

    /// BLAKE2b-256 keyed with the header-MAC key over `core` (the core without its MAC).
    func mac(overCoreWithoutMAC core: [UInt8]) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: EnvelopeFormat.macByteCount)
        try out.withUnsafeMutableBytes { output in
            try core.withUnsafeBytes { input in
                try headerMAC.withUnsafeBytes { key in try Sodium.genericHash(into: output, input, key: key) }
            }
        }
        return out
    }

    /// Checks the commitment and then the MAC of a parsed header, in constant time.
    func authenticate(_ header: EnvelopeHeader) throws {
        guard sodium_memcmp(commitment, header.keyCommitment, commitment.count) == 0 else {
            throw EnvelopeError.keyCommitmentMismatch
        }
        let expected = try mac(overCoreWithoutMAC: Array(header.core.dropLast(EnvelopeFormat.macByteCount)))
        guard sodium_memcmp(expected, header.mac, expected.count) == 0 else {
            throw EnvelopeError.headerTampered
        }
    }

    private static func derive(_ dataKey: DataKey, context: String, subkeyID: UInt64) throws -> SecureBytes {
        try Sodium.deriveSubkey(of: dataKey.storage, byteCount: 32, subkeyID: subkeyID, context: context)
    }
}

/// Seals and opens segments with ChaCha20-Poly1305 (IETF) under the payload key.
///
/// The 12-byte nonce is the segment index as an 88-bit big-endian counter followed by one byte that
/// is 1 for the final segment and 0 otherwise (the STREAM construction). A segment therefore opens
/// only at its own position, and only the true last segment opens as final, so reordering, dropping,
/// repeating and truncating all fail authentication. The final segment's associated data is the end
/// marker, which binds the recording's total length.
struct SegmentCipher: Sendable {
    let key: SecureBytes

    /// Seals `plaintext` into `output` (which holds at least `plaintext.count + 16` bytes).
    ///
    /// - Throws: ``CryptoError/libsodiumFailed(operation:)`` if libsodium reports a failure (then
    ///   `output` must not be written anywhere).
    func seal(
        _ plaintext: UnsafeRawBufferPointer, index: UInt64, isFinal: Bool,
        associatedData: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer
    ) throws(CryptoError) {
        let status = withNonce(index: index, isFinal: isFinal) { nonce in
            crypto_aead_chacha20poly1305_ietf_encrypt(
                Pointers.mutableBytes(output), nil,
                Pointers.bytes(plaintext), UInt64(plaintext.count),
                associatedData.isEmpty ? nil : Pointers.bytes(associatedData), UInt64(associatedData.count),
                nil, nonce, key.pointer)
        }
        try Sodium.check(status, "crypto_aead_chacha20poly1305_ietf_encrypt")
    }

    /// Opens `sealed` into `output` (which holds at least `sealed.count - 16` bytes); `false` when
    /// authentication fails, in which case `output` has been wiped.
    func open(
        _ sealed: UnsafeRawBufferPointer, index: UInt64, isFinal: Bool,
        associatedData: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer
    ) -> Bool {
        guard sealed.count >= EnvelopeFormat.tagByteCount else { return false }
        return withNonce(index: index, isFinal: isFinal) { nonce in
            crypto_aead_chacha20poly1305_ietf_decrypt(
                Pointers.mutableBytes(output), nil, nil,
                Pointers.bytes(sealed), UInt64(sealed.count),
                associatedData.isEmpty ? nil : Pointers.bytes(associatedData), UInt64(associatedData.count),
                nonce, key.pointer) == 0
        }
    }

    /// Builds the nonce on the stack: sealing a segment allocates nothing.
    private func withNonce<Result>(
        index: UInt64, isFinal: Bool, _ body: (UnsafePointer<UInt8>) -> Result
    ) -> Result {
        var nonce: (UInt64, UInt32) = (0, 0)
        return withUnsafeMutableBytes(of: &nonce) { raw in
            raw.initializeMemory(as: UInt8.self, repeating: 0)
            // Bytes 0-2 stay zero: the counter's top 24 bits. Bytes 3-10: the index. Byte 11: the flag.
            var bigEndianIndex = index.bigEndian
            Swift.withUnsafeBytes(of: &bigEndianIndex) { indexBytes in
                UnsafeMutableRawBufferPointer(rebasing: raw[3..<11]).copyMemory(from: indexBytes)
            }
            raw[11] = isFinal ? 1 : 0
            return body(Pointers.bytes(UnsafeRawBufferPointer(raw)))
        }
    }
}

import CSodium

/// Checking libsodium's statuses, and the calls that take lengths from their callers.
///
/// Every libsodium function that returns a status has it checked: a failure becomes
/// ``CryptoError/libsodiumFailed(operation:)`` and whatever the call left in its output is never
/// used (it may be zeros, or the buffer's old contents).
extension Sodium {
    /// Throws unless `status` is libsodium's 0 (success).
    static func check(_ status: Int32, _ operation: String) throws(CryptoError) {
        guard status == 0 else { throw .libsodiumFailed(operation: operation) }
    }

    /// BLAKE2b (`crypto_generichash`) of `input` into `output` (16 to 64 bytes), keyed with `key`
    /// (up to 64 bytes) unless it is empty.
    static func genericHash(
        into output: UnsafeMutableRawBufferPointer, _ input: UnsafeRawBufferPointer, key: UnsafeRawBufferPointer
    ) throws(CryptoError) {
        prepare()
        try check(
            crypto_generichash(
                Pointers.mutableBytes(output), output.count, input.isEmpty ? nil : Pointers.bytes(input),
                UInt64(input.count), key.isEmpty ? nil : Pointers.bytes(key), key.count),
            "crypto_generichash")
    }

    /// A `byteCount`-byte subkey of `key` (`crypto_kdf_derive_from_key`, BLAKE2b) for `subkeyID`
    /// under an 8-byte `context`.
    static func deriveSubkey(
        of key: SecureBytes, byteCount: Int, subkeyID: UInt64, context: String
    ) throws -> SecureBytes {
        let contextBytes = Array(context.utf8).map { CChar(bitPattern: $0) }
        guard contextBytes.count == Int(crypto_kdf_CONTEXTBYTES) else {
            throw CryptoError.invalidHashParameters(
                reason: "a key-derivation context is \(crypto_kdf_CONTEXTBYTES) bytes, not \(contextBytes.count)")
        }
        return try SecureBytes(count: byteCount) { output in
            try check(
                crypto_kdf_derive_from_key(
                    Pointers.mutableBytes(output), output.count, subkeyID, contextBytes, key.pointer),
                "crypto_kdf_derive_from_key")
        }
    }
}

import CSodium

/// Standard base64 with padding, through libsodium's constant-time codec (identity files hold
/// sealed key material, so the codec should not leak through timing).
enum Base64 {
    static func encode(_ bytes: [UInt8]) throws(CryptoError) -> String {
        let variant = Int32(sodium_base64_VARIANT_ORIGINAL)
        let length = sodium_base64_encoded_len(bytes.count, variant)
        var out = [CChar](repeating: 0, count: length)
        // It returns its output, or NULL when that is too short (which the length above rules out).
        guard sodium_bin2base64(&out, length, bytes, bytes.count, variant) != nil else {
            throw .libsodiumFailed(operation: "sodium_bin2base64")
        }
        return String(decoding: out.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func decode(_ text: String) -> [UInt8]? {
        let input = Array(text.utf8)
        var out = [UInt8](repeating: 0, count: input.count / 4 * 3 + 3)
        var decodedCount = 0
        let status = input.withUnsafeBufferPointer { source in
            source.withMemoryRebound(to: CChar.self) { characters in
                sodium_base642bin(
                    &out, out.count, characters.baseAddress, characters.count, nil, &decodedCount, nil,
                    Int32(sodium_base64_VARIANT_ORIGINAL))
            }
        }
        guard status == 0 else { return nil }
        return Array(out.prefix(decodedCount))
    }
}

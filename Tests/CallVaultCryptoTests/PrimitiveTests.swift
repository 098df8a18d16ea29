import Foundation
import Testing

@testable import CallVaultCrypto

/// Known answers for the primitives, from the RFCs and cross-checked with Python's hashlib and the
/// `cryptography` package (independent of libsodium).
@Suite("Primitives against published vectors")
struct PrimitiveTests {
    static func hex(_ text: String) -> [UInt8] {
        stride(from: 0, to: text.count, by: 2).map { offset in
            let start = text.index(text.startIndex, offsetBy: offset)
            return UInt8(text[start..<text.index(start, offsetBy: 2)], radix: 16) ?? 0
        }
    }

    @Test("BLAKE2b one-shot, incremental and keyed (RFC 7693 and the reference KAT)")
    func blake2b() throws {
        #expect(
            try BLAKE2b.hash(Array("abc".utf8), outputByteCount: 64).description
                == "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923"
        )
        #expect(
            try BLAKE2b.hash([UInt8]()).description
                == "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8")
        #expect(
            try BLAKE2b.hash([UInt8](), outputByteCount: 64, key: Array(0..<64)).description
                == "10ebb67700b1868efb4417987acf4690ae9d972fb7a590c2f02871799aaa4786b5e996e8f0f4eb981fc214b005f42d2ff4233499391653df7aefcbc13fc51568"
        )
        var hasher = try BLAKE2b(outputByteCount: 16, key: Array("callvault".utf8))
        hasher.update(Array("The quick brown fox ".utf8))
        hasher.update(Data("jumps over the lazy dog".utf8))
        #expect(try hasher.finalize().description == "0c406ade99b101c8d760d8c6b76201df")
        #expect(throws: (any Error).self) { _ = try BLAKE2b(outputByteCount: 8) }
        #expect(throws: (any Error).self) { _ = try BLAKE2b(key: [UInt8](repeating: 0, count: 65)) }
    }

    @Test("Ed25519 signs as RFC 8032 test 1 and refuses altered messages and signatures")
    func ed25519() throws {
        let seed = Self.hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
        let key = try seed.withUnsafeBytes { try SigningKey(seed: $0) }
        #expect(key.verifyingKey.description == "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
        let signature = try key.signature(for: [UInt8]())
        #expect(
            signature.description
                == "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
        )
        try key.verifyingKey.verify(signature, for: [UInt8]())
        #expect(throws: CryptoError.signatureInvalid) { try key.verifyingKey.verify(signature, for: [0]) }
        var altered = signature.rawRepresentation
        altered[10] ^= 1
        #expect(throws: CryptoError.signatureInvalid) {
            try key.verifyingKey.verify(Signature(rawRepresentation: altered), for: [UInt8]())
        }
        let other = try SigningKey.generate()
        #expect(throws: CryptoError.signatureInvalid) { try other.verifyingKey.verify(signature, for: [UInt8]()) }
        #expect(throws: (any Error).self) { try Signature(rawRepresentation: [1, 2, 3]) }
        #expect(throws: (any Error).self) { try VerifyingKey(rawRepresentation: [1, 2, 3]) }
        let restored = try key.withUnsafeSeed { try SigningKey(seed: $0) }
        #expect(restored.verifyingKey == key.verifyingKey)
    }

    @Test("X25519 identities derive their recipient as RFC 7748 section 6.1")
    func x25519() throws {
        let secret = Self.hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")
        let identity = try secret.withUnsafeBytes { try Identity(copying: $0) }
        #expect(
            identity.recipient.rawRepresentation
                == Self.hex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"))
    }

    @Test("secrets never appear in description, debugDescription or dump")
    func redaction() throws {
        let secretHex = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"
        let secret = Self.hex(secretHex)
        let identity = try secret.withUnsafeBytes { try Identity(copying: $0) }
        let dataKey = try secret.withUnsafeBytes { try DataKey(copying: $0) }
        let signing = try secret.withUnsafeBytes { try SigningKey(seed: $0) }
        let passphrase = try Passphrase("hunter2-very-secret")
        let base64 = Data(secret).base64EncodedString()
        let values: [Any] = [identity, dataKey, signing, passphrase]
        for value in values {
            var dumped = ""
            dump(value, to: &dumped)
            for text in [String(describing: value), String(reflecting: value), dumped, "\(value)"] {
                #expect(!text.contains(secretHex), "\(type(of: value)) leaks hex")
                #expect(!text.contains(base64), "\(type(of: value)) leaks base64")
                #expect(!text.contains("hunter2"), "\(type(of: value)) leaks the passphrase")
                #expect(!text.contains("119, 7, 109"), "\(type(of: value)) leaks the bytes")
            }
        }
        #expect(String(describing: dataKey) == "DataKey(redacted)")
        #expect(String(describing: identity).contains(identity.recipient.description))
    }
}

/// BIP 350's test vectors for the Bech32m checksum behind recipient strings.
@Suite("Bech32m (BIP 350)")
struct Bech32mTests {
    @Test(
        "valid strings decode",
        arguments: [
            "A1LQFN3A", "a1lqfn3a",
            "an83characterlonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11sg7hg6",
            "abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx",
            "split1checkupstagehandshakeupstreamerranterredcaperredlc445v", "?1v759aa",
        ])
    func valid(text: String) throws {
        #expect((try? Bech32m.decodeValues(text)) != nil)
    }

    @Test(
        "invalid strings are refused",
        arguments: [
            " 1xj0phk", "\u{7F}1g6xzxy", "\u{80}1vctc34",
            "an84characterslonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11d6pts4",
            "qyrz8wqd2c9m", "1qyrz8wqd2c9m", "y1b0jsk6g", "lt1igcx5c0", "in1muywd", "mm1crxm3i", "au1s5cgom",
            "M1VUXWEZ", "16plkw9", "1p2gdwpf",
        ])
    func invalid(text: String) throws {
        #expect((try? Bech32m.decodeValues(text)) == nil)
    }
}

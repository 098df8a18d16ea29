import CallVaultCore
import CallVaultSupport
import Testing

@testable import CallVaultCrypto

/// Issue 11, break 11: every libsodium status is checked and a failure is a typed error, never
/// output left as it was (zeros, or whatever the buffer held) passed on as a key or a digest.
/// These force the failures libsodium can report: lengths outside what a primitive allows, through
/// the same helpers the shipped calls go through.
@Suite("libsodium failures become typed errors")
struct SodiumStatusTests {
    static func key() throws -> SecureBytes {
        try [UInt8](0..<32).withUnsafeBytes { try SecureBytes(copying: $0) }
    }

    @Test("crypto_kdf_derive_from_key refusing a subkey length", arguments: [0, 8, 15, 65, 1_000])
    func kdfLength(byteCount: Int) throws {
        let key = try Self.key()
        #expect(throws: CryptoError.libsodiumFailed(operation: "crypto_kdf_derive_from_key")) {
            _ = try Sodium.deriveSubkey(of: key, byteCount: byteCount, subkeyID: 1, context: "CVPAYLOD")
        }
    }

    @Test("crypto_kdf_derive_from_key with valid lengths gives the published payload key")
    func kdfValid() throws {
        let subkey = try Sodium.deriveSubkey(of: try Self.key(), byteCount: 32, subkeyID: 1, context: "CVPAYLOD")
        #expect(
            Hex.encode(subkey.withUnsafeBytes { Array($0) })
                == (try KnownAnswerTests.value("derived-keys", "payload key")))
        #expect(throws: CryptoError.self) {
            _ = try Sodium.deriveSubkey(of: try Self.key(), byteCount: 32, subkeyID: 1, context: "SHORT")
        }
    }

    @Test("crypto_generichash refusing an output or key length", arguments: [(0, 0), (65, 0), (32, 65)])
    func genericHashLengths(outputCount: Int, keyCount: Int) throws {
        var output = [UInt8](repeating: 0, count: outputCount)
        let key = [UInt8](repeating: 7, count: keyCount)
        #expect(throws: CryptoError.libsodiumFailed(operation: "crypto_generichash")) {
            try output.withUnsafeMutableBytes { out in
                try key.withUnsafeBytes {
                    try Sodium.genericHash(into: out, UnsafeRawBufferPointer(start: nil, count: 0), key: $0)
                }
            }
        }
    }

    @Test("crypto_box_seal refusing a low-order recipient key: no wrap, no envelope")
    func lowOrderRecipient() throws {
        let zero = try Recipient(rawRepresentation: [UInt8](repeating: 0, count: 32))
        let key = try DataKey.generate()
        #expect(throws: CryptoError.unusableRecipientKey(zero.fingerprint)) {
            _ = try key.wrapped(for: zero, recordingID: RecordingID())
        }
        #expect(throws: CryptoError.unusableRecipientKey(zero.fingerprint)) {
            _ = try EnvelopeWriter(
                configuration: EnvelopeConfiguration(), recipients: [Fixtures.alice.recipient, zero], output: [UInt8]())
        }
    }
}

import CallVaultCrypto
import Testing

@Suite("Signing key files")
struct SigningKeyFileTests {
    var passphrase: Passphrase { get throws { try Passphrase("correct horse battery staple") } }

    @Test("seal then open gives the same key; the public key is readable without the passphrase")
    func roundTrip() throws {
        let key = try SigningKey.generate()
        let text = try SigningKeyFile.seal(key, passphrase: try passphrase, parameters: .minimum)
        #expect(try SigningKeyFile.open(text, passphrase: try passphrase).verifyingKey == key.verifyingKey)
        #expect(try SigningKeyFile.verifyingKey(in: text) == key.verifyingKey)
        #expect(text.contains(key.verifyingKey.description))
        let signature = try SigningKeyFile.open(text, passphrase: try passphrase).signature(for: [1, 2, 3])
        #expect(throws: Never.self) { try key.verifyingKey.verify(signature, for: [1, 2, 3] as [UInt8]) }
    }

    @Test("a wrong passphrase, an identity file, or a changed byte is refused")
    func refusals() throws {
        let key = try SigningKey.generate()
        let text = try SigningKeyFile.seal(key, passphrase: try passphrase, parameters: .minimum)
        #expect(throws: CryptoError.wrongPassphrase) {
            _ = try SigningKeyFile.open(text, passphrase: try Passphrase("wrong"))
        }
        let identity = try IdentityFile.seal(Identity.generate(), passphrase: try passphrase, parameters: .minimum)
        #expect(throws: CryptoError.self) { _ = try SigningKeyFile.open(identity, passphrase: try passphrase) }
        #expect(throws: CryptoError.self) { _ = try IdentityFile.open(text, passphrase: try passphrase) }
        var lines = text.split(separator: "\n").map(String.init)
        let last = lines.count - 1
        var body = Array(lines[last].utf8)
        body[body.count - 5] = body[body.count - 5] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        lines[last] = String(decoding: body, as: UTF8.self)
        #expect(throws: CryptoError.self) {
            _ = try SigningKeyFile.open(lines.joined(separator: "\n"), passphrase: try passphrase)
        }
    }
}

import CallVaultCrypto
import Testing

/// The rule for new passphrases: at least 12 characters, at least 5 of them different, counted as
/// characters (not bytes); the error says what was found without showing the passphrase.
@Suite("Passphrase strength")
struct PassphraseStrengthRuleTests {
    @Test("the boundaries: 11 characters or 4 different ones are too few, 12 and 5 are enough")
    func boundaries() throws {
        #expect(throws: WeakPassphraseError(characterCount: 11, distinctCharacterCount: 11)) {
            try PassphraseStrength.check("abcdefghijk")
        }
        #expect(throws: WeakPassphraseError(characterCount: 12, distinctCharacterCount: 4)) {
            try PassphraseStrength.check("abcdabcdabcd")
        }
        try PassphraseStrength.check("abcdeabcdeab")
        try PassphraseStrength.check("correct horse battery staple")
    }

    @Test("characters, not bytes: twelve accented letters pass, six two-byte ones do not")
    func charactersNotBytes() throws {
        try PassphraseStrength.check("éèêëēėęàâäáã")
        #expect(throws: WeakPassphraseError.self) { try PassphraseStrength.check("éèêëēė") }
    }

    @Test("the message says what is needed and why, and never shows the passphrase")
    func message() {
        let error = WeakPassphraseError(characterCount: 8, distinctCharacterCount: 7)
        #expect(error.description.contains("8 characters (7 different)"))
        #expect(error.description.contains("at least 12 characters"))
        #expect(error.description.contains("offline"))
    }
}

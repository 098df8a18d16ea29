public import CallVaultCore

/// The least a new passphrase must be: at least 12 characters, at least 5 of them different.
///
/// A passphrase alone protects a private key file (an identity, a vault's keys): whoever copies the
/// file can guess passphrases offline, as fast as their hardware allows. Argon2id makes each guess
/// cost memory and time, but a passphrase such as `a` or `password` falls to the first guesses
/// anyway. Twelve characters with some variety (a few unrelated words, say) puts it beyond a
/// dictionary of short words and repeated characters. The rule applies when a passphrase is
/// chosen, never when one is used: files sealed under an older, shorter passphrase still open.
///
/// ```swift
/// try PassphraseStrength.check("correct horse battery staple")  // fine
/// try PassphraseStrength.check("a")  // throws WeakPassphraseError
/// ```
public enum PassphraseStrength: Sendable {
    /// The fewest characters (Unicode characters, not bytes) a new passphrase may have.
    public static let minimumCharacterCount = 12
    /// The fewest different characters a new passphrase may have, so `aaaaaaaaaaaa` is refused.
    public static let minimumDistinctCharacterCount = 5

    /// Throws when `text` is too weak to protect a key file.
    public static func check(_ text: String) throws {
        let count = text.count
        let distinct = Set(text).count
        guard count >= minimumCharacterCount, distinct >= minimumDistinctCharacterCount else {
            throw WeakPassphraseError(characterCount: count, distinctCharacterCount: distinct)
        }
    }
}

/// A new passphrase that does not meet ``PassphraseStrength``.
public struct WeakPassphraseError: CallVaultError, Equatable {
    /// The stable codes of ``WeakPassphraseError``.
    public struct Code: CallVaultErrorCode {
        /// The error type these codes belong to.
        public typealias Owner = WeakPassphraseError
        /// The code's stable text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// The new passphrase is shorter, or has fewer different characters, than
        /// ``PassphraseStrength`` requires.
        public static let tooWeak = Code("weakpassphrase.too-weak")

        /// Every code of this type.
        public static let all: [Code] = [tooWeak]
    }

    /// The code of every ``WeakPassphraseError``, for `catch WeakPassphraseError.tooWeak`.
    public static let tooWeak = Code.tooWeak

    /// How many characters the passphrase had.
    public let characterCount: Int
    /// How many different characters it had.
    public let distinctCharacterCount: Int

    /// Describes a passphrase of `characterCount` characters, `distinctCharacterCount` of them
    /// different.
    public init(characterCount: Int, distinctCharacterCount: Int) {
        self.characterCount = characterCount
        self.distinctCharacterCount = distinctCharacterCount
    }

    /// What kind of failure this is: always ``Code/tooWeak``.
    public var code: Code { .tooWeak }

    /// Nothing caused it but the passphrase itself: always `nil`.
    public var underlying: (any Error)? { nil }

    /// Says what is too weak, what is needed and why; never shows the passphrase.
    public var message: String {
        "The new passphrase is too weak: it has \(characterCount) character\(characterCount == 1 ? "" : "s")"
            + " (\(distinctCharacterCount) different). A new passphrase needs at least"
            + " \(PassphraseStrength.minimumCharacterCount) characters, at least"
            + " \(PassphraseStrength.minimumDistinctCharacterCount) of them different: a few unrelated words work well."
            + " It alone protects the private key: anyone who copies the key file can guess passphrases offline."
            + " Nothing was written."
    }
}

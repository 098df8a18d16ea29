import CSodium

/// One-time libsodium initialisation.
///
/// `sodium_init()` is idempotent and thread-safe; calling it once through a lazily initialised
/// static keeps every entry point cheap. It selects the fastest implementation of each primitive
/// for this CPU and opens the entropy source, so every entry point that reaches libsodium calls
/// ``ensureInitialized()`` (or ``prepare()`` where no randomness is involved) first.
enum Sodium {
    private static let initialisationResult: Int32 = sodium_init()

    static func ensureInitialized() throws(CryptoError) {
        guard initialisationResult >= 0 else { throw .libsodiumUnavailable }
    }

    /// Initialises for deterministic primitives (hashing), which work even if the entropy source
    /// failed to open.
    static func prepare() {
        _ = initialisationResult
    }
}

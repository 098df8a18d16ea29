/// The error protocol every CallVault module's errors conform to.
///
/// Each module throws its own enum (for example `EnvelopeError` in CallVaultCrypto). They share this
/// protocol so a host can log any of them the same way: `description` is a full sentence that says
/// what went wrong and what to do about it, and never contains key material or recorded content.
public protocol CallVaultError: Error, CustomStringConvertible, Sendable {}

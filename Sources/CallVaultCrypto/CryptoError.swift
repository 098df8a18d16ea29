public import CallVaultCore

/// Errors from keys, identity files, recipients, wrapping, signing and hashing.
///
/// Every case's ``description`` says what went wrong and what to do next. None of them carries
/// secret material.
public enum CryptoError: CallVaultError, Equatable {
    /// libsodium could not initialise (no entropy source, or a broken installation).
    case libsodiumUnavailable
    /// The guarded heap could not provide memory for secret material.
    case secureMemoryUnavailable(byteCount: Int)
    /// Raw key bytes of the wrong length were supplied.
    case invalidKeyLength(kind: String, expected: Int, actual: Int)
    /// A recipient string could not be parsed.
    case malformedRecipient(reason: String)
    /// A recipient fingerprint could not be parsed.
    case malformedFingerprint(String)
    /// An identity file could not be parsed.
    case malformedIdentityFile(reason: String)
    /// An identity file uses a format version this build does not read.
    case unsupportedIdentityFileVersion(Int)
    /// An identity file asks for key-derivation work outside the bounds this build accepts.
    case identityFileParametersOutOfRange(reason: String)
    /// The passphrase does not open the identity file (or the file was altered).
    case wrongPassphrase
    /// The identity file decrypted, but its stored recipient does not match its private key.
    case identityFileInconsistent
    /// An empty passphrase was offered for sealing an identity.
    case emptyPassphrase
    /// Argon2id could not run (usually: not enough memory for the file's memory limit).
    case passphraseHashingFailed(memoryBytes: UInt64)
    /// The recipient's public key is not usable for key agreement (a low-order point).
    case unusableRecipientKey(RecipientFingerprint)
    /// A wrapped data key is not the right length or shape.
    case malformedWrappedKey(reason: String)
    /// A wrap made for one recipient was offered to another identity.
    case wrapForOtherRecipient(wrap: RecipientFingerprint, identity: RecipientFingerprint)
    /// The wrap names this identity but does not open with it: the wrap was altered.
    case wrapDoesNotOpen(RecipientFingerprint)
    /// The wrap opened, but it was made for a different recording.
    case wrapBoundToOtherRecording(expected: RecordingID, found: RecordingID)
    /// A signature or verifying key is not the right length.
    case malformedSignatureMaterial(reason: String)
    /// A signature does not verify over the given message with the given key.
    case signatureInvalid
    /// A hashing parameter (output length, key length) is outside what BLAKE2b allows.
    case invalidHashParameters(reason: String)
    /// A libsodium function reported a failure; nothing it produced was used.
    case libsodiumFailed(operation: String)

    /// A sentence saying what went wrong and what to do next.
    public var description: String {
        switch self {
        case .libsodiumUnavailable:
            "libsodium failed to initialise; check that libsodium (1.0.18 or later) is installed and that the system has an entropy source."
        case .secureMemoryUnavailable(let byteCount):
            "Could not allocate \(byteCount) bytes of locked memory for secrets; raise the memory-lock limit (ulimit -l) or free memory, then retry."
        case .invalidKeyLength(let kind, let expected, let actual):
            "A \(kind) must be \(expected) bytes, but \(actual) bytes were given."
        case .malformedRecipient(let reason):
            "Not a valid CallVault recipient: \(reason). Copy the whole 'callvault1...' string from the .pub file that 'callvault keygen' wrote."
        case .malformedFingerprint(let text):
            "'\(text)' is not a recipient fingerprint: expected 32 hexadecimal digits as 'callvault inspect' prints them."
        case .malformedIdentityFile(let reason):
            "The identity file is damaged or not an identity file: \(reason). Use the file written by 'callvault keygen', not its .pub companion."
        case .unsupportedIdentityFileVersion(let version):
            "The identity file uses format version \(version), which this build does not read; upgrade CallVault."
        case .identityFileParametersOutOfRange(let reason):
            "The identity file's key-derivation parameters are out of range (\(reason)); the file was altered or written by an incompatible tool."
        case .wrongPassphrase:
            "The passphrase does not open this identity file (or the file was altered). Check CALLVAULT_PASSPHRASE or retype it."
        case .identityFileInconsistent:
            "The identity file's stored recipient does not match its private key: the file was altered. Restore it from a backup."
        case .emptyPassphrase:
            "An identity file needs a non-empty passphrase; set CALLVAULT_PASSPHRASE or type one at the prompt."
        case .passphraseHashingFailed(let memoryBytes):
            "Argon2id could not run with a \(memoryBytes / 1_048_576) MiB memory limit; free memory and retry."
        case .unusableRecipientKey(let fingerprint):
            "Recipient \(fingerprint) has an unusable public key (a low-order point); ask its owner for a fresh 'callvault keygen' recipient."
        case .malformedWrappedKey(let reason):
            "A wrapped data key is malformed: \(reason)."
        case .wrapForOtherRecipient(let wrap, let identity):
            "This key wrap is for recipient \(wrap), not for the identity offered (\(identity)); use the matching identity."
        case .wrapDoesNotOpen(let fingerprint):
            "The key wrap for recipient \(fingerprint) does not open with its identity: the wrap was altered or damaged."
        case .wrapBoundToOtherRecording(let expected, let found):
            "The key wrap belongs to recording \(found), not to recording \(expected): wraps cannot be moved between recordings."
        case .malformedSignatureMaterial(let reason):
            "Malformed signature material: \(reason)."
        case .signatureInvalid:
            "The signature does not verify: the signed data or the signature was altered, or a different key signed it."
        case .invalidHashParameters(let reason):
            "Invalid BLAKE2b parameters: \(reason)."
        case .libsodiumFailed(let operation):
            "libsodium's \(operation) reported a failure, so nothing it produced was used and nothing was written. Its parameters were out of range or the libsodium installation is broken: reinstall libsodium (1.0.18 or later) and retry."
        }
    }
}

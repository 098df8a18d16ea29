public import CallVaultCore

/// Errors from keys, identity files, recipients, wrapping, signing and hashing.
///
/// Every ``message`` says what went wrong and what to do next. None of them carries
/// secret material.
///
/// Opening an envelope whose header was altered can give ``Code/wrapBoundToOtherRecording`` (the
/// recording id was changed, so the wrap's binding fails before the header's MAC is checked) or
/// ``Code/wrapDoesNotOpen`` (the identity's own wrap was changed), besides the
/// ``EnvelopeError`` codes its documentation lists for an altered header.
public struct CryptoError: CallVaultError, Equatable, CallVaultReasonedError {
    /// The stable codes of ``CryptoError``.
    public struct Code: CallVaultErrorCode {
        /// The error type these codes belong to.
        public typealias Owner = CryptoError
        /// The code's stable text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// libsodium could not initialise (no entropy source, or a broken installation).
        public static let libsodiumUnavailable = Code("crypto.libsodium-unavailable")
        /// The guarded heap could not provide memory for secret material.
        public static let secureMemoryUnavailable = Code("crypto.secure-memory-unavailable")
        /// Raw key bytes of the wrong length were supplied.
        public static let invalidKeyLength = Code("crypto.invalid-key-length")
        /// A recipient string could not be parsed.
        public static let malformedRecipient = Code("crypto.malformed-recipient")
        /// A recipient fingerprint could not be parsed.
        public static let malformedFingerprint = Code("crypto.malformed-fingerprint")
        /// An identity file could not be parsed.
        public static let malformedIdentityFile = Code("crypto.malformed-identity-file")
        /// An identity file uses a format version this build does not read.
        public static let unsupportedIdentityFileVersion = Code("crypto.unsupported-identity-file-version")
        /// An identity file asks for key-derivation work outside the bounds this build accepts.
        public static let identityFileParametersOutOfRange = Code("crypto.identity-file-parameters-out-of-range")
        /// The passphrase does not open the identity file (or the file was altered).
        public static let wrongPassphrase = Code("crypto.wrong-passphrase")
        /// The identity file decrypted, but its stored recipient does not match its private key.
        public static let identityFileInconsistent = Code("crypto.identity-file-inconsistent")
        /// An empty passphrase was offered for sealing an identity.
        public static let emptyPassphrase = Code("crypto.empty-passphrase")
        /// Argon2id could not run (usually: not enough memory for the file's memory limit).
        public static let passphraseHashingFailed = Code("crypto.passphrase-hashing-failed")
        /// The recipient's public key is not usable for key agreement (a low-order point).
        public static let unusableRecipientKey = Code("crypto.unusable-recipient-key")
        /// A wrapped data key is not the right length or shape.
        public static let malformedWrappedKey = Code("crypto.malformed-wrapped-key")
        /// A wrap made for one recipient was offered to another identity.
        public static let wrapForOtherRecipient = Code("crypto.wrap-for-other-recipient")
        /// The wrap names this identity but does not open with it: the wrap was altered.
        public static let wrapDoesNotOpen = Code("crypto.wrap-does-not-open")
        /// The wrap opened, but it was made for a different recording.
        public static let wrapBoundToOtherRecording = Code("crypto.wrap-bound-to-other-recording")
        /// A signature or verifying key is not the right length.
        public static let malformedSignatureMaterial = Code("crypto.malformed-signature-material")
        /// A signature does not verify over the given message with the given key.
        public static let signatureInvalid = Code("crypto.signature-invalid")
        /// A hashing parameter (output length, key length) is outside what BLAKE2b allows.
        public static let invalidHashParameters = Code("crypto.invalid-hash-parameters")
        /// A libsodium function reported a failure; nothing it produced was used.
        public static let libsodiumFailed = Code("crypto.libsodium-failed")

        /// Every code of this type.
        public static let all: [Code] = [
            libsodiumUnavailable, secureMemoryUnavailable, invalidKeyLength, malformedRecipient, malformedFingerprint,
            malformedIdentityFile, unsupportedIdentityFileVersion, identityFileParametersOutOfRange, wrongPassphrase,
            identityFileInconsistent, emptyPassphrase, passphraseHashingFailed, unusableRecipientKey,
            malformedWrappedKey, wrapForOtherRecipient, wrapDoesNotOpen, wrapBoundToOtherRecording,
            malformedSignatureMaterial, signatureInvalid, invalidHashParameters, libsodiumFailed,
        ]
    }

    /// What happened, with its details; the package's own code switches over it.
    package enum Reason: Equatable, Sendable {
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
    }

    /// What happened, with its details.
    package let reason: Reason
    /// The error that caused this one, if any.
    public let underlying: (any Error)?

    /// Creates an error from its reason and cause.
    package init(_ reason: Reason, underlying: (any Error)? = nil) {
        self.reason = reason
        self.underlying = underlying
    }

    /// What kind of failure this is.
    public var code: Code {
        switch reason {
        case .libsodiumUnavailable: .libsodiumUnavailable
        case .secureMemoryUnavailable: .secureMemoryUnavailable
        case .invalidKeyLength: .invalidKeyLength
        case .malformedRecipient: .malformedRecipient
        case .malformedFingerprint: .malformedFingerprint
        case .malformedIdentityFile: .malformedIdentityFile
        case .unsupportedIdentityFileVersion: .unsupportedIdentityFileVersion
        case .identityFileParametersOutOfRange: .identityFileParametersOutOfRange
        case .wrongPassphrase: .wrongPassphrase
        case .identityFileInconsistent: .identityFileInconsistent
        case .emptyPassphrase: .emptyPassphrase
        case .passphraseHashingFailed: .passphraseHashingFailed
        case .unusableRecipientKey: .unusableRecipientKey
        case .malformedWrappedKey: .malformedWrappedKey
        case .wrapForOtherRecipient: .wrapForOtherRecipient
        case .wrapDoesNotOpen: .wrapDoesNotOpen
        case .wrapBoundToOtherRecording: .wrapBoundToOtherRecording
        case .malformedSignatureMaterial: .malformedSignatureMaterial
        case .signatureInvalid: .signatureInvalid
        case .invalidHashParameters: .invalidHashParameters
        case .libsodiumFailed: .libsodiumFailed
        }
    }

    /// A sentence saying what went wrong and what to do next.
    public var message: String {
        switch reason {
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

    /// libsodium could not initialise (no entropy source, or a broken installation).
    public static var libsodiumUnavailable: CryptoError { CryptoError(.libsodiumUnavailable) }

    /// The guarded heap could not provide memory for secret material.
    public static func secureMemoryUnavailable(byteCount: Int) -> CryptoError {
        CryptoError(.secureMemoryUnavailable(byteCount: byteCount))
    }
    /// The code for ``secureMemoryUnavailable(byteCount:)``, for `catch CryptoError.secureMemoryUnavailable`.
    public static let secureMemoryUnavailable = Code.secureMemoryUnavailable

    /// Raw key bytes of the wrong length were supplied.
    public static func invalidKeyLength(kind: String, expected: Int, actual: Int) -> CryptoError {
        CryptoError(.invalidKeyLength(kind: kind, expected: expected, actual: actual))
    }
    /// The code for ``invalidKeyLength(kind:expected:actual:)``, for `catch CryptoError.invalidKeyLength`.
    public static let invalidKeyLength = Code.invalidKeyLength

    /// A recipient string could not be parsed.
    public static func malformedRecipient(reason: String) -> CryptoError {
        CryptoError(.malformedRecipient(reason: reason))
    }
    /// The code for ``malformedRecipient(reason:)``, for `catch CryptoError.malformedRecipient`.
    public static let malformedRecipient = Code.malformedRecipient

    /// A recipient fingerprint could not be parsed.
    public static func malformedFingerprint(_ text: String) -> CryptoError { CryptoError(.malformedFingerprint(text)) }
    /// The code for ``malformedFingerprint(_:)``, for `catch CryptoError.malformedFingerprint`.
    public static let malformedFingerprint = Code.malformedFingerprint

    /// An identity file could not be parsed.
    public static func malformedIdentityFile(reason: String) -> CryptoError {
        CryptoError(.malformedIdentityFile(reason: reason))
    }
    /// The code for ``malformedIdentityFile(reason:)``, for `catch CryptoError.malformedIdentityFile`.
    public static let malformedIdentityFile = Code.malformedIdentityFile

    /// An identity file uses a format version this build does not read.
    public static func unsupportedIdentityFileVersion(_ value: Int) -> CryptoError {
        CryptoError(.unsupportedIdentityFileVersion(value))
    }
    /// The code for ``unsupportedIdentityFileVersion(_:)``, for `catch CryptoError.unsupportedIdentityFileVersion`.
    public static let unsupportedIdentityFileVersion = Code.unsupportedIdentityFileVersion

    /// An identity file asks for key-derivation work outside the bounds this build accepts.
    public static func identityFileParametersOutOfRange(reason: String) -> CryptoError {
        CryptoError(.identityFileParametersOutOfRange(reason: reason))
    }
    /// The code for ``identityFileParametersOutOfRange(reason:)``, for `catch CryptoError.identityFileParametersOutOfRange`.
    public static let identityFileParametersOutOfRange = Code.identityFileParametersOutOfRange

    /// The passphrase does not open the identity file (or the file was altered).
    public static var wrongPassphrase: CryptoError { CryptoError(.wrongPassphrase) }

    /// The identity file decrypted, but its stored recipient does not match its private key.
    public static var identityFileInconsistent: CryptoError { CryptoError(.identityFileInconsistent) }

    /// An empty passphrase was offered for sealing an identity.
    public static var emptyPassphrase: CryptoError { CryptoError(.emptyPassphrase) }

    /// Argon2id could not run (usually: not enough memory for the file's memory limit).
    public static func passphraseHashingFailed(memoryBytes: UInt64) -> CryptoError {
        CryptoError(.passphraseHashingFailed(memoryBytes: memoryBytes))
    }
    /// The code for ``passphraseHashingFailed(memoryBytes:)``, for `catch CryptoError.passphraseHashingFailed`.
    public static let passphraseHashingFailed = Code.passphraseHashingFailed

    /// The recipient's public key is not usable for key agreement (a low-order point).
    public static func unusableRecipientKey(_ recipientFingerprint: RecipientFingerprint) -> CryptoError {
        CryptoError(.unusableRecipientKey(recipientFingerprint))
    }
    /// The code for ``unusableRecipientKey(_:)``, for `catch CryptoError.unusableRecipientKey`.
    public static let unusableRecipientKey = Code.unusableRecipientKey

    /// A wrapped data key is not the right length or shape.
    public static func malformedWrappedKey(reason: String) -> CryptoError {
        CryptoError(.malformedWrappedKey(reason: reason))
    }
    /// The code for ``malformedWrappedKey(reason:)``, for `catch CryptoError.malformedWrappedKey`.
    public static let malformedWrappedKey = Code.malformedWrappedKey

    /// A wrap made for one recipient was offered to another identity.
    public static func wrapForOtherRecipient(wrap: RecipientFingerprint, identity: RecipientFingerprint) -> CryptoError
    { CryptoError(.wrapForOtherRecipient(wrap: wrap, identity: identity)) }
    /// The code for ``wrapForOtherRecipient(wrap:identity:)``, for `catch CryptoError.wrapForOtherRecipient`.
    public static let wrapForOtherRecipient = Code.wrapForOtherRecipient

    /// The wrap names this identity but does not open with it: the wrap was altered.
    public static func wrapDoesNotOpen(_ recipientFingerprint: RecipientFingerprint) -> CryptoError {
        CryptoError(.wrapDoesNotOpen(recipientFingerprint))
    }
    /// The code for ``wrapDoesNotOpen(_:)``, for `catch CryptoError.wrapDoesNotOpen`.
    public static let wrapDoesNotOpen = Code.wrapDoesNotOpen

    /// The wrap opened, but it was made for a different recording.
    public static func wrapBoundToOtherRecording(expected: RecordingID, found: RecordingID) -> CryptoError {
        CryptoError(.wrapBoundToOtherRecording(expected: expected, found: found))
    }
    /// The code for ``wrapBoundToOtherRecording(expected:found:)``, for `catch CryptoError.wrapBoundToOtherRecording`.
    public static let wrapBoundToOtherRecording = Code.wrapBoundToOtherRecording

    /// A signature or verifying key is not the right length.
    public static func malformedSignatureMaterial(reason: String) -> CryptoError {
        CryptoError(.malformedSignatureMaterial(reason: reason))
    }
    /// The code for ``malformedSignatureMaterial(reason:)``, for `catch CryptoError.malformedSignatureMaterial`.
    public static let malformedSignatureMaterial = Code.malformedSignatureMaterial

    /// A signature does not verify over the given message with the given key.
    public static var signatureInvalid: CryptoError { CryptoError(.signatureInvalid) }

    /// A hashing parameter (output length, key length) is outside what BLAKE2b allows.
    public static func invalidHashParameters(reason: String) -> CryptoError {
        CryptoError(.invalidHashParameters(reason: reason))
    }
    /// The code for ``invalidHashParameters(reason:)``, for `catch CryptoError.invalidHashParameters`.
    public static let invalidHashParameters = Code.invalidHashParameters

    /// A libsodium function reported a failure; nothing it produced was used.
    public static func libsodiumFailed(operation: String) -> CryptoError {
        CryptoError(.libsodiumFailed(operation: operation))
    }
    /// The code for ``libsodiumFailed(operation:)``, for `catch CryptoError.libsodiumFailed`.
    public static let libsodiumFailed = Code.libsodiumFailed
}

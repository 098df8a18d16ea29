public import CallVaultCore

/// Errors from writing and reading recording envelopes.
///
/// The codes separate the situations an operator must tell apart: tampering (which part, which
/// segment), truncation (how many segments are intact), the wrong key (which recipients could open
/// it) and a format this build does not read. Every ``message`` says what to do next.
///
/// An altered header is reported by the first check the changed field reaches, so it is not
/// always ``Code/headerTampered``: it can also be ``Code/notAnEnvelope``,
/// ``Code/unsupportedFormatVersion``, ``Code/unsupportedAlgorithm``, ``Code/malformedHeader``,
/// ``Code/headerTruncated``, ``Code/noEmbeddedWraps``, ``Code/noMatchingRecipient``,
/// ``Code/keyCommitmentMismatch`` or ``Code/endMarkerTampered``, or a ``CryptoError`` with code
/// ``CryptoError/Code/wrapBoundToOtherRecording`` (a changed recording id) or
/// ``CryptoError/Code/wrapDoesNotOpen`` (a changed wrap). A host that restores every altered
/// file from backup matches all of them (Documentation/ErrorHandling.md, "An altered header").
public struct EnvelopeError: CallVaultError, Equatable, CallVaultReasonedError {
    /// The stable codes of ``EnvelopeError``.
    public struct Code: CallVaultErrorCode {
        /// The error type these codes belong to.
        public typealias Owner = EnvelopeError
        /// The code's stable text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// The bytes do not start with the envelope magic: not a CallVault envelope at all.
        public static let notAnEnvelope = Code("envelope.not-an-envelope")
        /// The envelope uses a format version this build does not read.
        public static let unsupportedFormatVersion = Code("envelope.unsupported-format-version")
        /// The envelope uses a cipher suite this build does not implement.
        public static let unsupportedAlgorithm = Code("envelope.unsupported-algorithm")
        /// A header field is malformed or out of range.
        public static let malformedHeader = Code("envelope.malformed-header")
        /// The input ends inside the header.
        public static let headerTruncated = Code("envelope.header-truncated")
        /// None of the envelope's wraps is for the identity offered: the wrong key.
        public static let noMatchingRecipient = Code("envelope.no-matching-recipient")
        /// The header holds no wraps: this recording keeps its wrapped keys in a key store.
        public static let noEmbeddedWraps = Code("envelope.no-embedded-wraps")
        /// The data key does not match the key commitment in the header.
        public static let keyCommitmentMismatch = Code("envelope.key-commitment-mismatch")
        /// The header's MAC does not verify: a header field was changed.
        public static let headerTampered = Code("envelope.header-tampered")
        /// A segment failed authentication: it was changed, moved, repeated or taken from another recording.
        public static let segmentTampered = Code("envelope.segment-tampered")
        /// The end marker is present but contradicts the header or the file's length.
        public static let endMarkerTampered = Code("envelope.end-marker-tampered")
        /// The recording ends early: `intactSegments` segments verified, then the end is missing.
        public static let truncated = Code("envelope.truncated")
        /// A segment index past the end was requested.
        public static let segmentOutOfRange = Code("envelope.segment-out-of-range")
        /// A time range was requested from an envelope without a sample-based media format.
        public static let noMediaFormat = Code("envelope.no-media-format")
        /// A requested byte or time range lies outside the recording.
        public static let rangeOutOfBounds = Code("envelope.range-out-of-bounds")
        /// Writer settings are invalid.
        public static let invalidConfiguration = Code("envelope.invalid-configuration")
        /// More recipients than the format allows.
        public static let tooManyRecipients = Code("envelope.too-many-recipients")
        /// No recipient was given, or all would be removed: nobody could open the recording.
        public static let noRecipients = Code("envelope.no-recipients")
        /// A recipient given twice, or added when already present.
        public static let duplicateRecipient = Code("envelope.duplicate-recipient")
        /// A recipient to remove is not among the envelope's recipients.
        public static let recipientNotFound = Code("envelope.recipient-not-found")
        /// The writer received a different number of bytes than its configuration declared.
        public static let lengthMismatch = Code("envelope.length-mismatch")
        /// The writer was used after ``EnvelopeWriter/finish()`` or after an output error.
        public static let writerClosed = Code("envelope.writer-closed")

        /// Every code of this type.
        public static let all: [Code] = [
            notAnEnvelope, unsupportedFormatVersion, unsupportedAlgorithm, malformedHeader, headerTruncated,
            noMatchingRecipient, noEmbeddedWraps, keyCommitmentMismatch, headerTampered, segmentTampered,
            endMarkerTampered, truncated, segmentOutOfRange, noMediaFormat, rangeOutOfBounds, invalidConfiguration,
            tooManyRecipients, noRecipients, duplicateRecipient, recipientNotFound, lengthMismatch, writerClosed,
        ]
    }

    /// What happened, with its details; the package's own code switches over it.
    package enum Reason: Equatable, Sendable {
        /// The bytes do not start with the envelope magic: not a CallVault envelope at all.
        case notAnEnvelope
        /// The envelope uses a format version this build does not read.
        case unsupportedFormatVersion(UInt16)
        /// The envelope uses a cipher suite this build does not implement.
        case unsupportedAlgorithm(EnvelopeAlgorithm)
        /// A header field is malformed or out of range.
        case malformedHeader(reason: String)
        /// The input ends inside the header.
        case headerTruncated(needed: UInt64, available: UInt64)
        /// None of the envelope's wraps is for the identity offered: the wrong key.
        case noMatchingRecipient(identity: RecipientFingerprint, recipients: [RecipientFingerprint])
        /// The header holds no wraps: this recording keeps its wrapped keys in a key store.
        case noEmbeddedWraps
        /// The data key does not match the key commitment in the header.
        case keyCommitmentMismatch
        /// The header's MAC does not verify: a header field was changed.
        case headerTampered
        /// A segment failed authentication: it was changed, moved, repeated or taken from another recording.
        case segmentTampered(index: Int)
        /// The end marker is present but contradicts the header or the file's length.
        case endMarkerTampered(reason: String)
        /// The recording ends early: `intactSegments` segments verified, then the end is missing.
        case truncated(intactSegments: Int, trailingBytes: Int)
        /// A segment index past the end was requested.
        case segmentOutOfRange(index: Int, segmentCount: Int)
        /// A time range was requested from an envelope without a sample-based media format.
        case noMediaFormat
        /// A requested byte or time range lies outside the recording.
        case rangeOutOfBounds(reason: String)
        /// Writer settings are invalid.
        case invalidConfiguration(reason: String)
        /// More recipients than the format allows.
        case tooManyRecipients(count: Int, limit: Int)
        /// No recipient was given, or all would be removed: nobody could open the recording.
        case noRecipients
        /// A recipient given twice, or added when already present.
        case duplicateRecipient(RecipientFingerprint)
        /// A recipient to remove is not among the envelope's recipients.
        case recipientNotFound(RecipientFingerprint)
        /// The writer received a different number of bytes than its configuration declared.
        case lengthMismatch(declared: UInt64, actual: UInt64)
        /// The writer was used after ``EnvelopeWriter/finish()`` or after an output error.
        case writerClosed
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
        case .notAnEnvelope: .notAnEnvelope
        case .unsupportedFormatVersion: .unsupportedFormatVersion
        case .unsupportedAlgorithm: .unsupportedAlgorithm
        case .malformedHeader: .malformedHeader
        case .headerTruncated: .headerTruncated
        case .noMatchingRecipient: .noMatchingRecipient
        case .noEmbeddedWraps: .noEmbeddedWraps
        case .keyCommitmentMismatch: .keyCommitmentMismatch
        case .headerTampered: .headerTampered
        case .segmentTampered: .segmentTampered
        case .endMarkerTampered: .endMarkerTampered
        case .truncated: .truncated
        case .segmentOutOfRange: .segmentOutOfRange
        case .noMediaFormat: .noMediaFormat
        case .rangeOutOfBounds: .rangeOutOfBounds
        case .invalidConfiguration: .invalidConfiguration
        case .tooManyRecipients: .tooManyRecipients
        case .noRecipients: .noRecipients
        case .duplicateRecipient: .duplicateRecipient
        case .recipientNotFound: .recipientNotFound
        case .lengthMismatch: .lengthMismatch
        case .writerClosed: .writerClosed
        }
    }

    /// The segment that failed authentication, for ``Code/segmentTampered``: nothing from it on
    /// can be trusted. `nil` for every other code.
    public var tamperedSegment: Int? {
        guard case .segmentTampered(let index) = reason else { return nil }
        return index
    }

    /// How many segments verified intact before the recording ends early, for ``Code/truncated``:
    /// that many can be kept. `nil` for every other code.
    public var intactSegments: Int? {
        guard case .truncated(let intactSegments, _) = reason else { return nil }
        return intactSegments
    }

    /// The recipients who can open the envelope, for ``Code/noMatchingRecipient`` (the wrong key):
    /// ask one of them. `nil` for every other code.
    public var recipients: [RecipientFingerprint]? {
        guard case .noMatchingRecipient(_, let recipients) = reason else { return nil }
        return recipients
    }

    /// A sentence saying what went wrong and what to do next.
    public var message: String {
        switch reason {
        case .notAnEnvelope:
            "This is not a CallVault envelope (its first bytes are not the envelope magic). Check the file name."
        case .unsupportedFormatVersion(let version):
            "The envelope uses format version \(version); this build reads version \(EnvelopeFormat.version). Upgrade CallVault to open it."
        case .unsupportedAlgorithm(let algorithm):
            "The envelope uses cipher suite \(algorithm), which this build does not implement. Upgrade CallVault to open it."
        case .malformedHeader(let reason):
            "The envelope header is malformed: \(reason). The file is damaged or was not written by CallVault."
        case .headerTruncated(let needed, let available):
            "The envelope ends inside its header (\(available) of \(needed) bytes present): the file was cut short before any audio; nothing is recoverable."
        case .noMatchingRecipient(let identity, let recipients):
            "Wrong key: this recording is not encrypted to the identity offered (\(identity)). It can be opened by: \(recipients.map(\.description).joined(separator: ", "))."
        case .noEmbeddedWraps:
            "The envelope holds no wrapped keys in its header; its keys are kept in a key store. Open it through the key store's custodian."
        case .keyCommitmentMismatch:
            "The data key does not match the envelope's key commitment: the key or the header belongs to another recording, or was altered."
        case .headerTampered:
            "The envelope header failed authentication: a header field was altered. Do not trust this file; restore it from a backup."
        case .segmentTampered(let index):
            "Segment \(index) failed authentication: it was altered, reordered, duplicated or spliced in from another recording. "
                + (index == 0
                    ? "No part of it can be trusted; restore the file from a backup."
                    : "Nothing after segment \(index - 1) can be trusted; restore the file from a backup.")
        case .endMarkerTampered(let reason):
            "The envelope's end marker was altered: \(reason). Restore the file from a backup."
        case .truncated(let intactSegments, let trailingBytes):
            "The recording is incomplete: \(intactSegments) segment\(intactSegments == 1 ? "" : "s") verified intact, then it ends without a whole end marker (\(trailingBytes) trailing byte\(trailingBytes == 1 ? "" : "s") of an unfinished segment or end marker). It was cut short, for example by a crash; open it with --allow-incomplete to keep the verified part."
        case .segmentOutOfRange(let index, let segmentCount):
            "Segment \(index) does not exist: the envelope has \(segmentCount) readable segment\(segmentCount == 1 ? "" : "s")."
        case .noMediaFormat:
            "This envelope has no sample-based media format in its header, so it cannot be read by time; read it whole or by byte range."
        case .rangeOutOfBounds(let reason):
            "The requested range is outside the recording: \(reason)."
        case .invalidConfiguration(let reason):
            "Invalid envelope settings: \(reason)."
        case .tooManyRecipients(let count, let limit):
            "\(count) recipients requested; an envelope holds at most \(limit). Use a group identity for large audiences."
        case .noRecipients:
            "An envelope needs at least one recipient, or nobody could ever open it."
        case .duplicateRecipient(let fingerprint):
            "Recipient \(fingerprint) is already a recipient of this envelope."
        case .recipientNotFound(let fingerprint):
            "Recipient \(fingerprint) is not a recipient of this envelope; 'callvault inspect' lists them."
        case .lengthMismatch(let declared, let actual):
            "The writer was told to expect \(declared) bytes but received \(actual): the input changed while it was being sealed. Seal it again."
        case .writerClosed:
            "The envelope writer is closed (finished, or stopped by an earlier output error); start a new recording."
        }
    }

    /// The bytes do not start with the envelope magic: not a CallVault envelope at all.
    public static var notAnEnvelope: EnvelopeError { EnvelopeError(.notAnEnvelope) }

    /// The envelope uses a format version this build does not read.
    public static func unsupportedFormatVersion(_ value: UInt16) -> EnvelopeError {
        EnvelopeError(.unsupportedFormatVersion(value))
    }
    /// The code for ``unsupportedFormatVersion(_:)``, for `catch EnvelopeError.unsupportedFormatVersion`.
    public static let unsupportedFormatVersion = Code.unsupportedFormatVersion

    /// The envelope uses a cipher suite this build does not implement.
    public static func unsupportedAlgorithm(_ envelopeAlgorithm: EnvelopeAlgorithm) -> EnvelopeError {
        EnvelopeError(.unsupportedAlgorithm(envelopeAlgorithm))
    }
    /// The code for ``unsupportedAlgorithm(_:)``, for `catch EnvelopeError.unsupportedAlgorithm`.
    public static let unsupportedAlgorithm = Code.unsupportedAlgorithm

    /// A header field is malformed or out of range.
    public static func malformedHeader(reason: String) -> EnvelopeError {
        EnvelopeError(.malformedHeader(reason: reason))
    }
    /// The code for ``malformedHeader(reason:)``, for `catch EnvelopeError.malformedHeader`.
    public static let malformedHeader = Code.malformedHeader

    /// The input ends inside the header.
    public static func headerTruncated(needed: UInt64, available: UInt64) -> EnvelopeError {
        EnvelopeError(.headerTruncated(needed: needed, available: available))
    }
    /// The code for ``headerTruncated(needed:available:)``, for `catch EnvelopeError.headerTruncated`.
    public static let headerTruncated = Code.headerTruncated

    /// None of the envelope's wraps is for the identity offered: the wrong key.
    public static func noMatchingRecipient(identity: RecipientFingerprint, recipients: [RecipientFingerprint])
        -> EnvelopeError
    { EnvelopeError(.noMatchingRecipient(identity: identity, recipients: recipients)) }
    /// The code for ``noMatchingRecipient(identity:recipients:)``, for `catch EnvelopeError.noMatchingRecipient`.
    public static let noMatchingRecipient = Code.noMatchingRecipient

    /// The header holds no wraps: this recording keeps its wrapped keys in a key store.
    public static var noEmbeddedWraps: EnvelopeError { EnvelopeError(.noEmbeddedWraps) }

    /// The data key does not match the key commitment in the header.
    public static var keyCommitmentMismatch: EnvelopeError { EnvelopeError(.keyCommitmentMismatch) }

    /// The header's MAC does not verify: a header field was changed.
    public static var headerTampered: EnvelopeError { EnvelopeError(.headerTampered) }

    /// A segment failed authentication: it was changed, moved, repeated or taken from another recording.
    public static func segmentTampered(index: Int) -> EnvelopeError { EnvelopeError(.segmentTampered(index: index)) }
    /// The code for ``segmentTampered(index:)``, for `catch EnvelopeError.segmentTampered`.
    public static let segmentTampered = Code.segmentTampered

    /// The end marker is present but contradicts the header or the file's length.
    public static func endMarkerTampered(reason: String) -> EnvelopeError {
        EnvelopeError(.endMarkerTampered(reason: reason))
    }
    /// The code for ``endMarkerTampered(reason:)``, for `catch EnvelopeError.endMarkerTampered`.
    public static let endMarkerTampered = Code.endMarkerTampered

    /// The recording ends early: `intactSegments` segments verified, then the end is missing.
    public static func truncated(intactSegments: Int, trailingBytes: Int) -> EnvelopeError {
        EnvelopeError(.truncated(intactSegments: intactSegments, trailingBytes: trailingBytes))
    }
    /// The code for ``truncated(intactSegments:trailingBytes:)``, for `catch EnvelopeError.truncated`.
    public static let truncated = Code.truncated

    /// A segment index past the end was requested.
    public static func segmentOutOfRange(index: Int, segmentCount: Int) -> EnvelopeError {
        EnvelopeError(.segmentOutOfRange(index: index, segmentCount: segmentCount))
    }
    /// The code for ``segmentOutOfRange(index:segmentCount:)``, for `catch EnvelopeError.segmentOutOfRange`.
    public static let segmentOutOfRange = Code.segmentOutOfRange

    /// A time range was requested from an envelope without a sample-based media format.
    public static var noMediaFormat: EnvelopeError { EnvelopeError(.noMediaFormat) }

    /// A requested byte or time range lies outside the recording.
    public static func rangeOutOfBounds(reason: String) -> EnvelopeError {
        EnvelopeError(.rangeOutOfBounds(reason: reason))
    }
    /// The code for ``rangeOutOfBounds(reason:)``, for `catch EnvelopeError.rangeOutOfBounds`.
    public static let rangeOutOfBounds = Code.rangeOutOfBounds

    /// Writer settings are invalid.
    public static func invalidConfiguration(reason: String) -> EnvelopeError {
        EnvelopeError(.invalidConfiguration(reason: reason))
    }
    /// The code for ``invalidConfiguration(reason:)``, for `catch EnvelopeError.invalidConfiguration`.
    public static let invalidConfiguration = Code.invalidConfiguration

    /// More recipients than the format allows.
    public static func tooManyRecipients(count: Int, limit: Int) -> EnvelopeError {
        EnvelopeError(.tooManyRecipients(count: count, limit: limit))
    }
    /// The code for ``tooManyRecipients(count:limit:)``, for `catch EnvelopeError.tooManyRecipients`.
    public static let tooManyRecipients = Code.tooManyRecipients

    /// No recipient was given, or all would be removed: nobody could open the recording.
    public static var noRecipients: EnvelopeError { EnvelopeError(.noRecipients) }

    /// A recipient given twice, or added when already present.
    public static func duplicateRecipient(_ recipientFingerprint: RecipientFingerprint) -> EnvelopeError {
        EnvelopeError(.duplicateRecipient(recipientFingerprint))
    }
    /// The code for ``duplicateRecipient(_:)``, for `catch EnvelopeError.duplicateRecipient`.
    public static let duplicateRecipient = Code.duplicateRecipient

    /// A recipient to remove is not among the envelope's recipients.
    public static func recipientNotFound(_ recipientFingerprint: RecipientFingerprint) -> EnvelopeError {
        EnvelopeError(.recipientNotFound(recipientFingerprint))
    }
    /// The code for ``recipientNotFound(_:)``, for `catch EnvelopeError.recipientNotFound`.
    public static let recipientNotFound = Code.recipientNotFound

    /// The writer received a different number of bytes than its configuration declared.
    public static func lengthMismatch(declared: UInt64, actual: UInt64) -> EnvelopeError {
        EnvelopeError(.lengthMismatch(declared: declared, actual: actual))
    }
    /// The code for ``lengthMismatch(declared:actual:)``, for `catch EnvelopeError.lengthMismatch`.
    public static let lengthMismatch = Code.lengthMismatch

    /// The writer was used after ``EnvelopeWriter/finish()`` or after an output error.
    public static var writerClosed: EnvelopeError { EnvelopeError(.writerClosed) }
}

public import CallVaultCore

/// Errors from writing and reading recording envelopes.
///
/// The cases separate the situations an operator must tell apart: tampering (which part, which
/// segment), truncation (how many segments are intact), the wrong key (which recipients could open
/// it) and a format this build does not read. Every ``description`` says what to do next.
public enum EnvelopeError: CallVaultError, Equatable {
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

    /// A sentence saying what went wrong and what to do next.
    public var description: String {
        switch self {
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
}

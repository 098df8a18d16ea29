public import CallVaultCore
public import CallVaultCrypto
public import Foundation

/// A signed statement that a span of a recording was silenced and the key of the content that
/// held it destroyed: what an auditor asks for after card data was captured by mistake.
public struct RedactionCertificate: SignableDocument {
    /// `callvault-redaction-certificate/1`.
    public static let documentFormat = "callvault-redaction-certificate/1"

    /// The recording.
    public let recordingID: RecordingID
    /// The span silenced, in seconds from the start: from.
    public let fromSeconds: Double
    /// The span silenced, in seconds from the start: to.
    public let toSeconds: Double
    /// The sample frames silenced, from (inclusive) to (exclusive).
    public let frames: [Int64]
    /// Why (for example `card-data`).
    public let reason: String
    /// Who redacted it.
    public let redactedBy: PrincipalID
    /// When.
    public let redactedAt: Date
    /// The key commitment of the content destroyed, hexadecimal.
    public let previousKeyCommitment: String
    /// The key commitment of the new content, hexadecimal.
    public let keyCommitment: String

    /// Creates a certificate's content (``PlaybackService/redact(_:seconds:reason:_:)`` makes them).
    public init(
        recordingID: RecordingID, fromSeconds: Double, toSeconds: Double, frames: [Int64], reason: String,
        redactedBy: PrincipalID, redactedAt: Date, previousKeyCommitment: String, keyCommitment: String
    ) {
        self.recordingID = recordingID
        self.fromSeconds = fromSeconds
        self.toSeconds = toSeconds
        self.frames = frames
        self.reason = reason
        self.redactedBy = redactedBy
        self.redactedAt = redactedAt
        self.previousKeyCommitment = previousKeyCommitment
        self.keyCommitment = keyCommitment
    }
}

/// A signed redaction certificate.
public typealias SignedRedactionCertificate = SignedDocument<RedactionCertificate>

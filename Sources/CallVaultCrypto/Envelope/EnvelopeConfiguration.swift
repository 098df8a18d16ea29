public import CallVaultCore

/// What a new envelope records about itself: identity, segment size, media format, context.
///
/// ```swift
/// let configuration = EnvelopeConfiguration(
///     mediaFormat: MediaFormat(encoding: .muLaw, sampleRate: 8_000, channelCount: 2),
///     context: EnvelopeContext(tenant: "acme", callID: "call-42", channelLayout: ["agent", "customer"]))
/// ```
public struct EnvelopeConfiguration: Hashable, Sendable {
    /// Where a recording's wrapped data keys are kept.
    public enum WrapPlacement: Hashable, Sendable {
        /// In the header: the file opens anywhere with a recipient's identity (portable files).
        case embedded
        /// Outside the file, in a `KeyStore`: deleting them there crypto-shreds every copy of the file.
        case external
    }

    /// The recording's identifier; wraps are bound to it.
    public var recordingID: RecordingID
    /// Plaintext bytes per segment: the most a crash can lose, and the unit of random access.
    public var segmentSize: Int
    /// The audio format, when the plaintext is sample-based audio; enables reading by time.
    public var mediaFormat: MediaFormat?
    /// Tenant, call, channel layout and start time (authenticated, readable without a key).
    public var context: EnvelopeContext
    /// The exact plaintext length, when known in advance (a file); checked when the writer finishes.
    public var declaredPlaintextByteCount: UInt64?
    /// Where the wraps go.
    public var wrapPlacement: WrapPlacement

    /// Creates a configuration. Without a segment size, one second of audio (for a media format
    /// with fixed-size samples) or 64 KiB is used.
    public init(
        recordingID: RecordingID = RecordingID(),
        segmentSize: Int? = nil,
        mediaFormat: MediaFormat? = nil,
        context: EnvelopeContext = EnvelopeContext(),
        declaredPlaintextByteCount: UInt64? = nil,
        wrapPlacement: WrapPlacement = .embedded
    ) {
        self.recordingID = recordingID
        self.segmentSize = segmentSize ?? Self.defaultSegmentSize(for: mediaFormat)
        self.mediaFormat = mediaFormat
        self.context = context
        self.declaredPlaintextByteCount = declaredPlaintextByteCount
        self.wrapPlacement = wrapPlacement
    }

    /// One second of audio for sample-based formats (clamped to 1 KiB...1 MiB, whole frames), 64 KiB otherwise.
    public static func defaultSegmentSize(for mediaFormat: MediaFormat?) -> Int {
        guard let format = mediaFormat, let frame = format.bytesPerFrame, let perSecond = format.bytesPerSecond else {
            return 64 << 10
        }
        let clamped = min(max(perSecond, 1 << 10), 1 << 20)
        return max(clamped / frame * frame, frame)
    }
}

/// What a finished envelope holds.
public struct EnvelopeSummary: Hashable, Sendable {
    /// The header as written (its wraps are empty for external placement).
    public let header: EnvelopeHeader
    /// The wraps, to store in a key store when the placement is external (also listed when embedded).
    public let wraps: [WrappedDataKey]
    /// Segments written, the final one included.
    public let segmentCount: Int
    /// Plaintext bytes sealed.
    public let plaintextByteCount: UInt64
    /// Envelope bytes written: header, segments and end marker.
    public let envelopeByteCount: UInt64
}

extension EnvelopeConfiguration {
    /// The segment size nearest `size` that holds whole `frame`-byte sample frames and is at
    /// least the format's minimum (16 bytes): rounded down, or up when rounding down would go below the
    /// minimum (a size the header itself would refuse).
    package static func wholeFrameSegmentSize(near size: Int, frame: Int) -> Int {
        let down = size / frame * frame
        if down >= EnvelopeFormat.minimumSegmentSize { return down }
        return (EnvelopeFormat.minimumSegmentSize + frame - 1) / frame * frame
    }
}

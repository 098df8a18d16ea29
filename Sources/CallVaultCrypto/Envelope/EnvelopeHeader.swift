public import CallVaultCore

/// The parsed header of a recording envelope.
///
/// The header's *core* (everything up to and including its MAC) is authenticated with a key derived
/// from the data key and commits to that key; the wraps that follow are not covered, so recipients
/// can be added or removed (``EnvelopeReader/rewrappedHeader(adding:removing:)``) without touching
/// the core or the sealed segments. The core keeps its exact bytes so rewrapping reproduces it.
///
/// Read one without a key with ``read(from:)``: `callvault inspect` does.
public struct EnvelopeHeader: Hashable, Sendable {
    /// The format version (1).
    public let formatVersion: UInt16
    /// The cipher suite.
    public let algorithm: EnvelopeAlgorithm
    /// The recording this envelope holds.
    public let recordingID: RecordingID
    /// Plaintext bytes per segment (every segment but the last holds exactly this many).
    public let segmentSize: Int
    /// The plaintext length the writer was told to expect, if it was told.
    public let declaredPlaintextByteCount: UInt64?
    /// The audio format of the plaintext, if it is sample-based audio.
    public let mediaFormat: MediaFormat?
    /// Tenant, call, channel layout and start time.
    public let context: EnvelopeContext
    /// 32 bytes derived from the data key; a key that does not reproduce them is refused.
    public let keyCommitment: [UInt8]
    /// The data key wrapped for each recipient; empty when wraps live in a key store.
    public let wraps: [WrappedDataKey]

    /// The exact authenticated bytes: the fixed prefix through the MAC.
    let core: [UInt8]

    init(
        algorithm: EnvelopeAlgorithm, recordingID: RecordingID, segmentSize: Int,
        declaredPlaintextByteCount: UInt64?, mediaFormat: MediaFormat?, context: EnvelopeContext,
        keyCommitment: [UInt8], wraps: [WrappedDataKey], core: [UInt8]
    ) {
        self.formatVersion = EnvelopeFormat.version
        self.algorithm = algorithm
        self.recordingID = recordingID
        self.segmentSize = segmentSize
        self.declaredPlaintextByteCount = declaredPlaintextByteCount
        self.mediaFormat = mediaFormat
        self.context = context
        self.keyCommitment = keyCommitment
        self.wraps = wraps
        self.core = core
    }

    /// Bytes of the authenticated core (prefix through MAC).
    public var coreByteCount: Int { core.count }

    /// Bytes of the whole header, wraps included: where segment 0 starts.
    public var byteCount: Int { core.count + 2 + wraps.count * WrappedDataKey.serializedByteCount }

    /// Bytes of one full sealed segment: the segment size plus the 16-byte tag.
    public var sealedSegmentByteCount: Int { segmentSize + EnvelopeFormat.tagByteCount }

    /// The header MAC (the last 32 bytes of the core).
    public var mac: [UInt8] { Array(core.suffix(EnvelopeFormat.macByteCount)) }

    /// The fingerprints of the recipients whose wraps the header holds.
    public var recipients: [RecipientFingerprint] { wraps.map(\.recipient) }

    /// The header as stored: core, wrap count, wraps.
    public var serialized: [UInt8] {
        var bytes = core
        bytes.reserveCapacity(byteCount)
        bytes.appendBigEndian(UInt16(wraps.count))
        for wrap in wraps { bytes += wrap.serialized }
        return bytes
    }

    /// The same header with a different wrap list; the core (and so every segment) is unchanged.
    func replacingWraps(_ newWraps: [WrappedDataKey]) -> EnvelopeHeader {
        EnvelopeHeader(
            algorithm: algorithm, recordingID: recordingID, segmentSize: segmentSize,
            declaredPlaintextByteCount: declaredPlaintextByteCount, mediaFormat: mediaFormat,
            context: context, keyCommitment: keyCommitment, wraps: newWraps, core: core)
    }

    /// Parses the header at the start of `source`, without any key.
    ///
    /// Nothing read this way is authenticated yet: an ``EnvelopeReader`` verifies the MAC once it
    /// has the data key. Use this to inspect an envelope or to find which recipients can open it.
    public static func read(from source: some RandomAccessByteSource) throws -> EnvelopeHeader {
        let available = try source.byteCount()
        func fetch(_ count: Int, at offset: UInt64) throws -> [UInt8] {
            guard offset + UInt64(count) <= available else {
                throw EnvelopeError.headerTruncated(needed: offset + UInt64(count), available: available)
            }
            var bytes = [UInt8](repeating: 0, count: count)
            try bytes.withUnsafeMutableBytes { try source.read(into: $0, at: offset) }
            return bytes
        }
        let magicCount = EnvelopeFormat.magic.count
        if available < UInt64(magicCount) {
            // Shorter than the magic: a start of it (an empty file too) is an envelope cut short,
            // as a crash leaves one, like any other prefix of an envelope; anything else is not one.
            let present = try fetch(Int(available), at: 0)
            guard present == Array(EnvelopeFormat.magic.prefix(present.count)) else {
                throw EnvelopeError.notAnEnvelope
            }
            throw EnvelopeError.headerTruncated(needed: UInt64(magicCount), available: available)
        }
        guard try fetch(magicCount, at: 0) == EnvelopeFormat.magic else {
            throw EnvelopeError.notAnEnvelope
        }
        let prefix = try fetch(EnvelopeFormat.prefixByteCount, at: 0)
        // The core length is checked against its range, then against where the fields end, before
        // anything sized by it is read beyond the input's own length and before the wraps.
        let coreCount = try HeaderCoding.coreByteCount(fromPrefix: prefix)
        guard UInt64(coreCount) <= available else {
            // Cut short inside the core, unless the fields that are there contradict the core length.
            let present = try fetch(Int(available), at: 0)
            do {
                try CoreFields(reading: present, coreCount: coreCount)
                    .checkEnd(coreCount: coreCount, inputByteCount: available)
            } catch is CoreFields.InputEnded {}
            throw EnvelopeError.headerTruncated(needed: UInt64(coreCount), available: available)
        }
        let coreHeader = try HeaderCoding.decode(core: try fetch(coreCount, at: 0), wraps: [])
        let wrapCount = Int(try fetch(2, at: UInt64(coreCount)).readBigEndian(as: UInt16.self, at: 0))
        guard wrapCount <= EnvelopeFormat.maximumRecipients else {
            throw EnvelopeError.malformedHeader(
                reason: "it lists \(wrapCount) wraps, more than the \(EnvelopeFormat.maximumRecipients) allowed")
        }
        let wrapBytes = try fetch(wrapCount * WrappedDataKey.serializedByteCount, at: UInt64(coreCount + 2))
        var wraps: [WrappedDataKey] = []
        for index in 0..<wrapCount {
            let start = index * WrappedDataKey.serializedByteCount
            wraps.append(try WrappedDataKey(serialized: wrapBytes[start..<start + WrappedDataKey.serializedByteCount]))
        }
        return coreHeader.replacingWraps(wraps)
    }
}

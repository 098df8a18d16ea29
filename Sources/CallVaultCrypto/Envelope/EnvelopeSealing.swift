import CallVaultCore

/// Everything a new envelope needs before its first segment: the working keys, the wraps and the
/// authenticated header. Shared by the streaming ``EnvelopeWriter`` and the parallel file sealer so
/// both write byte-for-byte the same format.
struct EnvelopeSealing {
    let header: EnvelopeHeader
    let wraps: [WrappedDataKey]
    let cipher: SegmentCipher

    init(configuration: EnvelopeConfiguration, recipients: [Recipient], dataKey: DataKey) throws {
        try Self.checkRecipients(recipients)
        try HeaderCoding.validate(
            segmentSize: configuration.segmentSize, mediaFormat: configuration.mediaFormat,
            context: configuration.context)
        if let declared = configuration.declaredPlaintextByteCount {
            guard declared < 1 << 62 else {
                throw EnvelopeError.invalidConfiguration(reason: "a declared length of \(declared) bytes is too large")
            }
            if let frame = configuration.mediaFormat?.bytesPerFrame, declared % UInt64(frame) != 0 {
                throw EnvelopeError.invalidConfiguration(
                    reason: "the declared length \(declared) is not a whole number of \(frame)-byte sample frames")
            }
        }
        let algorithm = EnvelopeAlgorithm.chaCha20Poly1305
        let keys = try EnvelopeKeys(dataKey: dataKey, algorithm: algorithm)
        let wraps = try recipients.map { try dataKey.wrapped(for: $0, recordingID: configuration.recordingID) }
        var core = HeaderCoding.encodeCoreWithoutMAC(
            algorithm: algorithm, recordingID: configuration.recordingID, segmentSize: configuration.segmentSize,
            declaredPlaintextByteCount: configuration.declaredPlaintextByteCount,
            mediaFormat: configuration.mediaFormat, context: configuration.context, keyCommitment: keys.commitment)
        core += try keys.mac(overCoreWithoutMAC: core)
        self.header = try HeaderCoding.decode(
            core: core, wraps: configuration.wrapPlacement == .embedded ? wraps : [])
        self.wraps = wraps
        self.cipher = keys.payload
    }

    static func checkRecipients(_ recipients: [Recipient]) throws {
        guard !recipients.isEmpty else { throw EnvelopeError.noRecipients }
        guard recipients.count <= EnvelopeFormat.maximumRecipients else {
            throw EnvelopeError.tooManyRecipients(count: recipients.count, limit: EnvelopeFormat.maximumRecipients)
        }
        var seen = Set<RecipientFingerprint>()
        for recipient in recipients where !seen.insert(recipient.fingerprint).inserted {
            throw EnvelopeError.duplicateRecipient(recipient.fingerprint)
        }
    }
}

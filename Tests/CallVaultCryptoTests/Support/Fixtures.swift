import CallVaultCore
@_spi(KnownAnswerTests) import CallVaultCrypto

/// Shared helpers for the envelope tests.
enum Fixtures {
    /// Deterministic pseudo-random bytes (xorshift), so failures reproduce.
    static func bytes(_ count: Int, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> [UInt8] {
        var state = seed | 1
        return (0..<count).map { _ in
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return UInt8(truncatingIfNeeded: state)
        }
    }

    static let alice: Identity = {
        do { return try Identity.generate() } catch { preconditionFailure("\(error)") }
    }()
    static let bob: Identity = {
        do { return try Identity.generate() } catch { preconditionFailure("\(error)") }
    }()
    static let mallory: Identity = {
        do { return try Identity.generate() } catch { preconditionFailure("\(error)") }
    }()

    /// Seals `plaintext` in one writer with appends of `chunk` bytes.
    static func seal(
        _ plaintext: [UInt8], segmentSize: Int = 64, recipients: [Recipient] = [alice.recipient],
        mediaFormat: MediaFormat? = nil, chunk: Int? = nil, recordingID: RecordingID = RecordingID(),
        wrapPlacement: EnvelopeConfiguration.WrapPlacement = .embedded
    ) throws -> (envelope: [UInt8], summary: EnvelopeSummary) {
        let configuration = EnvelopeConfiguration(
            recordingID: recordingID, segmentSize: segmentSize, mediaFormat: mediaFormat,
            context: EnvelopeContext(tenant: "acme", callID: "call-1", channelLayout: ["agent", "customer"]),
            wrapPlacement: wrapPlacement)
        let writer = try EnvelopeWriter(configuration: configuration, recipients: recipients, output: [UInt8]())
        let step = max(chunk ?? plaintext.count, 1)
        var offset = 0
        while offset < plaintext.count {
            let end = min(offset + step, plaintext.count)
            try writer.append(Array(plaintext[offset..<end]))
            offset = end
        }
        let summary = try writer.finish()
        return (writer.output, summary)
    }

    static func open(_ envelope: [UInt8], identity: Identity = alice, allowIncomplete: Bool = false) throws -> [UInt8] {
        let reader = try EnvelopeReader(source: envelope, identity: identity)
        var plaintext: [UInt8] = []
        try reader.readAll(to: &plaintext, allowIncomplete: allowIncomplete)
        return plaintext
    }
}

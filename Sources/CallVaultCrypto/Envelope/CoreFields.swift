import CallVaultCore

/// The fields of a header core between its fixed prefix and its key commitment, read with every
/// bound checked against the core length (see ``ByteReader``).
///
/// Read separately from the rest of the header so that the core length is checked against where
/// the fields really end before anything else: before the wraps after the core are read, and,
/// for an input that ends inside its core, to tell a cut-short file (whose fields fit the core
/// length) from a core length that was altered (whose fields end elsewhere).
struct CoreFields {
    /// The bytes at hand ended before the fields did: the input was cut inside its core.
    struct InputEnded: Error {}

    let recordingID: RecordingID
    let segmentSize: Int
    let declaredLength: UInt64
    let encodingCode: UInt8
    let channelCount: Int
    let sampleRate: Int
    let startTimeMillis: Int64
    let tenant: String
    let callID: String
    let labels: [String]
    /// The offset just after the last field (the last channel label): where the key commitment
    /// must start.
    let end: Int

    /// Reads the fields from `bytes`, the first bytes of a core of `coreCount` bytes (all of them,
    /// or fewer when the input ends early).
    ///
    /// - Throws: ``EnvelopeError/malformedHeader(reason:)`` when a field runs past
    ///   `coreCount - 64` or a string is not UTF-8; ``InputEnded`` when `bytes` ends first.
    init(reading bytes: [UInt8], coreCount: Int) throws {
        var reader = ByteReader(bytes, coreCount: coreCount)
        reader.offset = EnvelopeFormat.prefixByteCount
        guard let recordingID = RecordingID(bytes: try reader.bytes(16, field: "recording id")) else {
            throw EnvelopeError.malformedHeader(reason: "its recording id is not 16 bytes")
        }
        self.recordingID = recordingID
        segmentSize = Int(try reader.integer(UInt32.self, field: "segment size"))
        declaredLength = try reader.integer(UInt64.self, field: "declared length")
        encodingCode = try reader.integer(UInt8.self, field: "media encoding")
        channelCount = Int(try reader.integer(UInt8.self, field: "channel count"))
        sampleRate = Int(try reader.integer(UInt32.self, field: "sample rate"))
        startTimeMillis = Int64(bitPattern: try reader.integer(UInt64.self, field: "start time"))
        tenant = try reader.string(lengthBytes: 2, field: "tenant")
        callID = try reader.string(lengthBytes: 2, field: "call id")
        let labelCount = Int(try reader.integer(UInt8.self, field: "channel label count"))
        var labels: [String] = []
        for index in 0..<labelCount {
            labels.append(try reader.string(lengthBytes: 1, field: "channel label \(index)"))
        }
        self.labels = labels
        end = reader.offset
    }

    /// Checks that the fields end exactly where the core length puts the key commitment.
    ///
    /// - Throws: ``EnvelopeError/malformedHeader(reason:)`` naming both offsets, and the input's
    ///   length when the core length points past it.
    func checkEnd(coreCount: Int, inputByteCount: UInt64) throws {
        let commitmentStart = coreCount - EnvelopeFormat.commitmentByteCount - EnvelopeFormat.macByteCount
        guard end != commitmentStart else { return }
        let gap = commitmentStart - end
        var reason =
            "the header fields end at byte \(end), but its core length \(coreCount) puts the key commitment at byte "
            + "\(commitmentStart): \(gap) unexpected byte\(gap == 1 ? "" : "s") between them"
        if UInt64(coreCount) > inputByteCount {
            reason += ", and the input ends at byte \(inputByteCount)"
        }
        throw EnvelopeError.malformedHeader(reason: reason)
    }
}

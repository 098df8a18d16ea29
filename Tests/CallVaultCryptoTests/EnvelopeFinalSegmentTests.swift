import CallVaultCore
import CallVaultCrypto
import Testing

/// The final segment's tag authenticates the end marker, and with it the recording's length. A
/// reader that skips it when the final segment is empty (a plaintext that is a whole number of
/// segments, or an empty one) takes an unauthenticated end marker for the truth: anyone, without a
/// key, could then cut a stream-written envelope after any segment, append a forged tail, and have
/// it read as a whole recording. Every way of reading must refuse that.
@Suite("The final segment is verified whatever its length")
struct EnvelopeFinalSegmentTests {
    /// Every way the library reads an envelope, each reporting the first tampered segment.
    enum ReadPath: String, CaseIterable, CustomTestStringConvertible {
        case readAll, verify, plaintextToTheEnd, plaintextOfFirstSegment, readSegmentOfFirst
        case decryptWholeFile, decryptRangeToTheEnd

        var testDescription: String { rawValue }

        /// Reads `envelope` this way with alice's identity.
        func read(_ envelope: [UInt8], in directory: TemporaryDirectory) throws {
            let path = try directory.write(envelope, to: "in.cvr")
            let reader = try EnvelopeReader(source: FileByteSource(path: path), identity: Fixtures.alice)
            let length = reader.layout.readablePlaintextByteCount
            let size = UInt64(reader.header.segmentSize)
            switch self {
            case .readAll:
                var output: [UInt8] = []
                try reader.readAll(to: &output)
            case .verify:
                try reader.verify()
            case .plaintextToTheEnd:
                _ = try reader.plaintext(in: (length > size ? size : 0)..<length)
            case .plaintextOfFirstSegment:
                _ = try reader.plaintext(in: 0..<min(size, length))
            case .readSegmentOfFirst:
                _ = try reader.segment(0)
            case .decryptWholeFile:
                try reader.decrypt(toFile: directory.file("out.bin"))
            case .decryptRangeToTheEnd:
                try reader.decrypt(toFile: directory.file("out.bin"), range: (length > size ? size : 0)..<length)
            }
        }
    }

    /// An envelope of `segments` full 64-byte segments and an empty final one, written as a stream
    /// (no declared length), as recorders and exports write them.
    static func wholeSegments(_ segments: Int) throws -> EnvelopeBytes {
        try EnvelopeBytes(Fixtures.seal(Fixtures.bytes(64 * segments, seed: 11), segmentSize: 64).envelope)
    }

    @Test(
        "an empty final segment with a zeroed or random tag is tampering, on every read path",
        arguments: [0, 1, 3], ReadPath.allCases)
    func emptyFinalSegmentTag(fullSegments: Int, path: ReadPath) throws {
        let envelope = try Self.wholeSegments(fullSegments)
        let tag = envelope.offset(ofSegment: fullSegments)..<envelope.offset(ofSegment: fullSegments) + 16
        for replacement in [[UInt8](repeating: 0, count: 16), Fixtures.bytes(16, seed: 99)] {
            var altered = envelope
            altered.bytes.replaceSubrange(tag, with: replacement)
            let directory = try TemporaryDirectory()
            #expect(throws: EnvelopeError.segmentTampered(index: fullSegments), "\(path)") {
                try path.read(altered.bytes, in: directory)
            }
            #expect(try directory.listing() == ["in.cvr"], "nothing written, no temporary file left")
        }
    }

    @Test(
        "a stream-written envelope cut after any segment, with a forged tail, is tampering",
        arguments: ReadPath.allCases)
    func forgedTailAtEveryCut(path: ReadPath) throws {
        // Five full segments and a 30-byte final one.
        let envelope = try EnvelopeBytes(Fixtures.seal(Fixtures.bytes(64 * 5 + 30, seed: 12), segmentSize: 64).envelope)
        #expect(envelope.header.declaredPlaintextByteCount == nil)
        for kept in 0...5 {
            let forged =
                Array(envelope.bytes[..<envelope.offset(ofSegment: kept)])
                + Fixtures.bytes(16, seed: UInt64(kept) + 1) + Self.endMarker(length: UInt64(kept * 64))
            let directory = try TemporaryDirectory()
            #expect(throws: EnvelopeError.segmentTampered(index: kept), "cut after \(kept) segments, \(path)") {
                try path.read(forged, in: directory)
            }
            #expect(try directory.listing() == ["in.cvr"], "nothing written, no temporary file left")
        }
    }

    @Test("the reader authenticates a complete layout before reporting it")
    func layoutIsAuthenticated() throws {
        let envelope = try Self.wholeSegments(2)
        let forged =
            Array(envelope.bytes[..<envelope.offset(ofSegment: 1)]) + Fixtures.bytes(16)
            + Self.endMarker(length: 64)
        // Without a key the layout can only be measured, and says so (`inspect` prints it as
        // unauthenticated); a reader, which holds the key, never hands out an unverified one.
        #expect(try EnvelopeLayout.measure(envelope.header, in: forged).isComplete)
        #expect(throws: EnvelopeError.segmentTampered(index: 1)) {
            try EnvelopeReader(source: forged, identity: Fixtures.alice)
        }
    }

    @Test("intact envelopes with an empty final segment read whole on every path", arguments: [0, 1, 3])
    func intactEmptyFinalSegment(fullSegments: Int) throws {
        let plaintext = Fixtures.bytes(64 * fullSegments, seed: 11)
        let envelope = try Self.wholeSegments(fullSegments)
        for path in ReadPath.allCases {
            let directory = try TemporaryDirectory()
            try path.read(envelope.bytes, in: directory)
        }
        #expect(try Fixtures.open(envelope.bytes) == plaintext)
        let directory = try TemporaryDirectory()
        let path = try directory.write(envelope.bytes, to: "in.cvr")
        let reader = try EnvelopeReader(source: FileByteSource(path: path), identity: Fixtures.alice)
        let result = try reader.decrypt(toFile: directory.file("out.bin"))
        #expect(result.isComplete)
        #expect(result.segmentCount == fullSegments + 1, "the empty final segment is opened too")
        #expect(try directory.read("out.bin") == plaintext)
    }

    static func endMarker(length: UInt64) -> [UInt8] {
        Array("CVR-END\n".utf8) + (0..<8).reversed().map { UInt8(truncatingIfNeeded: length >> (8 * UInt64($0))) }
    }
}

import CallVaultCore
import CallVaultCrypto
import Testing

/// A recording cut short keeps its flushed segments readable and reports itself as incomplete,
/// never as whole and never as tampered.
@Suite("Truncation is told apart from tampering")
struct EnvelopeTruncationTests {
    static let plaintext = Fixtures.bytes(64 * 5 + 30)

    @Test("cut at every segment boundary: the intact count is exact")
    func everyBoundary() throws {
        let envelope = try EnvelopeBytes(Fixtures.seal(Self.plaintext, segmentSize: 64).envelope)
        for intact in 0...5 {
            let cut = Array(envelope.bytes[..<envelope.offset(ofSegment: intact)])
            #expect(throws: EnvelopeError.truncated(intactSegments: intact, trailingBytes: 0)) {
                try Fixtures.open(cut)
            }
            let prefix = try Fixtures.open(cut, allowIncomplete: true)
            #expect(prefix == Array(Self.plaintext[..<(intact * 64)]))
        }
    }

    @Test("cut inside a segment or inside the end marker", arguments: [1, 15, 16, 40, 79])
    func insideSegments(extra: Int) throws {
        let envelope = try EnvelopeBytes(Fixtures.seal(Self.plaintext, segmentSize: 64).envelope)
        for intact in 0..<5 {
            let cut = Array(envelope.bytes[..<(envelope.offset(ofSegment: intact) + extra)])
            #expect(throws: EnvelopeError.truncated(intactSegments: intact, trailingBytes: extra)) {
                try Fixtures.open(cut)
            }
        }
        // The final segment (30 + 16 bytes) reached the disk, the end marker only in part: the final
        // segment is found, verified and readable, and the envelope is still not whole.
        let total = envelope.bytes.count
        for missing in 1...16 {
            let cut = Array(envelope.bytes[..<(total - missing)])
            #expect(throws: EnvelopeError.truncated(intactSegments: 6, trailingBytes: 16 - missing)) {
                try Fixtures.open(cut)
            }
            #expect(try Fixtures.open(cut, allowIncomplete: true) == Self.plaintext)
        }
        // Part of the final segment is missing: only the full segments are intact.
        for missing in 17...(46 + 16) {
            let cut = Array(envelope.bytes[..<(total - missing)])
            #expect(throws: EnvelopeError.truncated(intactSegments: 5, trailingBytes: 46 + 16 - missing)) {
                try Fixtures.open(cut)
            }
        }
    }

    @Test("a crash inside a nearly full final segment or its end marker is truncation, not tampering")
    func nearlyFullFinalSegment() throws {
        // A final segment of 60 bytes (more than 64 - 16): with part of the end marker it spans a
        // whole segment's length, and must still not be mistaken for a tampered full segment.
        let plaintext = Fixtures.bytes(64 * 5 + 60)
        let envelope = try Fixtures.seal(plaintext, segmentSize: 64).envelope
        for missing in 1...16 {
            let cut = Array(envelope[..<(envelope.count - missing)])
            #expect(throws: EnvelopeError.truncated(intactSegments: 6, trailingBytes: 16 - missing), "cut \(missing)") {
                try Fixtures.open(cut)
            }
            #expect(try Fixtures.open(cut, allowIncomplete: true) == plaintext)
        }
        for missing in 17...(60 + 16 + 16) {
            let cut = Array(envelope[..<(envelope.count - missing)])
            #expect(throws: EnvelopeError.truncated(intactSegments: 5, trailingBytes: 92 - missing), "cut \(missing)") {
                try Fixtures.open(cut)
            }
            #expect(try Fixtures.open(cut, allowIncomplete: true) == Array(plaintext[..<320]))
        }
    }

    @Test("the last whole segment of a cut-short envelope, altered, is tampering")
    func tamperedLastFullSegmentOfCutEnvelope() throws {
        var envelope = try EnvelopeBytes(Fixtures.seal(Self.plaintext, segmentSize: 64).envelope)
        envelope.flipBit(at: envelope.offset(ofSegment: 3) + 20)
        for extra in [0, 5, 37] {
            let cut = Array(envelope.bytes[..<(envelope.offset(ofSegment: 4) + extra)])
            #expect(throws: EnvelopeError.segmentTampered(index: 3)) { try Fixtures.open(cut) }
            #expect(throws: EnvelopeError.segmentTampered(index: 3)) { try Fixtures.open(cut, allowIncomplete: true) }
        }
    }

    @Test("an end marker whose magic was changed is tampering, not a cut")
    func changedMagic() throws {
        let envelope = try Fixtures.seal(Self.plaintext, segmentSize: 64).envelope
        for position in (envelope.count - 16)..<(envelope.count - 8) {
            var changed = envelope
            changed[position] ^= 0x20
            #expect {
                try Fixtures.open(changed, allowIncomplete: true)
            } throws: { error in
                if case EnvelopeError.endMarkerTampered = error { return true }
                return false
            }
        }
    }

    @Test("a tampered segment before the cut is reported as tampering, not truncation")
    func tamperBeforeCut() throws {
        var envelope = try EnvelopeBytes(Fixtures.seal(Self.plaintext, segmentSize: 64).envelope)
        envelope.flipBit(at: envelope.offset(ofSegment: 1) + 3)
        let cut = Array(envelope.bytes[..<envelope.offset(ofSegment: 4)])
        #expect(throws: EnvelopeError.segmentTampered(index: 1)) { try Fixtures.open(cut) }
        #expect(throws: EnvelopeError.segmentTampered(index: 1)) { try Fixtures.open(cut, allowIncomplete: true) }
    }

    @Test("bytes appended after a complete envelope are an alteration, not a cut (the last segment is not dropped)")
    func appendedBytes() throws {
        let envelope = try Fixtures.seal(Self.plaintext, segmentSize: 64).envelope
        // A few bytes, and enough that the search for the earlier end marker crosses chunks.
        for extra in [[UInt8]("xyz".utf8), [UInt8](repeating: 0xA5, count: 70_000), [0]] {
            #expect {
                try Fixtures.open(envelope + extra)
            } throws: { error in
                guard case EnvelopeError.endMarkerTampered = error else { return false }
                return "\(error)".contains("\(extra.count) bytes follow its end marker")
            }
        }
        // A genuine cut is still a cut.
        #expect {
            try Fixtures.open(Array(envelope.dropLast(3)))
        } throws: { error in
            if case EnvelopeError.endMarkerTampered = error { return false }
            return true
        }
    }

    @Test("a cut inside the header is its own error")
    func insideHeader() throws {
        let envelope = try EnvelopeBytes(Fixtures.seal(Self.plaintext).envelope)
        for length in [9, 16, 40, envelope.header.coreByteCount, envelope.header.byteCount - 1] {
            #expect {
                try Fixtures.open(Array(envelope.bytes[..<length]))
            } throws: { error in
                if case EnvelopeError.headerTruncated = error { return true }
                return false
            }
        }
        // Shorter than the magic: a start of it, even nothing at all (a file a crash emptied), is an
        // envelope cut short; other bytes are not an envelope.
        for length in [0, 1, 5] {
            #expect {
                try Fixtures.open(Array(envelope.bytes[..<length]))
            } throws: { error in
                if case EnvelopeError.headerTruncated = error { return true }
                return false
            }
        }
        #expect(throws: EnvelopeError.notAnEnvelope) { try Fixtures.open(Array("hello".utf8)) }
    }

    @Test("a writer that never finishes leaves a readable, incomplete envelope")
    func crashedWriter() throws {
        let writer = try EnvelopeWriter(
            configuration: EnvelopeConfiguration(segmentSize: 64), recipients: [Fixtures.alice.recipient],
            output: [UInt8]())
        try writer.append(Self.plaintext)
        // No finish(): as after a crash, the output holds the header and every full segment.
        #expect(writer.sealedSegmentCount == 5)
        let reader = try EnvelopeReader(source: writer.output, identity: Fixtures.alice)
        #expect(reader.layout.status == .incomplete(fullSegmentCount: 5, trailingByteCount: 0))
        var prefix: [UInt8] = []
        let result = try reader.readAll(to: &prefix, allowIncomplete: true)
        #expect(result.isComplete == false)
        #expect(prefix == Array(Self.plaintext[..<320]))
        var nothing: [UInt8] = []
        #expect(throws: EnvelopeError.truncated(intactSegments: 5, trailingBytes: 0)) {
            try reader.readAll(to: &nothing)
        }
        #expect(nothing.isEmpty, "without allowIncomplete nothing is handed out")
    }
}

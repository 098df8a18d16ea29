import CallVaultCore
import CallVaultCrypto
import Testing

/// DESIGN.md promise 3: any change to a recording is detected, with an error that says what kind.
@Suite("Tampering is detected and named")
struct EnvelopeTamperTests {
    static let plaintext = Fixtures.bytes(64 * 6 + 20)

    static func sealed() throws -> EnvelopeBytes {
        try EnvelopeBytes(Fixtures.seal(plaintext, segmentSize: 64).envelope)
    }

    @Test("a flipped bit in any segment names that segment", arguments: 0..<7)
    func flippedSegmentBit(segment: Int) throws {
        var envelope = try Self.sealed()
        let start = envelope.offset(ofSegment: segment)
        for position in [start, start + 17, start + 40] where position < envelope.bytes.count - 16 {
            var copy = envelope
            copy.flipBit(at: position, bit: position % 8)
            #expect(throws: EnvelopeError.segmentTampered(index: segment)) { try Fixtures.open(copy.bytes) }
        }
        envelope.flipBit(at: start + 5)
        guard segment < 6 else {
            // The final segment authenticates the end marker, and so the length and completeness the
            // reader reports: a reader is never made over one that does not open.
            #expect(throws: EnvelopeError.segmentTampered(index: segment)) {
                try EnvelopeReader(source: envelope.bytes, identity: Fixtures.alice)
            }
            return
        }
        let reader = try EnvelopeReader(source: envelope.bytes, identity: Fixtures.alice)
        #expect(throws: EnvelopeError.segmentTampered(index: segment)) { try reader.segment(segment) }
        let neighbour = segment == 0 ? 1 : 0
        #expect(try reader.segment(neighbour).count == 64, "other segments still open on their own")
    }

    @Test("every bit of the header core is authenticated")
    func headerCoreBits() throws {
        let envelope = try Self.sealed()
        for offset in 0..<envelope.header.coreByteCount {
            var copy = envelope
            copy.flipBit(at: offset, bit: offset % 8)
            #expect(throws: (any Error).self, "bit flip at header byte \(offset)") { try Fixtures.open(copy.bytes) }
        }
    }

    @Test("a changed header field after the fixed prefix fails the header MAC")
    func headerFieldChange() throws {
        var envelope = try Self.sealed()
        // The tenant's first byte: after prefix(16) id(16) segment size(4) length(8) media(6) time(8) length(2).
        envelope.flipBit(at: 16 + 16 + 4 + 8 + 6 + 8 + 2)
        #expect(throws: EnvelopeError.headerTampered) { try Fixtures.open(envelope.bytes) }
    }

    @Test("a changed key commitment is refused before any segment is read")
    func commitmentChange() throws {
        var envelope = try Self.sealed()
        envelope.flipBit(at: envelope.header.coreByteCount - 64)
        #expect(throws: EnvelopeError.keyCommitmentMismatch) { try Fixtures.open(envelope.bytes) }
    }

    @Test("an altered wrap does not open")
    func alteredWrap() throws {
        var envelope = try Self.sealed()
        let sealedBoxStart = envelope.header.coreByteCount + 2 + RecipientFingerprint.byteCount
        envelope.flipBit(at: sealedBoxStart + 40)
        #expect(throws: CryptoError.wrapDoesNotOpen(Fixtures.alice.recipient.fingerprint)) {
            try Fixtures.open(envelope.bytes)
        }
    }

    @Test("reordered segments fail at the first moved one")
    func reordered() throws {
        var envelope = try Self.sealed()
        envelope.swapSegments(1, 4)
        #expect(throws: EnvelopeError.segmentTampered(index: 1)) { try Fixtures.open(envelope.bytes) }
    }

    @Test("a repeated segment in place of another fails")
    func repeatedInPlace() throws {
        var envelope = try Self.sealed()
        envelope.replaceSegment(3, with: envelope.segment(2))
        #expect(throws: EnvelopeError.segmentTampered(index: 3)) { try Fixtures.open(envelope.bytes) }
    }

    @Test("a dropped or inserted segment contradicts the end marker")
    func droppedOrInserted() throws {
        var dropped = try Self.sealed()
        dropped.removeSegment(2)
        #expect {
            try Fixtures.open(dropped.bytes)
        } throws: { error in
            if case EnvelopeError.endMarkerTampered = error { return true }
            return false
        }
        var inserted = try Self.sealed()
        inserted.insertSegment(inserted.segment(1), at: 2)
        #expect {
            try Fixtures.open(inserted.bytes)
        } throws: { error in
            if case EnvelopeError.endMarkerTampered = error { return true }
            return false
        }
    }

    @Test("a segment spliced in from another recording fails")
    func splicedFromAnotherRecording() throws {
        var envelope = try Self.sealed()
        let other = try EnvelopeBytes(Fixtures.seal(Self.plaintext, segmentSize: 64).envelope)
        envelope.replaceSegment(2, with: other.segment(2))
        #expect(throws: EnvelopeError.segmentTampered(index: 2)) { try Fixtures.open(envelope.bytes) }
    }

    @Test("another recording's header on these segments fails at the final segment, checked first")
    func swappedHeader() throws {
        let envelope = try Self.sealed()
        let other = try EnvelopeBytes(Fixtures.seal(Self.plaintext, segmentSize: 64).envelope)
        let spliced =
            Array(other.bytes[..<other.header.byteCount]) + Array(envelope.bytes[envelope.header.byteCount...])
        #expect(throws: EnvelopeError.segmentTampered(index: 6)) { try Fixtures.open(spliced) }
    }

    @Test("a forged end marker that shortens the recording fails the final segment")
    func forgedEndMarker() throws {
        let envelope = try Self.sealed()
        // Keep segments 0 and 1, pass off the first 48 bytes of segment 2 (plus a tag's worth) as a
        // final segment, and append an end marker claiming 2 x 64 + 48 bytes: the sizes all agree,
        // so only the final segment's authentication can catch it.
        let claimed: UInt64 = 2 * 64 + 48
        var marker = Array("CVR-END\n".utf8)
        for shift in stride(from: 56, through: 0, by: -8) {
            marker.append(UInt8(truncatingIfNeeded: claimed >> UInt64(shift)))
        }
        let forged = Array(envelope.bytes[..<(envelope.offset(ofSegment: 2) + 48 + 16)]) + marker
        #expect(throws: EnvelopeError.segmentTampered(index: 2)) { try Fixtures.open(forged) }
    }

    @Test("an end marker whose length disagrees with the header's declared length is refused")
    func endMarkerVersusDeclaredLength() throws {
        let configuration = EnvelopeConfiguration(segmentSize: 64, declaredPlaintextByteCount: 100)
        let writer = try EnvelopeWriter(
            configuration: configuration, recipients: [Fixtures.alice.recipient], output: [UInt8]())
        try writer.append(Fixtures.bytes(99))
        #expect(throws: EnvelopeError.lengthMismatch(declared: 100, actual: 99)) { try writer.finish() }
        #expect(throws: EnvelopeError.writerClosed) { try writer.append([1]) }
        // What was written reads as incomplete, never as whole.
        let reader = try EnvelopeReader(source: writer.output, identity: Fixtures.alice)
        #expect(reader.layout.isComplete == false)
    }
}

import CallVaultCore
import CallVaultCrypto
import Testing

@Suite("Envelope round trips")
struct EnvelopeRoundTripTests {
    @Test(
        "sizes around segment boundaries survive a round trip",
        arguments: [0, 1, 63, 64, 65, 127, 128, 129, 64 * 10, 64 * 10 + 17, 5_000])
    func roundTrip(size: Int) throws {
        let plaintext = Fixtures.bytes(size)
        let (envelope, summary) = try Fixtures.seal(plaintext, segmentSize: 64)
        #expect(summary.plaintextByteCount == UInt64(size))
        #expect(summary.segmentCount == size / 64 + 1)
        #expect(summary.envelopeByteCount == UInt64(envelope.count))
        #expect(try Fixtures.open(envelope) == plaintext)
    }

    @Test("the way plaintext is appended does not change the result", arguments: [1, 7, 63, 64, 65, 1_000])
    func appendGranularity(chunk: Int) throws {
        let plaintext = Fixtures.bytes(1_000)
        let (envelope, _) = try Fixtures.seal(plaintext, segmentSize: 64, chunk: chunk)
        #expect(try Fixtures.open(envelope) == plaintext)
        let layout = try EnvelopeLayout.measure(EnvelopeHeader.read(from: envelope), in: envelope)
        #expect(layout.status == .complete(segmentCount: 16, plaintextByteCount: 1_000))
    }

    @Test("every recipient can open, others cannot")
    func recipients() throws {
        let plaintext = Fixtures.bytes(300)
        let (envelope, _) = try Fixtures.seal(
            plaintext, recipients: [Fixtures.alice.recipient, Fixtures.bob.recipient])
        #expect(try Fixtures.open(envelope, identity: Fixtures.alice) == plaintext)
        #expect(try Fixtures.open(envelope, identity: Fixtures.bob) == plaintext)
        #expect {
            try Fixtures.open(envelope, identity: Fixtures.mallory)
        } throws: { error in
            guard case .noMatchingRecipient(let identity, let listed) = (error as? EnvelopeError)?.reason else {
                return false
            }
            return identity == Fixtures.mallory.recipient.fingerprint
                && listed == [Fixtures.alice.recipient.fingerprint, Fixtures.bob.recipient.fingerprint]
        }
    }

    @Test("single segments open by index without reading the others")
    func randomAccess() throws {
        let plaintext = Fixtures.bytes(64 * 5 + 10)
        let (envelope, _) = try Fixtures.seal(plaintext)
        let reader = try EnvelopeReader(source: envelope, identity: Fixtures.alice)
        #expect(reader.layout.readableSegmentCount == 6)
        for index in 0..<6 {
            let expected = Array(plaintext[(index * 64)..<min(index * 64 + 64, plaintext.count)])
            #expect(try reader.segment(index) == expected)
        }
        #expect(throws: EnvelopeError.segmentOutOfRange(index: 6, segmentCount: 6)) { try reader.segment(6) }
        #expect(try reader.plaintext(in: 60..<200) == Array(plaintext[60..<200]))
        #expect(try reader.plaintext(in: 0..<0) == [])
    }

    @Test("external wraps: the header holds none, the key store's wraps open it")
    func externalWraps() throws {
        let plaintext = Fixtures.bytes(200)
        let (envelope, summary) = try Fixtures.seal(plaintext, wrapPlacement: .external)
        #expect(summary.header.wraps.isEmpty)
        #expect(summary.wraps.count == 1)
        #expect(throws: EnvelopeError.noEmbeddedWraps) {
            try EnvelopeReader(source: envelope, identity: Fixtures.alice)
        }
        let reader = try EnvelopeReader(source: envelope, wraps: summary.wraps, identity: Fixtures.alice)
        var out: [UInt8] = []
        try reader.readAll(to: &out)
        #expect(out == plaintext)
    }
}

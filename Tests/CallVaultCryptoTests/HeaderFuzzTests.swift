import CallVaultCore
import CallVaultCrypto
import PropertyBased
import Testing

/// Random and mutated bytes fed to the header parser and the reader: never a crash, always a typed
/// error, and never plaintext that differs from what was sealed.
@Suite("Hostile input to the header parser and reader")
struct HeaderFuzzTests {
    static let plaintext = Fixtures.bytes(64 * 3 + 9)
    static let envelope: [UInt8] = {
        do { return try Fixtures.seal(plaintext, segmentSize: 64).envelope } catch { preconditionFailure("\(error)") }
    }()

    static func isTyped(_ error: any Error) -> Bool {
        error is EnvelopeError || error is CryptoError
    }

    @Test("random bytes are refused with a typed error")
    func randomBytes() async {
        await propertyCheck(count: 2_000, input: Gen.uint8().array(of: 0...400)) { bytes in
            do {
                let header = try EnvelopeHeader.read(from: bytes)
                _ = try EnvelopeLayout.measure(header, in: bytes)
                _ = try EnvelopeReader(source: bytes, identity: Fixtures.alice)
                Issue.record("random bytes were accepted as an envelope")
            } catch {
                #expect(Self.isTyped(error), "untyped error: \(error)")
            }
        }
    }

    @Test("random bytes behind a valid magic and version are refused with a typed error")
    func randomBodies() async {
        let prefix = Array(Self.envelope[..<12])
        await propertyCheck(count: 2_000, input: Gen.uint8().array(of: 0...600)) { tail in
            let bytes = prefix + tail
            do {
                let header = try EnvelopeHeader.read(from: bytes)
                _ = try EnvelopeReader(source: bytes, identity: Fixtures.alice)
                Issue.record("a random body was accepted: \(header.recordingID)")
            } catch {
                #expect(Self.isTyped(error), "untyped error: \(error)")
            }
        }
    }

    @Test("mutated envelopes either fail with a typed error or yield exactly the sealed plaintext")
    func mutations() async {
        let length = Self.envelope.count
        let edits = zip(Gen.int(in: 0...(length - 1)), Gen.uint8(), Gen.int(in: 0...(length + 40))).array(of: 1...4)
        await propertyCheck(count: 3_000, input: edits) { edits in
            var bytes = Self.envelope
            for (position, value, cut) in edits {
                if position < bytes.count { bytes[position] = value }
                if cut < bytes.count, cut % 7 == 0 { bytes.removeSubrange(cut...) }
            }
            do {
                let opened = try Fixtures.open(bytes)
                #expect(opened == Self.plaintext, "a mutated envelope opened to different plaintext")
            } catch {
                #expect(Self.isTyped(error), "untyped error: \(error)")
            }
        }
    }

    @Test("header length fields that point anywhere are bounded")
    func hostileLengths() throws {
        for coreLength: UInt32 in [0, 1, 100, 65_536, 65_537, .max] {
            var bytes = Self.envelope
            withUnsafeBytes(of: coreLength.bigEndian) { bytes.replaceSubrange(12..<16, with: $0) }
            #expect(throws: (any Error).self) { try EnvelopeHeader.read(from: bytes) }
        }
        var manyWraps = Self.envelope
        let header = try EnvelopeHeader.read(from: Self.envelope)
        manyWraps[header.coreByteCount] = 0xFF
        #expect {
            try EnvelopeHeader.read(from: manyWraps)
        } throws: { error in
            if case EnvelopeError.malformedHeader = error { return true }
            return false
        }
    }

    @Test("other versions and reserved suites are refused by name")
    func versions() throws {
        var version = Self.envelope
        version[9] = 2
        #expect(throws: EnvelopeError.unsupportedFormatVersion(2)) { try EnvelopeHeader.read(from: version) }
        var suite = Self.envelope
        suite[11] = 3
        #expect(throws: EnvelopeError.unsupportedAlgorithm(.aegis256)) { try EnvelopeHeader.read(from: suite) }
        #expect(EnvelopeAlgorithm.aegis256.description.contains("reserved"))
    }
}

import CallVaultCapture
import PropertyBased
import Testing

/// Random and mutated files: parsing gives a typed error or a valid header, never a crash, and
/// never reads more than its bound.
@Suite("Hostile bytes to the WAV parser")
struct WAVFuzzTests {
    static let valid: [UInt8] = RIFFBuilder.riff(
        RIFFBuilder.chunk(
            "fmt ", RIFFBuilder.formatBody(code: 7, channels: 2, sampleRate: 8_000, bitsPerSample: 8, extensionSize: 0)),
        RIFFBuilder.chunk("fact", RIFFBuilder.le32(10)), RIFFBuilder.chunk("LIST", Array("INFOINAMx".utf8)),
        RIFFBuilder.chunk("data", wavTestBytes(20)))

    /// Parses `bytes`, checking the outcome is a typed error or a header consistent with the file.
    static func check(_ bytes: [UInt8], claimedByteCount: UInt64? = nil) {
        let source = CountingSource(bytes, claimedByteCount: claimedByteCount)
        do {
            let header = try WAVHeader.parse(from: source)
            let size = source.claimedByteCount
            #expect(header.dataOffset <= size && header.dataByteCount <= size - header.dataOffset)
            #expect(header.dataByteCount % UInt64(header.format.bytesPerFrame ?? 1) == 0)
            #expect((1...64).contains(header.format.channelCount))
        } catch {
            #expect(error is WAVFormatError, "untyped error: \(error)")
        }
        #expect(source.requestedByteCount <= WAVHeader.parseReadLimit)
    }

    @Test("random bytes after a RIFF/WAVE prefix")
    func randomBodies() async {
        await propertyCheck(count: 3_000, input: Gen.uint8().array(of: 0...300)) { tail in
            Self.check(Array("RIFF\0\0\0\0WAVE".utf8) + tail)
        }
    }

    @Test("random bytes after a valid format chunk, with sizes that may claim gigabytes")
    func randomAfterFormat() async {
        let prefix = Array(Self.valid.prefix(38))
        await propertyCheck(count: 2_000, input: Gen.uint8().array(of: 0...200), Gen.int(in: 0...3)) { tail, scale in
            let bytes = prefix + tail
            Self.check(bytes, claimedByteCount: UInt64(bytes.count) << (UInt64(scale) * 10))
        }
    }

    @Test("a valid file with bytes overwritten or cut off")
    func mutations() async {
        let length = Self.valid.count
        let edits = zip(Gen.int(in: 0...(length - 1)), Gen.uint8(), Gen.int(in: 0...(length + 10))).array(of: 1...4)
        await propertyCheck(count: 3_000, input: edits) { edits in
            var bytes = Self.valid
            for (position, value, cut) in edits {
                if position < bytes.count { bytes[position] = value }
                if cut < bytes.count, cut % 5 == 0 { bytes.removeSubrange(cut...) }
            }
            Self.check(bytes)
        }
    }
}

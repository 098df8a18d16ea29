import CallVaultCapture
import CallVaultCrypto
import Testing

/// Encoding against ITU-T G.711 as `g711.c` and Python's `audioop` implement it: every one of the
/// 65,536 16-bit samples, compared through a BLAKE2b digest of the reference output, and spot values.
@Suite("G.711 encoding known answers")
struct G711EncodeKnownAnswerTests {
    static func digest(_ codes: [UInt8]) throws -> String {
        try BLAKE2b.hash(codes, outputByteCount: 32).description
    }

    @Test("mu-law encoding of all 65,536 samples matches audioop.lin2ulaw")
    func muLawEverySample() throws {
        let codes = G711Reference.everySample.map(G711.MuLaw.encode)
        #expect(codes.count == 65_536)
        #expect(try Self.digest(codes) == G711Reference.muLawEncodeDigest)
    }

    @Test("A-law encoding of all 65,536 samples matches audioop.lin2alaw")
    func aLawEverySample() throws {
        let codes = G711Reference.everySample.map(G711.ALaw.encode)
        #expect(codes.count == 65_536)
        #expect(try Self.digest(codes) == G711Reference.aLawEncodeDigest)
    }

    // Spot values from audioop.lin2ulaw / lin2alaw, covering the rounding of the dropped low bits,
    // segment edges, the clip point and both extremes.
    @Test(
        "mu-law spot values",
        arguments: [
            (Int16(0), UInt8(0xFF)), (1, 0xFF), (-1, 0x7E), (3, 0xFF), (-3, 0x7E), (4, 0xFE), (-4, 0x7E),
            (8, 0xFE), (-9, 0x7D), (100, 0xF2), (-100, 0x72), (1_000, 0xCE), (-1_000, 0x4E), (4_063, 0xAF),
            (-4_064, 0x2F), (8_158, 0x9F), (-8_159, 0x1F), (32_635, 0x80), (32_636, 0x80), (32_767, 0x80),
            (-32_767, 0x00), (-32_768, 0x00),
        ])
    func muLawSpotValues(sample: Int16, code: UInt8) {
        #expect(G711.MuLaw.encode(sample) == code)
    }

    @Test(
        "A-law spot values",
        arguments: [
            (Int16(0), UInt8(0xD5)), (1, 0xD5), (-1, 0x55), (7, 0xD5), (-8, 0x55), (-9, 0x55), (100, 0xD3),
            (-100, 0x53), (1_000, 0xFA), (-1_000, 0x7A), (4_063, 0x9A), (-4_064, 0x1A), (8_158, 0x8A),
            (-8_159, 0x0A), (32_767, 0xAA), (-32_767, 0x2A), (-32_768, 0x2A),
        ])
    func aLawSpotValues(sample: Int16, code: UInt8) {
        #expect(G711.ALaw.encode(sample) == code)
    }

    @Test("zero encodes to each law's silence code")
    func silence() {
        #expect(G711.MuLaw.encode(0) == G711.MuLaw.silence)
        #expect(G711.ALaw.encode(0) == G711.ALaw.silence)
        #expect(G711.MuLaw.silence == 0xFF)
        #expect(G711.ALaw.silence == 0xD5)
    }
}

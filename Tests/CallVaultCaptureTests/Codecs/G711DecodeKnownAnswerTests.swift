import CallVaultCapture
import Testing

/// Decoding against ITU-T G.711: the complete 256-entry tables (as `g711.c` and Python's `audioop`
/// give them) and the values printed in the recommendation's tables.
@Suite("G.711 decoding known answers")
struct G711DecodeKnownAnswerTests {
    @Test("the mu-law decode table equals the reference table, code for code")
    func muLawTable() {
        #expect(G711.MuLaw.decodeTable.count == 256)
        #expect(G711.MuLaw.decodeTable == G711Reference.muLawDecode)
        for code in UInt8.min...UInt8.max {
            #expect(G711.MuLaw.decode(code) == G711Reference.muLawDecode[Int(code)], "code \(code)")
        }
    }

    @Test("the A-law decode table equals the reference table, code for code")
    func aLawTable() {
        #expect(G711.ALaw.decodeTable.count == 256)
        #expect(G711.ALaw.decodeTable == G711Reference.aLawDecode)
        for code in UInt8.min...UInt8.max {
            #expect(G711.ALaw.decode(code) == G711Reference.aLawDecode[Int(code)], "code \(code)")
        }
    }

    // ITU-T G.711 Tables 1 (A-law) and 2 (mu-law) give decoder outputs in 13- and 14-bit units;
    // g711.c and audioop scale them to 16 bits (x8 for A-law, x4 for mu-law): mu-law's extremes are
    // 8031 x 4 = 32124, A-law's 4032 x 8 = 32256, A-law's smallest 1 x 8 = 8.
    @Test(
        "mu-law spot values (G.711 Table 2 decoder outputs, scaled to 16 bits)",
        arguments: [
            (UInt8(0x80), Int16(32_124)), (0x00, -32_124), (0xFF, 0), (0x7F, 0), (0xFE, 8), (0x7E, -8),
            (0xF0, 120), (0x8F, 16_764), (0xCE, 988), (0x4E, -988),
        ])
    func muLawSpotValues(code: UInt8, value: Int16) {
        #expect(G711.MuLaw.decode(code) == value)
    }

    @Test(
        "A-law spot values (G.711 Table 1 decoder outputs, scaled to 16 bits)",
        arguments: [
            (UInt8(0xD5), Int16(8)), (0x55, -8), (0xAA, 32_256), (0x2A, -32_256), (0xD4, 24), (0xC5, 264),
            (0xFA, 1_008), (0x7A, -1_008),
        ])
    func aLawSpotValues(code: UInt8, value: Int16) {
        #expect(G711.ALaw.decode(code) == value)
    }

    @Test("both laws are odd-symmetric: flipping the sign bit negates the value")
    func symmetry() {
        for code in UInt8.min...UInt8.max {
            #expect(G711.MuLaw.decode(code) == -G711.MuLaw.decode(code ^ 0x80))
            #expect(G711.ALaw.decode(code) == -G711.ALaw.decode(code ^ 0x80))
        }
    }
}

import CallVaultCapture
import CallVaultCore
import Testing

/// The level tables and helpers: magnitudes and squares of the decoded values, and the silence byte
/// of each encoding.
@Suite("G.711 level tables and silence")
struct G711LevelTests {
    @Test("the magnitude and squared-magnitude tables hold |value| and value² for every code")
    func tables() {
        for code in 0..<256 {
            let mu = Int64(G711Reference.muLawDecode[code])
            let a = Int64(G711Reference.aLawDecode[code])
            #expect(Int64(G711.MuLaw.magnitudeTable[code]) == abs(mu))
            #expect(Int64(G711.ALaw.magnitudeTable[code]) == abs(a))
            #expect(Int64(G711.MuLaw.squaredMagnitudeTable[code]) == mu * mu)
            #expect(Int64(G711.ALaw.squaredMagnitudeTable[code]) == a * a)
        }
        let largestMu: UInt32 = 32_124 * 32_124
        let largestA: UInt32 = 32_256 * 32_256
        #expect(G711.MuLaw.squaredMagnitudeTable.max() == largestMu)
        #expect(G711.ALaw.squaredMagnitudeTable.max() == largestA)
        #expect(G711.ALaw.magnitudeTable.min() == 8)
    }

    @Test("sumOfSquares and peakMagnitude agree with decoding")
    func helpers() {
        let codes = Array(UInt8.min...UInt8.max) + [0x80, 0x00, 0xFF]
        let sumMu = codes.map { Int64(G711.MuLaw.decode($0)) }.reduce(0) { $0 + $1 * $1 }
        let sumA = codes.map { Int64(G711.ALaw.decode($0)) }.reduce(0) { $0 + $1 * $1 }
        codes.withUnsafeBufferPointer { buffer in
            #expect(G711.MuLaw.sumOfSquares(buffer) == UInt64(sumMu))
            #expect(G711.ALaw.sumOfSquares(buffer) == UInt64(sumA))
            #expect(G711.MuLaw.peakMagnitude(buffer) == 32_124)
            #expect(G711.ALaw.peakMagnitude(buffer) == 32_256)
        }
        let silence = [UInt8](repeating: G711.MuLaw.silence, count: 160)
        silence.withUnsafeBufferPointer { #expect(G711.MuLaw.sumOfSquares($0) == 0) }
    }

    @Test("each encoding's silence byte: 0x00 for PCM 16-bit, 0xFF for mu-law, 0xD5 for A-law, none for opaque")
    func silenceBytes() {
        #expect(MediaFormat.Encoding.pcm16LittleEndian.silenceByte == 0x00)
        #expect(MediaFormat.Encoding.muLaw.silenceByte == 0xFF)
        #expect(MediaFormat.Encoding.aLaw.silenceByte == 0xD5)
        #expect(MediaFormat.Encoding.opaque.silenceByte == nil)
        #expect(G711.MuLaw.decode(0xFF) == 0)
        #expect(G711.ALaw.encode(0) == MediaFormat.Encoding.aLaw.silenceByte)
    }
}

import CallVaultCapture
import Testing

/// Decoding then encoding gives the code back; encoding is monotonic; the buffer conversions agree
/// with the single-sample ones.
@Suite("G.711 round trips and buffer conversions")
struct G711RoundTripTests {
    @Test("mu-law: decode then encode is the identity, except negative zero (0x7F), which becomes 0xFF")
    func muLawIdentity() {
        for code in UInt8.min...UInt8.max {
            // audioop.lin2ulaw(audioop.ulaw2lin(b'\x7f', 2), 2) is b'\xff' too: both zeros decode to 0.
            let expected: UInt8 = code == 0x7F ? 0xFF : code
            #expect(G711.MuLaw.encode(G711.MuLaw.decode(code)) == expected, "code \(code)")
        }
    }

    @Test("A-law: decode then encode is the identity for all 256 codes")
    func aLawIdentity() {
        for code in UInt8.min...UInt8.max {
            #expect(G711.ALaw.encode(G711.ALaw.decode(code)) == code, "code \(code)")
        }
    }

    @Test("encoding is monotonic: a larger sample never decodes to a smaller value")
    func monotonic() {
        var previousMu = Int16.min
        var previousA = Int16.min
        for sample in G711Reference.everySample {
            let mu = G711.MuLaw.decode(G711.MuLaw.encode(sample))
            let a = G711.ALaw.decode(G711.ALaw.encode(sample))
            #expect(mu >= previousMu && a >= previousA, "sample \(sample)")
            previousMu = mu
            previousA = a
        }
    }

    @Test("buffer encoding equals single-sample encoding for every sample")
    func bufferEncode() {
        let samples = G711Reference.everySample
        #expect(G711.MuLaw.encode(samples) == samples.map(G711.MuLaw.encode))
        #expect(G711.ALaw.encode(samples) == samples.map(G711.ALaw.encode))
    }

    @Test("buffer decoding equals single-code decoding for every code")
    func bufferDecode() {
        let codes = Array(UInt8.min...UInt8.max) + Array((UInt8.min...UInt8.max).reversed())
        #expect(G711.MuLaw.decode(codes) == codes.map(G711.MuLaw.decode))
        #expect(G711.ALaw.decode(codes) == codes.map(G711.ALaw.decode))
    }

    @Test("little-endian PCM byte conversions equal the sample conversions, at any alignment")
    func littleEndianBytes() {
        let samples = G711Reference.everySample
        let bytes = samples.flatMap { [UInt8(truncatingIfNeeded: $0), UInt8(truncatingIfNeeded: $0 >> 8)] }
        for misalignment in 0..<2 {
            let shifted = [UInt8](repeating: 0xEE, count: misalignment) + bytes + [0x7F]
            var codes = [UInt8](repeating: 0, count: samples.count)
            let encoded = shifted.withUnsafeBytes { raw in
                codes.withUnsafeMutableBufferPointer { out in
                    G711.MuLaw.encode(
                        pcm16LittleEndian: UnsafeRawBufferPointer(rebasing: raw[misalignment...]), into: out)
                }
            }
            #expect(encoded == samples.count)
            #expect(codes == samples.map(G711.MuLaw.encode))

            var pcm = [UInt8](repeating: 0xEE, count: misalignment + bytes.count)
            let decoded = codes.withUnsafeBufferPointer { input in
                pcm.withUnsafeMutableBytes { raw in
                    G711.MuLaw.decode(
                        input, intoPCM16LittleEndian: UnsafeMutableRawBufferPointer(rebasing: raw[misalignment...]))
                }
            }
            #expect(decoded == samples.count)
            let expected = samples.map(G711.MuLaw.encode).map(G711.MuLaw.decode)
                .flatMap { [UInt8(truncatingIfNeeded: $0), UInt8(truncatingIfNeeded: $0 >> 8)] }
            #expect(Array(pcm[misalignment...]) == expected)
        }
    }

    @Test("a short destination is never overrun: the conversions stop at the shorter buffer")
    func shortDestination() {
        let samples: [Int16] = [0, 1_000, -1_000, 32_767]
        var codes = [UInt8](repeating: 0x11, count: 6)
        let count = samples.withUnsafeBufferPointer { input in
            codes.withUnsafeMutableBufferPointer { output in
                G711.ALaw.encode(input, into: UnsafeMutableBufferPointer(rebasing: output[0..<2]))
            }
        }
        #expect(count == 2)
        #expect(codes == [0xD5, 0xFA, 0x11, 0x11, 0x11, 0x11])

        var decoded = [Int16](repeating: 7, count: 3)
        let decodedCount = codes.withUnsafeBufferPointer { input in
            decoded.withUnsafeMutableBufferPointer { G711.ALaw.decode(input, into: $0) }
        }
        #expect(decodedCount == 3)
        #expect(decoded == [8, 1_008, G711.ALaw.decode(0x11)])

        var oddBytes = [UInt8](repeating: 0, count: 5)
        let pcmCount = codes.withUnsafeBufferPointer { input in
            oddBytes.withUnsafeMutableBytes { G711.MuLaw.decode(input, intoPCM16LittleEndian: $0) }
        }
        #expect(pcmCount == 2)
        #expect(oddBytes[4] == 0)
    }

    @Test("empty buffers convert nothing")
    func empty() {
        #expect(G711.MuLaw.encode([Int16]()) == [])
        #expect(G711.ALaw.decode([UInt8]()) == [])
        #expect(G711.MuLaw.sumOfSquares(UnsafeBufferPointer(start: nil, count: 0)) == 0)
        #expect(G711.ALaw.peakMagnitude(UnsafeBufferPointer(start: nil, count: 0)) == 0)
    }
}

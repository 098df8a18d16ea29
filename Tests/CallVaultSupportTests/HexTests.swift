import CallVaultSupport
import Foundation
import Testing

/// The one hexadecimal encoder: two lower-case digits a byte, and back.
@Suite("Support: Hex")
struct HexTests {
    @Test("every byte value encodes as the standard library's base-16 text, padded to two digits")
    func everyByte() {
        for byte in UInt8.min...UInt8.max {
            let expected = (byte < 16 ? "0" : "") + String(byte, radix: 16)
            #expect(Hex.encode([byte]) == expected)
            var appended: [UInt8] = [0x2A]
            Hex.append([byte], to: &appended)
            #expect(appended == [0x2A] + Array(expected.utf8))
        }
    }

    @Test("decode undoes encode, accepts upper case, and refuses odd lengths and other characters")
    func roundTrip() {
        let bytes = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 97) }
        #expect(Hex.decode(Hex.encode(bytes)) == bytes)
        #expect(Hex.decode(Hex.encode(bytes).uppercased()) == bytes)
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("0g") == nil)
        #expect(Hex.decode("") == [])
    }

    @Test("contiguous and non-contiguous sequences encode alike (arrays, slices, Data, lazy maps, ranges)")
    func sequenceShapes() {
        let bytes: [UInt8] = [0x00, 0x0F, 0x10, 0x7F, 0x80, 0xAB, 0xFF]
        let expected = "000f107f80abff"
        #expect(Hex.encode(bytes) == expected)
        #expect(Hex.encode(bytes[2...]) == "107f80abff")
        #expect(Hex.encode(Data(bytes)) == expected)
        #expect(Hex.encode(Data(bytes).dropFirst(5)) == "abff")
        #expect(Hex.encode(bytes.lazy.map { $0 }) == expected)
        #expect(Hex.encode(UInt8(0xFD)...UInt8(0xFF)) == "fdfeff")
        var line = Array("k=".utf8)
        Hex.append(bytes.lazy.map { $0 }, to: &line)
        #expect(String(decoding: line, as: UTF8.self) == "k=" + expected)
    }
}

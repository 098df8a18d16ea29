import CallVaultSupport
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
}

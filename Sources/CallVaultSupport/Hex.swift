/// Lowercase hexadecimal, for fingerprints, digests, certificates and test vectors (never for
/// secrets): the one encoder every CallVault module uses.
package enum Hex {
    /// `bytes` as lowercase hexadecimal, two digits a byte.
    package static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        append(bytes, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `bytes` as lowercase hexadecimal UTF-8 to `out` (for writers that build a line of
    /// bytes, without a `String` in between).
    package static func append(_ bytes: some Sequence<UInt8>, to out: inout [UInt8]) {
        // Called across modules this generic is not specialised, and iterating an unspecialised
        // sequence costs a heap allocation a byte (a deletion certificate's hex alone cost 130);
        // so the bytes are read once through contiguous storage ([UInt8], Data, slices) and encoded
        // by the non-generic loop below.
        let done: Void? = bytes.withContiguousStorageIfAvailable { append(UnsafeRawBufferPointer($0), to: &out) }
        if done == nil { Array(bytes).withUnsafeBytes { append($0, to: &out) } }
    }

    /// Appends the bytes of `buffer` as lowercase hexadecimal UTF-8 to `out`.
    package static func append(_ buffer: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        out.reserveCapacity(out.count + buffer.count * 2)
        for byte in buffer {
            out.append(digit(byte >> 4))
            out.append(digit(byte & 0x0F))
        }
    }

    /// The lowercase hexadecimal digit (UTF-8) of a value from 0 to 15.
    @inline(__always)
    package static func digit(_ value: UInt8) -> UInt8 {
        value &+ (value < 10 ? UInt8(ascii: "0") : UInt8(ascii: "a") &- 10)
    }

    /// Whether `character` (UTF-8) is a hexadecimal digit, either case.
    package static func isDigit(_ character: UInt8) -> Bool {
        value(character) != nil
    }

    /// The value of a hexadecimal digit (UTF-8, either case), or `nil`.
    package static func value(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Decodes hexadecimal digits (either case, no separators); `nil` on any other character or an
    /// odd count.
    package static func decode(_ text: some StringProtocol) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = value(utf8[index]), let low = value(utf8[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }
}

/// Bech32m (BIP 350): a human-readable prefix, the separator `1`, base-32 data and a six-character
/// checksum that detects any error in up to four characters.
///
/// Recipient strings use it so that a mistyped or truncated recipient is rejected instead of
/// silently wrapping a data key for a key nobody holds.
enum Bech32m {
    private static let alphabet = Array("qpzry9x8gf2tvdw0s3jn54khce6mua7l".utf8)
    private static let checksumConstant: UInt32 = 0x2bc8_30a3
    static let maximumLength = 90

    enum DecodingError: Error, Equatable {
        case tooLong
        case invalidCharacter
        case mixedCase
        case missingSeparator
        case emptyPrefix
        case checksumTooShort
        case badChecksum
        case badPadding
    }

    static func encode(prefix: String, bytes: [UInt8]) -> String {
        let prefixBytes = Array(prefix.lowercased().utf8)
        let data = regroup(bytes, from: 8, to: 5, pad: true) ?? []
        let checksum = makeChecksum(prefix: prefixBytes, data: data)
        var out = prefixBytes
        out.append(UInt8(ascii: "1"))
        for value in data + checksum { out.append(alphabet[Int(value)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes a Bech32m string into its lowercase prefix and data bytes.
    static func decode(_ text: String) throws(DecodingError) -> (prefix: String, bytes: [UInt8]) {
        let (prefix, values) = try decodeValues(text)
        guard let bytes = regroup(values, from: 5, to: 8, pad: false) else { throw .badPadding }
        return (prefix, bytes)
    }

    /// Checks a string's characters and checksum and returns the prefix and the 5-bit data values.
    static func decodeValues(_ text: String) throws(DecodingError) -> (prefix: String, values: [UInt8]) {
        let utf8 = Array(text.utf8)
        guard utf8.count <= maximumLength else { throw .tooLong }
        var hasLower = false
        var hasUpper = false
        for character in utf8 {
            guard (33...126).contains(character) else { throw .invalidCharacter }
            if (97...122).contains(character) { hasLower = true }
            if (65...90).contains(character) { hasUpper = true }
        }
        guard !(hasLower && hasUpper) else { throw .mixedCase }
        let lowered = utf8.map { (65...90).contains($0) ? $0 + 32 : $0 }
        guard let separator = lowered.lastIndex(of: UInt8(ascii: "1")) else { throw .missingSeparator }
        guard separator > 0 else { throw .emptyPrefix }
        guard lowered.count - separator - 1 >= 6 else { throw .checksumTooShort }
        let prefix = Array(lowered[..<separator])
        var values: [UInt8] = []
        for character in lowered[(separator + 1)...] {
            guard let value = alphabet.firstIndex(of: character) else { throw .invalidCharacter }
            values.append(UInt8(value))
        }
        guard polymod(expand(prefix) + values) == checksumConstant else { throw .badChecksum }
        return (String(decoding: prefix, as: UTF8.self), Array(values.dropLast(6)))
    }

    private static func polymod(_ values: [UInt8]) -> UInt32 {
        let generator: [UInt32] = [0x3b6a_57b2, 0x2650_8e6d, 0x1ea1_19fa, 0x3d42_33dd, 0x2a14_62b3]
        var check: UInt32 = 1
        for value in values {
            let top = check >> 25
            check = (check & 0x1ff_ffff) << 5 ^ UInt32(value)
            for bit in 0..<5 where (top >> UInt32(bit)) & 1 == 1 {
                check ^= generator[bit]
            }
        }
        return check
    }

    private static func expand(_ prefix: [UInt8]) -> [UInt8] {
        prefix.map { $0 >> 5 } + [0] + prefix.map { $0 & 31 }
    }

    private static func makeChecksum(prefix: [UInt8], data: [UInt8]) -> [UInt8] {
        let check = polymod(expand(prefix) + data + [0, 0, 0, 0, 0, 0]) ^ checksumConstant
        return (0..<6).map { UInt8((check >> UInt32(5 * (5 - $0))) & 31) }
    }

    /// Regroups bits between 8-bit bytes and 5-bit values; `nil` on non-zero or overlong padding.
    private static func regroup(_ input: [UInt8], from: Int, to: Int, pad: Bool) -> [UInt8]? {
        var accumulator = 0
        var bits = 0
        var out: [UInt8] = []
        let mask = (1 << to) - 1
        for value in input {
            accumulator = (accumulator << from) | Int(value)
            bits += from
            while bits >= to {
                bits -= to
                out.append(UInt8((accumulator >> bits) & mask))
            }
        }
        if pad {
            if bits > 0 { out.append(UInt8((accumulator << (to - bits)) & mask)) }
        } else if bits >= from || (accumulator << (to - bits)) & mask != 0 {
            return nil
        }
        return out
    }
}

extension G711 {
    /// ITU-T G.711 A-law, used in Europe and most of the world (RTP payload type 8, PCMA).
    ///
    /// A code holds a sign bit, a 3-bit segment and a 4-bit step, with the even bits inverted. It
    /// covers 13 bits of the linear range: ±32,256 at the extremes, and no code for zero (the
    /// smallest values are ±8).
    ///
    /// ```swift
    /// G711.ALaw.decode(0xAA)   // 32256
    /// G711.ALaw.decode(0xD5)   // 8
    /// G711.ALaw.encode(0)      // 0xD5, the silence code
    /// ```
    public enum ALaw: Law, Sendable {
        /// `0xD5`, the code a zero sample encodes to (it decodes to +8).
        public static let silence: UInt8 = 0xD5

        /// The 256 linear values, as in ITU-T G.711 and `g711.c`'s `alaw2linear`.
        public static let decodeTable: [Int16] = (0...255).map { linear(code: UInt8($0)) }

        /// 13: A-law encodes the top 13 bits of a 16-bit sample.
        public static let linearBitCount = 13

        /// The code of each 13-bit value, built with the single-sample `encode(_:)`.
        public static let encodeTable: [UInt8] = (0..<(1 << 13)).map {
            encode(Int16(bitPattern: UInt16(truncatingIfNeeded: $0 << 3)))
        }

        /// `|decodeTable[code]|` for each code; never 0, since A-law has no zero code.
        public static let magnitudeTable: [UInt16] = decodeTable.map(\.magnitude)

        /// `decodeTable[code]²` for each code.
        public static let squaredMagnitudeTable: [UInt32] = magnitudeTable.map { UInt32($0) * UInt32($0) }

        /// Encodes a 16-bit sample, exactly as `g711.c`'s `linear2alaw` applied to `sample >> 3`.
        ///
        /// Table-free: the segment is the bit length of the magnitude, found with one
        /// count-leading-zeros instruction instead of `g711.c`'s segment search.
        @inlinable
        public static func encode(_ sample: Int16) -> UInt8 {
            // G.711 A-law works on 13-bit samples: drop the three low bits.
            var value = Int32(sample) &>> 3
            let mask: UInt8
            if value >= 0 {
                mask = 0xD5
            } else {
                mask = 0x55
                value = -value &- 1
            }
            // value is 0...4095: a bit length of up to 5 is segment 0, then 6...12 is segment 1...7.
            let segment = Int32(max(27 &- value.leadingZeroBitCount, 0))
            let code = (segment &<< 4) | ((value &>> max(segment, 1)) & 0x0F)
            return UInt8(truncatingIfNeeded: code) ^ mask
        }

        /// The linear value of a code, by ITU-T G.711's formula (`g711.c`'s `alaw2linear`).
        static func linear(code: UInt8) -> Int16 {
            let value = Int32(code ^ 0x55)
            let segment = (value & 0x70) &>> 4
            var magnitude = (value & 0x0F) &<< 4
            switch segment {
            case 0: magnitude &+= 8
            case 1: magnitude &+= 0x108
            default: magnitude = (magnitude &+ 0x108) &<< (segment &- 1)
            }
            return Int16(truncatingIfNeeded: value & 0x80 != 0 ? magnitude : -magnitude)
        }
    }
}

extension G711 {
    /// ITU-T G.711 mu-law (µ-law), used in North America and Japan (RTP payload type 0, PCMU).
    ///
    /// A code holds a sign bit, a 3-bit segment and a 4-bit step, all inverted. It covers 14 bits of
    /// the linear range: ±32,124 at the extremes, and two codes (`0xFF` and `0x7F`) for zero.
    ///
    /// ```swift
    /// G711.MuLaw.decode(0x80)   // 32124
    /// G711.MuLaw.decode(0x00)   // -32124
    /// G711.MuLaw.encode(0)      // 0xFF, the silence code
    /// ```
    public enum MuLaw: Law, Sendable {
        /// `0xFF`, the code for zero (positive zero); `0x7F` is negative zero and also decodes to 0.
        public static let silence: UInt8 = 0xFF

        /// The 256 linear values, as in ITU-T G.711 and `g711.c`'s `ulaw2linear`.
        public static let decodeTable: [Int16] = (0...255).map { linear(code: UInt8($0)) }

        /// 14: mu-law encodes the top 14 bits of a 16-bit sample.
        public static let linearBitCount = 14

        /// The code of each 14-bit value, built with the single-sample `encode(_:)`.
        public static let encodeTable: [UInt8] = (0..<(1 << 14)).map {
            encode(Int16(bitPattern: UInt16(truncatingIfNeeded: $0 << 2)))
        }

        /// `|decodeTable[code]|` for each code; 0 for the two zero codes.
        public static let magnitudeTable: [UInt16] = decodeTable.map(\.magnitude)

        /// `decodeTable[code]²` for each code.
        public static let squaredMagnitudeTable: [UInt32] = magnitudeTable.map { UInt32($0) * UInt32($0) }

        /// Encodes a 16-bit sample, exactly as `g711.c`'s `linear2ulaw` applied to `sample >> 2`.
        ///
        /// Branch-light and table-free: the segment is the bit length of the biased magnitude, found
        /// with one count-leading-zeros instruction instead of `g711.c`'s segment search.
        @inlinable
        public static func encode(_ sample: Int16) -> UInt8 {
            // G.711 mu-law works on 14-bit samples: drop the two low bits (rounding toward minus
            // infinity, as g711.c's arithmetic shift does).
            var value = Int32(sample) &>> 2
            let mask: UInt8
            if value < 0 {
                value = -value
                mask = 0x7F
            } else {
                mask = 0xFF
            }
            // Clip, then add the bias (0x84 >> 2). g711.c clips at 8159 and maps the one value that
            // then overflows segment 7 to the top code; clipping at 8158 gives that code directly.
            value = min(value, 8_158) &+ 33
            // value is 33...8191: a bit length of 6...13 is segment 0...7.
            let segment = Int32(26 &- value.leadingZeroBitCount)
            let code = (segment &<< 4) | ((value &>> (segment &+ 1)) & 0x0F)
            return UInt8(truncatingIfNeeded: code) ^ mask
        }

        /// The linear value of a code, by ITU-T G.711's formula (`g711.c`'s `ulaw2linear`).
        static func linear(code: UInt8) -> Int16 {
            let inverted = Int32(~code)
            let segment = (inverted & 0x70) &>> 4
            let magnitude = (((inverted & 0x0F) &<< 3) &+ 0x84) &<< segment
            let value = inverted & 0x80 != 0 ? 0x84 &- magnitude : magnitude &- 0x84
            return Int16(truncatingIfNeeded: value)
        }
    }
}

extension G711 {
    /// One G.711 companding law: how a 16-bit linear sample maps to a code byte and back.
    ///
    /// ``G711/MuLaw`` and ``G711/ALaw`` conform. Code generic over `Law` to handle both with one
    /// body; the buffer conversions and level helpers in extensions of this protocol are
    /// `@inlinable`, so they specialise into tight loops over the law's tables.
    ///
    /// ```swift
    /// func meanSquare<L: G711.Law>(_ frame: UnsafeBufferPointer<UInt8>, law: L.Type) -> Double {
    ///     Double(L.sumOfSquares(frame)) / Double(max(frame.count, 1))
    /// }
    /// ```
    public protocol Law {
        /// The code for digital silence: the code a zero sample encodes to, which a gap is filled with.
        static var silence: UInt8 { get }

        /// The linear 16-bit value of each of the 256 codes, indexed by code.
        static var decodeTable: [Int16] { get }

        /// The absolute value of each code's linear value, indexed by code: a peak meter takes the
        /// largest entry over a frame, with no sign handling and no decoding.
        static var magnitudeTable: [UInt16] { get }

        /// The square of each code's linear value, indexed by code: the sum of the entries over a
        /// frame, divided by its length, is the frame's mean power (the square of its RMS level) in
        /// 16-bit units, with no decoding and no multiplication per sample. Entries are at most
        /// 32,256² (1,040,449,536), so a `UInt64` sum cannot overflow for any buffer that fits in
        /// memory.
        static var squaredMagnitudeTable: [UInt32] { get }

        /// How many of a 16-bit sample's top bits the law encodes: 14 for mu-law, 13 for A-law.
        static var linearBitCount: Int { get }

        /// The code of every value of a sample's top ``G711/Law/linearBitCount`` bits, indexed by
        /// those bits read as unsigned: `encodeTable[Int(UInt16(bitPattern: sample) >> (16 -
        /// linearBitCount))]` is `encode(sample)`.
        ///
        /// The buffer conversions encode with one lookup per sample in this table (16 KiB for
        /// mu-law, 8 KiB for A-law, so it stays in the L1 cache).
        static var encodeTable: [UInt8] { get }

        /// Encodes one 16-bit linear sample to its code.
        static func encode(_ sample: Int16) -> UInt8
    }
}

extension G711.Law {
    /// Decodes one code to its 16-bit linear value (a lookup in ``G711/Law/decodeTable``).
    @inlinable
    public static func decode(_ code: UInt8) -> Int16 {
        decodeTable.withUnsafeBufferPointer { table in table[Int(code)] }
    }
}

extension G711.Law {
    /// The sum of the squared linear values of `codes`, from ``G711/Law/squaredMagnitudeTable``:
    /// one lookup and one addition per code, no decoding.
    ///
    /// Divide by the count for the mean power, and take the square root for the RMS level in 16-bit
    /// units (full scale is 32,767). Each entry is below 2³⁰, so the sum cannot overflow for any
    /// buffer shorter than 2³⁴ codes.
    ///
    /// ```swift
    /// let power = frame.withUnsafeBufferPointer { G711.MuLaw.sumOfSquares($0) }
    /// let rms = (Double(power) / Double(frame.count)).squareRoot()
    /// ```
    @inlinable
    public static func sumOfSquares(_ codes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let source = codes.baseAddress else { return 0 }
        return squaredMagnitudeTable.withUnsafeBufferPointer { table in
            guard let table = table.baseAddress else { return 0 }
            var sum: UInt64 = 0
            for index in 0..<codes.count {
                sum &+= UInt64(table[Int(source[index])])
            }
            return sum
        }
    }

    /// The largest absolute linear value among `codes`, from ``G711/Law/magnitudeTable``; 0 for no
    /// codes.
    ///
    /// A peak meter's reading, or a cheap test for clipping (mu-law's largest magnitude is 32,124,
    /// A-law's 32,256).
    @inlinable
    public static func peakMagnitude(_ codes: UnsafeBufferPointer<UInt8>) -> UInt16 {
        guard let source = codes.baseAddress else { return 0 }
        return magnitudeTable.withUnsafeBufferPointer { table in
            guard let table = table.baseAddress else { return 0 }
            var peak: UInt16 = 0
            for index in 0..<codes.count {
                peak = max(peak, table[Int(source[index])])
            }
            return peak
        }
    }
}

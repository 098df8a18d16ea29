extension G711.Law {
    /// Encodes linear samples into codes with one table lookup each, without allocating.
    ///
    /// Converts `min(samples.count, codes.count)` samples and returns that count, so a short
    /// destination is never overrun; size `codes` like `samples` to convert them all.
    ///
    /// ```swift
    /// samples.withUnsafeBufferPointer { pcm in
    ///     frame.withUnsafeMutableBufferPointer { codes in
    ///         G711.MuLaw.encode(pcm, into: codes)
    ///     }
    /// }
    /// ```
    @inlinable
    @discardableResult
    public static func encode(
        _ samples: UnsafeBufferPointer<Int16>, into codes: UnsafeMutableBufferPointer<UInt8>
    ) -> Int {
        let count = min(samples.count, codes.count)
        guard count > 0, let source = samples.baseAddress, let destination = codes.baseAddress else { return 0 }
        let shift = UInt16(truncatingIfNeeded: 16 &- linearBitCount)
        encodeTable.withUnsafeBufferPointer { table in
            guard let table = table.baseAddress else { return }
            for index in 0..<count {
                destination[index] = table[Int(UInt16(bitPattern: source[index]) &>> shift)]
            }
        }
        return count
    }

    /// Decodes codes into linear samples with one table lookup each, without allocating.
    ///
    /// Converts `min(codes.count, samples.count)` codes and returns that count.
    @inlinable
    @discardableResult
    public static func decode(
        _ codes: UnsafeBufferPointer<UInt8>, into samples: UnsafeMutableBufferPointer<Int16>
    ) -> Int {
        let count = min(codes.count, samples.count)
        guard count > 0, let source = codes.baseAddress, let destination = samples.baseAddress else { return 0 }
        decodeTable.withUnsafeBufferPointer { table in
            guard let table = table.baseAddress else { return }
            for index in 0..<count {
                destination[index] = table[Int(source[index])]
            }
        }
        return count
    }

    /// Encodes 16-bit little-endian PCM bytes (as in a WAV file's data) into codes, without
    /// allocating.
    ///
    /// The bytes need no alignment. Converts `min(pcm.count / 2, codes.count)` samples and returns
    /// that count; a trailing odd byte is ignored.
    @inlinable
    @discardableResult
    public static func encode(
        pcm16LittleEndian pcm: UnsafeRawBufferPointer, into codes: UnsafeMutableBufferPointer<UInt8>
    ) -> Int {
        let count = min(pcm.count / 2, codes.count)
        guard count > 0, let destination = codes.baseAddress else { return 0 }
        let shift = UInt16(truncatingIfNeeded: 16 &- linearBitCount)
        encodeTable.withUnsafeBufferPointer { table in
            guard let table = table.baseAddress else { return }
            for index in 0..<count {
                let sample = UInt16(littleEndian: pcm.loadUnaligned(fromByteOffset: index &* 2, as: UInt16.self))
                destination[index] = table[Int(sample &>> shift)]
            }
        }
        return count
    }

    /// Decodes codes into 16-bit little-endian PCM bytes (as in a WAV file's data), without
    /// allocating.
    ///
    /// The bytes need no alignment. Converts `min(codes.count, pcm.count / 2)` codes and returns
    /// that count; it writes two bytes per code.
    @inlinable
    @discardableResult
    public static func decode(
        _ codes: UnsafeBufferPointer<UInt8>, intoPCM16LittleEndian pcm: UnsafeMutableRawBufferPointer
    ) -> Int {
        let count = min(codes.count, pcm.count / 2)
        guard count > 0, let source = codes.baseAddress else { return 0 }
        decodeTable.withUnsafeBufferPointer { table in
            guard let table = table.baseAddress else { return }
            for index in 0..<count {
                pcm.storeBytes(of: table[Int(source[index])].littleEndian, toByteOffset: index &* 2, as: Int16.self)
            }
        }
        return count
    }

    /// Encodes an array of linear samples; a convenience for code off the hot path.
    ///
    /// ```swift
    /// let codes = G711.ALaw.encode([0, 1_000, -1_000])   // [0xD5, 0xFA, 0x7A]
    /// ```
    @inlinable
    public static func encode(_ samples: [Int16]) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: samples.count) { codes, initialized in
            initialized = samples.withUnsafeBufferPointer { encode($0, into: codes) }
        }
    }

    /// Decodes an array of codes; a convenience for code off the hot path.
    @inlinable
    public static func decode(_ codes: [UInt8]) -> [Int16] {
        [Int16](unsafeUninitializedCapacity: codes.count) { samples, initialized in
            initialized = codes.withUnsafeBufferPointer { decode($0, into: samples) }
        }
    }
}

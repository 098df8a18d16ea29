import CallVaultCore

/// The absolute linear value of each sample code, for encodings with one-byte samples: the
/// quality monitor reads levels through it without decoding.
enum SampleLevels {
    static func magnitudes(for encoding: MediaFormat.Encoding) -> [Int32] {
        switch encoding {
        case .muLaw: G711.MuLaw.magnitudeTable.map(Int32.init)
        case .aLaw: G711.ALaw.magnitudeTable.map(Int32.init)
        default: []
        }
    }
}

/// The quality monitor's per-code weights (see `QualityMonitor`), one table per encoding and clip
/// threshold for the whole process: ten thousand recorders read one 2 KiB table that stays in the
/// processor's cache, instead of each its own copy that misses it.
enum SampleWeights {
    private struct Key: Hashable {
        let encoding: MediaFormat.Encoding
        let clip: Int32
    }

    /// A table's address; tables live as long as the process (a handful at most, 2 KiB each).
    struct Table: @unchecked Sendable {
        // @unchecked: the memory is written once, before the table is published under the lock,
        // and only read afterwards.
        let weights: UnsafePointer<UInt64>
    }

    private static let tables = LockedState<[Key: Table]>([:])

    /// The table for `encoding` (256 entries: each code's squared magnitude shifted left 16 bits,
    /// plus 1 when its magnitude reaches `clip`), or `nil` for encodings without one-byte codes.
    static func table(for encoding: MediaFormat.Encoding, clip: Int32) -> Table? {
        let magnitudes = SampleLevels.magnitudes(for: encoding)
        guard magnitudes.count == 256 else { return nil }
        return tables.withLock { tables in
            let key = Key(encoding: encoding, clip: clip)
            if let table = tables[key] { return table }
            let memory = UnsafeMutablePointer<UInt64>.allocate(capacity: 256)
            for (code, magnitude) in magnitudes.enumerated() {
                memory[code] = UInt64(magnitude * magnitude) << 16 | (magnitude >= clip ? 1 : 0)
            }
            let table = Table(weights: UnsafePointer(memory))
            tables[key] = table
            return table
        }
    }
}

/// One track's jitter buffer: a ring of samples indexed by timeline position, and a bitset of which
/// positions have arrived. Frames land where their timestamps say, whatever order they come in;
/// the recorder reads positions out in order and clears them.
///
/// Memory is fixed at creation (`capacity` samples and `capacity / 64` words), so no frame, however
/// hostile its timestamp, can make it grow.
final class TrackBuffer {
    // What every frame reads first, so a frame touches one or two of the buffer's cache lines.
    /// The end of the furthest frame received.
    var latestEnd: Int64?
    /// Everything below this position (and at or above the written point) has arrived.
    private var knownContiguousEnd: Int64 = .min
    let mask: Int64
    let samples: UnsafeMutableRawPointer
    private let coverage: UnsafeMutablePointer<UInt64>
    private var lastSequence: UInt64?
    /// Which of the 64 sequence numbers up to ``lastSequence`` have been seen (bit 0 is the last).
    private var recentSequences: UInt64 = 0
    let capacity: Int
    let bytesPerSample: Int
    private let wordCount: Int
    var statistics = TrackStatistics()

    init(capacity: Int, bytesPerSample: Int) {
        self.capacity = capacity
        self.mask = Int64(capacity - 1)
        self.bytesPerSample = bytesPerSample
        self.samples = UnsafeMutableRawPointer.allocate(byteCount: capacity * bytesPerSample, alignment: 64)
        self.wordCount = capacity / 64
        self.coverage = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity / 64)
        coverage.initialize(repeating: 0, count: capacity / 64)
    }

    deinit {
        samples.deallocate()
        coverage.deallocate()
    }

    @inline(__always)
    func slot(_ position: Int64) -> Int { Int(position & mask) }

    /// Records a frame's sequence number; true when the frame was already seen (a duplicate).
    /// Gaps ahead count towards ``TrackStatistics/sequenceGaps``.
    func noteSequence(_ sequence: UInt64) -> Bool {
        guard let last = lastSequence else {
            lastSequence = sequence
            recentSequences = 1
            return false
        }
        if sequence > last {
            let advance = sequence - last
            if advance > 1 { statistics.sequenceGaps += Int(min(advance - 1, UInt64(Int.max))) }
            recentSequences = advance >= 64 ? 1 : (recentSequences << advance) | 1
            lastSequence = sequence
            return false
        }
        let behind = last - sequence
        guard behind < 64 else { return false }
        let bit: UInt64 = 1 << behind
        defer { recentSequences |= bit }
        return recentSequences & bit != 0
    }

    @inline(__always)
    func isCovered(_ position: Int64) -> Bool {
        let slot = self.slot(position)
        return coverage[slot >> 6] & (1 << UInt64(slot & 63)) != 0
    }

    /// Whether every position in `range` has arrived.
    func isCovered(_ range: Range<Int64>) -> Bool {
        // Nothing at or beyond the furthest frame's end has arrived, and nothing below the
        // contiguous end (at or above the written point, where callers ask) is missing: the
        // in-order cases answer without reading the bitset, another cache line per frame.
        guard let latestEnd, range.lowerBound < latestEnd else { return range.isEmpty }
        if range.upperBound <= knownContiguousEnd { return true }
        var position = range.lowerBound
        while position < range.upperBound {
            let slot = self.slot(position)
            let bit = slot & 63
            let run = Int(min(Int64(64 - bit), range.upperBound - position))
            let bits: UInt64 = run == 64 ? ~0 : ((1 << UInt64(run)) - 1) << UInt64(bit)
            guard coverage[slot >> 6] & bits == bits else { return false }
            position += Int64(run)
        }
        return true
    }

    /// Copies `count` samples of `bytes` to positions from `start` and marks them arrived.
    func store(_ bytes: UnsafeRawBufferPointer, at start: Int64, count: Int) {
        var position = start
        var offset = 0
        var remaining = count
        while remaining > 0 {
            let slot = self.slot(position)
            let run = min(remaining, capacity - slot)
            if let source = bytes.baseAddress {
                (samples + slot * bytesPerSample).copyMemory(
                    from: source + offset * bytesPerSample, byteCount: run * bytesPerSample)
            }
            setCoverage(from: slot, count: run, to: true)
            position += Int64(run)
            offset += run
            remaining -= run
        }
        let end = start + Int64(count)
        if latestEnd.map({ end > $0 }) ?? true { latestEnd = end }
    }

    /// Forgets positions in `range` (they have been written out), freeing their slots.
    func clear(_ range: Range<Int64>) {
        var position = range.lowerBound
        while position < range.upperBound {
            let slot = self.slot(position)
            let run = Int(min(Int64(capacity - slot), range.upperBound - position))
            setCoverage(from: slot, count: run, to: false)
            position += Int64(run)
        }
    }

    /// The first position at or after `start`, below `limit`, that has not arrived (`limit` if all have).
    func firstMissing(from start: Int64, limit: Int64) -> Int64 {
        var position = max(start, knownContiguousEnd)
        if position >= limit { return limit }
        // Nothing at or beyond the furthest frame's end has arrived: a track that has delivered
        // nothing past its contiguous end (the other leg, waiting for its frame) answers without
        // reading the bitset.
        guard let latestEnd, position < latestEnd else { return position }
        while position < limit {
            let slot = self.slot(position)
            let bit = slot & 63
            let word = coverage[slot >> 6] >> UInt64(bit)
            let available = 64 - bit
            let ones = (~word).trailingZeroBitCount
            if ones < available {
                position += Int64(ones)
                break
            }
            position += Int64(available)
        }
        position = min(position, limit)
        knownContiguousEnd = position
        return position
    }

    /// Called when positions below `written` are written out: the cached contiguous end can only
    /// be trusted at or above it.
    func didWrite(upTo written: Int64) {
        if knownContiguousEnd < written { knownContiguousEnd = written }
    }

    private func setCoverage(from slot: Int, count: Int, to value: Bool) {
        var slot = slot
        var remaining = count
        while remaining > 0 {
            let bit = slot & 63
            let run = min(remaining, 64 - bit)
            let bits: UInt64 = run == 64 ? ~0 : ((1 << UInt64(run)) - 1) << UInt64(bit)
            if value {
                coverage[slot >> 6] |= bits
            } else {
                coverage[slot >> 6] &= ~bits
            }
            slot += run
            remaining -= run
        }
    }
}

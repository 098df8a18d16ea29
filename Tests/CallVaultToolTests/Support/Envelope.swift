/// An envelope's bytes cut into its parts, using the layout `inspect --json` reports: the header,
/// sealed segments of `segmentSize + 16` bytes (the final one shorter), then the 16-byte end marker.
struct Envelope {
    static let tagLength = 16
    static let endMarkerLength = 16

    let bytes: [UInt8]
    let report: InspectReport

    var header: ArraySlice<UInt8> { bytes[..<report.headerLength] }

    /// Everything after the header: the sealed segments and the end marker.
    var body: ArraySlice<UInt8> { bytes[report.headerLength...] }

    /// Where segment `index` lies (the final segment holds the plaintext's remainder).
    func segmentRange(_ index: Int) -> Range<Int> {
        let start = report.headerLength + index * report.sealedSegmentLength
        let isFinal = report.complete && index == report.segmentCount - 1
        let plaintext = isFinal ? Int(report.plaintextLength % UInt64(report.segmentSize)) : report.segmentSize
        return start..<(start + plaintext + Self.tagLength)
    }

    func segment(_ index: Int) -> [UInt8] {
        Array(bytes[segmentRange(index)])
    }

    var endMarkerRange: Range<Int> { (bytes.count - Self.endMarkerLength)..<bytes.count }
}

extension Array where Element == UInt8 {
    /// A copy with the byte at `offset` XORed with `mask`.
    func flipping(_ offset: Int, mask: UInt8 = 0x01) -> [UInt8] {
        var copy = self
        copy[offset] ^= mask
        return copy
    }

    /// A copy with `range` replaced by `replacement`.
    func replacing(_ range: Range<Int>, with replacement: [UInt8]) -> [UInt8] {
        var copy = self
        copy.replaceSubrange(range, with: replacement)
        return copy
    }

    /// A copy with `inserted` placed at `offset`.
    func inserting(_ inserted: [UInt8], at offset: Int) -> [UInt8] {
        var copy = self
        copy.insert(contentsOf: inserted, at: offset)
        return copy
    }

    /// Reads a little-endian unsigned integer of `count` bytes at `offset`.
    func littleEndian(at offset: Int, count: Int) -> Int {
        self[offset..<(offset + count)].reversed().reduce(0) { $0 << 8 | Int($1) }
    }
}

/// Deterministic pseudo-random bytes (xorshift), so every position holds a different-looking value
/// and a failure reproduces.
func deterministicBytes(_ count: Int, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> [UInt8] {
    var state = seed | 1
    return (0..<count).map { _ in
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return UInt8(truncatingIfNeeded: state)
    }
}

extension Envelope {
    /// Offsets in the header core (HeaderCoding.swift): magic(8) version(2) algorithm(2)
    /// coreLength(4) recordingID(16) segmentSize(4) declaredLength(8) mediaEncoding(1)
    /// channelCount(1) sampleRate(4) startTimeMillis(8) tenant(2+n) ... keyCommitment(32) headerMAC(32).
    enum CoreOffset {
        static let version = 8
        static let algorithm = 10
        static let recordingID = 16
        static let segmentSize = 32
        static let declaredLength = 36
        static let channelCount = 45
        static let startTime = 50
        static let tenantLength = 58
        static let tenant = 60
    }

    /// Length of the header core (stored big-endian at offset 12); the wrap count and wraps follow it.
    var coreLength: Int {
        bytes[12..<16].reduce(0) { $0 << 8 | Int($1) }
    }
}

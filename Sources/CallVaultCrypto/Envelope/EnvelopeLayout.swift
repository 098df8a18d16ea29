public import CallVaultCore

/// Where an envelope's segments lie and whether the envelope is complete, worked out from the header,
/// the source's length and the end marker, before any decryption.
///
/// A complete envelope ends with its final segment (shorter than a full one, possibly empty)
/// followed by a 16-byte end marker: 8 magic bytes and the total plaintext length. The final
/// segment is sealed with the end marker as associated data, so the marker is authenticated.
/// Without a valid end marker the envelope was cut short: its full segments can still be verified
/// and read, and the bytes after them are an unfinished segment.
public struct EnvelopeLayout: Hashable, Sendable {
    /// Whether the envelope ended properly.
    public enum Status: Hashable, Sendable {
        /// The end marker is present and consistent: `segmentCount` segments, `plaintextByteCount` bytes.
        case complete(segmentCount: Int, plaintextByteCount: UInt64)
        /// No end marker: `fullSegmentCount` whole segments, then `trailingByteCount` bytes of an
        /// unfinished one.
        case incomplete(fullSegmentCount: Int, trailingByteCount: Int)
        /// Every segment is present, the final one included, but only `markerBytesPresent` of the
        /// end marker's 16 bytes reached the disk (a crash while it was written). Found only by an
        /// ``EnvelopeReader``, which verifies the final segment against the marker it must have had.
        case endMarkerCut(segmentCount: Int, plaintextByteCount: UInt64, markerBytesPresent: Int)
    }

    /// Bytes of the header (segment 0 starts here).
    public let headerByteCount: Int
    /// Plaintext bytes per full segment.
    public let segmentSize: Int
    /// Complete or cut short.
    public let status: Status
    /// The end marker when the final segment is present (the final segment's associated data).
    let endMarker: [UInt8]

    /// Bytes of a full sealed segment.
    public var sealedSegmentByteCount: Int { segmentSize + EnvelopeFormat.tagByteCount }

    /// Whether the end marker is present and consistent.
    public var isComplete: Bool {
        if case .complete = status { return true }
        return false
    }

    /// Segments that can be read: all of them when the final segment is present, the full ones
    /// when the envelope was cut short before it.
    public var readableSegmentCount: Int {
        switch status {
        case .complete(let count, _), .endMarkerCut(let count, _, _): count
        case .incomplete(let count, _): count
        }
    }

    /// Plaintext bytes that can be read (the verified prefix of an incomplete envelope).
    public var readablePlaintextByteCount: UInt64 {
        switch status {
        case .complete(_, let length), .endMarkerCut(_, let length, _): length
        case .incomplete(let count, _): UInt64(count) * UInt64(segmentSize)
        }
    }

    /// Bytes after the readable segments that belong to no verifiable whole: part of a segment, or
    /// part of the end marker. Zero when complete.
    public var trailingByteCount: Int {
        switch status {
        case .complete: 0
        case .incomplete(_, let trailing): trailing
        case .endMarkerCut(_, _, let present): present
        }
    }

    /// Whether segment `index` is the final one (sealed with the final flag and the end marker).
    func isFinal(_ index: Int) -> Bool {
        switch status {
        case .complete(let count, _), .endMarkerCut(let count, _, _): index == count - 1
        case .incomplete: false
        }
    }

    /// Plaintext bytes in segment `index`.
    func plaintextCount(ofSegment index: Int) -> Int {
        isFinal(index) ? Int(readablePlaintextByteCount % UInt64(segmentSize)) : segmentSize
    }

    /// The segments to open to read `range` of the plaintext: those holding its bytes and, when the
    /// range reaches the end of a present final segment, that final segment too, even if it holds
    /// no byte of the range or none at all. Its tag authenticates the end marker, and so the length:
    /// a read that reaches the end must never skip it (an empty final segment once was, which let
    /// a forged end marker pass).
    func segments(covering range: Range<UInt64>) -> Range<Int> {
        let size = UInt64(segmentSize)
        let first = Int(min(range.lowerBound / size, UInt64(Int.max)))
        var end = range.isEmpty ? first : Int((range.upperBound - 1) / size) + 1
        if hasFinalSegment, range.upperBound == readablePlaintextByteCount {
            end = readableSegmentCount
        }
        return first..<max(first, end)
    }

    /// Whether the final segment (the one sealed with the end marker) is present.
    var hasFinalSegment: Bool {
        if case .incomplete = status { return false }
        return true
    }

    /// Offset of segment `index` in the envelope.
    func offset(ofSegment index: Int) -> UInt64 {
        UInt64(headerByteCount) + UInt64(index) * UInt64(sealedSegmentByteCount)
    }

    /// Total envelope length for a plaintext of `length` bytes.
    static func envelopeByteCount(headerByteCount: Int, segmentSize: Int, plaintextByteCount length: UInt64) -> UInt64 {
        let fullSegments = length / UInt64(segmentSize)
        let finalCount = length % UInt64(segmentSize)
        return UInt64(headerByteCount) + fullSegments * UInt64(segmentSize + EnvelopeFormat.tagByteCount)
            + finalCount + UInt64(EnvelopeFormat.tagByteCount + EnvelopeFormat.trailerByteCount)
    }

    static func endMarker(plaintextByteCount: UInt64) -> [UInt8] {
        var marker = EnvelopeFormat.trailerMagic
        marker.appendBigEndian(plaintextByteCount)
        return marker
    }

    /// Measures `source` for `header`.
    ///
    /// - Throws: ``EnvelopeError/endMarkerTampered(reason:)`` when an end marker is present but
    ///   contradicts the file length or the header's declared length.
    public static func measure(
        _ header: EnvelopeHeader, in source: some RandomAccessByteSource
    ) throws -> EnvelopeLayout {
        let total = try source.byteCount()
        let headerCount = UInt64(header.byteCount)
        guard total >= headerCount else {
            throw EnvelopeError.headerTruncated(needed: headerCount, available: total)
        }
        let body = total - headerCount
        let sealedSize = UInt64(header.sealedSegmentByteCount)
        let markerCount = UInt64(EnvelopeFormat.trailerByteCount)
        if body >= markerCount + UInt64(EnvelopeFormat.tagByteCount) {
            var marker = [UInt8](repeating: 0, count: EnvelopeFormat.trailerByteCount)
            try marker.withUnsafeMutableBytes { try source.read(into: $0, at: total - markerCount) }
            let hasMagic = Array(marker.prefix(EnvelopeFormat.trailerMagic.count)) == EnvelopeFormat.trailerMagic
            if !hasMagic, endsWithFittingLength(header, marker: marker, total: total) {
                throw EnvelopeError.endMarkerTampered(
                    reason: "its magic bytes were changed, though the length after them fits the file exactly")
            }
            if hasMagic {
                let length = marker.readBigEndian(as: UInt64.self, at: 8)
                guard length < 1 << 62 else {
                    throw EnvelopeError.endMarkerTampered(reason: "it records an impossible length of \(length) bytes")
                }
                let expected = envelopeByteCount(
                    headerByteCount: header.byteCount, segmentSize: header.segmentSize, plaintextByteCount: length)
                guard expected == total else {
                    throw EnvelopeError.endMarkerTampered(
                        reason: "it records \(length) plaintext bytes, which does not fit the envelope's \(total) bytes"
                    )
                }
                if let declared = header.declaredPlaintextByteCount, declared != length {
                    throw EnvelopeError.endMarkerTampered(
                        reason: "it records \(length) plaintext bytes but the header declares \(declared)")
                }
                let segments = Int(length / UInt64(header.segmentSize)) + 1
                return EnvelopeLayout(
                    headerByteCount: header.byteCount, segmentSize: header.segmentSize,
                    status: .complete(segmentCount: segments, plaintextByteCount: length), endMarker: marker)
            }
        }
        // No end marker at the end: cut short, unless a whole envelope ends earlier and bytes were
        // appended after its marker (an alteration, not a crash: a crash never writes past the end).
        if let end = try endOfEarlierEnvelope(header, in: source, total: total) {
            throw EnvelopeError.endMarkerTampered(
                reason:
                    "\(total - end) bytes follow its end marker: the envelope ends at byte \(end) of the file's \(total), and bytes were appended after it"
            )
        }
        return EnvelopeLayout(
            headerByteCount: header.byteCount, segmentSize: header.segmentSize,
            status: .incomplete(fullSegmentCount: Int(body / sealedSize), trailingByteCount: Int(body % sealedSize)),
            endMarker: [])
    }

    /// Where a complete envelope ends inside a longer `source`, if one does: the first end marker
    /// (searched from the end, in chunks) whose recorded length puts the envelope's end right after
    /// it. Ciphertext matches the marker's magic and a fitting length by a 2^-128-scale chance.
    private static func endOfEarlierEnvelope(
        _ header: EnvelopeHeader, in source: some RandomAccessByteSource, total: UInt64
    ) throws -> UInt64? {
        let markerCount = EnvelopeFormat.trailerByteCount
        let magic = EnvelopeFormat.trailerMagic
        let first = UInt64(header.byteCount)
        let chunkSize = 1 << 16
        var chunkEnd = total
        while chunkEnd > first + UInt64(markerCount) {
            let chunkStart = chunkEnd > first + UInt64(chunkSize) ? chunkEnd - UInt64(chunkSize) : first
            var chunk = [UInt8](repeating: 0, count: Int(chunkEnd - chunkStart))
            try chunk.withUnsafeMutableBytes { try source.read(into: $0, at: chunkStart) }
            var index = chunk.count - magic.count
            while index >= 0 {
                if chunk[index] == magic[0], chunk[index..<index + magic.count].elementsEqual(magic) {
                    let at = chunkStart + UInt64(index)
                    if at + UInt64(markerCount) < total {
                        var marker = [UInt8](repeating: 0, count: markerCount)
                        try marker.withUnsafeMutableBytes { try source.read(into: $0, at: at) }
                        let length = marker.readBigEndian(as: UInt64.self, at: 8)
                        if length < 1 << 62,
                            envelopeByteCount(
                                headerByteCount: header.byteCount, segmentSize: header.segmentSize,
                                plaintextByteCount: length) == at + UInt64(markerCount)
                        {
                            return at + UInt64(markerCount)
                        }
                    }
                }
                index -= 1
            }
            // The next chunk overlaps this one by the magic's length less one, so a magic across
            // the boundary is still seen.
            chunkEnd = chunkStart + UInt64(magic.count - 1)
            if chunkStart == first { break }
        }
        return nil
    }

    /// Whether an envelope of `total` bytes ends with a length that fits it to the byte although
    /// the magic before it is wrong: an altered end marker, not a cut (a cut leaves ciphertext there,
    /// which matches a fitting length by a 2^-64-scale chance).
    private static func endsWithFittingLength(_ header: EnvelopeHeader, marker: [UInt8], total: UInt64) -> Bool {
        let length = marker.readBigEndian(as: UInt64.self, at: 8)
        guard length < 1 << 62 else { return false }
        return envelopeByteCount(
            headerByteCount: header.byteCount, segmentSize: header.segmentSize, plaintextByteCount: length)
            == total
    }
}

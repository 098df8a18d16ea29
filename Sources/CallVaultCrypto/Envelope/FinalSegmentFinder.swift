import CallVaultCore

/// Checks whether the tail of a cut-short envelope is a whole final segment followed by part of its
/// end marker (see ``EnvelopeReader``'s handling of incomplete envelopes and ENVELOPE.md, step 4).
struct FinalSegmentFinder<Source: RandomAccessByteSource> {
    let layout: EnvelopeLayout
    let source: Source
    let cipher: SegmentCipher

    /// Whether the whole-size chunk at `index` opens as a full (non-final) segment.
    func opensAsFullSegment(_ index: Int) throws -> Bool {
        let sealed = try read(layout.sealedSegmentByteCount, at: layout.offset(ofSegment: index))
        let plaintext = try SecureBuffer(count: layout.segmentSize)
        defer { plaintext.wipe(plaintext.count) }
        return sealed.withUnsafeBytes { bytes in
            cipher.open(
                bytes, index: UInt64(index), isFinal: false,
                associatedData: UnsafeRawBufferPointer(start: nil, count: 0), into: plaintext.buffer)
        }
    }

    /// The layout with a final segment at `index`, if the `tailByteCount` bytes starting there are
    /// that final segment followed by the first 0 to 15 bytes of its end marker.
    func find(index: Int, tailByteCount: Int) throws -> EnvelopeLayout? {
        let size = layout.segmentSize
        let tag = EnvelopeFormat.tagByteCount
        guard tailByteCount >= tag, tailByteCount < size + tag + EnvelopeFormat.trailerByteCount else { return nil }
        let tail = try read(tailByteCount, at: layout.offset(ofSegment: index))
        let plaintext = try SecureBuffer(count: size)
        defer { plaintext.wipe(plaintext.count) }
        for present in 0..<EnvelopeFormat.trailerByteCount {
            let sealedCount = tailByteCount - present
            guard sealedCount >= tag, sealedCount - tag < size else { continue }
            let length = UInt64(index) * UInt64(size) + UInt64(sealedCount - tag)
            let marker = EnvelopeLayout.endMarker(plaintextByteCount: length)
            guard Array(tail[sealedCount...]) == Array(marker.prefix(present)) else { continue }
            let opened = tail.withUnsafeBytes { bytes in
                marker.withUnsafeBytes { markerBytes in
                    cipher.open(
                        UnsafeRawBufferPointer(rebasing: bytes[..<sealedCount]), index: UInt64(index), isFinal: true,
                        associatedData: markerBytes, into: plaintext.buffer)
                }
            }
            if opened {
                return EnvelopeLayout(
                    headerByteCount: layout.headerByteCount, segmentSize: size,
                    status: .endMarkerCut(
                        segmentCount: index + 1, plaintextByteCount: length, markerBytesPresent: present),
                    endMarker: marker)
            }
        }
        return nil
    }

    private func read(_ count: Int, at offset: UInt64) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        try bytes.withUnsafeMutableBytes { try source.read(into: $0, at: offset) }
        return bytes
    }
}

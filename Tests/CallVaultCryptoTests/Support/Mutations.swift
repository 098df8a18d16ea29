import CallVaultCrypto

/// Byte-level edits of an envelope, for tampering and truncation tests.
struct EnvelopeBytes {
    var bytes: [UInt8]
    let header: EnvelopeHeader

    init(_ bytes: [UInt8]) throws {
        self.bytes = bytes
        self.header = try EnvelopeHeader.read(from: bytes)
    }

    var sealedSize: Int { header.sealedSegmentByteCount }

    func offset(ofSegment index: Int) -> Int { header.byteCount + index * sealedSize }

    func segment(_ index: Int) -> [UInt8] {
        Array(bytes[offset(ofSegment: index)..<offset(ofSegment: index) + sealedSize])
    }

    mutating func flipBit(at offset: Int, bit: Int = 0) {
        bytes[offset] ^= UInt8(1 << bit)
    }

    mutating func replaceSegment(_ index: Int, with sealed: [UInt8]) {
        bytes.replaceSubrange(offset(ofSegment: index)..<offset(ofSegment: index) + sealedSize, with: sealed)
    }

    mutating func swapSegments(_ first: Int, _ second: Int) {
        let a = segment(first)
        let b = segment(second)
        replaceSegment(first, with: b)
        replaceSegment(second, with: a)
    }

    mutating func removeSegment(_ index: Int) {
        bytes.removeSubrange(offset(ofSegment: index)..<offset(ofSegment: index) + sealedSize)
    }

    mutating func insertSegment(_ sealed: [UInt8], at index: Int) {
        bytes.insert(contentsOf: sealed, at: offset(ofSegment: index))
    }
}

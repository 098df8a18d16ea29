import CSodiumBenchmarks

/// A fixed block of bytes allocated once, outside any measurement, and cut into equal segments.
///
/// Both the SDK and the raw baseline read their input from (and the raw baseline writes into) these
/// blocks, so neither side pays for an allocation or a copy the other does not.
final class Bytes: @unchecked Sendable {
    let base: UnsafeMutablePointer<UInt8>
    let count: Int

    /// `count` random bytes (the content does not change the cipher's speed, but zeros would flatter
    /// nothing and hide nothing either; random is what audio looks like once compressed).
    init(random count: Int) {
        precondition(sodium_init() >= 0, "libsodium could not be initialised")
        self.count = count
        self.base = UnsafeMutablePointer<UInt8>.allocate(capacity: max(count, 1))
        randombytes_buf(base, count)
    }

    /// `count` zero bytes, for outputs.
    init(zeroed count: Int) {
        self.count = count
        self.base = UnsafeMutablePointer<UInt8>.allocate(capacity: max(count, 1))
        base.initialize(repeating: 0, count: max(count, 1))
    }

    deinit {
        base.deallocate()
    }

    /// All the bytes.
    var buffer: UnsafeMutableRawBufferPointer {
        UnsafeMutableRawBufferPointer(start: base, count: count)
    }

    /// `length` bytes starting at `offset`.
    func slice(_ offset: Int, _ length: Int) -> UnsafeMutableRawBufferPointer {
        precondition(offset >= 0 && length >= 0 && offset + length <= count, "slice outside the block")
        return UnsafeMutableRawBufferPointer(start: base + offset, count: length)
    }
}

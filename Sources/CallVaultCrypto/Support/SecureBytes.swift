import CSodium

/// Bytes in libsodium's guarded heap: locked into RAM where the system allows (never swapped to
/// disk), surrounded by guard pages, and zeroed when released.
///
/// Immutable once initialised, which is why it may be shared across threads. Key types hold one of
/// these; nothing else in the module stores secret bytes.
final class SecureBytes: @unchecked Sendable {
    let count: Int
    private let base: UnsafeMutableRawPointer

    /// Allocates `count` bytes and lets `initializer` fill them exactly once.
    init(
        count: Int,
        initializer: (UnsafeMutableRawBufferPointer) throws -> Void
    ) throws {
        try Sodium.ensureInitialized()
        guard let base = sodium_malloc(max(count, 1)) else {
            throw CryptoError.secureMemoryUnavailable(byteCount: count)
        }
        self.base = base
        self.count = count
        // If the initializer throws, the object is already fully initialised, so `deinit` runs and
        // frees (and zeroes) the region.
        try initializer(UnsafeMutableRawBufferPointer(start: base, count: count))
    }

    /// Copies `bytes` into secure memory.
    convenience init(copying bytes: UnsafeRawBufferPointer) throws {
        try self.init(count: bytes.count) { destination in
            destination.copyMemory(from: bytes)
        }
    }

    /// Fresh random bytes from the operating system's CSPRNG.
    static func random(count: Int) throws -> SecureBytes {
        try SecureBytes(count: count) { destination in
            if let address = destination.baseAddress {
                randombytes_buf(address, destination.count)
            }
        }
    }

    deinit {
        // sodium_free zeroes the region before unmapping it.
        sodium_free(base)
    }

    func withUnsafeBytes<Result>(
        _ body: (UnsafeRawBufferPointer) throws -> Result
    ) rethrows -> Result {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    /// The start of the region, for libsodium calls that take a key pointer.
    var pointer: UnsafePointer<UInt8> {
        UnsafePointer(base.assumingMemoryBound(to: UInt8.self))
    }

    /// Constant-time equality of contents.
    func constantTimeEquals(_ other: SecureBytes) -> Bool {
        count == other.count && sodium_memcmp(base, other.base, count) == 0
    }
}

/// A mutable working buffer in libsodium's guarded heap, for plaintext audio between capture and
/// sealing. Zeroed when released. Not shared across threads.
final class SecureBuffer {
    let count: Int
    let base: UnsafeMutableRawPointer

    init(count: Int) throws {
        try Sodium.ensureInitialized()
        guard let base = sodium_malloc(max(count, 1)) else {
            throw CryptoError.secureMemoryUnavailable(byteCount: count)
        }
        self.base = base
        self.count = count
    }

    deinit {
        sodium_free(base)
    }

    var buffer: UnsafeMutableRawBufferPointer {
        UnsafeMutableRawBufferPointer(start: base, count: count)
    }

    /// Zeroes the first `byteCount` bytes now, rather than waiting for release.
    func wipe(_ byteCount: Int) {
        sodium_memzero(base, min(byteCount, count))
    }
}

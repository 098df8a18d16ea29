/// Pointer helpers for libsodium calls, whose pointer parameters are non-null even for empty input.
///
/// Swift hands an empty buffer a `nil` base address; these helpers substitute a valid address of a
/// static byte so library code never force-unwraps a pointer that input could make `nil`.
enum Pointers {
    nonisolated(unsafe) private static let placeholder = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)

    static func bytes(_ buffer: UnsafeRawBufferPointer) -> UnsafePointer<UInt8> {
        guard let base = buffer.baseAddress else { return UnsafePointer(placeholder) }
        return base.assumingMemoryBound(to: UInt8.self)
    }

    static func mutableBytes(_ buffer: UnsafeMutableRawBufferPointer) -> UnsafeMutablePointer<UInt8> {
        guard let base = buffer.baseAddress else { return placeholder }
        return base.assumingMemoryBound(to: UInt8.self)
    }
}

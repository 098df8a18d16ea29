public import CallVaultCrypto

/// Fixed keys shared by the fuzz targets and the seed writer.
///
/// The envelope reader target must get past the wrap, the key commitment and the header MAC to
/// reach segment and end-marker handling, so its seeds are sealed to an identity (and under a data
/// key) that the target knows. They are test keys: nothing real is ever sealed to them.
public enum FuzzKeys {
    /// The private key of the identity the seeds are sealed to: 32 fixed bytes.
    public static let identityBytes: [UInt8] = (0..<32).map { UInt8(truncatingIfNeeded: 0x41 &+ $0 &* 7) }

    /// The data key the seeds are sealed under, so envelopes whose wraps live outside them open too.
    public static let dataKeyBytes: [UInt8] = (0..<32).map { UInt8(truncatingIfNeeded: 0x90 &+ $0 &* 13) }

    /// The identity the seeds are sealed to.
    public static func identity() throws -> Identity {
        try identityBytes.withUnsafeBytes { try Identity(copying: $0) }
    }

    /// The data key the seeds are sealed under.
    public static func dataKey() throws -> DataKey {
        try dataKeyBytes.withUnsafeBytes { try DataKey(copying: $0) }
    }
}

/// The bytes libFuzzer hands a target, as an array.
public func fuzzInput(_ start: UnsafeRawPointer?, _ count: Int) -> [UInt8] {
    guard let start, count > 0 else { return [] }
    return Array(UnsafeRawBufferPointer(start: start, count: count))
}

/// A value the harness needs before fuzzing starts; a failure stops it with the reason (it is the
/// harness that is broken then, not the code under test).
public func fuzzSetUp<Value>(_ what: String, _ make: () throws -> Value) -> Value {
    do {
        return try make()
    } catch {
        fatalError("fuzz harness: cannot set up \(what): \(error)")
    }
}

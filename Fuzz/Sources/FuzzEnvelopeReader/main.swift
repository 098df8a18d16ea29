import CallVaultCrypto
import FuzzSupport

let identity = fuzzSetUp("FuzzEnvelopeReader") { try FuzzKeys.identity() }
let dataKey = fuzzSetUp("FuzzEnvelopeReader") { try FuzzKeys.dataKey() }

/// Opening an envelope with a fixed test identity (or, for one whose wraps live outside it, the
/// fixed data key), so that mutated seeds get past the header MAC and reach segment, end-marker and
/// truncation handling: every read must return authenticated plaintext or a typed error.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEnvelopeReader(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes = fuzzInput(start, count)
    guard let header = try? EnvelopeHeader.read(from: bytes) else { return 0 }
    let opened: EnvelopeReader<[UInt8]>?
    if header.wraps.isEmpty {
        opened = try? EnvelopeReader(source: bytes, dataKey: dataKey)
    } else {
        opened = try? EnvelopeReader(source: bytes, identity: identity)
    }
    guard let reader = opened else { return 0 }
    exercise(reader)
    return 0
}

func exercise(_ reader: EnvelopeReader<[UInt8]>) {
    let layout = reader.layout
    // The whole stream, strict and lenient; what both hand back must agree with the layout.
    var strict: [UInt8] = []
    if let result = try? reader.readAll(to: &strict) {
        precondition(result.isComplete, "a strict read returned an incomplete envelope")
        precondition(UInt64(strict.count) == result.plaintextByteCount, "strict read length disagrees")
    }
    var lenient: [UInt8] = []
    if let result = try? reader.readAll(to: &lenient, allowIncomplete: true) {
        precondition(UInt64(lenient.count) == result.plaintextByteCount, "lenient read length disagrees")
        precondition(result.plaintextByteCount == layout.readablePlaintextByteCount, "layout disagrees")
    }
    _ = try? reader.verify(allowIncomplete: false)
    // Single segments, including indices on and past either end.
    for index in [-1, 0, 1, layout.readableSegmentCount - 1, layout.readableSegmentCount, Int.max] {
        _ = try? reader.segment(index)
    }
    // Ranges: empty, the middle, the end, past the end.
    let readable = layout.readablePlaintextByteCount
    for range in [0..<0, 0..<readable, readable / 3..<readable / 2 + 1, readable..<readable &+ 1] {
        _ = try? reader.plaintext(in: range)
    }
    // Time ranges, for recordings.
    for (from, to) in [(0.0, 0.5), (0.25, 1e9), (-1.0, 1.0), (Double.nan, 1.0), (1e18, 2e18)] {
        _ = try? reader.byteRange(fromSeconds: from, toSeconds: to)
    }
    _ = try? reader.rewrappedHeader(adding: [], removing: [])
}

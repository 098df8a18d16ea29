import CallVaultCrypto
import FuzzSupport

/// The envelope header parser and the layout measurement (what `callvault inspect` runs, no key):
/// arbitrary bytes must give a header or a typed error, never a crash, a hang or a huge allocation.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEnvelopeHeader(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes = fuzzInput(start, count)
    guard let header = try? EnvelopeHeader.read(from: bytes) else { return 0 }
    // What inspect prints: every field must be describable.
    _ = header.serialized
    _ = header.recipients.map(\.description)
    _ = header.context
    _ = header.mediaFormat?.bytesPerSecond
    guard let layout = try? EnvelopeLayout.measure(header, in: bytes) else { return 0 }
    _ = layout.isComplete
    _ = layout.readableSegmentCount
    _ = layout.readablePlaintextByteCount
    _ = layout.trailingByteCount
    return 0
}

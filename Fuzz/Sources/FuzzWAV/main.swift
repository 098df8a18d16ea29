import CallVaultCapture
import FuzzSupport

/// The WAV reader (what `callvault seal` and the demo read audio with): arbitrary bytes must give a
/// header and frames or a typed error, never a crash, a hang or a huge allocation.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWAV(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes = fuzzInput(start, count)
    _ = WAVHeader.looksLikeWAV(bytes.prefix(12))
    guard var reader = try? WAVReader(source: WAVMemorySource(bytes)) else { return 0 }
    _ = reader.format.bytesPerSecond
    _ = reader.frameCount
    var frames = 0
    while let chunk = try? reader.readFrames(maxCount: 97), !chunk.isEmpty {
        frames += 1
        if frames > 1 << 16 { break }
    }
    reader.seek(toFrame: reader.frameCount / 2)
    _ = try? reader.readFrames(maxCount: 10)
    reader.seek(toFrame: .max)
    _ = try? reader.readFrames(maxCount: 10)
    return 0
}

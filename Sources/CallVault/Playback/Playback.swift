public import CallVaultAccess
import CallVaultCapture
public import CallVaultCore

/// Audio released to one principal for one purpose: plaintext in memory only, never on disk.
public struct Playback: Sendable {
    /// The decision that allowed it (and its obligations: watermark, expiry).
    public let decision: AccessDecision
    /// The recording's audio format.
    public let format: MediaFormat
    /// Interleaved samples of the span asked for.
    public let samples: [UInt8]
    /// Where the span starts, in seconds from the start of the recording.
    public let startSeconds: Double
    /// Whether the recording was complete (an interrupted one plays up to its last flushed
    /// segment).
    public let recordingIsComplete: Bool

    /// The samples as a WAV file's bytes.
    ///
    /// - Throws: CallVaultCapture's WAV errors for a format WAV cannot carry.
    public func wav() throws -> [UInt8] {
        var writer = try WAVWriter(
            output: WAVMemoryOutput(), format: format, dataByteCount: UInt64(samples.count))
        try writer.write(samples)
        _ = try writer.finish()
        return writer.output.bytes
    }
}

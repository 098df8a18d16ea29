public import CallVaultCore

/// Writing a WAV file was asked for something the format or the writer cannot do.
public enum WAVWriterError: CallVaultError, Equatable {
    /// The format has no WAV form CallVault writes: opaque packets, or a channel count or sample
    /// rate outside what ``WAVHeader/parse(from:)`` accepts.
    case unsupportedFormat(MediaFormat)
    /// More audio than a RIFF file's 32-bit sizes can describe.
    case dataTooLarge(byteCount: UInt64, limit: UInt64)
    /// The audio written ends part-way through a sample frame.
    case partialFrame(byteCount: UInt64, bytesPerFrame: Int)
    /// The audio written differs from the length declared up front.
    case lengthMismatch(declared: UInt64, written: UInt64)
    /// A write or finish after the writer finished.
    case finished

    /// A sentence saying what is wrong and what to do.
    public var description: String {
        switch self {
        case .unsupportedFormat(let format):
            "A WAV file cannot hold \(format): CallVault writes PCM 16-bit, G.711 mu-law or A-law, 1 to \(WAVHeader.maximumChannelCount) channels, \(WAVHeader.sampleRates.lowerBound) to \(WAVHeader.sampleRates.upperBound) Hz."
        case .dataTooLarge(let count, let limit):
            "\(count) bytes of audio is more than a WAV file can describe (at most \(limit) bytes in this format, as RIFF sizes are 32-bit); write a shorter span, or split it across files."
        case .partialFrame(let count, let frame):
            "The \(count) bytes of audio written end part-way through a \(frame)-byte sample frame; write whole frames."
        case .lengthMismatch(let declared, let written):
            "The WAV header was written for \(declared) bytes of audio but \(written) were written; declare the true length, or let the writer patch the header at the end."
        case .finished:
            "The WAV writer has already finished its file; create a new writer for more audio."
        }
    }
}

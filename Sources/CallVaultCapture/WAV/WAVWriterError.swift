public import CallVaultCore

/// Writing a WAV file was asked for something the format or the writer cannot do.
public struct WAVWriterError: CallVaultError, Equatable, CallVaultReasonedError {
    /// The stable codes of ``WAVWriterError``.
    public struct Code: CallVaultErrorCode {
        /// The error type these codes belong to.
        public typealias Owner = WAVWriterError
        /// The code's stable text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// The format has no WAV form CallVault writes: opaque packets, or a channel count or sample
        /// rate outside what ``WAVHeader/parse(from:)`` accepts.
        public static let unsupportedFormat = Code("wavwriter.unsupported-format")
        /// More audio than a RIFF file's 32-bit sizes can describe.
        public static let dataTooLarge = Code("wavwriter.data-too-large")
        /// The audio written ends part-way through a sample frame.
        public static let partialFrame = Code("wavwriter.partial-frame")
        /// The audio written differs from the length declared up front.
        public static let lengthMismatch = Code("wavwriter.length-mismatch")
        /// A write or finish after the writer finished.
        public static let finished = Code("wavwriter.finished")

        /// Every code of this type.
        public static let all: [Code] = [
            unsupportedFormat, dataTooLarge, partialFrame, lengthMismatch, finished,
        ]
    }

    /// What happened, with its details; the package's own code switches over it.
    package enum Reason: Equatable, Sendable {
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
    }

    /// What happened, with its details.
    package let reason: Reason
    /// The error that caused this one, if any.
    public let underlying: (any Error)?

    /// Creates an error from its reason and cause.
    package init(_ reason: Reason, underlying: (any Error)? = nil) {
        self.reason = reason
        self.underlying = underlying
    }

    /// What kind of failure this is.
    public var code: Code {
        switch reason {
        case .unsupportedFormat: .unsupportedFormat
        case .dataTooLarge: .dataTooLarge
        case .partialFrame: .partialFrame
        case .lengthMismatch: .lengthMismatch
        case .finished: .finished
        }
    }

    /// A sentence saying what is wrong and what to do.
    public var message: String {
        switch reason {
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

    /// The format has no WAV form CallVault writes: opaque packets, or a channel count or sample
    /// rate outside what ``WAVHeader/parse(from:)`` accepts.
    public static func unsupportedFormat(_ mediaFormat: MediaFormat) -> WAVWriterError {
        WAVWriterError(.unsupportedFormat(mediaFormat))
    }
    /// The code for ``unsupportedFormat(_:)``, for `catch WAVWriterError.unsupportedFormat`.
    public static let unsupportedFormat = Code.unsupportedFormat

    /// More audio than a RIFF file's 32-bit sizes can describe.
    public static func dataTooLarge(byteCount: UInt64, limit: UInt64) -> WAVWriterError {
        WAVWriterError(.dataTooLarge(byteCount: byteCount, limit: limit))
    }
    /// The code for ``dataTooLarge(byteCount:limit:)``, for `catch WAVWriterError.dataTooLarge`.
    public static let dataTooLarge = Code.dataTooLarge

    /// The audio written ends part-way through a sample frame.
    public static func partialFrame(byteCount: UInt64, bytesPerFrame: Int) -> WAVWriterError {
        WAVWriterError(.partialFrame(byteCount: byteCount, bytesPerFrame: bytesPerFrame))
    }
    /// The code for ``partialFrame(byteCount:bytesPerFrame:)``, for `catch WAVWriterError.partialFrame`.
    public static let partialFrame = Code.partialFrame

    /// The audio written differs from the length declared up front.
    public static func lengthMismatch(declared: UInt64, written: UInt64) -> WAVWriterError {
        WAVWriterError(.lengthMismatch(declared: declared, written: written))
    }
    /// The code for ``lengthMismatch(declared:written:)``, for `catch WAVWriterError.lengthMismatch`.
    public static let lengthMismatch = Code.lengthMismatch

    /// A write or finish after the writer finished.
    public static var finished: WAVWriterError { WAVWriterError(.finished) }
}

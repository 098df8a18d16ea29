public import CallVaultCore

/// Reading or writing a WAV file's bytes failed (as opposed to the bytes being malformed, which
/// is a ``WAVFormatError``).
public struct WAVFileError: FileOperationError {
    /// The stable codes of ``WAVFileError``.
    public struct Code: CallVaultErrorCode {
        /// The error type these codes belong to.
        public typealias Owner = WAVFileError
        /// The code's stable text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// Reading or writing the file failed: ``WAVFileError/operation`` names what, ``WAVFileError/path`` the file and ``WAVFileError/underlying`` the system's cause when there is one.
        public static let operationFailed = Code("wavfile.operation-failed")

        /// Every code of this type.
        public static let all: [Code] = [operationFailed]
    }

    /// The code of every ``WAVFileError``, for `catch WAVFileError.operationFailed`.
    public static let operationFailed = Code.operationFailed

    /// What was being done, for example `open` or `read`.
    public let operation: String
    /// The file concerned (``memoryPath`` for the in-memory output).
    public let path: String
    /// The system's explanation, or ours for conditions such as an unexpected end of file.
    public let reason: String
    /// The system's cause (a `POSIXError` for an `errno`), if there was one.
    public let underlying: (any Error)?

    /// The path reported for ``WAVMemoryOutput``.
    public static let memoryPath = "(in-memory WAV)"

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - operation: What was being done, for example `open` or `read`.
    ///   - path: The file concerned.
    ///   - reason: Why it failed, as a phrase.
    ///   - underlying: The error that caused it, if any.
    public init(operation: String, path: String, reason: String, underlying: (any Error)? = nil) {
        self.operation = operation
        self.path = path
        self.reason = reason
        self.underlying = underlying
    }

    /// What kind of failure this is: always ``Code/operationFailed``.
    public var code: Code { .operationFailed }
}

public import CallVaultCore

/// Reading or writing a WAV file's bytes failed (as opposed to the bytes being malformed, which
/// is a ``WAVFormatError``).
public struct WAVFileError: CallVaultError, Equatable {
    /// What was being done, for example `open` or `read`.
    public let operation: String
    /// The file concerned (``memoryPath`` for the in-memory output).
    public let path: String
    /// The system's explanation, or ours for conditions such as an unexpected end of file.
    public let reason: String

    /// The path reported for ``WAVMemoryOutput``.
    public static let memoryPath = "(in-memory WAV)"

    /// Creates an error.
    public init(operation: String, path: String, reason: String) {
        self.operation = operation
        self.path = path
        self.reason = reason
    }

    /// A sentence naming the operation, the file and the cause.
    public var description: String {
        "Could not \(operation) '\(path)': \(reason)."
    }
}

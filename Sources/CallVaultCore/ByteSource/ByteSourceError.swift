package import CallVaultSupport

/// Reading a ``FileByteSource`` or an in-memory source failed: the file could not be opened or
/// read, is not a regular file, or a read passed its end.
public struct ByteSourceError: CallVaultError, Equatable {
    /// What was being done, for example `open` or `read`.
    public let operation: String
    /// The file concerned (``memoryPath`` for bytes in memory).
    public let path: String
    /// The system's explanation, or ours for conditions such as an unexpected end of file.
    public let reason: String
    /// The system's `errno` value, when the system refused the call (`nil` for an end of file,
    /// a file that is not a regular one, or a range past the end of bytes in memory).
    public let errorNumber: Int32?

    /// The path reported for ``InMemoryByteSource`` and byte arrays.
    public static let memoryPath = "(bytes in memory)"

    /// Creates an error.
    public init(operation: String, path: String, reason: String, errorNumber: Int32? = nil) {
        self.operation = operation
        self.path = path
        self.reason = reason
        self.errorNumber = errorNumber
    }

    /// The error of a failed system call, keeping its `errno`.
    package init(_ failure: SystemCallError) {
        let reason =
            failure.cause == .notRegularFile
            ? failure.reason + "; CallVault reads files at random positions, so save it to a file first"
            : failure.reason
        self.init(
            operation: failure.operation, path: failure.path, reason: reason, errorNumber: failure.errorNumber)
    }

    /// A sentence naming the operation, the file and the cause.
    public var description: String {
        "Could not \(operation) '\(path)': \(reason)."
    }
}

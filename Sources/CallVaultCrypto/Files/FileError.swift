public import CallVaultCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file-system operation failed.
public struct FileError: CallVaultError, Equatable {
    /// What was being done, for example `open` or `write`.
    public let operation: String
    /// The file concerned.
    public let path: String
    /// The system's explanation, or ours for conditions such as an unexpected end of file.
    public let reason: String

    /// Creates an error from an explicit reason.
    public init(operation: String, path: String, reason: String) {
        self.operation = operation
        self.path = path
        self.reason = reason
    }

    /// Creates an error from the current `errno`.
    static func fromErrno(_ operation: String, _ path: String, _ code: Int32 = errno) -> FileError {
        FileError(operation: operation, path: path, reason: describe(code))
    }

    /// The system's text for an `errno` value.
    static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    /// A sentence naming the operation, the file and the cause.
    public var description: String {
        "Could not \(operation) '\(path)': \(reason)."
    }
}

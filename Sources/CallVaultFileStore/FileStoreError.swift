public import CallVaultCore
import CallVaultSupport

/// A file of a file store could not be created, read, written, flushed, renamed or removed.
public struct FileStoreError: CallVaultError, Equatable {
    /// What was being done, for example `create` or `flush to disk`.
    public let operation: String
    /// The file or folder concerned.
    public let path: String
    /// The system's explanation.
    public let reason: String
    /// The system's `errno` value, when the system refused the call.
    public let errorNumber: Int32?

    /// Creates an error.
    public init(operation: String, path: String, reason: String, errorNumber: Int32? = nil) {
        self.operation = operation
        self.path = path
        self.reason = reason
        self.errorNumber = errorNumber
    }

    /// The error of a failed system call, keeping its `errno`.
    init(_ failure: SystemCallError) {
        self.init(
            operation: failure.operation, path: failure.path, reason: failure.reason,
            errorNumber: failure.errorNumber)
    }

    /// Runs `body`, reporting a failed system call as a ``FileStoreError``.
    static func reporting<Result>(_ body: () throws(SystemCallError) -> Result) throws(FileStoreError) -> Result {
        try SystemCallError.mapping(body, to: FileStoreError.init)
    }

    /// A sentence naming the operation, the file and the cause, and what to check.
    public var description: String {
        "Could not \(operation) '\(path)': \(reason). Check that the store's folder exists, is writable by this process and has free space."
    }
}

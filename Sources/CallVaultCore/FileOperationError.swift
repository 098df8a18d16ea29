/// A CallVault error that reports one failed operation on one file: the byte sources', the
/// envelope files', the WAV files' and the file store's errors.
///
/// Conforming gives such an error its equality and its sentence once, here, instead of in every
/// module: two errors are equal when they name the same operation, file and reason (the
/// underlying cause is not compared), and the message names the operation, the file and the
/// cause. A type with more to say (what to check) gives its own ``CallVaultError/message``.
package protocol FileOperationError: CallVaultError, Equatable {
    /// What was being done, for example `open` or `read`.
    var operation: String { get }
    /// The file concerned.
    var path: String { get }
    /// The system's explanation, or CallVault's for conditions such as an unexpected end of file.
    var reason: String { get }
}

extension FileOperationError {
    /// Two errors are equal when they name the same operation, file and reason (the `errno` and
    /// the underlying cause are not compared: the reason is the system's text for the `errno`).
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.operation == rhs.operation && lhs.path == rhs.path && lhs.reason == rhs.reason
    }

    /// A sentence naming the operation, the file and the cause.
    public var message: String {
        "Could not \(operation) '\(path)': \(reason)."
    }

    /// The cause to keep: `underlying` when the caller gave one, else the system's cause for
    /// `errorNumber` (a `POSIXError`), else none.
    package static func cause(_ underlying: (any Error)?, errorNumber: Int32?, operation: String) -> (any Error)? {
        underlying ?? errorNumber.map { systemCallCause(errno: $0, call: operation) }
    }
}

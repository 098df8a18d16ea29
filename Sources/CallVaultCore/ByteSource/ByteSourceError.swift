package import CallVaultSupport

/// Reading a ``FileByteSource`` or an in-memory source failed: the file could not be opened or
/// read, is not a regular file, or a read passed its end.
public struct ByteSourceError: FileOperationError {
    /// The stable codes of ``ByteSourceError``.
    public struct Code: CallVaultErrorCode {
        /// The error type these codes belong to.
        public typealias Owner = ByteSourceError
        /// The code's stable text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// Reading bytes failed: ``ByteSourceError/operation`` names it, ``ByteSourceError/path`` the file and
        /// ``ByteSourceError/underlying`` the system's cause when there is one.
        public static let operationFailed = Code("bytesource.operation-failed")

        /// Every code of this type.
        public static let all: [Code] = [operationFailed]
    }

    /// What was being done, for example `open` or `read`.
    public let operation: String
    /// The file concerned (``memoryPath`` for bytes in memory).
    public let path: String
    /// The system's explanation, or ours for conditions such as an unexpected end of file.
    public let reason: String
    /// The system's `errno` value, when the system refused the call (`nil` for an end of file,
    /// a file that is not a regular one, or a range past the end of bytes in memory).
    public let errorNumber: Int32?
    /// The system's cause (a `POSIXError` for an `errno`), if there was one.
    public let underlying: (any Error)?

    /// The path reported for ``InMemoryByteSource`` and byte arrays.
    public static let memoryPath = "(bytes in memory)"

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - operation: What was being done, for example `open` or `read`.
    ///   - path: The file concerned.
    ///   - reason: Why it failed, as a phrase.
    ///   - errorNumber: The system's `errno` value, if the system refused the call.
    ///   - underlying: The error that caused it; `nil` derives a `POSIXError` from `errorNumber`.
    public init(
        operation: String, path: String, reason: String, errorNumber: Int32? = nil, underlying: (any Error)? = nil
    ) {
        self.operation = operation
        self.path = path
        self.reason = reason
        self.errorNumber = errorNumber
        self.underlying = Self.cause(underlying, errorNumber: errorNumber, operation: operation)
    }

    /// What kind of failure this is: always ``Code/operationFailed``.
    public var code: Code { .operationFailed }

    /// The error of a failed system call, keeping its `errno`.
    package init(_ failure: SystemCallError) {
        let reason =
            failure.cause == .notRegularFile
            ? failure.reason + "; CallVault reads files at random positions, so save it to a file first"
            : failure.reason
        self.init(
            operation: failure.operation, path: failure.path, reason: reason, errorNumber: failure.errorNumber)
    }
}

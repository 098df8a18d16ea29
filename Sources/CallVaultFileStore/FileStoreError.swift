public import CallVaultCore
package import CallVaultSupport

/// A file of a file store, or of a vault folder (`vault.json`, its seal, the lock), could not be
/// created, read, written, flushed, renamed or removed.
public struct FileStoreError: FileOperationError {
    /// The stable codes of ``FileStoreError``.
    public struct Code: CallVaultErrorCode {
        /// The error type these codes belong to.
        public typealias Owner = FileStoreError
        /// The code's stable text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// A file store operation failed: ``FileStoreError/operation`` names it, ``FileStoreError/path`` the file and
        /// ``FileStoreError/underlying`` the system's cause when there is one.
        public static let operationFailed = Code("filestore.operation-failed")

        /// Every code of this type.
        public static let all: [Code] = [operationFailed]
    }

    /// What was being done, for example `create` or `flush to disk`.
    public let operation: String
    /// The file or folder concerned.
    public let path: String
    /// The system's explanation.
    public let reason: String
    /// The system's `errno` value, when the system refused the call.
    public let errorNumber: Int32?
    /// The system's cause (a `POSIXError` for an `errno`), if there was one.
    public let underlying: (any Error)?

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
        self.init(
            operation: failure.operation, path: failure.path, reason: failure.reason,
            errorNumber: failure.errorNumber)
    }

    /// A sentence naming the operation, the file and the cause, and what to check.
    public var message: String {
        "Could not \(operation) '\(path)': \(reason). Check that the store's folder exists, is writable by this process and has free space."
    }
}

extension FileStoreError: SystemCallReporting {}

public import CallVaultCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file-system operation failed.
///
/// ``underlying`` holds the system's cause when there is one (Foundation's `POSIXError` for an
/// `errno`), so a host can tell a full disk (`ENOSPC`) from a missing permission (`EACCES`).
public struct FileError: FileOperationError {
    /// The stable codes of ``FileError``.
    public struct Code: CallVaultErrorCode {
        /// The error type these codes belong to.
        public typealias Owner = FileError
        /// The code's stable text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// A file-system operation failed: ``FileError/operation`` names it, ``FileError/path`` the
        /// file and ``FileError/underlying`` the system's cause when there is one.
        public static let operationFailed = Code("file.operation-failed")

        /// Every code of this type.
        public static let all: [Code] = [operationFailed]
    }

    /// What was being done, for example `open` or `write`.
    public let operation: String
    /// The file concerned.
    public let path: String
    /// The system's explanation, or ours for conditions such as an unexpected end of file.
    public let reason: String
    /// The system's cause (a `POSIXError` for an `errno`), if there was one.
    public let underlying: (any Error)?

    /// Creates an error from an explicit reason.
    ///
    /// - Parameters:
    ///   - operation: What was being done, for example `open` or `write`.
    ///   - path: The file concerned.
    ///   - reason: Why it failed, as a phrase.
    ///   - underlying: The error that caused it, if any.
    public init(operation: String, path: String, reason: String, underlying: (any Error)? = nil) {
        self.operation = operation
        self.path = path
        self.reason = reason
        self.underlying = underlying
    }

    /// Creates an error from the current `errno`, keeping it as the ``underlying`` cause.
    static func fromErrno(_ operation: String, _ path: String, _ code: Int32 = errno) -> FileError {
        FileError(
            operation: operation, path: path, reason: describe(code),
            underlying: systemCallCause(errno: code, call: operation))
    }

    /// The system's text for an `errno` value.
    static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    /// What kind of failure this is: always ``Code/operationFailed``.
    public var code: Code { .operationFailed }

    /// The code of every ``FileError``, for `catch FileError.operationFailed`.
    public static let operationFailed = Code.operationFailed
}

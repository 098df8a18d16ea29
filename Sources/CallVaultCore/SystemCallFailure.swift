package import CallVaultSupport
import Foundation

/// The cause of a failed system call, as a value a host can match on.
///
/// An error that reports a failed `open`, `write` or `fsync` passes this as its `underlying`
/// cause instead of flattening `strerror(errno)` into its message: Foundation's `POSIXError` for
/// every `errno` Foundation names (so a host can test `(error.underlying as? POSIXError)?.code ==
/// .ENOSPC`), and ``SystemCallFailure`` for one it does not.
///
/// - Parameters:
///   - code: The `errno` the call set.
///   - call: The system call or operation that failed, such as `open` or `fsync`.
/// - Returns: The cause to pass as an error's `underlying`.
package func systemCallCause(errno code: Int32, call: String) -> any Error {
    if let known = POSIXErrorCode(rawValue: code) { return POSIXError(known) }
    return SystemCallFailure(call: call, errno: code)
}

/// A system call failed with an `errno` Foundation's `POSIXErrorCode` does not name.
package struct SystemCallFailure: Error, Equatable, Sendable, CustomStringConvertible {
    /// The call that failed.
    package let call: String
    /// The `errno` it set.
    package let errno: Int32

    /// The call and its `errno`, for example `open failed with errno 1234`.
    package var description: String { "\(call) failed with errno \(errno)" }
}

extension SystemCallError {
    /// The system's cause as a value for an error's `underlying`: a `POSIXError` (or
    /// ``SystemCallFailure``) when the call set `errno`; `nil` for a condition CallVault detected
    /// itself, such as an unexpected end of file.
    package var underlyingCause: (any Error)? {
        errorNumber.map { systemCallCause(errno: $0, call: call) }
    }
}

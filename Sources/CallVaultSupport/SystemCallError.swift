#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file-system call that failed: which call, on which file, and why, kept as values so a
/// module's own public error can carry it as its cause instead of a flattened sentence.
package struct SystemCallError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Why the call failed.
    package enum Cause: Equatable, Sendable {
        /// The system refused it with this `errno` value.
        case errorNumber(Int32)
        /// A positional read met the end of the file before the buffer was full: the file is
        /// shorter than whoever asked expected (or it shrank while being read).
        case endOfFile(offset: UInt64, expected: Int, available: Int)
        /// An offset (plus the bytes already transferred) that no file can have.
        case offsetOutOfRange(UInt64)
        /// A pipe, device, socket or folder where a regular file was needed (one with a length
        /// and positions to read at).
        case notRegularFile
    }

    /// The system call, as its manual page names it: `open`, `pread`, `pwrite`, `fsync`, `rename`.
    package let call: String
    /// What was being done, as a verb an error message can use: `create`, `read`, `flush to disk`.
    package let operation: String
    /// The file or folder concerned.
    package let path: String
    /// Why it failed.
    package let cause: Cause

    /// Creates an error.
    package init(call: String, operation: String, path: String, cause: Cause) {
        self.call = call
        self.operation = operation
        self.path = path
        self.cause = cause
    }

    /// The error of `call` (doing `operation`) on `path` from an `errno` value (by default, the
    /// current one).
    package static func system(
        _ call: String, _ operation: String, _ path: String, _ code: Int32 = errno
    ) -> SystemCallError {
        SystemCallError(call: call, operation: operation, path: path, cause: .errorNumber(code))
    }

    /// The `errno` value, when the system refused the call.
    package var errorNumber: Int32? {
        if case .errorNumber(let code) = cause { code } else { nil }
    }

    /// The system's text for the `errno` value, or ours for an end of file or a bad offset.
    package var reason: String {
        switch cause {
        case .errorNumber(let code):
            String(cString: strerror(code))
        case .endOfFile(let offset, let expected, let available):
            "it ends at byte \(offset + UInt64(available)), before the \(expected) bytes expected at byte \(offset) (did it change while being read?)"
        case .offsetOutOfRange(let offset):
            "byte \(offset) is beyond any file"
        case .notRegularFile:
            "it is a pipe, device, socket or folder, not a regular file"
        }
    }

    /// `Could not <operation> '<path>' (<call>): <reason>.`
    package var description: String { "Could not \(operation) '\(path)' (\(call)): \(reason)." }
}

extension SystemCallError {
    /// Runs `body`, turning a failed system call into a module's own error with `transform`: how
    /// each module reports the support layer's failures as its public error type.
    package static func mapping<Result, Failure: Error>(
        _ body: () throws(SystemCallError) -> Result, to transform: (SystemCallError) -> Failure
    ) throws(Failure) -> Result {
        do {
            return try body()
        } catch {
            throw transform(error)
        }
    }
}

/// A module's public error type that can report a failed system call as itself: the one place
/// that turns the support layer's ``SystemCallError`` into it.
package protocol SystemCallReporting: Error {
    /// The error of a failed system call, keeping its cause.
    init(_ failure: SystemCallError)
}

extension SystemCallReporting {
    /// Runs `body`, reporting a failed system call as this error type.
    package static func reporting<Result>(_ body: () throws(SystemCallError) -> Result) throws(Self) -> Result {
        try SystemCallError.mapping(body, to: Self.init)
    }
}

import CallVaultSupport

extension WAVFileError {
    /// The error of a failed system call: its operation, file and reason, with its `errno` kept
    /// as the ``underlying`` cause.
    init(_ failure: SystemCallError) {
        self.init(
            operation: failure.operation, path: failure.path, reason: failure.reason,
            underlying: failure.underlyingCause)
    }

    /// Runs `body`, reporting a failed system call as a ``WAVFileError``.
    static func reporting<Result>(_ body: () throws(SystemCallError) -> Result) throws(WAVFileError) -> Result {
        try SystemCallError.mapping(body, to: WAVFileError.init)
    }
}

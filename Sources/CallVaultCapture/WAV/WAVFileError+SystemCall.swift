package import CallVaultSupport

extension WAVFileError: SystemCallReporting {
    /// The error of a failed system call: its operation, file and reason, with its `errno` kept
    /// as the ``underlying`` cause.
    package init(_ failure: SystemCallError) {
        self.init(
            operation: failure.operation, path: failure.path, reason: failure.reason,
            underlying: failure.underlyingCause)
    }
}

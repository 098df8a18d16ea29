import CallVaultSupport

extension AuditError {
    /// The error of a failed file call: the file and the system's reason (an `fsync` that failed
    /// says so, since a flush failing means what was written may not be on the disk), with the
    /// `errno` kept as the ``underlying`` cause.
    init(_ failure: SystemCallError) {
        let reason = failure.call == "fsync" ? "fsync failed: \(failure.reason)" : failure.reason
        self.init(.io(path: failure.path, reason: reason), underlying: failure.underlyingCause)
    }

    /// Runs `body`, reporting a failed file call as ``AuditError/io(path:reason:)``.
    static func reporting<Result>(_ body: () throws(SystemCallError) -> Result) throws(AuditError) -> Result {
        try SystemCallError.mapping(body, to: AuditError.init)
    }
}

package import CallVaultSupport

extension AuditError: SystemCallReporting {
    /// The error of a failed file call: the file and the system's reason (an `fsync` that failed
    /// says so, since a flush failing means what was written may not be on the disk), with the
    /// `errno` kept as the ``underlying`` cause.
    package init(_ failure: SystemCallError) {
        let reason = failure.call == "fsync" ? "fsync failed: \(failure.reason)" : failure.reason
        self.init(.io(path: failure.path, reason: reason), underlying: failure.underlyingCause)
    }
}

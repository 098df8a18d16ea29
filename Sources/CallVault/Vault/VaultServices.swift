public import CallVaultAudit
public import CallVaultCore
public import CallVaultRetention

extension Vault {
    /// The vault's retention sweeps as a swift-service-lifecycle `Service`: the vault's
    /// ``sweeper(identity:configuration:)`` run every `interval` on the vault's clock, logging to
    /// the vault's ``logger``. Run it with ``auditCheckpointService(onRound:)`` in one `ServiceGroup`.
    ///
    /// ```swift
    /// let group = ServiceGroup(
    ///     services: [vault.auditCheckpointService(), vault.retentionSweepService(interval: .seconds(3600))],
    ///     gracefulShutdownSignals: [.sigterm], logger: logger)
    /// try await group.run()
    /// ```
    ///
    /// - Parameters:
    ///   - interval: the wait between the end of one sweep and the start of the next.
    ///   - identity: the identity certificates and audit entries name.
    ///   - onRound: called after each round with its report or error (for metrics and tests).
    /// - Returns: the service, to run in a `ServiceGroup`.
    public func retentionSweepService(
        interval: Duration, identity: PrincipalID = "callvault-sweeper",
        onRound: (@Sendable (Result<SweepReport, any Error>) -> Void)? = nil
    ) -> RetentionSweepService {
        RetentionSweepService(
            sweeper: sweeper(identity: identity), interval: interval, clock: clock, logger: logger, onRound: onRound)
    }

    /// The vault's audit log signed on time as a swift-service-lifecycle `Service`: every
    /// checkpoint interval of the log, on the vault's clock, and once more when the service stops
    /// (see `AuditCheckpointService`).
    ///
    /// - Parameter onRound: called after each check with the checkpoint written or the error.
    /// - Returns: the service, to run in a `ServiceGroup`.
    public func auditCheckpointService(
        onRound: (@Sendable (Result<AuditCheckpoint?, any Error>) -> Void)? = nil
    ) -> AuditCheckpointService {
        AuditCheckpointService(log: audit, clock: clock, logger: logger, onRound: onRound)
    }
}

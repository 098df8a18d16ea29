public import CallVaultCore
public import CallVaultRetention

extension Vault {
    /// The retention sweeper over this vault: it shreds keys then blobs and marks the catalog
    /// entries deleted (keys first: crypto-shredding), signs deletion certificates with the
    /// organisation's key, writes its events to the audit log, and logs to the vault's
    /// ``logger``.
    ///
    /// - Parameters:
    ///   - identity: the identity certificates and audit entries name.
    ///   - configuration: the batch size and concurrency; `nil` (the default) uses the vault's
    ///     ``sweepConfiguration``. Override it only for a one-off run that must differ from the
    ///     vault's own sweeps (a tool's `--batch-size`, a test that crashes between small batches).
    /// - Returns: a sweeper; run CallVaultRetention's `RetentionSweeper.sweep(progress:)` or a sweep service on it.
    public func sweeper(
        identity: PrincipalID = "callvault-sweeper", configuration: RetentionSweeper.Configuration? = nil
    ) -> RetentionSweeper {
        RetentionSweeper(
            store: storage.retention, shredder: VaultShredder(storage: storage, trail: trail),
            audit: retentionAuditSink, signingKey: settings.receiptSigner, identity: identity,
            clock: clock, ruleNames: settings.scheduler.ruleNames, configuration: configuration ?? sweepConfiguration,
            logger: logger, holdAudit: retentionAuditSink)
    }

    /// How a vault sweeps unless its creator says otherwise: batches of 2,000 (each batch's
    /// journal, shreds, audit entries and catalog marks are a few transactions, so larger batches
    /// spend less on commits), one lane per core.
    public static var defaultSweepConfiguration: RetentionSweeper.Configuration {
        RetentionSweeper.Configuration(batchSize: 2_000)
    }

    /// Deletes what is due and unheld, certifies each deletion, and marks the catalog entries
    /// deleted (keeping only what proves the deletion).
    ///
    /// The catalog mark is a step of each journaled deletion, taken before its tombstone completes
    /// it: a sweep killed anywhere and run again ends as an uninterrupted one.
    ///
    /// - Parameters:
    ///   - identity: the identity certificates and audit entries name.
    ///   - configuration: `nil` (the default) for the vault's ``sweepConfiguration``; see
    ///     ``sweeper(identity:configuration:)`` for when to override it.
    ///   - progress: called after each batch.
    /// - Returns: what the sweep deleted, kept and skipped.
    /// - Throws: the stores' and the audit log's errors; a deletion that fails part-way stays
    ///   journaled and is finished by the next sweep.
    public func sweep(
        identity: PrincipalID = "callvault-sweeper", configuration: RetentionSweeper.Configuration? = nil,
        progress: (@Sendable (SweepProgress) -> Void)? = nil
    ) async throws -> SweepReport {
        let started = ContinuousClock.now
        let report = try await metrics.counting("sweep") {
            try await sweeper(identity: identity, configuration: configuration).sweep(progress: progress)
        }
        metrics.sweeps.increment()
        metrics.recordingsDeleted.increment(by: report.deleted.count)
        metrics.sweepDuration.record(duration: ContinuousClock.now - started)
        return report
    }

    /// Finishes the deletions a stopped sweep or erasure began (journaled, keys perhaps already
    /// shredded), and begins none: what every sweep does first, for start-up, so a vault opened
    /// after a crash lists no recording as half-deleted. Each finished deletion is certified and
    /// audited exactly as an uninterrupted sweep would have done it.
    ///
    /// - Parameters:
    ///   - identity: the identity certificates and audit entries name.
    ///   - configuration: `nil` (the default) for the vault's ``sweepConfiguration``.
    /// - Returns: the deletions finished.
    /// - Throws: the stores' and the audit log's errors; what is left stays journaled.
    public func finishInterruptedDeletions(
        identity: PrincipalID = "callvault-sweeper", configuration: RetentionSweeper.Configuration? = nil
    ) async throws -> SweepReport {
        let report = try await sweeper(identity: identity, configuration: configuration).resumeInterruptedDeletions()
        metrics.recordingsDeleted.increment(by: report.deleted.count)
        return report
    }

    /// Handles a GDPR Art. 17 erasure request over the whole vault: deletes every recording of the
    /// customer that no legal minimum or hold protects, restricts the rest (Art. 18), and reports
    /// what happened in a letter the controller can send.
    public func handleErasureRequest(_ request: ErasureRequest, identity: PrincipalID = "callvault-sweeper")
        async throws -> ErasureReport
    {
        let handler = ErasureRequestHandler(
            store: storage.retention, sweeper: sweeper(identity: identity),
            audit: retentionAuditSink,
            clock: clock)
        let report = try await metrics.counting("erasure") { try await handler.handle(request) }
        metrics.recordingsDeleted.increment(by: report.erased.count)
        return report
    }
}

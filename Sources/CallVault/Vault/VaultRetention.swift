public import CallVaultCore
public import CallVaultRetention
import Logging

extension Vault {
    /// The retention sweeper over this vault: it shreds keys then blobs and marks the catalog
    /// entries deleted through ``VaultShredder``, signs deletion certificates with the
    /// organisation's key, and writes its events to the audit log.
    public func sweeper(
        identity: PrincipalID = "callvault-sweeper",
        configuration: RetentionSweeper.Configuration = RetentionSweeper.Configuration()
    ) -> RetentionSweeper {
        RetentionSweeper(
            store: storage.retention, shredder: VaultShredder(storage: storage, trail: trail),
            audit: AuditLogRetentionSink(log: audit), signingKey: settings.receiptSigner, identity: identity,
            clock: clock, ruleNames: settings.scheduler.ruleNames, configuration: configuration,
            logger: Logger(label: "callvault.retention.sweeper"), holdAudit: AuditLogRetentionSink(log: audit))
    }

    /// How a vault sweeps by default: batches of 2,000 (each batch's journal, shreds, audit entries
    /// and catalog marks are a few transactions, so larger batches spend less on commits), one lane
    /// per core.
    public static var sweepConfiguration: RetentionSweeper.Configuration {
        RetentionSweeper.Configuration(batchSize: 2_000)
    }

    /// Deletes what is due and unheld, certifies each deletion, and marks the catalog entries
    /// deleted (keeping only what proves the deletion).
    ///
    /// The catalog mark is a step of each journaled deletion, taken before its tombstone completes
    /// it: a sweep killed anywhere and run again ends as an uninterrupted one.
    public func sweep(
        identity: PrincipalID = "callvault-sweeper",
        configuration: RetentionSweeper.Configuration = Vault.sweepConfiguration,
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
    public func finishInterruptedDeletions(
        identity: PrincipalID = "callvault-sweeper",
        configuration: RetentionSweeper.Configuration = Vault.sweepConfiguration
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
            store: storage.retention, sweeper: sweeper(identity: identity), audit: AuditLogRetentionSink(log: audit),
            clock: clock)
        let report = try await metrics.counting("erasure") { try await handler.handle(request) }
        metrics.recordingsDeleted.increment(by: report.erased.count)
        return report
    }
}

public import CallVaultCore
public import Logging
public import ServiceLifecycle

/// Signs a quiet audit log on time, as a swift-service-lifecycle `Service`: the log signs its head
/// on appends, but entries followed by silence would stay unsigned until the next append, so this
/// service calls ``AuditLog/checkpointIfDue()`` every ``interval``, and when it stops (graceful
/// shutdown or cancellation) signs whatever is still unsigned (``AuditLog/checkpoint()``) before
/// it returns.
///
/// A failed checkpoint (a full disk, a lost database, a witness that is down) is logged as an
/// error, reported to `onRound`, and tried again next round; after
/// ``consecutiveFailureLimit`` failures in a row, or when the final checkpoint fails, ``run()``
/// throws it, so the host's `ServiceGroup` shuts down instead of recording into a log nobody can
/// sign. Run it beside `RetentionSweepService` in one group:
///
/// ```swift
/// let checkpoints = AuditCheckpointService(log: auditLog, clock: SystemWallClock(), logger: logger)
/// let group = ServiceGroup(
///     services: [checkpoints, sweeps], gracefulShutdownSignals: [.sigterm], logger: logger)
/// try await group.run()
/// ```
public struct AuditCheckpointService: Service {
    /// The log signed.
    public let log: AuditLog
    /// The wait between checks.
    public let interval: Duration
    /// Failed checkpoints in a row after which ``run()`` throws the last one.
    public let consecutiveFailureLimit: Int
    let clock: any WallClock
    let logger: Logger
    let onRound: (@Sendable (Result<AuditCheckpoint?, any Error>) -> Void)?

    /// Creates the service.
    ///
    /// - Parameters:
    ///   - log: the audit log to sign.
    ///   - interval: the wait between checks; by default the log's own
    ///     ``AuditLog/Configuration/checkpointInterval``, so an entry is signed within two
    ///     intervals of being written even if nothing follows it.
    ///   - clock: the clock to wait on (the log's clock, so "due" means the same to both).
    ///   - logger: where checkpoints and failures are logged.
    ///   - consecutiveFailureLimit: failed checkpoints in a row after which ``run()`` throws
    ///     (raised to at least 1).
    ///   - onRound: called after each check with the checkpoint written (`nil`: none was due) or
    ///     the error (for metrics and tests).
    public init(
        log: AuditLog, interval: Duration? = nil, clock: any WallClock,
        logger: Logger = Logger(label: "callvault.audit.checkpoints"), consecutiveFailureLimit: Int = 3,
        onRound: (@Sendable (Result<AuditCheckpoint?, any Error>) -> Void)? = nil
    ) {
        self.log = log
        self.interval = interval ?? log.configuration.checkpointInterval
        self.clock = clock
        self.logger = logger
        self.consecutiveFailureLimit = max(1, consecutiveFailureLimit)
        self.onRound = onRound
    }

    /// Checks every ``interval`` until graceful shutdown or cancellation, then signs what is
    /// unsigned.
    ///
    /// - Throws: the checkpoint's error after ``consecutiveFailureLimit`` failures in a row, or when
    ///   the final checkpoint fails.
    public func run() async throws {
        var failures = 0
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let clock = self.clock
                let interval = self.interval
                try await cancelWhenGracefulShutdown { try await clock.sleep(for: interval) }
            } catch {
                break
            }
            do {
                let checkpoint = try await log.checkpointIfDue()
                if let checkpoint {
                    logger.debug("audit log signed", metadata: ["sequence": "\(checkpoint.sequence)"])
                }
                failures = 0
                onRound?(.success(checkpoint))
            } catch {
                failures += 1
                logger.error(
                    "signing the audit log failed; trying again next round",
                    metadata: ["error": "\(error)", "failures in a row": "\(failures)"])
                onRound?(.failure(error))
                if failures >= consecutiveFailureLimit { throw error }
            }
        }
        // Stopping for any reason (graceful shutdown, or cancellation because another service
        // failed) leaves no entry unsigned that a checkpoint could still cover.
        do {
            let checkpoint = try await log.checkpoint()
            onRound?(.success(checkpoint))
        } catch {
            logger.error("signing the audit log at shutdown failed", metadata: ["error": "\(error)"])
            onRound?(.failure(error))
            throw error
        }
    }
}

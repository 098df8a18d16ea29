public import CallVaultCore
public import Logging
public import ServiceLifecycle

/// Runs a ``RetentionSweeper`` on an interval, as a swift-service-lifecycle `Service`.
///
/// Each round sweeps, logs the report, and waits ``interval`` on the injected clock. A failed
/// sweep is logged and retried next round, so a database outage delays deletion but never stops
/// the service. The service ends at graceful shutdown (a running sweep finishes its batch first:
/// the journal makes stopping between batches safe) or cancellation.
///
/// ```swift
/// let service = RetentionSweepService(sweeper: sweeper, interval: .seconds(3600), clock: SystemWallClock())
/// let group = ServiceGroup(services: [service], logger: logger)
/// try await group.run()
/// ```
public struct RetentionSweepService: Service {
    /// The sweeper run each round.
    public let sweeper: RetentionSweeper
    /// The wait between rounds.
    public let interval: Duration
    let clock: any WallClock
    let logger: Logger
    let onRound: (@Sendable (Result<SweepReport, any Error>) -> Void)?

    /// Creates the service.
    ///
    /// - Parameters:
    ///   - sweeper: the sweeper.
    ///   - interval: the wait between the end of one sweep and the start of the next.
    ///   - clock: the clock to wait on.
    ///   - logger: where rounds are logged.
    ///   - onRound: called after each round with its report or error (for metrics and tests).
    public init(
        sweeper: RetentionSweeper, interval: Duration, clock: any WallClock,
        logger: Logger = Logger(label: "callvault.retention.service"),
        onRound: (@Sendable (Result<SweepReport, any Error>) -> Void)? = nil
    ) {
        self.sweeper = sweeper
        self.interval = interval
        self.clock = clock
        self.logger = logger
        self.onRound = onRound
    }

    /// Sweeps every ``interval`` until graceful shutdown or cancellation.
    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let report = try await sweeper.sweep()
                logger.debug("\(report.summary)")
                onRound?(.success(report))
            } catch {
                logger.error("retention sweep failed; retrying next round", metadata: ["error": "\(error)"])
                onRound?(.failure(error))
            }
            do {
                let clock = self.clock
                let interval = self.interval
                try await cancelWhenGracefulShutdown { try await clock.sleep(for: interval) }
            } catch {
                return
            }
        }
    }
}

public import CoreMetrics
import Metrics

/// The vault's metrics, made once from the host's metrics factory (swift-metrics): Prometheus,
/// OpenTelemetry or whatever backend the host bootstrapped. Labels are stable, and no metric
/// carries a recording id, a principal or any other personal value as a dimension.
///
/// | label | kind | what |
/// |---|---|---|
/// | `callvault_sessions_active` | meter | recording sessions in progress |
/// | `callvault_sessions_total` | counter | sessions started |
/// | `callvault_segments_sealed_total` | counter | segments sealed and flushed |
/// | `callvault_access_decisions_total` | counter, `outcome` = allowed/denied | access decisions |
/// | `callvault_sweeps_total` | counter | retention sweeps run |
/// | `callvault_recordings_deleted_total` | counter | recordings deleted by sweeps and erasure |
/// | `callvault_sweep_duration` | timer | how long each sweep took |
/// | `callvault_errors_total` | counter, `operation` | failures, by operation |
public struct VaultMetrics: Sendable {
    let sessionsActive: Meter
    let sessionsStarted: Counter
    let segmentsSealed: Counter
    let decisionsAllowed: Counter
    let decisionsDenied: Counter
    let sweeps: Counter
    let recordingsDeleted: Counter
    let sweepDuration: Metrics.Timer
    private let factory: any MetricsFactory

    /// Metrics reported through `factory` (by default the process's bootstrapped one).
    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
        sessionsActive = Meter(label: "callvault_sessions_active", dimensions: [], factory: factory)
        sessionsStarted = Counter(label: "callvault_sessions_total", dimensions: [], factory: factory)
        segmentsSealed = Counter(label: "callvault_segments_sealed_total", dimensions: [], factory: factory)
        decisionsAllowed = Counter(
            label: "callvault_access_decisions_total", dimensions: [("outcome", "allowed")], factory: factory)
        decisionsDenied = Counter(
            label: "callvault_access_decisions_total", dimensions: [("outcome", "denied")], factory: factory)
        sweeps = Counter(label: "callvault_sweeps_total", dimensions: [], factory: factory)
        recordingsDeleted = Counter(label: "callvault_recordings_deleted_total", dimensions: [], factory: factory)
        sweepDuration = Metrics.Timer(label: "callvault_sweep_duration", dimensions: [], factory: factory)
    }

    /// Counts a failure of `operation` (`session`, `playback`, `sweep`, `recovery`...).
    func failed(_ operation: String) {
        Counter(label: "callvault_errors_total", dimensions: [("operation", operation)], factory: factory).increment()
    }

    /// Runs `body`, counting a failure of `operation` if it throws.
    func counting<T>(_ operation: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            failed(operation)
            throw error
        }
    }
}

import AccessAuditWorkload
import Benchmark
import CallVaultAudit
import CallVaultTestKit

/// Access decisions and the audit log (issue 6).
///
/// Targets: a decision against a policy of 1,000 rules in under 2 µs (p50) on one core; at least
/// 200,000 audit entries per second appended to memory with a checkpoint every 1,000 entries;
/// verification of 1,000,000 entries in under 2 s (that one is `AuditScale`'s, with the file sink's
/// throughput under each sync policy). The policy is a large contact center's (`PolicyMix`: sixty
/// teams, about 250 roles, conditions on teams, queues, training, MFA, hours and sensitivity, five
/// denies), read from its JSON file; the audit records are a day's mix (`AuditRecordMix`).
/// Allocations per decision are gated in CI (`Thresholds/`, an exact count over the seeded mix).
enum AccessAuditBenchmarks {
    static let decisionsPerIteration = 1_000
    static let entriesPerRound = 1_000
    static let batchSize = 100

    static func register() {
        registerDecisions()
        registerAppends()
    }

    static func registerDecisions() {
        // Each decision timed on its own (the clock read twice around it, about 40 ns of the
        // figure); each iteration reports the percentiles of its 1,000 decisions.
        for (name, make) in [("1000Rules", PolicyMix.large), ("10Rules", PolicyMix.small)] {
            let p50 = BenchmarkMetric.custom("decision_p50_ns", polarity: .prefersSmaller, useScalingFactor: false)
            let p90 = BenchmarkMetric.custom("decision_p90_ns", polarity: .prefersSmaller, useScalingFactor: false)
            let p99 = BenchmarkMetric.custom("decision_p99_ns", polarity: .prefersSmaller, useScalingFactor: false)
            let allowed = BenchmarkMetric.custom("allowed_permille", polarity: .prefersLarger, useScalingFactor: false)
            Benchmark(
                "AccessDecision_\(name)",
                configuration: .init(
                    metrics: [p50, p90, p99, allowed], units: [p50: .count, p90: .count, p99: .count, allowed: .count])
            ) { benchmark, decisions in
                let timings = decisions.mix.timeDecisions(count: decisionsPerIteration, from: decisions.next)
                decisions.next += decisionsPerIteration
                benchmark.measurement(p50, Int(timings.p50))
                benchmark.measurement(p90, Int(timings.p90))
                benchmark.measurement(p99, Int(timings.p99))
                benchmark.measurement(allowed, 1000 * timings.allowed / timings.count)
            } setup: {
                Decisions(mix: try make(4_096))
            }
        }

        // The same thousand requests every iteration, so the count is exact: reasons, the
        // principal's role set as bits, and the text of each failed condition.
        Benchmark(
            "AccessDecisionAllocations_1000Rules",
            configuration: .init(
                metrics: [.mallocCountTotal], maxIterations: RunSettings.isQuick ? 10 : 100,
                thresholds: [.mallocCountTotal: BenchmarkThresholds(absolute: [.p90: 0])])
        ) { benchmark, decisions in
            benchmark.startMeasurement()
            blackHole(decisions.mix.decide(count: decisionsPerIteration, from: 0))
            benchmark.stopMeasurement()
        } setup: {
            Decisions(mix: try PolicyMix.large())
        }
    }

    static func registerAppends() {
        // Entries appended through AuditLog to the in-memory sink (chain hash, entry, a signed
        // checkpoint every 1,000, the sink's lock and array), in batches of 100 or one record per
        // call, against libsodium's crypto_generichash computing the same chain over the same
        // canonical bytes. A fresh log each iteration, made outside the timing.
        for (name, size) in [("Batches", batchSize), ("OneByOne", 1)] {
            let append = Comparison("append", against: "blake2b", unit: .operationsPerSecond)
            Benchmark("AuditAppendVsRawHash_\(name)", configuration: append.configuration) { benchmark, appends in
                let log = try await AuditWorkload.log(sink: InMemoryAuditSink())
                var next = 0
                let timings = try await Interleaved().measure {
                    if size == 1 {
                        for index in next..<next + entriesPerRound {
                            try await log.record(appends.mix.record(at: index))
                        }
                    } else {
                        for start in stride(from: next, to: next + entriesPerRound, by: size) {
                            try await log.record(appends.mix.batch(from: start, count: size))
                        }
                    }
                    next += entriesPerRound
                } raw: {
                    appends.raw.hash()
                }
                guard await log.sequence == UInt64(next) else { throw AuditWorkloadError.notIntact("entries lost") }
                append.record(timings, workPerRound: entriesPerRound, in: benchmark)
            } setup: {
                try await Appends()
            }
        }

        // Allocations of 1,000 entries in batches of 100 (one checkpoint) on a fresh log: about two
        // per entry (the hasher's state, the hash). The count varies by a couple between runs (the
        // concurrency runtime's own allocations around the actor), so the gate allows 10 either
        // way: one allocation more per entry still shows as 1,000.
        Benchmark(
            "AuditAppendAllocations",
            configuration: .init(
                metrics: [.mallocCountTotal], maxIterations: RunSettings.isQuick ? 10 : 100,
                thresholds: [.mallocCountTotal: BenchmarkThresholds(absolute: [.p90: 10])])
        ) { benchmark, appends in
            let log = try await AuditWorkload.log(sink: InMemoryAuditSink())
            let batches = stride(from: 0, to: entriesPerRound, by: batchSize).map {
                appends.mix.batch(from: $0, count: batchSize)
            }
            benchmark.startMeasurement()
            for batch in batches { try await log.record(batch) }
            benchmark.stopMeasurement()
        } setup: {
            try await Appends()
        }
    }
}

/// A mix of requests and where the next iteration starts in it.
final class Decisions: @unchecked Sendable {
    let mix: PolicyMix
    var next = 0

    init(mix: PolicyMix) {
        self.mix = mix
    }
}

/// The audit record mix and the raw chain over its canonical bytes, checked against a real log.
final class Appends: Sendable {
    let mix: AuditRecordMix
    let raw: RawChainHasher

    init() async throws {
        mix = try AuditRecordMix()
        raw = try await AuditWorkload.checkBaseline(mix: mix)
    }
}

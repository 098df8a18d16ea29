import Benchmark
import CallVaultRetention
import RetentionWorkload

/// The retention engine (issue 5): computing schedules, planning a sweep over a large store, and
/// deleting with a signed certificate per recording. The recordings are a realistic mix (see
/// `RecordingMix`): one or two jurisdictions, zero to two declared regimes, purposes, five host
/// policies.
///
/// Targets: at least 500,000 schedules per second on one core; a sweep plan over 1,000,000
/// recordings in the in-memory store in under 2 s; at least 20,000 deletions per second through
/// the in-memory store, certificate signing included. Allocations of schedules, plans and sweeps
/// are gated in CI (`Thresholds/`, exact counts over the seeded mix); `RetentionScale --check` in
/// `run-ci.sh` gates the targets themselves, failing only on a threefold miss.
enum RetentionBenchmarks {
    static let schedulesPerAllocationIteration = 1_000
    static let schedulesPerRound = 256
    static let planAllocationRecordings = 10_000
    static let sweepAllocationRecordings = 500

    /// Recordings in the store the plan is timed over: the target's million in a full run.
    static var planRecordings: Int { RunSettings.isQuick ? 100_000 : 1_000_000 }
    /// Recordings each timed sweep deletes (from a fresh store each round).
    static var sweepRecordings: Int { RunSettings.isQuick ? 1_000 : 2_000 }
    static var sweepRounds: Int { RunSettings.isQuick ? 2 : 4 }

    static func register() {
        registerSchedules()
        registerPlans()
        registerSweeps()
    }

    static func registerSchedules() {
        Benchmark(
            "RetentionScheduleThroughput",
            configuration: .init(metrics: [.throughput, .wallClock], scalingFactor: .kilo)
        ) { benchmark, workload in
            blackHole(try workload.scheduleNext(benchmark.scaledIterations.count))
        } setup: {
            try ScheduleWorkload()
        }

        // Same recordings on both sides: a whole schedule against Foundation's calendar doing just
        // the period additions that schedule makes.
        let calendar = Comparison("schedule", against: "calendar", unit: .operationsPerSecond)
        Benchmark("RetentionScheduleVsCalendar", configuration: calendar.configuration) { benchmark, workload in
            // Each side walks through the same recordings in the same order.
            var oursFrom = 0
            var rawFrom = 0
            let timings = try Interleaved().measure {
                blackHole(try workload.schedules(from: oursFrom, count: schedulesPerRound))
                oursFrom += schedulesPerRound
            } raw: {
                blackHole(workload.calendarAdditions(from: rawFrom, count: schedulesPerRound))
                rawFrom += schedulesPerRound
            }
            calendar.record(timings, workPerRound: schedulesPerRound, in: benchmark)
        } setup: {
            try ScheduleWorkload()
        }

        // The same thousand recordings every iteration, so the count is exact.
        Benchmark(
            "RetentionScheduleAllocations",
            configuration: .init(
                metrics: [.mallocCountTotal], maxIterations: RunSettings.isQuick ? 10 : 100,
                thresholds: [.mallocCountTotal: BenchmarkThresholds(absolute: [.p90: 0])])
        ) { benchmark, workload in
            benchmark.startMeasurement()
            blackHole(try workload.schedules(from: 0, count: schedulesPerAllocationIteration))
            benchmark.stopMeasurement()
        } setup: {
            try ScheduleWorkload()
        }
    }

    static func registerPlans() {
        // A dry run over the whole store: about half due, 1 to 2 % of those held.
        let perMillion = BenchmarkMetric.custom("plan_ms_per_1M_recordings", polarity: .prefersSmaller)
        let planned = BenchmarkMetric.custom("planned_deletions", polarity: .prefersLarger)
        let held = BenchmarkMetric.custom("held_recordings", polarity: .prefersLarger)
        Benchmark(
            "RetentionSweepPlan",
            configuration: .init(
                metrics: [.wallClock, perMillion, planned, held],
                units: [perMillion: .count, planned: .count, held: .count],
                warmupIterations: 1, maxDuration: .seconds(RunSettings.isQuick ? 2 : 10),
                maxIterations: RunSettings.isQuick ? 3 : 20)
        ) { benchmark, populated in
            let sweeper = try populated.sweeper()
            let start = ContinuousClock.now
            benchmark.startMeasurement()
            let plan = try await sweeper.plan()
            benchmark.stopMeasurement()
            let elapsed = ContinuousClock.now - start
            benchmark.measurement(perMillion, Int((elapsed.seconds * 1e3 * 1e6 / Double(populated.count)).rounded()))
            benchmark.measurement(planned, plan.deletions.count)
            benchmark.measurement(held, plan.held.count)
        } setup: {
            try await PopulatedStore.build(count: planRecordings)
        }

        // Allocations of one plan over 10,000 recordings: a per-recording allocation would add
        // thousands.
        Benchmark(
            "RetentionPlanAllocations",
            configuration: .init(
                metrics: [.mallocCountTotal], maxIterations: RunSettings.isQuick ? 5 : 50,
                thresholds: [.mallocCountTotal: BenchmarkThresholds(absolute: [.p90: 0])])
        ) { benchmark, populated in
            let sweeper = try populated.sweeper()
            benchmark.startMeasurement()
            blackHole(try await sweeper.plan())
            benchmark.stopMeasurement()
        } setup: {
            try await PopulatedStore.build(count: planAllocationRecordings)
        }
    }

    static func registerSweeps() {
        // Allocations of one sweep deleting 500 recordings with one lane (the store, shredder and
        // audit log made fresh, outside measurement, for each iteration).
        Benchmark(
            "RetentionSweepAllocations",
            configuration: .init(
                metrics: [.mallocCountTotal], maxIterations: RunSettings.isQuick ? 5 : 30,
                thresholds: [.mallocCountTotal: BenchmarkThresholds(absolute: [.p90: 0])])
        ) { benchmark, workload in
            let prepared = try await workload.prepare(concurrency: 1)
            benchmark.startMeasurement()
            try await prepared.run()
            benchmark.stopMeasurement()
        } setup: {
            try await SweepWorkload(count: sweepAllocationRecordings)
        }

        // Deletions per second through the in-memory store (keys shredded, content deleted,
        // certificate built, signed and serialised, audit event, tombstone), against raw libsodium
        // signing the same certificate bytes once per deletion, on one core. With one lane the
        // ratio is what the rest of a deletion costs on top of its signature; with the default
        // lanes (one per core) the sweep may beat one core of raw signing.
        for (name, concurrency) in [("Concurrency1", 1), ("DefaultConcurrency", nil)] as [(String, Int?)] {
            let sweep = Comparison("sweep", against: "sign", unit: .operationsPerSecond)
            var configuration = sweep.configuration
            configuration.maxDuration = .seconds(RunSettings.isQuick ? 2 : 10)
            configuration.maxIterations = RunSettings.isQuick ? 2 : 30
            configuration.warmupIterations = 1
            Benchmark("RetentionSweepVsRawSign_\(name)", configuration: configuration) { benchmark, workload in
                let (ours, raw) = try await workload.measureAgainstRawSigning(
                    rounds: sweepRounds, concurrency: concurrency)
                sweep.record(
                    Interleaved.Timings(ours: ours, raw: raw, rounds: sweepRounds),
                    workPerRound: workload.expectedDeletions, in: benchmark)
            } setup: {
                try await SweepWorkload(count: sweepRecordings)
            }
        }
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}

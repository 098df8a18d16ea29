import Benchmark

/// Times the SDK and its raw libsodium baseline inside the same iteration, in turns.
///
/// Wall-clock time on shared machines wanders by ±30 % within one run, so two benchmarks run one
/// after the other cannot be compared. Each iteration here runs a batch through the SDK and the same
/// amount of work through the baseline, for several rounds, alternating which side goes first
/// (ABBA), and compares the summed times: a slow patch of the machine slows both sides alike.
struct Interleaved {
    /// Rounds per iteration; each round runs both sides once.
    var rounds = 8

    /// Total time each side took over all rounds.
    struct Timings {
        var ours = Duration.zero
        var raw = Duration.zero
        var rounds = 0
    }

    /// Runs `ours` and `raw` alternately and returns the total time each took.
    func measure(ours: () throws -> Void, raw: () throws -> Void) rethrows -> Timings {
        let clock = ContinuousClock()
        var timings = Timings(rounds: rounds)
        for round in 0..<rounds {
            if round % 2 == 0 {
                timings.ours += try clock.measure(ours)
                timings.raw += try clock.measure(raw)
            } else {
                timings.raw += try clock.measure(raw)
                timings.ours += try clock.measure(ours)
            }
        }
        return timings
    }

    /// The same, for an SDK side that is asynchronous (an actor such as the audit log).
    func measure(ours: () async throws -> Void, raw: () throws -> Void) async rethrows -> Timings {
        let clock = ContinuousClock()
        var timings = Timings(rounds: rounds)
        for round in 0..<rounds {
            if round % 2 == 0 {
                timings.ours += try await clock.measure(ours)
                timings.raw += try clock.measure(raw)
            } else {
                timings.raw += try clock.measure(raw)
                timings.ours += try await clock.measure(ours)
            }
        }
        return timings
    }
}

/// The custom metrics of one SDK-versus-raw comparison, named after what is compared, for example
/// `writer_MBps`, `raw_encrypt_MBps` and `writer_vs_raw_permille`.
struct Comparison {
    /// What one unit of work is, which fixes how speeds are shown.
    enum Unit {
        /// Speeds in megabytes (10^6 bytes) per second; work is counted in bytes.
        case megabytesPerSecond
        /// Speeds in operations per second; work is counted in operations.
        case operationsPerSecond
        /// Nanoseconds per operation (smaller is better); work is counted in operations.
        case nanosecondsPerOperation
    }

    /// Our throughput over raw libsodium's, in thousandths: 1000 means as fast as raw.
    let ratio: BenchmarkMetric
    /// The SDK's speed.
    let ours: BenchmarkMetric
    /// Raw libsodium's speed on the same work.
    let raw: BenchmarkMetric
    let unit: Unit

    init(_ subject: String, against rawOperation: String, unit: Unit) {
        let suffix =
            switch unit {
            case .megabytesPerSecond: "MBps"
            case .operationsPerSecond: "per_s"
            case .nanosecondsPerOperation: "ns"
            }
        let polarity: BenchmarkMetric.Polarity = unit == .nanosecondsPerOperation ? .prefersSmaller : .prefersLarger
        self.ratio = .custom("\(subject)_vs_raw_permille", polarity: .prefersLarger, useScalingFactor: false)
        self.ours = .custom("\(subject)_\(suffix)", polarity: polarity, useScalingFactor: false)
        self.raw = .custom("raw_\(rawOperation)_\(suffix)", polarity: polarity, useScalingFactor: false)
        self.unit = unit
    }

    /// A configuration measuring these metrics, shown as plain numbers (not scaled to K or M).
    var configuration: Benchmark.Configuration {
        .init(metrics: [ratio, ours, raw, .wallClock], units: [ratio: .count, ours: .count, raw: .count])
    }

    /// Records one iteration in which each side did `workPerRound` (bytes or operations) per round.
    func record(_ timings: Interleaved.Timings, workPerRound: Int, in benchmark: Benchmark) {
        let work = workPerRound * timings.rounds
        let oursSeconds = Self.seconds(timings.ours)
        let rawSeconds = Self.seconds(timings.raw)
        guard oursSeconds > 0, rawSeconds > 0 else { return }
        // Same work on both sides, so the throughput ratio is the inverse ratio of the times.
        benchmark.measurement(ratio, Int((1000 * rawSeconds / oursSeconds).rounded()))
        benchmark.measurement(ours, speed(work: work, seconds: oursSeconds))
        benchmark.measurement(raw, speed(work: work, seconds: rawSeconds))
    }

    private func speed(work: Int, seconds: Double) -> Int {
        let value =
            switch unit {
            case .megabytesPerSecond: Double(work) / seconds / 1e6
            case .operationsPerSecond: Double(work) / seconds
            case .nanosecondsPerOperation: seconds * 1e9 / Double(work)
            }
        return Int(value.rounded())
    }

    private static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}

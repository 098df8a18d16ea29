import CallVaultAccess

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Decisions timed one at a time, as percentiles in nanoseconds.
public struct DecisionTimings: Sendable {
    /// The median decision.
    public var p50: Double
    /// The 90th percentile.
    public var p90: Double
    /// The 99th percentile.
    public var p99: Double
    /// The mean.
    public var mean: Double
    /// Decisions timed.
    public var count: Int
    /// How many were allowed (a check that the mix decides what it should).
    public var allowed: Int
    /// What reading the clock twice costs, included in every sample (not subtracted).
    public var timerOverhead: Double
}

extension PolicyMix {
    /// Decides `count` requests of the mix, starting at request `from` and cycling, without timing
    /// each; returns how many were allowed.
    public func decide(count: Int, from: Int = 0) -> Int {
        var allowed = 0
        var index = from % requests.count
        for _ in 0..<count {
            if policy.decide(requests[index]).isAllowed { allowed += 1 }
            index += 1
            if index == requests.count { index = 0 }
        }
        return allowed
    }

    /// Decides `count` requests of the mix, starting at request `from` and cycling, timing each
    /// decision on its own with the monotonic clock.
    public func timeDecisions(count: Int, from: Int = 0) -> DecisionTimings {
        var samples = [Int](repeating: 0, count: max(1, count))
        var allowed = 0
        var index = from % requests.count
        for sample in 0..<count {
            let request = requests[index]
            let start = monotonicNanoseconds()
            let decision = policy.decide(request)
            let end = monotonicNanoseconds()
            samples[sample] = end - start
            if decision.isAllowed { allowed += 1 }
            index += 1
            if index == requests.count { index = 0 }
        }
        var overhead = [Int](repeating: 0, count: 1_001)
        for sample in overhead.indices {
            let start = monotonicNanoseconds()
            overhead[sample] = monotonicNanoseconds() - start
        }
        samples.sort()
        overhead.sort()
        func percentile(_ fraction: Double) -> Double {
            Double(samples[min(samples.count - 1, Int(Double(samples.count) * fraction))])
        }
        return DecisionTimings(
            p50: percentile(0.5), p90: percentile(0.9), p99: percentile(0.99),
            mean: Double(samples.reduce(0, +)) / Double(samples.count), count: count, allowed: allowed,
            timerOverhead: Double(overhead[overhead.count / 2]))
    }
}

/// The monotonic clock in nanoseconds (a vDSO call, about 20 ns).
@inline(__always)
func monotonicNanoseconds() -> Int {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return time.tv_sec * 1_000_000_000 + time.tv_nsec
}

import Benchmark

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How long each benchmark runs.
///
/// By default long enough for stable medians. With `CALLVAULT_BENCHMARK_QUICK=1` (what
/// `run-ci.sh` sets) every benchmark stops after a few iterations: CI needs the allocation counts,
/// which are exact from the first iteration, and a rough look at the ratios, not tight percentiles.
enum RunSettings {
    static var isQuick: Bool {
        guard let value = getenv("CALLVAULT_BENCHMARK_QUICK") else { return false }
        return !["", "0", "false", "no"].contains(String(cString: value).lowercased())
    }

    /// Sets the defaults every benchmark of the suite starts from.
    static func apply() {
        var configuration = Benchmark.defaultConfiguration
        if isQuick {
            configuration.warmupIterations = 1
            configuration.maxIterations = 10
            configuration.maxDuration = .milliseconds(300)
        } else {
            configuration.warmupIterations = 3
            configuration.maxIterations = 1_000
            configuration.maxDuration = .seconds(3)
        }
        Benchmark.defaultConfiguration = configuration
    }
}

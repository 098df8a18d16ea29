import Benchmark

/// Registers every benchmark of the suite; package-benchmark's generated `main` calls this once.
///
/// Names have no spaces or slashes: the static thresholds in `Thresholds/` are found by file name
/// (`<target>.<benchmark>.p90.json`), which only works for such names.
func benchmarks() {
    RunSettings.apply()
    SegmentThroughput.register()
    Minute59.register()
    KeyWrapping.register()
    AllocationGate.register()
    ConsentBenchmarks.register()
    CaptureBenchmarks.register()
    RetentionBenchmarks.register()
    AccessAuditBenchmarks.register()
}

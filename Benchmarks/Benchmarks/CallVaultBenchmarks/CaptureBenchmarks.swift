import Benchmark
import CallVaultCapture
import CallVaultCore

/// The recorder's path for one call: gate, jitter buffer, interleaving and segmenting, with 20 ms
/// G.711 frames from two tracks fed in order (the steady state of a live call).
///
/// Target: at least 2 million frames per second on one core, and no allocation per frame (gated in
/// CI through `Thresholds/CallVaultBenchmarks.RecorderFrameAllocations.p90.json`).
enum CaptureBenchmarks {
    static let framesPerIteration = 10_000

    static func register() {
        Benchmark(
            "RecorderFramesThroughput",
            configuration: .init(metrics: [.throughput, .wallClock], scalingFactor: .kilo)
        ) { benchmark, call in
            for _ in benchmark.scaledIterations {
                try call.feedFrame()
            }
        } setup: {
            try LiveCall()
        }

        Benchmark(
            "RecorderFrameAllocations",
            configuration: .init(
                metrics: [.mallocCountTotal], maxIterations: RunSettings.isQuick ? 10 : 100,
                thresholds: [.mallocCountTotal: BenchmarkThresholds(absolute: [.p90: 0])])
        ) { benchmark, call in
            benchmark.startMeasurement()
            for _ in 0..<framesPerIteration {
                try call.feedFrame()
            }
            benchmark.stopMeasurement()
        } setup: {
            try LiveCall()
        }
    }
}

/// A recording call (agent and customer, 8 kHz mu-law, one-second segments, 60 ms jitter window)
/// and one 20 ms frame per track, fed alternately with advancing timestamps.
final class LiveCall {
    struct DiscardingSink: SegmentSink {
        var segments = 0
        mutating func segmentCompleted(_ segment: RecordedSegment) throws {
            segments += 1
            blackHole(segment.bytes.count)
        }
    }

    let recorder: Recorder<DiscardingSink>
    private let frame: UnsafeMutableRawBufferPointer
    private var position: Int64 = 0
    private var sequence: UInt64 = 0
    private var track = 0

    init() throws {
        recorder = try Recorder(
            configuration: RecorderConfiguration(
                format: MediaFormat(encoding: .muLaw, sampleRate: 8_000, channelCount: 2), tracks: [.agent, .customer]),
            sink: DiscardingSink())
        recorder.command(.start, at: 0)
        frame = UnsafeMutableRawBufferPointer.allocate(byteCount: 160, alignment: 16)
        for index in 0..<160 { frame[index] = UInt8(truncatingIfNeeded: index &* 37) }
    }

    deinit {
        frame.deallocate()
    }

    func feedFrame() throws {
        try recorder.ingestAudio(
            channel: track, timestamp: position, sequenceNumber: sequence, samples: UnsafeRawBufferPointer(frame),
            encoding: .muLaw)
        track ^= 1
        if track == 0 {
            position += 160
            sequence += 1
        }
    }
}

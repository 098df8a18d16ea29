// Ten thousand simultaneous stereo G.711 calls, fed in real time (20 ms frames per track), each
// recorded by its own Recorder whose segments are sealed by its own EnvelopeWriter.
//
// Reports whether the load is sustained (how far behind real time frames are handled), the delay
// from a frame's arrival to its segment being sealed (p50, p99, max), CPU use, and resident memory
// per call. Targets (issue 4): sustained on 2 cores; p99 delay under one segment (1 s) plus 50 ms;
// memory per call under 64 KiB beyond its open segment.
//
// Usage: swift run -c release CaptureScale [--calls N] [--seconds S] [--threads T]

import CallVaultCapture
import CallVaultCore
import CallVaultCrypto
import Foundation
import ScaleMachine
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

struct Options {
    var calls = 10_000
    var seconds = 30
    var threads = ProcessInfo.processInfo.activeProcessorCount

    init(_ arguments: [String]) {
        var index = 1
        while index + 1 < arguments.count {
            let value = Int(arguments[index + 1]) ?? 0
            switch arguments[index] {
            case "--calls": calls = max(1, value)
            case "--seconds": seconds = max(1, value)
            case "--threads": threads = max(1, value)
            default: break
            }
            index += 2
        }
    }
}

/// Seals each finished segment and notes how long after its first frame arrived. A class, so the
/// feeding loop can note arrivals on the sink the recorder holds.
final class SealingSink: SegmentSink {
    let writer: EnvelopeWriter<DiscardingEnvelopeOutput>
    var firstFrameArrival: ContinuousClock.Instant?
    let delays: UnsafeMutablePointer<Int64>  // a millisecond histogram, one per thread
    let clock = ContinuousClock()

    init(writer: EnvelopeWriter<DiscardingEnvelopeOutput>, delays: UnsafeMutablePointer<Int64>) {
        self.writer = writer
        self.delays = delays
    }

    func segmentCompleted(_ segment: RecordedSegment) throws {
        try writer.append(segment.bytes)
        if let arrival = firstFrameArrival {
            let delay = clock.now - arrival
            let milliseconds = Int(
                delay.components.seconds * 1_000 + delay.components.attoseconds / 1_000_000_000_000_000)
            delays[min(max(milliseconds, 0), 9_999)] += 1
        }
        firstFrameArrival = nil
    }
}

final class Call {
    let recorder: Recorder<SealingSink>
    let sink: SealingSink
    let phase: Duration
    /// The tick recording starts at: calls start at different times, as in a real contact center,
    /// so their segments do not all close in the same 20 ms.
    let startTick: Int

    init(recipient: Recipient, phase: Duration, startTick: Int, delays: UnsafeMutablePointer<Int64>) throws {
        let format = MediaFormat(encoding: .muLaw, sampleRate: 8_000, channelCount: 2)
        let writer = try EnvelopeWriter(
            configuration: EnvelopeConfiguration(segmentSize: 16_000, mediaFormat: format),
            recipients: [recipient], output: DiscardingEnvelopeOutput())
        sink = SealingSink(writer: writer, delays: delays)
        recorder = try Recorder(
            configuration: RecorderConfiguration(format: format, tracks: [.agent, .customer]), sink: sink)
        recorder.command(.start, at: Int64(startTick) * 160)
        self.phase = phase
        self.startTick = startTick
    }
}

func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
}

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec)
        + Double(usage.ru_stime.tv_usec) / 1e6
}

func percentile(_ histogram: [Int64], _ fraction: Double) -> Int {
    let total = histogram.reduce(0, +)
    guard total > 0 else { return 0 }
    var seen: Int64 = 0
    for (milliseconds, count) in histogram.enumerated() {
        seen += count
        if Double(seen) >= Double(total) * fraction { return milliseconds }
    }
    return histogram.count - 1
}

struct ThreadResult: Sendable {
    var delays: [Int64]
    var lags: [Int64]
    var frames: Int
}

let options = Options(CommandLine.arguments)
let frameInterval = Duration.milliseconds(20)
let ticks = options.seconds * 50
let identity = try Identity.generate()
let baseline = residentBytes()
print(
    "CaptureScale: \(options.calls) calls, \(options.seconds) s, \(options.threads) threads, 8 kHz mu-law stereo, 20 ms frames, 1 s segments"
)
print(
    "\(ProcessInfo.processInfo.activeProcessorCount) cores, load average \(ScaleMachine.loadAverage()) (1, 5, 15 min) at the start"
)
print(ScaleMachine.memoryLine())

// Each thread owns its calls and its delay histogram; nothing is shared while running.
var shards: [[Call]] = Array(repeating: [], count: options.threads)
let histograms = (0..<options.threads).map { _ in UnsafeMutablePointer<Int64>.allocate(capacity: 10_000) }
for histogram in histograms { histogram.initialize(repeating: 0, count: 10_000) }
for index in 0..<options.calls {
    let thread = index % options.threads
    let phase = Duration.nanoseconds(Int64(index) * 20_000_000 / Int64(options.calls))
    shards[thread].append(
        try Call(recipient: identity.recipient, phase: phase, startTick: index % 50, delays: histograms[thread]))
}
let afterSetup = residentBytes()

let frame = [UInt8](unsafeUninitializedCapacity: 160) { buffer, count in
    for index in 0..<160 { buffer[index] = UInt8(truncatingIfNeeded: 0x20 + index % 64) }
    count = 160
}
let results = Mutex<[ThreadResult]>([])
let cpuBefore = cpuSeconds()
let clock = ContinuousClock()
let start = clock.now + .milliseconds(200)
let group = DispatchGroup()
for thread in 0..<options.threads {
    group.enter()
    let calls = UnsafeSendable(shards[thread])
    let histogramPointer = UnsafeSendable(histograms[thread])
    Thread {
        var lags = [Int64](repeating: 0, count: 10_000)
        var frames = 0
        do {
            for tick in 0..<ticks {
                let tickStart = start + frameInterval * tick
                for call in calls.value {
                    let due = tickStart + call.phase
                    let now = clock.now
                    if now < due {
                        // Frames due within a millisecond are handled now: sleeping for each of
                        // 10,000 calls 2 us apart would cost the harness more than the recorder.
                        if due - now > .milliseconds(1) { clock.sleep(untilApproximately: due) }
                        lags[0] += 1
                    } else {
                        let lag = now - due
                        let milliseconds = Int(
                            lag.components.seconds * 1_000 + lag.components.attoseconds / 1_000_000_000_000_000)
                        lags[min(milliseconds, 9_999)] += 1
                    }
                    let position = Int64(tick) * 160
                    if tick >= call.startTick, (tick - call.startTick) % 50 == 0 {
                        call.sink.firstFrameArrival = clock.now
                    }
                    try frame.withUnsafeBytes { bytes in
                        try call.recorder.ingestAudio(
                            channel: 0, timestamp: position, sequenceNumber: UInt64(tick), samples: bytes,
                            encoding: .muLaw)
                        try call.recorder.ingestAudio(
                            channel: 1, timestamp: position, sequenceNumber: UInt64(tick), samples: bytes,
                            encoding: .muLaw)
                    }
                    frames += 2
                }
            }
        } catch {
            print("error: \(error)")
        }
        let histogram = Array(UnsafeBufferPointer(start: histogramPointer.value, count: 10_000))
        results.withLock { $0.append(ThreadResult(delays: histogram, lags: lags, frames: frames)) }
        group.leave()
    }.start()
}
group.wait()
let wall = clock.now - start
let cpu = cpuSeconds() - cpuBefore
let afterRun = residentBytes()

let all = results.withLock { $0 }
var merged = [Int64](repeating: 0, count: 10_000)
var lags = [Int64](repeating: 0, count: 10_000)
for result in all {
    for (index, count) in result.delays.enumerated() { merged[index] += count }
    for (index, count) in result.lags.enumerated() { lags[index] += count }
}
let segments = merged.reduce(0, +)
let wallSeconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
let perCall = Double(afterRun - baseline) / Double(options.calls)
print(
    String(
        format: "frames handled: %d (%.0f per second)", all.map(\.frames).reduce(0, +),
        Double(all.map(\.frames).reduce(0, +)) / wallSeconds))
print("segments sealed: \(segments)")
print(
    "lag, frame due to frame handled: p50 \(percentile(lags, 0.5)) ms, p99 \(percentile(lags, 0.99)) ms, max \(percentile(lags, 1.0)) ms"
)
print(
    "delay, frame arrival to segment sealed: p50 \(percentile(merged, 0.5)) ms, p99 \(percentile(merged, 0.99)) ms, max \(percentile(merged, 1.0)) ms"
)
print(
    String(
        format: "CPU: %.2f core-seconds per second (%.1f %% of %d cores)", cpu / wallSeconds,
        100 * cpu / wallSeconds / Double(ProcessInfo.processInfo.activeProcessorCount),
        ProcessInfo.processInfo.activeProcessorCount))
print(
    String(
        format:
            "resident memory per call: %.1f KiB after setup, %.1f KiB after the run (%.1f KiB beyond the 15.6 KiB open segment)",
        Double(afterSetup - baseline) / Double(options.calls) / 1_024, perCall / 1_024,
        perCall / 1_024 - 16_000.0 / 1_024))
print("load average \(ScaleMachine.loadAverage()) at the end")

/// Hands a thread the calls it owns; the main thread does not touch them until the threads finish.
struct UnsafeSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

extension ContinuousClock {
    /// Sleeps the thread (not a task) until about `deadline`.
    func sleep(untilApproximately deadline: Instant) {
        let remaining = deadline - now
        guard remaining > .zero else { return }
        let nanoseconds =
            remaining.components.seconds * 1_000_000_000 + remaining.components.attoseconds / 1_000_000_000
        var request = timespec(tv_sec: Int(nanoseconds / 1_000_000_000), tv_nsec: Int(nanoseconds % 1_000_000_000))
        nanosleep(&request, nil)
    }
}

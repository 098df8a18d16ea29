import Benchmark
import CallVaultCore
import CallVaultCrypto

/// Allocations in the steady state of sealing and opening: the CI gate.
///
/// The writer is designed to allocate nothing per sealed segment (it seals straight from the
/// caller's buffer, or from its one plaintext buffer, into one reused ciphertext buffer), and
/// `readSegment` to allocate nothing per opened segment. Each iteration handles many segments with
/// everything created beforehand, outside measurement, so the count must be exactly zero: one
/// allocation per segment would show as `segmentsPerIteration` in every iteration.
///
/// `Thresholds/CallVaultBenchmarks.<name>.p90.json` holds `mallocCountTotal: 0` for each of these,
/// and `run-ci.sh` runs `swift package benchmark thresholds check` on them. A count can only rise
/// above zero, so that check either passes exactly or reports a regression.
enum AllocationGate {
    /// One second of stereo G.711, the default segment of a telephone recording.
    static let format = MediaFormat(encoding: .muLaw, sampleRate: 8_000, channelCount: 2)
    static let segmentSize = 16_000
    /// 20 ms of that audio: the frame size a capture loop typically hands over.
    static let frameSize = 320
    static let segmentsPerIteration = 256

    /// Absolute: not one allocation more than the stored threshold (zero).
    static var configuration: Benchmark.Configuration {
        Benchmark.Configuration(
            metrics: [.mallocCountTotal], maxIterations: RunSettings.isQuick ? 10 : 100,
            thresholds: [.mallocCountTotal: BenchmarkThresholds(absolute: [.p90: 0])])
    }

    static func register() {
        // Whole segments per append: the writer seals straight from the caller's memory.
        Benchmark("WriterAllocationsPerSegment", configuration: configuration) { benchmark, state in
            benchmark.startMeasurement()
            for index in 0..<segmentsPerIteration {
                try state.writer.append(UnsafeRawBufferPointer(state.audio.slice(index * segmentSize, segmentSize)))
            }
            benchmark.stopMeasurement()
        } setup: {
            try SteadyWriter()
        }

        // 20 ms frames: the writer gathers them in its plaintext buffer and seals every 50th.
        Benchmark("WriterAllocationsPer20msFrames", configuration: configuration) { benchmark, state in
            benchmark.startMeasurement()
            for index in 0..<(segmentsPerIteration * segmentSize / frameSize) {
                try state.writer.append(UnsafeRawBufferPointer(state.audio.slice(index * frameSize, frameSize)))
            }
            benchmark.stopMeasurement()
        } setup: {
            try SteadyWriter()
        }

        // Opening: readSegment decrypts into the caller's buffer.
        Benchmark("ReaderAllocationsPerSegment", configuration: configuration) { benchmark, state in
            benchmark.startMeasurement()
            for index in 0..<segmentsPerIteration {
                blackHole(try state.reader.readSegment(index, into: state.plaintext.buffer))
            }
            benchmark.stopMeasurement()
        } setup: {
            try SteadyReader()
        }
    }
}

/// A writer whose header is already out, and the audio to feed it.
final class SteadyWriter {
    let writer: EnvelopeWriter<DiscardingEnvelopeOutput>
    let audio = Bytes(random: AllocationGate.segmentsPerIteration * AllocationGate.segmentSize)

    init() throws {
        writer = try EnvelopeWriter(
            configuration: EnvelopeConfiguration(
                segmentSize: AllocationGate.segmentSize, mediaFormat: AllocationGate.format),
            recipients: [Identity.generate().recipient], output: DiscardingEnvelopeOutput())
    }
}

/// A reader over an in-memory envelope of `segmentsPerIteration` segments, and a buffer for one.
final class SteadyReader {
    let reader: EnvelopeReader<[UInt8]>
    let plaintext = Bytes(zeroed: AllocationGate.segmentSize)

    init() throws {
        let identity = try Identity.generate()
        let writer = try EnvelopeWriter(
            configuration: EnvelopeConfiguration(
                segmentSize: AllocationGate.segmentSize, mediaFormat: AllocationGate.format),
            recipients: [identity.recipient], output: [UInt8]())
        let audio = Bytes(random: AllocationGate.segmentsPerIteration * AllocationGate.segmentSize)
        try withExtendedLifetime(audio) { try writer.append(UnsafeRawBufferPointer(audio.buffer)) }
        try writer.finish()
        reader = try EnvelopeReader(source: writer.output, identity: identity)
    }
}

import Benchmark
import CallVaultCore
import CallVaultCrypto

/// Random access: one second at minute 59 of an hour-long stereo G.711 call (about 57.6 MB sealed
/// in memory, one-second segments), opened without touching minutes 1 to 58.
enum Minute59 {
    static let start = 3_540.0
    static let end = 3_541.0
    /// Calls per side per round: one call is microseconds, too short to time alone.
    static let callsPerRound = 32

    static func register() {
        let byteRange = Comparison("byte_range_read", against: "decrypt", unit: .nanosecondsPerOperation)
        Benchmark("Minute59_ByteRangeVsRaw", configuration: byteRange.configuration) { benchmark, state in
            let timings = try Interleaved().measure(ours: state.readByTime, raw: state.openRaw)
            byteRange.record(timings, workPerRound: callsPerRound, in: benchmark)
        } setup: {
            try Minute59Comparison(recording: OneHourRecording.shared.get())
        }

        let segment = Comparison("read_segment", against: "decrypt", unit: .nanosecondsPerOperation)
        Benchmark("Minute59_ReadSegmentVsRaw", configuration: segment.configuration) { benchmark, state in
            let timings = try Interleaved().measure(ours: state.readSegment, raw: state.openRaw)
            segment.record(timings, workPerRound: callsPerRound, in: benchmark)
        } setup: {
            try Minute59Comparison(recording: OneHourRecording.shared.get())
        }

        // The same calls one at a time, for their allocation counts: the byte-range path is the
        // one applications use, so what it allocates per call matters.
        let single: Benchmark.Configuration = .init(metrics: [.wallClock, .mallocCountTotal], maxIterations: 2_000)
        Benchmark("Minute59_ByteRange", configuration: single) { benchmark, state in
            benchmark.startMeasurement()
            let range = try state.reader.byteRange(fromSeconds: start, toSeconds: end)
            blackHole(try state.reader.plaintext(in: range))
            benchmark.stopMeasurement()
        } setup: {
            try Minute59Comparison(recording: OneHourRecording.shared.get())
        }

        Benchmark("Minute59_ReadSegment", configuration: single) { benchmark, state in
            benchmark.startMeasurement()
            blackHole(try state.reader.readSegment(state.segmentIndex, into: state.plaintext.buffer))
            benchmark.stopMeasurement()
        } setup: {
            try Minute59Comparison(recording: OneHourRecording.shared.get())
        }

        // From the envelope's bytes and an identity to the audio: parse and authenticate the
        // header, unwrap the data key (X25519), measure the layout, then read the second.
        Benchmark("Minute59_NewReaderAndByteRange", configuration: single) { benchmark, recording in
            benchmark.startMeasurement()
            let reader = try EnvelopeReader(source: recording.envelope, identity: recording.identity)
            blackHole(try reader.plaintext(in: reader.byteRange(fromSeconds: start, toSeconds: end)))
            benchmark.stopMeasurement()
        } setup: {
            try OneHourRecording.shared.get()
        }
    }
}

/// An hour of stereo G.711 mu-law (8000 Hz, 2 channels: 16,000 bytes a second) sealed with the
/// default segment size, one second, built once per process.
struct OneHourRecording: Sendable {
    static let format = MediaFormat(encoding: .muLaw, sampleRate: 8_000, channelCount: 2)
    static let seconds = 3_600
    static let shared = Result { try OneHourRecording() }

    let envelope: [UInt8]
    let identity: Identity
    let segmentSize: Int

    private init() throws {
        identity = try Identity.generate()
        let configuration = EnvelopeConfiguration(mediaFormat: Self.format)
        segmentSize = configuration.segmentSize
        let bytesPerSecond = Self.format.bytesPerSecond ?? 0
        var output: [UInt8] = []
        output.reserveCapacity(Self.seconds * (bytesPerSecond + 16) + 4_096)
        let writer = try EnvelopeWriter(configuration: configuration, recipients: [identity.recipient], output: output)
        let minute = Bytes(random: 60 * bytesPerSecond)
        try withExtendedLifetime(minute) {
            for _ in 0..<(Self.seconds / 60) {
                try writer.append(UnsafeRawBufferPointer(minute.buffer))
            }
        }
        try writer.finish()
        envelope = writer.output
    }
}

/// A reader over the hour-long recording, made outside measurement, and raw libsodium opening a
/// segment of the same size (sealed under its own key) into the same buffer.
final class Minute59Comparison {
    let reader: EnvelopeReader<[UInt8]>
    let plaintext: Bytes
    let segmentIndex: Int
    private let segmentSize: Int
    private let raw = RawSegmentCipher()
    private let rawSealed: Bytes

    init(recording: OneHourRecording) throws {
        reader = try EnvelopeReader(source: recording.envelope, identity: recording.identity)
        segmentSize = recording.segmentSize
        segmentIndex = Int(Minute59.start) * (OneHourRecording.format.bytesPerSecond ?? 0) / segmentSize
        plaintext = Bytes(zeroed: segmentSize)
        rawSealed = Bytes(zeroed: segmentSize + RawSegmentCipher.tagByteCount)
        let audio = Bytes(random: segmentSize)
        withExtendedLifetime(audio) {
            raw.seal(audio.base, count: segmentSize, index: UInt64(segmentIndex), into: rawSealed.base)
        }
    }

    func readByTime() throws {
        for _ in 0..<Minute59.callsPerRound {
            let range = try reader.byteRange(fromSeconds: Minute59.start, toSeconds: Minute59.end)
            blackHole(try reader.plaintext(in: range))
        }
    }

    func readSegment() throws {
        for _ in 0..<Minute59.callsPerRound {
            blackHole(try reader.readSegment(segmentIndex, into: plaintext.buffer))
        }
    }

    func openRaw() throws {
        for _ in 0..<Minute59.callsPerRound {
            guard
                raw.open(
                    rawSealed.base, count: rawSealed.count, index: UInt64(segmentIndex), into: plaintext.base)
            else { throw BenchmarkFailure.rawOpenFailed }
        }
    }
}

import Benchmark
import CallVaultCrypto

/// Envelope writer and reader throughput at several segment sizes, each against raw libsodium
/// ChaCha20-Poly1305 on the same bytes in the same iteration.
///
/// Targets set by the issue: the writer reaches at least 0.95 of raw at 64 KiB and 0.9 at 16 KiB.
enum SegmentThroughput {
    /// From one 20 ms G.711 mono frame up to large file segments.
    static let segmentSizes: [(label: String, byteCount: Int)] = [
        ("160B", 160), ("4KiB", 4 << 10), ("16KiB", 16 << 10), ("64KiB", 64 << 10), ("1MiB", 1 << 20),
    ]

    /// Plaintext per side per round: large enough that timer and loop overhead vanish, small enough
    /// to stay in cache so the figures measure the code, not the memory bus.
    static let bytesPerRound = 1 << 20

    static func register() {
        for (label, size) in segmentSizes {
            let writer = Comparison("writer", against: "encrypt", unit: .megabytesPerSecond)
            Benchmark("WriterVsRaw_\(label)", configuration: writer.configuration) { benchmark, state in
                let timings = try Interleaved().measure(ours: state.sealWithWriter, raw: state.sealRaw)
                writer.record(timings, workPerRound: state.segmentCount * size, in: benchmark)
            } setup: {
                try WriterComparison(segmentSize: size, segmentCount: max(1, bytesPerRound / size))
            }

            let reader = Comparison("reader", against: "decrypt", unit: .megabytesPerSecond)
            Benchmark("ReaderVsRaw_\(label)", configuration: reader.configuration) { benchmark, state in
                let timings = try Interleaved().measure(ours: state.openWithReader, raw: state.openRaw)
                reader.record(timings, workPerRound: state.segmentCount * size, in: benchmark)
            } setup: {
                try ReaderComparison(segmentSize: size, segmentCount: max(1, bytesPerRound / size))
            }
        }
    }
}

/// A writer made once, outside measurement, and fed whole segments one `append` at a time, as a
/// capture loop would; beside it raw libsodium sealing the same segments into one reused buffer.
final class WriterComparison {
    let segmentSize: Int
    let segmentCount: Int
    private let writer: EnvelopeWriter<DiscardingEnvelopeOutput>
    private let plaintext: Bytes
    private let raw = RawSegmentCipher()
    private let rawSealed: Bytes
    private var rawIndex: UInt64 = 0

    init(segmentSize: Int, segmentCount: Int) throws {
        self.segmentSize = segmentSize
        self.segmentCount = segmentCount
        self.writer = try EnvelopeWriter(
            configuration: EnvelopeConfiguration(segmentSize: segmentSize),
            recipients: [Identity.generate().recipient], output: DiscardingEnvelopeOutput())
        self.plaintext = Bytes(random: segmentSize * segmentCount)
        self.rawSealed = Bytes(zeroed: segmentSize + RawSegmentCipher.tagByteCount)
    }

    func sealWithWriter() throws {
        for index in 0..<segmentCount {
            try writer.append(UnsafeRawBufferPointer(plaintext.slice(index * segmentSize, segmentSize)))
        }
    }

    func sealRaw() {
        for index in 0..<segmentCount {
            raw.seal(plaintext.base + index * segmentSize, count: segmentSize, index: rawIndex, into: rawSealed.base)
            rawIndex += 1
        }
    }
}

/// An in-memory envelope of whole segments opened one `readSegment` at a time; beside it raw
/// libsodium opening segments of the same size, sealed under its own key, into the same buffer.
final class ReaderComparison {
    let segmentSize: Int
    let segmentCount: Int
    private let reader: EnvelopeReader<[UInt8]>
    private let raw: RawSegmentCipher
    private let rawSealed: Bytes
    private let plaintext: Bytes

    init(segmentSize: Int, segmentCount: Int) throws {
        self.segmentSize = segmentSize
        self.segmentCount = segmentCount
        let source = Bytes(random: segmentSize * segmentCount)
        let identity = try Identity.generate()
        let writer = try EnvelopeWriter(
            configuration: EnvelopeConfiguration(segmentSize: segmentSize), recipients: [identity.recipient],
            output: [UInt8]())
        let raw = RawSegmentCipher()
        let sealedSize = segmentSize + RawSegmentCipher.tagByteCount
        let rawSealed = Bytes(zeroed: sealedSize * segmentCount)
        try withExtendedLifetime(source) {
            try writer.append(UnsafeRawBufferPointer(source.buffer))
            for index in 0..<segmentCount {
                raw.seal(
                    source.base + index * segmentSize, count: segmentSize, index: UInt64(index),
                    into: rawSealed.base + index * sealedSize)
            }
        }
        try writer.finish()
        self.reader = try EnvelopeReader(source: writer.output, identity: identity)
        self.raw = raw
        self.rawSealed = rawSealed
        self.plaintext = Bytes(zeroed: segmentSize)
    }

    func openWithReader() throws {
        for index in 0..<segmentCount {
            _ = try reader.readSegment(index, into: plaintext.buffer)
        }
    }

    func openRaw() throws {
        let sealedSize = segmentSize + RawSegmentCipher.tagByteCount
        for index in 0..<segmentCount {
            guard
                raw.open(
                    rawSealed.base + index * sealedSize, count: sealedSize, index: UInt64(index), into: plaintext.base)
            else { throw BenchmarkFailure.rawOpenFailed }
        }
    }
}

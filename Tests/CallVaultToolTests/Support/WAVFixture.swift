import Testing

/// Builds WAV files byte by byte, so the tests need no audio tools.
///
/// The default layout is the canonical one `callvault open` writes: `RIFF`, `fmt ` (16 bytes for
/// PCM; 18 bytes with a zero extension size, then a `fact` chunk, for G.711), then `data` and a pad
/// byte when the data length is odd.
struct WAVFixture {
    enum Encoding: String, CustomStringConvertible, CaseIterable {
        case pcm16
        case muLaw
        case aLaw

        var formatCode: Int {
            switch self {
            case .pcm16: 1
            case .muLaw: 7
            case .aLaw: 6
            }
        }

        var bitsPerSample: Int { self == .pcm16 ? 16 : 8 }

        /// How `inspect` names the encoding.
        var inspectName: String {
            switch self {
            case .pcm16: "PCM 16-bit"
            case .muLaw: "G.711 mu-law"
            case .aLaw: "G.711 A-law"
            }
        }

        var description: String { rawValue }
    }

    var encoding: Encoding
    var sampleRate = 8_000
    var channels = 1
    /// The sample data (whole frames unless a test wants otherwise).
    var samples: [UInt8]
    /// Chunks written between the format chunks and `data`, such as `LIST` metadata.
    var extraChunks: [(identifier: String, body: [UInt8])] = []
    /// Overrides of `fmt ` fields, to build malformed files.
    var blockAlignOverride: Int?
    var bitsPerSampleOverride: Int?

    /// A fixture of `frames` deterministic sample frames.
    init(encoding: Encoding, sampleRate: Int = 8_000, channels: Int = 1, frames: Int, seed: UInt64 = 7) {
        self.encoding = encoding
        self.sampleRate = sampleRate
        self.channels = channels
        self.samples = deterministicBytes(frames * encoding.bitsPerSample / 8 * channels, seed: seed)
    }

    /// The same format holding `samples`.
    func holding(_ samples: some Collection<UInt8>) -> WAVFixture {
        var copy = self
        copy.samples = Array(samples)
        return copy
    }

    var bytesPerFrame: Int { encoding.bitsPerSample / 8 * channels }
    var bytesPerSecond: Int { bytesPerFrame * sampleRate }
    var frameCount: Int { samples.count / bytesPerFrame }
    var durationSeconds: Double { Double(frameCount) / Double(sampleRate) }

    /// The samples of frames `frames`.
    func samples(frames: Range<Int>) -> ArraySlice<UInt8> {
        samples[(frames.lowerBound * bytesPerFrame)..<(frames.upperBound * bytesPerFrame)]
    }

    var bytes: [UInt8] {
        let isPCM = encoding == .pcm16
        var format = le16(encoding.formatCode) + le16(channels) + le32(sampleRate) + le32(bytesPerSecond)
        format += le16(blockAlignOverride ?? bytesPerFrame) + le16(bitsPerSampleOverride ?? encoding.bitsPerSample)
        if !isPCM { format += le16(0) }
        var chunks = chunk("fmt ", format)
        if !isPCM { chunks += chunk("fact", le32(frameCount)) }
        for extra in extraChunks { chunks += chunk(extra.identifier, extra.body) }
        chunks += chunk("data", samples)
        return Array("RIFF".utf8) + le32(4 + chunks.count) + Array("WAVE".utf8) + chunks
    }

    private func chunk(_ identifier: String, _ body: [UInt8]) -> [UInt8] {
        Array(identifier.utf8) + le32(body.count) + body + (body.count % 2 == 1 ? [0] : [])
    }

    private func le16(_ value: Int) -> [UInt8] {
        [UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8)]
    }

    private func le32(_ value: Int) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }
}

/// The chunks of a RIFF/WAVE file, to check a file the tool wrote is well formed.
struct WAVChunks {
    let riffSize: Int
    let chunks: [(identifier: String, offset: Int, size: Int)]

    init(_ bytes: [UInt8]) throws {
        guard bytes.count >= 12, bytes[0..<4].elementsEqual("RIFF".utf8), bytes[8..<12].elementsEqual("WAVE".utf8)
        else { throw WAVChunkError(reason: "no RIFF/WAVE header") }
        riffSize = bytes.littleEndian(at: 4, count: 4)
        var found: [(String, Int, Int)] = []
        var offset = 12
        while offset + 8 <= bytes.count {
            let size = bytes.littleEndian(at: offset + 4, count: 4)
            let identifier = String(decoding: bytes[offset..<(offset + 4)], as: UTF8.self)
            guard offset + 8 + size <= bytes.count else {
                throw WAVChunkError(reason: "chunk '\(identifier)' at \(offset) runs past the end")
            }
            found.append((identifier, offset, size))
            offset += 8 + size + size % 2
        }
        guard offset == bytes.count else { throw WAVChunkError(reason: "\(bytes.count - offset) stray bytes") }
        chunks = found
    }

    var identifiers: [String] { chunks.map(\.identifier) }

    func size(of identifier: String) -> Int? {
        chunks.first { $0.identifier == identifier }?.size
    }
}

struct WAVChunkError: Error, CustomStringConvertible {
    let reason: String
    var description: String { "not a well-formed WAV file: \(reason)" }
}

extension WAVFixture: CustomTestStringConvertible {
    var testDescription: String {
        "\(encoding), \(sampleRate) Hz, \(channels) channel(s), \(frameCount) frames"
    }
}

import CallVaultCapture
import CallVaultCore
import Testing

/// Writing then reading: every supported format, in memory and on disk, gives back the exact
/// sample bytes, in a canonical file with exact header sizes.
@Suite("WAV round trips")
struct WAVRoundTripTests {
    /// A format and a number of frames to write.
    struct Case: CustomTestStringConvertible, Sendable {
        let format: MediaFormat
        let frames: Int

        var testDescription: String { "\(format), \(frames) frames" }
        var bytesPerFrame: Int { format.bytesPerFrame ?? 0 }
        var samples: [UInt8] { wavTestBytes(frames * bytesPerFrame, seed: UInt64(frames)) }
        var isPCM: Bool { format.encoding == .pcm16LittleEndian }
        var headerByteCount: Int { isPCM ? 44 : 58 }
    }

    static let cases: [Case] = {
        var cases: [Case] = []
        for rate in [8_000, 16_000, 48_000] {
            for channels in [1, 2] {
                cases.append(
                    Case(
                        format: MediaFormat(encoding: .pcm16LittleEndian, sampleRate: rate, channelCount: channels),
                        frames: rate / 10 + 1))
            }
        }
        for encoding in [MediaFormat.Encoding.muLaw, .aLaw] {
            for channels in [1, 2] {
                for frames in [0, 1, 160, 8_001] {
                    cases.append(
                        Case(
                            format: MediaFormat(encoding: encoding, sampleRate: 8_000, channelCount: channels),
                            frames: frames))
                }
            }
        }
        return cases
    }()

    @Test("write then read gives the same samples, in a canonical file with exact sizes", arguments: cases)
    func roundTrip(testCase: Case) throws {
        let samples = testCase.samples
        var writer = try WAVWriter(output: WAVMemoryOutput(), format: testCase.format)
        // Write in uneven pieces, splitting frames, to show the writer does not care.
        var start = 0
        while start < samples.count {
            let end = min(start + 333, samples.count)
            try writer.write(Array(samples[start..<end]))
            start = end
        }
        let finished = try writer.finish()
        let file = writer.output.bytes

        let pad = samples.count % 2
        #expect(file.count == testCase.headerByteCount + samples.count + pad)
        #expect(Array(file[testCase.headerByteCount..<(testCase.headerByteCount + samples.count)]) == samples)
        if pad == 1 { #expect(file.last == 0) }
        #expect(
            try file == WAVHeader.canonicalBytes(for: testCase.format, dataByteCount: UInt64(samples.count)) + samples
                + (pad == 1 ? [0] : []))
        // The RIFF size counts everything after its own field, the pad byte included.
        #expect(RIFFFields.uint32(file, at: 4) == UInt32(file.count - 8))
        #expect(RIFFFields.uint32(file, at: testCase.headerByteCount - 4) == UInt32(samples.count))
        if !testCase.isPCM {
            // fact: the frame count, at byte 46 after an 18-byte fmt chunk.
            #expect(Array(file[38..<42]) == Array("fact".utf8))
            #expect(RIFFFields.uint32(file, at: 46) == UInt32(testCase.frames))
        }

        let header = try WAVHeader.parse(from: InMemoryByteSource(file))
        #expect(header == finished)
        #expect(header.format == testCase.format)
        #expect(header.dataOffset == UInt64(testCase.headerByteCount))
        #expect(header.dataByteCount == UInt64(samples.count))
        #expect(header.frameCount == UInt64(testCase.frames))
        #expect(header.otherChunks.isEmpty)

        var reader = try WAVReader(source: InMemoryByteSource(file))
        var read: [UInt8] = []
        while true {
            let piece = try reader.readFrames(maxCount: 160)
            if piece.isEmpty { break }
            read += piece
        }
        #expect(read == samples)
        #expect(reader.remainingFrameCount == 0)
    }

    @Test("declaring the length up front writes the same bytes without rewriting the header", arguments: cases)
    func declaredLength(testCase: Case) throws {
        let samples = testCase.samples
        var patched = try WAVWriter(output: WAVMemoryOutput(), format: testCase.format)
        try patched.write(samples)
        try patched.finish()
        var declared = try WAVWriter(
            output: AppendOnlyOutput(), format: testCase.format, dataByteCount: UInt64(samples.count))
        try declared.write(samples)
        try declared.finish()
        #expect(declared.output.bytes == patched.output.bytes)
    }

    @Test("a file on disk: written with WAVWriter(path:), read with WAVReader(path:)")
    func onDisk() throws {
        let directory = try WAVTestDirectory()
        let path = directory.path + "/call.wav"
        let format = MediaFormat(encoding: .aLaw, sampleRate: 8_000, channelCount: 2)
        let samples = wavTestBytes(2 * 16_000 + 2)
        var writer = try WAVWriter(path: path, format: format)
        try writer.write(samples)
        try writer.output.synchronize()
        let header = try writer.finish()

        var reader = try WAVReader(path: path)
        #expect(reader.header == header)
        #expect(reader.format == format)
        var buffer = [UInt8](repeating: 0, count: 320)  // 20 ms of 8 kHz stereo G.711
        var read: [UInt8] = []
        while true {
            let frames = try buffer.withUnsafeMutableBytes { try reader.readFrames(into: $0) }
            if frames == 0 { break }
            read += buffer.prefix(frames * 2)
        }
        #expect(read == samples)
        #expect(
            try directory.read("call.wav") == WAVHeader.canonicalBytes(
                for: format, dataByteCount: UInt64(samples.count)) + samples)
    }

    @Test("the canonical header is byte for byte the one callvault has always written")
    func canonicalLayout() throws {
        let pcm = try WAVHeader.canonicalBytes(
            for: MediaFormat(encoding: .pcm16LittleEndian, sampleRate: 16_000, channelCount: 2), dataByteCount: 1_000)
        let expectedPCM =
            Array("RIFF".utf8) + RIFFBuilder.le32(36 + 1_000) + Array("WAVE".utf8)
            + RIFFBuilder.pcmFormat(channels: 2, sampleRate: 16_000) + Array("data".utf8) + RIFFBuilder.le32(1_000)
        #expect(pcm == expectedPCM)

        let muLaw = try WAVHeader.canonicalBytes(
            for: MediaFormat(encoding: .muLaw, sampleRate: 8_000, channelCount: 1), dataByteCount: 1_001)
        let expectedMuLaw =
            Array("RIFF".utf8) + RIFFBuilder.le32(50 + 1_001 + 1) + Array("WAVE".utf8)
            + RIFFBuilder.chunk(
                "fmt ",
                RIFFBuilder.formatBody(code: 7, channels: 1, sampleRate: 8_000, bitsPerSample: 8, extensionSize: 0))
            + RIFFBuilder.chunk("fact", RIFFBuilder.le32(1_001)) + Array("data".utf8) + RIFFBuilder.le32(1_001)
        #expect(muLaw == expectedMuLaw)
        #expect(muLaw.count == 58)
    }
}

/// Reads the little-endian fields of a file the tests wrote.
enum RIFFFields {
    static func uint32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        (0..<4).reduce(0) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) }
    }
}

/// An output that only accepts writes at its end, like a pipe or an upload: a writer given the
/// length up front must never go back.
struct AppendOnlyOutput: WAVOutput {
    var bytes: [UInt8] = []

    struct Rewind: Error {}

    mutating func write(_ buffer: UnsafeRawBufferPointer, at offset: UInt64) throws {
        guard offset == UInt64(bytes.count) else { throw Rewind() }
        bytes.append(contentsOf: buffer)
    }
}

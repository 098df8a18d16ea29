import CallVaultCapture
import CallVaultCore
import Testing

/// What the writer refuses: formats a WAV file cannot hold, lengths it cannot describe, partial
/// frames, lengths that differ from the declared one, use after finishing, and overwriting files.
@Suite("WAVWriter")
struct WAVWriterTests {
    static let muLaw = MediaFormat(encoding: .muLaw, sampleRate: 8_000, channelCount: 2)

    @Test(
        "formats a WAV file cannot hold are refused before anything is written",
        arguments: [
            MediaFormat(encoding: .opaque, sampleRate: 48_000, channelCount: 1),
            MediaFormat(encoding: .pcm16LittleEndian, sampleRate: 8_000, channelCount: 0),
            MediaFormat(encoding: .pcm16LittleEndian, sampleRate: 8_000, channelCount: 65),
            MediaFormat(encoding: .aLaw, sampleRate: 0, channelCount: 1),
            MediaFormat(encoding: .aLaw, sampleRate: 800_000, channelCount: 1),
        ])
    func unsupportedFormats(format: MediaFormat) throws {
        let error = try #require(throws: WAVWriterError.self) {
            try WAVWriter(output: WAVMemoryOutput(), format: format)
        }
        #expect(error == .unsupportedFormat(format))
        #expect(throws: WAVWriterError.unsupportedFormat(format)) {
            try WAVHeader.canonicalBytes(for: format, dataByteCount: 0)
        }
    }

    @Test("the largest length RIFF can describe is accepted, one more byte is not")
    func lengthLimit() throws {
        // 44-byte PCM header: RIFF size = 36 + data (+ pad) must fit 32 bits, and the largest is even.
        let pcm = MediaFormat(encoding: .pcm16LittleEndian, sampleRate: 8_000, channelCount: 1)
        let limit = UInt64(UInt32.max) - 36 - 1
        let header = try WAVHeader.canonicalBytes(for: pcm, dataByteCount: limit)
        #expect(RIFFFields.uint32(header, at: 4) == UInt32.max - 1)
        #expect(throws: WAVWriterError.dataTooLarge(byteCount: limit + 1, limit: limit)) {
            try WAVHeader.canonicalBytes(for: pcm, dataByteCount: limit + 1)
        }
        #expect(throws: WAVWriterError.self) {
            try WAVWriter(output: WAVMemoryOutput(), format: pcm, dataByteCount: 1 << 33)
        }
    }

    @Test("audio ending part-way through a frame is refused at finish")
    func partialFrame() throws {
        var writer = try WAVWriter(output: WAVMemoryOutput(), format: Self.muLaw)
        try writer.write([1, 2, 3])
        #expect(throws: WAVWriterError.partialFrame(byteCount: 3, bytesPerFrame: 2)) { try writer.finish() }
        try writer.write([4])
        #expect(try writer.finish().frameCount == 2)
    }

    @Test("a declared length is enforced: no more while writing, no less at finish")
    func declaredLength() throws {
        var writer = try WAVWriter(output: WAVMemoryOutput(), format: Self.muLaw, dataByteCount: 4)
        try writer.write([1, 2])
        #expect(throws: WAVWriterError.lengthMismatch(declared: 4, written: 2)) { try writer.finish() }
        #expect(throws: WAVWriterError.lengthMismatch(declared: 4, written: 6)) { try writer.write([3, 4, 5, 6]) }
        #expect(writer.dataByteCount == 2)
        try writer.write([3, 4])
        try writer.finish()
        #expect(try WAVHeader.parse(from: InMemoryByteSource(writer.output.bytes)).dataByteCount == 4)
    }

    @Test("nothing can be written or finished after finishing")
    func afterFinish() throws {
        var writer = try WAVWriter(output: WAVMemoryOutput(), format: Self.muLaw)
        try writer.finish()
        #expect(writer.isFinished)
        #expect(throws: WAVWriterError.finished) { try writer.write([1, 2]) }
        #expect(throws: WAVWriterError.finished) { try writer.finish() }
        // An empty recording is still a valid file.
        #expect(try WAVHeader.parse(from: InMemoryByteSource(writer.output.bytes)).frameCount == 0)
    }

    @Test("a file writer does not overwrite an existing file unless asked to")
    func noOverwrite() throws {
        let directory = try WAVTestDirectory()
        let path = directory.path + "/export.wav"
        try directory.write([9, 9, 9], to: "export.wav")
        let error = try #require(throws: WAVFileError.self) { try WAVWriter(path: path, format: Self.muLaw) }
        #expect(error.operation == "create")
        #expect(try directory.read("export.wav") == [9, 9, 9])

        var writer = try WAVWriter(path: path, format: Self.muLaw, replacing: true)
        try writer.write([1, 2])
        try writer.finish()
        #expect(try directory.read("export.wav").count == 58 + 2)
    }

    @Test("every error says what to do")
    func descriptions() {
        let errors: [WAVWriterError] = [
            .unsupportedFormat(MediaFormat(encoding: .opaque, sampleRate: 48_000, channelCount: 1)),
            .dataTooLarge(byteCount: 1 << 33, limit: 1 << 32), .partialFrame(byteCount: 3, bytesPerFrame: 2),
            .lengthMismatch(declared: 4, written: 2), .finished,
        ]
        for error in errors {
            #expect(error.description.hasSuffix("."), "\(error)")
            #expect(error.description.count > 40, "\(error)")
        }
    }

    @Test("the memory output writes at any offset, filling gaps with zeros")
    func memoryOutput() throws {
        var output = WAVMemoryOutput()
        try [UInt8]([1, 2, 3]).withUnsafeBytes { try output.write($0, at: 2) }
        #expect(output.bytes == [0, 0, 1, 2, 3])
        try [UInt8]([7, 8, 9]).withUnsafeBytes { try output.write($0, at: 3) }
        #expect(output.bytes == [0, 0, 1, 7, 8, 9])
        try [UInt8]([5]).withUnsafeBytes { try output.write($0, at: 0) }
        #expect(output.bytes == [5, 0, 1, 7, 8, 9])
        #expect(throws: WAVFileError.self) {
            try [UInt8]([5]).withUnsafeBytes { try output.write($0, at: UInt64.max) }
        }
    }
}

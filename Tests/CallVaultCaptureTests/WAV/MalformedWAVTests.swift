import CallVaultCapture
import Testing

/// A corpus of broken WAV files, each built in code with one defect: every one is refused with the
/// right typed error, naming the right chunk and byte offset, without a crash and without reading
/// more than a bounded number of bytes, whatever the size fields claim.
@Suite("Malformed WAV files")
struct MalformedWAVTests {
    /// A file with one defect and the error it must give.
    struct Defect: CustomTestStringConvertible, Sendable {
        let name: String
        let bytes: [UInt8]
        /// The size the source claims, when larger than `bytes` (reads past them give zeros).
        var claimedByteCount: UInt64?
        let error: WAVFormatError

        var testDescription: String { name }
    }

    typealias B = RIFFBuilder

    static let data4 = B.chunk("data", wavTestBytes(4))

    static func format(
        code: UInt16 = 1, channels: Int = 1, sampleRate: Int = 8_000, bits: Int = 16, blockAlign: Int? = nil,
        byteRate: Int? = nil, extensionSize: UInt16? = nil
    ) -> [UInt8] {
        B.chunk(
            "fmt ",
            B.formatBody(
                code: code, channels: channels, sampleRate: sampleRate, bitsPerSample: bits, blockAlign: blockAlign,
                byteRate: byteRate, extensionSize: extensionSize))
    }

    static func withFormat(_ formatChunk: [UInt8]) -> [UInt8] {
        B.riff(formatChunk, data4)
    }

    static let defects: [Defect] = {
        let pcm = B.pcmFormat()
        let fourGiB = B.riff(pcm, B.chunk("data", wavTestBytes(56), size: 0xFFFF_FFFF))
        let hugeFormat = B.riff(
            B.chunk("fmt ", B.formatBody(code: 1, channels: 1, sampleRate: 8_000, bitsPerSample: 16), size: 0xFFFF_FFFF)
        )
        let junk = (0..<1_023).flatMap { _ in B.chunk("JUNK", []) }
        let overflowingPad = B.riff(pcm, data4, B.chunk("LIST", [], size: 0xFFFF_FFFF))
        let oddGUID = B.standardGUIDTail.dropLast() + [0x72]
        return [
            Defect(name: "an empty file", bytes: [], error: .notRIFFWAVE),
            Defect(name: "11 bytes", bytes: Array("RIFF\0\0\0\0WAV".utf8), error: .notRIFFWAVE),
            Defect(
                name: "big-endian RIFX", bytes: Array("RIFX".utf8) + B.riff(pcm, data4).dropFirst(4),
                error: .notRIFFWAVE),
            Defect(name: "a RIFF AVI file", bytes: Array("RIFF\u{4}\0\0\0AVI ".utf8), error: .notRIFFWAVE),
            Defect(
                name: "stray bytes after the last chunk", bytes: B.riff(pcm, data4, [1, 2, 3, 4, 5]),
                error: .truncatedChunkHeader(offset: 48, availableByteCount: 5)),
            Defect(
                name: "stray bytes after the RIFF chunk", bytes: B.riff(pcm, data4) + [1, 2, 3, 4, 5],
                error: .riffSizeMismatch(declaredByteCount: 40, fileByteCount: 53)),
            Defect(
                name: "a RIFF size past the end of the file", bytes: B.riff(pcm, data4, size: 1_000),
                error: .riffSizeMismatch(declaredByteCount: 1_000, fileByteCount: 48)),
            Defect(
                name: "a data chunk claiming 4 GiB in a 100-byte file", bytes: fourGiB,
                error: .chunkExceedsFile(
                    chunk: "data", offset: 36, claimedByteCount: 0xFFFF_FFFF, availableByteCount: 56)),
            Defect(
                name: "a fmt chunk claiming 2^32-1 bytes", bytes: hugeFormat,
                error: .chunkExceedsFile(
                    chunk: "fmt ", offset: 12, claimedByteCount: 0xFFFF_FFFF, availableByteCount: 16)),
            Defect(
                name: "a fmt chunk claiming 2^32-1 bytes of a 5 GiB file", bytes: hugeFormat,
                claimedByteCount: 5 << 30, error: .formatChunkSize(offset: 12, byteCount: 0xFFFF_FFFF)),
            Defect(
                name: "a LIST chunk claiming more than the file holds",
                bytes: B.riff(pcm, B.chunk("LIST", wavTestBytes(10), size: 1_000)),
                error: .chunkExceedsFile(chunk: "LIST", offset: 36, claimedByteCount: 1_000, availableByteCount: 10)),
            Defect(
                name: "a chunk size that overflows 32 bits when its pad byte is added", bytes: overflowingPad,
                claimedByteCount: 56 + 0xFFFF_FFFF + 1 + 3,
                error: .riffSizeMismatch(declaredByteCount: 48, fileByteCount: 56 + 0xFFFF_FFFF + 1 + 3)),
            Defect(
                name: "an unprintable chunk identifier",
                bytes: B.riff(pcm, data4, B.chunk([0x00, 0x1B, 0x41, 0x7F], [], size: 500)),
                error: .chunkExceedsFile(
                    chunk: "\\x00\\x1BA\\x7F", offset: 48, claimedByteCount: 500, availableByteCount: 0)),
            Defect(
                name: "zero channels", bytes: withFormat(format(channels: 0)),
                error: .channelCountOutOfRange(offset: 12, channelCount: 0)),
            Defect(
                name: "65 channels", bytes: withFormat(format(channels: 65)),
                error: .channelCountOutOfRange(offset: 12, channelCount: 65)),
            Defect(
                name: "0 Hz", bytes: withFormat(format(sampleRate: 0)),
                error: .sampleRateOutOfRange(offset: 12, sampleRate: 0)),
            Defect(
                name: "1 MHz", bytes: withFormat(format(sampleRate: 1_000_000)),
                error: .sampleRateOutOfRange(offset: 12, sampleRate: 1_000_000)),
            Defect(
                name: "block align 0", bytes: withFormat(format(blockAlign: 0, byteRate: 16_000)),
                error: .blockAlignMismatch(offset: 12, blockAlign: 0, expected: 2)),
            Defect(
                name: "a byte rate off by one", bytes: withFormat(format(byteRate: 16_001)),
                error: .byteRateMismatch(offset: 12, byteRate: 16_001, expected: 16_000)),
            Defect(
                name: "24-bit PCM", bytes: withFormat(format(bits: 24)),
                error: .unsupportedEncoding(offset: 12, formatCode: 1, bitsPerSample: 24)),
            Defect(
                name: "8-bit PCM", bytes: withFormat(format(bits: 8)),
                error: .unsupportedEncoding(offset: 12, formatCode: 1, bitsPerSample: 8)),
            Defect(
                name: "32-bit float", bytes: withFormat(format(code: 3, bits: 32)),
                error: .unsupportedEncoding(offset: 12, formatCode: 3, bitsPerSample: 32)),
            Defect(
                name: "16-bit mu-law", bytes: withFormat(format(code: 7, bits: 16, extensionSize: 0)),
                error: .unsupportedEncoding(offset: 12, formatCode: 7, bitsPerSample: 16)),
            Defect(
                name: "a 14-byte fmt chunk",
                bytes: withFormat(B.chunk("fmt ", Array(format().dropFirst(8).prefix(14)))),
                error: .formatChunkSize(offset: 12, byteCount: 14)),
            Defect(
                name: "a 66-byte fmt chunk",
                bytes: withFormat(B.chunk("fmt ", Array(format().dropFirst(8)) + [UInt8](repeating: 0, count: 50))),
                error: .formatChunkSize(offset: 12, byteCount: 66)),
            Defect(
                name: "an extension size larger than the fmt chunk", bytes: withFormat(format(extensionSize: 4)),
                error: .formatExtensionSize(offset: 12, extensionByteCount: 4, availableByteCount: 0)),
            Defect(
                name: "an 18-byte WAVE_FORMAT_EXTENSIBLE fmt chunk",
                bytes: withFormat(format(code: 0xFFFE, extensionSize: 0)),
                error: .formatChunkSize(offset: 12, byteCount: 18)),
            Defect(
                name: "WAVE_FORMAT_EXTENSIBLE with a 10-byte extension",
                bytes: withFormat(
                    B.chunk(
                        "fmt ",
                        B.extensibleBody(
                            subformat: 1, channels: 1, sampleRate: 8_000, bitsPerSample: 16, extensionSize: 10))),
                error: .formatExtensionSize(offset: 12, extensionByteCount: 10, availableByteCount: 22)),
            Defect(
                name: "WAVE_FORMAT_EXTENSIBLE holding float",
                bytes: withFormat(
                    B.chunk("fmt ", B.extensibleBody(subformat: 3, channels: 1, sampleRate: 8_000, bitsPerSample: 32))),
                error: .unsupportedEncoding(offset: 12, formatCode: 3, bitsPerSample: 32)),
            Defect(
                name: "WAVE_FORMAT_EXTENSIBLE with a non-standard GUID",
                bytes: withFormat(
                    B.chunk(
                        "fmt ",
                        B.extensibleBody(
                            subformat: 1, channels: 1, sampleRate: 8_000, bitsPerSample: 16, guidTail: Array(oddGUID)))),
                error: .unsupportedSubformat(offset: 12, guid: [1, 0] + oddGUID)),
            Defect(
                name: "WAVE_FORMAT_EXTENSIBLE with 12 valid bits in 16",
                bytes: withFormat(
                    B.chunk(
                        "fmt ",
                        B.extensibleBody(subformat: 1, channels: 1, sampleRate: 8_000, bitsPerSample: 16, validBits: 12)
                    )),
                error: .validBitsMismatch(offset: 12, validBitsPerSample: 12, bitsPerSample: 16)),
            Defect(name: "no fmt chunk", bytes: B.riff(data4), error: .missingFormatChunk(fileByteCount: 24)),
            Defect(name: "no data chunk", bytes: B.riff(pcm), error: .missingDataChunk(fileByteCount: 36)),
            Defect(
                name: "a second fmt chunk", bytes: B.riff(pcm, pcm, data4),
                error: .duplicateChunk(chunk: "fmt ", offset: 36, firstOffset: 12)),
            Defect(
                name: "a second data chunk", bytes: B.riff(pcm, data4, data4),
                error: .duplicateChunk(chunk: "data", offset: 48, firstOffset: 36)),
            Defect(
                name: "data that is not whole frames",
                bytes: B.riff(B.pcmFormat(channels: 2), B.chunk("data", wavTestBytes(6))),
                error: .partialFrame(offset: 36, byteCount: 6, bytesPerFrame: 4)),
            Defect(
                name: "odd mu-law data in stereo",
                bytes: B.riff(
                    format(code: 7, channels: 2, bits: 8, extensionSize: 0), B.chunk("data", wavTestBytes(5))),
                error: .partialFrame(offset: 38, byteCount: 5, bytesPerFrame: 2)),
            Defect(
                name: "1,025 chunks", bytes: B.riff(pcm, data4, junk),
                error: .tooManyChunks(offset: 48 + 1_022 * 8, limit: 1_024)),
        ]
    }()

    @Test("each defect gives its typed error, naming the chunk and offset", arguments: defects)
    func refused(defect: Defect) throws {
        let source = CountingSource(defect.bytes, claimedByteCount: defect.claimedByteCount)
        let error = try #require(throws: WAVFormatError.self) { try WAVHeader.parse(from: source) }
        #expect(error == defect.error)
        #expect(error.chunk == defect.error.chunk)
        #expect(error.offset == defect.error.offset)
        #expect(error.description.contains("byte \(error.offset)"), "\(error)")
        if error.chunk != "RIFF" {
            #expect(error.description.contains("'\(error.chunk)'"), "\(error)")
        }
        #expect(source.requestedByteCount <= WAVHeader.parseReadLimit)
    }

    @Test("the corpus has at least 15 distinct defects, and they name every error case")
    func corpusCoverage() {
        #expect(Self.defects.count >= 15)
        let codes = Set(Self.defects.map(\.error.code))
        #expect(codes.count == 18, "\(codes.map(\.rawValue).sorted())")
        #expect(codes == Set(WAVFormatError.Code.all), "every code of WAVFormatError has a defect")
    }

    @Test("the chunk and offset each error reports")
    func chunkAndOffset() {
        #expect(WAVFormatError.notRIFFWAVE.chunk == "RIFF")
        #expect(WAVFormatError.notRIFFWAVE.offset == 0)
        #expect(WAVFormatError.missingDataChunk(fileByteCount: 36).chunk == "data")
        #expect(WAVFormatError.missingDataChunk(fileByteCount: 36).offset == 36)
        #expect(WAVFormatError.tooManyChunks(offset: 8_224, limit: 1_024).chunk == "RIFF")
        #expect(WAVFormatError.partialFrame(offset: 36, byteCount: 3, bytesPerFrame: 2).chunk == "data")
        #expect(WAVFormatError.validBitsMismatch(offset: 12, validBitsPerSample: 12, bitsPerSample: 16).chunk == "fmt ")
    }

    @Test("unsupported encodings are named the way people know them")
    func encodingNames() {
        #expect(
            WAVFormatError.unsupportedEncoding(offset: 12, formatCode: 1, bitsPerSample: 24).description.contains(
                "24-bit PCM"))
        #expect(
            WAVFormatError.unsupportedEncoding(offset: 12, formatCode: 3, bitsPerSample: 32).description.contains(
                "IEEE float"))
        #expect(
            WAVFormatError.unsupportedEncoding(offset: 12, formatCode: 0x55, bitsPerSample: 0).description.contains(
                "MPEG"))
        #expect(
            WAVFormatError.unsupportedEncoding(offset: 12, formatCode: 99, bitsPerSample: 4).description.contains(
                "code 99"))
    }
}

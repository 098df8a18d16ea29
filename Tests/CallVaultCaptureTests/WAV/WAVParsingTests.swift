import CallVaultCapture
import CallVaultCore
import Testing

/// Well-formed files that are not canonical: extensible formats, metadata chunks, other chunk
/// orders, missing final pad bytes, and hostile but valid sizes.
@Suite("Parsing well-formed WAV files")
struct WAVParsingTests {
    typealias B = RIFFBuilder

    @Test(
        "WAVE_FORMAT_EXTENSIBLE with a PCM, mu-law or A-law sub-format",
        arguments: [
            (UInt16(1), 16, MediaFormat.Encoding.pcm16LittleEndian), (7, 8, .muLaw), (6, 8, .aLaw),
        ])
    func extensible(subformat: UInt16, bits: Int, encoding: MediaFormat.Encoding) throws {
        let body = B.extensibleBody(subformat: subformat, channels: 2, sampleRate: 16_000, bitsPerSample: bits)
        let file = B.riff(B.chunk("fmt ", body), B.chunk("data", wavTestBytes(bits / 4 * 10)))
        let header = try WAVHeader.parse(from: InMemoryByteSource(file))
        #expect(header.format == MediaFormat(encoding: encoding, sampleRate: 16_000, channelCount: 2))
        #expect(header.dataOffset == 12 + 48 + 8)
        #expect(header.frameCount == 10)
    }

    @Test("metadata chunks are reported in order with their offsets and sizes; fact is not")
    func otherChunks() throws {
        let list = B.chunk("LIST", Array("INFOINAMcall".utf8) + [1])  // 13 bytes: padded to 14
        let bext = B.chunk("bext", wavTestBytes(20))
        let file = B.riff(
            B.chunk("fmt ", B.formatBody(code: 7, channels: 1, sampleRate: 8_000, bitsPerSample: 8, extensionSize: 0)),
            B.chunk("fact", B.le32(5)), list, B.chunk("data", wavTestBytes(5)), bext)
        let header = try WAVHeader.parse(from: InMemoryByteSource(file))
        #expect(
            header.otherChunks == [
                WAVChunk(identifier: "LIST", offset: 50, byteCount: 13),
                WAVChunk(identifier: "bext", offset: 50 + 22 + 14, byteCount: 20),
            ])
        #expect(header.dataOffset == 50 + 22 + 8)
        #expect(header.dataByteCount == 5)
        #expect(header.otherChunks[0].description == "'LIST' at byte 50, 13 bytes")
    }

    @Test("the data chunk may come before the format chunk")
    func dataFirst() throws {
        let file = B.riff(B.chunk("data", wavTestBytes(8)), B.pcmFormat())
        let header = try WAVHeader.parse(from: InMemoryByteSource(file))
        #expect(header.dataOffset == 20)
        #expect(header.frameCount == 4)
    }

    @Test("odd-length data at the end of the file may lack its pad byte")
    func missingFinalPad() throws {
        let file = B.riff(
            B.chunk("fmt ", B.formatBody(code: 6, channels: 1, sampleRate: 8_000, bitsPerSample: 8)),
            B.chunk("data", wavTestBytes(7), pad: false))
        let header = try WAVHeader.parse(from: InMemoryByteSource(file))
        #expect(header.format.encoding == .aLaw)
        #expect(header.dataByteCount == 7)
    }

    @Test("a LIST chunk of nearly 4 GiB with its pad byte, in a file that really is that large, is skipped unread")
    func hugeValidChunk() throws {
        // The largest odd size whose file a RIFF size can still describe: 48 + size + pad = 2^32 - 2.
        let size: UInt32 = 0xFFFF_FFCD
        let prefix = B.riff(
            B.pcmFormat(), B.chunk("data", wavTestBytes(4)), B.chunk("LIST", [], size: size), size: 48 + size + 1)
        let source = CountingSource(prefix, claimedByteCount: 56 + UInt64(size) + 1)
        let header = try WAVHeader.parse(from: source)
        #expect(header.otherChunks == [WAVChunk(identifier: "LIST", offset: 48, byteCount: UInt64(size))])
        #expect(source.requestedByteCount == 12 + 3 * 8 + 16)
    }

    @Test("the bytes read stay bounded even with a thousand chunks")
    func boundedReads() throws {
        let junk = (0..<1_021).flatMap { _ in B.chunk("JUNK", [0, 0]) }
        let file = B.riff(B.pcmFormat(), junk, B.chunk("data", wavTestBytes(2)))
        let source = CountingSource(file)
        let header = try WAVHeader.parse(from: source)
        #expect(header.otherChunks.count == 1_021)
        #expect(source.requestedByteCount == 12 + 1_023 * 8 + 16)
        #expect(source.requestedByteCount <= WAVHeader.parseReadLimit)
    }

    @Test("looksLikeWAV checks the RIFF and WAVE magic only")
    func looksLikeWAV() {
        #expect(WAVHeader.looksLikeWAV(Array("RIFF\0\0\0\0WAVE".utf8)))
        #expect(WAVHeader.looksLikeWAV(Array("RIFF\u{1}\u{2}\u{3}\u{4}WAVEfmt ".utf8)))
        #expect(!WAVHeader.looksLikeWAV(Array("RIFF\0\0\0\0WAV".utf8)))
        #expect(!WAVHeader.looksLikeWAV(Array("RIFF\0\0\0\0AVI ".utf8)))
        #expect(!WAVHeader.looksLikeWAV([]))
    }

    @Test("a header's data range and frame count")
    func dataRange() {
        let header = WAVHeader(
            format: MediaFormat(encoding: .pcm16LittleEndian, sampleRate: 8_000, channelCount: 2), dataOffset: 44,
            dataByteCount: 400)
        #expect(header.dataRange == 44..<444)
        #expect(header.frameCount == 100)
    }
}

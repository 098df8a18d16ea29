import CallVaultCapture
import CallVaultCore
import Foundation
import Testing

/// What a recording of a WAV file's audio would not keep is reported, never dropped in silence:
/// metadata chunks, a `fact` chunk that says something the audio does not, a speaker-position
/// mask, bytes of format extension. The harmless parts of ordinary files (the standard `fmt `
/// fields, a `fact` chunk holding the frame count, pad bytes) are not. A RIFF size that disagrees
/// with the file's length is a typed error.
@Suite("What a WAV recording does not keep")
struct WAVUnkeptContentTests {
    typealias B = RIFFBuilder

    static let muLawFormat = B.chunk(
        "fmt ", B.formatBody(code: 7, channels: 1, sampleRate: 8_000, bitsPerSample: 8, extensionSize: 0))

    static func parse(_ bytes: [UInt8]) throws -> WAVHeader {
        try WAVHeader.parse(from: InMemoryByteSource(bytes))
    }

    /// A WAVE_FORMAT_EXTENSIBLE 16-bit PCM `fmt ` chunk with `mask`, and `extra` bytes of extension
    /// beyond the standard 22 (counted in the extension size).
    static func extensible(channels: Int, mask: UInt32, extra: [UInt8] = []) -> [UInt8] {
        let frame = 2 * channels
        var body = B.le16(0xFFFE) + B.le16(UInt16(channels)) + B.le32(8_000) + B.le32(UInt32(8_000 * frame))
        body += B.le16(UInt16(frame)) + B.le16(16) + B.le16(UInt16(22 + extra.count))
        body += B.le16(16) + B.le32(mask) + B.le16(1) + B.standardGUIDTail + extra
        return B.chunk("fmt ", body)
    }

    // MARK: Harmless

    @Test(
        "ordinary files report nothing unkept",
        arguments: [
            ("canonical PCM", B.riff(B.pcmFormat(), B.chunk("data", wavTestBytes(8)))),
            (
                "canonical G.711 with its fact chunk",
                B.riff(muLawFormat, B.chunk("fact", B.le32(7)), B.chunk("data", wavTestBytes(7)))
            ),
            (
                "an 18-byte PCM fmt chunk with no extension",
                B.riff(
                    B.chunk(
                        "fmt ",
                        B.formatBody(code: 1, channels: 1, sampleRate: 8_000, bitsPerSample: 16, extensionSize: 0)),
                    B.chunk("data", wavTestBytes(8)))
            ),
            (
                "a fact chunk on PCM holding the frame count",
                B.riff(B.pcmFormat(), B.chunk("fact", B.le32(4)), B.chunk("data", wavTestBytes(8)))
            ),
            (
                "extensible mono, front centre",
                B.riff(extensible(channels: 1, mask: 0x4), B.chunk("data", wavTestBytes(8)))
            ),
            (
                "extensible stereo, front left and right",
                B.riff(extensible(channels: 2, mask: 0x3), B.chunk("data", wavTestBytes(8)))
            ),
            (
                "extensible with no speaker positions",
                B.riff(extensible(channels: 4, mask: 0), B.chunk("data", wavTestBytes(16)))
            ),
        ])
    func harmless(name: String, bytes: [UInt8]) throws {
        let header = try Self.parse(bytes)
        #expect(header.unkeptFormatDetails.isEmpty, "\(name): \(header.unkeptFormatDetails)")
    }

    @Test("an odd data chunk's pad byte is harmless, present or missing at the end of the file")
    func padByte() throws {
        let padded = B.riff(Self.muLawFormat, B.chunk("fact", B.le32(7)), B.chunk("data", wavTestBytes(7)))
        #expect(try Self.parse(padded).unkeptFormatDetails.isEmpty)
        // Missing: the RIFF size counts what is there, or (as the writer meant) the pad byte too.
        let missing = Array(padded.dropLast())
        #expect(try Self.parse(missing.withRIFFSize(UInt32(missing.count - 8))).unkeptFormatDetails.isEmpty)
        #expect(try Self.parse(missing.withRIFFSize(UInt32(missing.count - 7))).unkeptFormatDetails.isEmpty)
    }

    // MARK: Unkept

    @Test("metadata chunks are reported in file order, after the data chunk too")
    func metadataChunks() throws {
        let list = B.chunk("LIST", Array("INFOINAM".utf8) + B.le32(5) + Array("call\0".utf8))
        let bytes = B.riff(
            B.pcmFormat(), B.chunk("bext", wavTestBytes(30)), B.chunk("cue ", B.le32(0)),
            B.chunk("data", wavTestBytes(8)),
            list, B.chunk("iXML", Array("<BWFXML/>".utf8)))
        let header = try Self.parse(bytes)
        #expect(
            header.unkeptFormatDetails == [
                .chunk(WAVChunk(identifier: "bext", offset: 36, byteCount: 30)),
                .chunk(WAVChunk(identifier: "cue ", offset: 74, byteCount: 4)),
                .chunk(WAVChunk(identifier: "LIST", offset: 102, byteCount: 17)),
                .chunk(WAVChunk(identifier: "iXML", offset: 128, byteCount: 9)),
            ])
        #expect(header.unkeptFormatDetails.map(\.offset) == [36, 74, 102, 128])
        #expect(header.unkeptFormatDetails.dropFirst(2).first?.description == "'LIST' chunk at byte 102, 17 bytes")
    }

    @Test("a fact chunk whose count is not the data's frame count is reported with both")
    func factMismatch() throws {
        let header = try Self.parse(
            B.riff(Self.muLawFormat, B.chunk("fact", B.le32(5)), B.chunk("data", wavTestBytes(7))))
        #expect(header.unkeptFormatDetails == [.factChunk(offset: 38, byteCount: 4, sampleCount: 5, frameCount: 7)])
        let text = try #require(header.unkeptFormatDetails.first).description
        #expect(text.contains("'fact' chunk at byte 38") && text.contains("5") && text.contains("7 frames"), "\(text)")
    }

    @Test("a fact chunk of other than 4 bytes is reported, unread")
    func factSize() throws {
        let header = try Self.parse(
            B.riff(Self.muLawFormat, B.chunk("fact", B.le32(7) + B.le32(99)), B.chunk("data", wavTestBytes(7))))
        #expect(header.unkeptFormatDetails == [.factChunk(offset: 38, byteCount: 8, sampleCount: nil, frameCount: 7)])
    }

    @Test("a second fact chunk is ambiguous: a typed error")
    func duplicateFact() throws {
        let bytes = B.riff(
            Self.muLawFormat, B.chunk("fact", B.le32(7)), B.chunk("fact", B.le32(7)), B.chunk("data", wavTestBytes(7)))
        #expect(throws: WAVFormatError.duplicateChunk(chunk: "fact", offset: 50, firstOffset: 38)) {
            try Self.parse(bytes)
        }
    }

    @Test(
        "a speaker-position mask a plain WAV does not imply is reported",
        arguments: [(1, UInt32(0x1)), (2, 0x33), (2, 0x4), (3, 0x7), (4, 0x33), (4, 0x107)])
    func channelMask(channels: Int, mask: UInt32) throws {
        let header = try Self.parse(
            B.riff(Self.extensible(channels: channels, mask: mask), B.chunk("data", wavTestBytes(2 * channels))))
        #expect(header.unkeptFormatDetails == [.channelMask(offset: 12, mask: mask, channelCount: channels)])
        let text = try #require(header.unkeptFormatDetails.first).description
        #expect(text.contains("channel mask 0x\(String(mask, radix: 16, uppercase: true))"), "\(text)")
        #expect(text.contains("'fmt ' chunk at byte 12"), "\(text)")
    }

    @Test(
        "format extension bytes beyond the standard fields are reported",
        arguments: [
            // PCM with cbSize 2 and two bytes of extension.
            (B.formatBody(code: 1, channels: 1, sampleRate: 8_000, bitsPerSample: 16, extensionSize: 2) + [1, 2], 2),
            // PCM with cbSize 0, then two bytes the extension size does not count.
            (B.formatBody(code: 1, channels: 1, sampleRate: 8_000, bitsPerSample: 16, extensionSize: 0) + [0, 0], 2),
            // A 17-byte chunk: one byte after the 16 standard ones.
            (B.formatBody(code: 1, channels: 1, sampleRate: 8_000, bitsPerSample: 16) + [9], 1),
        ])
    func formatExtension(body: [UInt8], extra: Int) throws {
        let header = try Self.parse(B.riff(B.chunk("fmt ", body), B.chunk("data", wavTestBytes(8))))
        #expect(header.unkeptFormatDetails == [.formatExtension(offset: 12, byteCount: extra)])
        #expect(try #require(header.unkeptFormatDetails.first).description.contains("\(extra) byte"))
    }

    @Test("extensible with more than the 22 standard extension bytes is reported")
    func extensibleExtra() throws {
        let header = try Self.parse(
            B.riff(Self.extensible(channels: 1, mask: 0x4, extra: [1, 2, 3, 4]), B.chunk("data", wavTestBytes(8))))
        #expect(header.unkeptFormatDetails == [.formatExtension(offset: 12, byteCount: 4)])
    }

    @Test("everything unkept is listed once, in file order")
    func several() throws {
        let bytes = B.riff(
            Self.extensible(channels: 4, mask: 0x33, extra: [7, 7]), B.chunk("fact", B.le32(1)),
            B.chunk("LIST", Array("INFO".utf8)), B.chunk("data", wavTestBytes(16)))
        let header = try Self.parse(bytes)
        #expect(
            header.unkeptFormatDetails == [
                .channelMask(offset: 12, mask: 0x33, channelCount: 4), .formatExtension(offset: 12, byteCount: 2),
                .factChunk(offset: 62, byteCount: 4, sampleCount: 1, frameCount: 2),
                .chunk(WAVChunk(identifier: "LIST", offset: 74, byteCount: 4)),
            ])
    }

    // MARK: RIFF size

    @Test(
        "a RIFF size that disagrees with the file's length is a typed error saying what to do",
        arguments: [
            ("claims 100 bytes more", 100), ("claims 2 bytes more", 2), ("claims 1 byte less", -1),
            ("claims 128 bytes less (an ID3 tag appended)", -128),
        ])
    func riffSizeMismatch(name: String, delta: Int) throws {
        var bytes = B.riff(B.pcmFormat(), B.chunk("data", wavTestBytes(8)))
        if delta < 0 {
            // Bytes appended after the RIFF chunk, which its size does not count.
            bytes += delta == -1 ? [0] : Array("TAG".utf8) + [UInt8](repeating: 0, count: -delta - 3)
        } else {
            bytes = bytes.withRIFFSize(UInt32(bytes.count - 8 + delta))
        }
        let error = try #require(throws: WAVFormatError.self) { try Self.parse(bytes) }
        let declared = UInt64(bytes.count - 8 + delta)
        #expect(error == .riffSizeMismatch(declaredByteCount: declared, fileByteCount: UInt64(bytes.count)))
        #expect(error.chunk == "RIFF")
        #expect(error.offset == 0)
        #expect(error.description.contains("byte 0"), "\(error)")
        #expect(error.description.contains("\(bytes.count) bytes"), "\(error)")
        #expect(error.description.contains("re-export"), "\(error)")
    }

    @Test("a file larger than a RIFF size can describe (over 4 GiB) is a RIFF size mismatch, read boundedly")
    func overFourGiB() throws {
        let prefix = B.riff(B.pcmFormat(), B.chunk("data", wavTestBytes(4)), B.chunk("LIST", [], size: 0xFFFF_FFFF))
        let source = CountingSource(prefix, claimedByteCount: 56 + 0xFFFF_FFFF + 1)
        let error = try #require(throws: WAVFormatError.self) { try WAVHeader.parse(from: source) }
        #expect(error == .riffSizeMismatch(declaredByteCount: 48, fileByteCount: 56 + 0xFFFF_FFFF + 1))
        #expect(source.requestedByteCount <= WAVHeader.parseReadLimit)
    }

    // MARK: Entry points

    @Test("checkEverythingKept throws a typed error naming every unkept part, and what to do")
    func checkEverythingKept() throws {
        let header = try Self.parse(
            B.riff(Self.muLawFormat, B.chunk("fact", B.le32(5)), B.chunk("LIST", []), B.chunk("data", wavTestBytes(7))))
        let error = try #require(throws: WAVUnkeptContentError.self) {
            try header.checkEverythingKept(path: "call.wav")
        }
        #expect(error.details == header.unkeptFormatDetails)
        #expect(error.description.contains("call.wav"), "\(error)")
        #expect(error.description.contains("'fact' chunk at byte 38"), "\(error)")
        #expect(error.description.contains("'LIST' chunk at byte 50"), "\(error)")
        try Self.parse(B.riff(B.pcmFormat(), B.chunk("data", wavTestBytes(8)))).checkEverythingKept(path: "ok.wav")
    }

    @Test("a WAV media source refuses unkept content unless told to drop it, and then says what it dropped")
    func mediaSource() throws {
        let directory = try WAVTestDirectory()
        let bytes = B.riff(B.pcmFormat(), B.chunk("bext", wavTestBytes(10)), B.chunk("data", wavTestBytes(640)))
        try directory.write(bytes, to: "call.wav")
        let path = directory.path + "/call.wav"
        let error = try #require(throws: WAVUnkeptContentError.self) {
            try WAVMediaSource(path: path, tracks: [.agent])
        }
        #expect(error.details == [.chunk(WAVChunk(identifier: "bext", offset: 36, byteCount: 10))])
        let source = try WAVMediaSource(path: path, tracks: [.agent], droppingUnkeptContent: true)
        #expect(source.droppedContent == error.details)
        try directory.write(B.riff(B.pcmFormat(), B.chunk("data", wavTestBytes(640))), to: "plain.wav")
        #expect(try WAVMediaSource(path: directory.path + "/plain.wav", tracks: [.agent]).droppedContent.isEmpty)
    }
}

extension Array where Element == UInt8 {
    /// A copy with the RIFF size field (bytes 4 to 7) set to `size`.
    func withRIFFSize(_ size: UInt32) -> [UInt8] {
        var copy = self
        copy.replaceSubrange(4..<8, with: RIFFBuilder.le32(size))
        return copy
    }
}

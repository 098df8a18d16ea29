import CallVaultCore
import Foundation

/// The parts of a RIFF/WAVE file that sealing needs: the audio format and where the samples lie.
///
/// Strict by design: anything this parser does not understand is an error naming the chunk and
/// offset, never a guess. Only chunk headers and the `fmt ` chunk are read, so a hostile size field
/// cannot make it allocate.
struct WAVFile: Equatable {
    /// The sample format from the `fmt ` chunk.
    var format: MediaFormat
    /// Where the sample data starts in the file.
    var dataOffset: UInt64
    /// Bytes of sample data.
    var dataByteCount: UInt64
    /// Chunks other than `fmt `, `fact` and `data` (metadata such as `LIST`), which sealing as a
    /// recording would not keep.
    var otherChunks: [Chunk]

    struct Chunk: Equatable {
        var identifier: String
        var offset: UInt64
        var byteCount: UInt64
    }

    enum ParseError: Error, Equatable, CustomStringConvertible {
        case notRIFF
        case unsupported(chunkOffset: UInt64, what: String)
        case malformed(chunk: String, offset: UInt64, reason: String)

        var description: String {
            switch self {
            case .notRIFF:
                "it is not a RIFF/WAVE file"
            case .unsupported(let offset, let what):
                "its 'fmt ' chunk at byte \(offset) declares \(what), which CallVault does not record (PCM 16-bit, G.711 mu-law or A-law only)"
            case .malformed(let chunk, let offset, let reason):
                "its '\(chunk)' chunk at byte \(offset) is malformed: \(reason)"
            }
        }
    }

    /// Whether the first bytes look like a WAVE file (so `seal` treats it as audio).
    static func looksLikeWAV(_ firstBytes: [UInt8]) -> Bool {
        firstBytes.count >= 12 && Array(firstBytes[0..<4]) == Array("RIFF".utf8)
            && Array(firstBytes[8..<12]) == Array("WAVE".utf8)
    }

    /// Parses the chunk structure of a file of `fileSize` bytes through `read(offset, count)`.
    static func parse(fileSize: UInt64, read: (UInt64, Int) throws -> [UInt8]) throws -> WAVFile {
        guard fileSize >= 12, looksLikeWAV(try read(0, 12)) else { throw ParseError.notRIFF }
        var format: MediaFormat?
        var data: (offset: UInt64, count: UInt64)?
        var others: [Chunk] = []
        var offset: UInt64 = 12
        while offset + 8 <= fileSize {
            let chunkHeader = try read(offset, 8)
            let identifier = String(decoding: chunkHeader[0..<4], as: UTF8.self)
            let size = UInt64(littleEndian(chunkHeader[4..<8]))
            let body = offset + 8
            guard size <= fileSize - body else {
                throw ParseError.malformed(
                    chunk: identifier, offset: offset,
                    reason: "it claims \(size) bytes but only \(fileSize - body) follow (truncated file?)")
            }
            switch identifier {
            case "fmt ":
                guard format == nil else {
                    throw ParseError.malformed(chunk: identifier, offset: offset, reason: "a second format chunk")
                }
                guard (16...64).contains(size) else {
                    throw ParseError.malformed(
                        chunk: identifier, offset: offset, reason: "\(size) bytes; expected 16 to 64")
                }
                format = try parseFormat(try read(body, Int(size)), offset: offset)
            case "data":
                guard data == nil else {
                    throw ParseError.malformed(chunk: identifier, offset: offset, reason: "a second data chunk")
                }
                data = (body, size)
            case "fact":
                break
            default:
                others.append(Chunk(identifier: identifier, offset: offset, byteCount: size))
            }
            offset = body + size + (size & 1)
        }
        guard let format else {
            throw ParseError.malformed(chunk: "fmt ", offset: 12, reason: "there is no format chunk")
        }
        guard let data else { throw ParseError.malformed(chunk: "data", offset: 12, reason: "there is no data chunk") }
        let frame = UInt64(format.bytesPerFrame ?? 1)
        guard data.count % frame == 0 else {
            throw ParseError.malformed(
                chunk: "data", offset: data.offset - 8,
                reason: "its \(data.count) bytes are not a whole number of \(frame)-byte sample frames")
        }
        return WAVFile(format: format, dataOffset: data.offset, dataByteCount: data.count, otherChunks: others)
    }

    private static func parseFormat(_ bytes: [UInt8], offset: UInt64) throws -> MediaFormat {
        var code = littleEndian(bytes[0..<2])
        let channels = Int(littleEndian(bytes[2..<4]))
        let rate = Int(littleEndian(bytes[4..<8]))
        let byteRate = Int(littleEndian(bytes[8..<12]))
        let blockAlign = Int(littleEndian(bytes[12..<14]))
        let bits = Int(littleEndian(bytes[14..<16]))
        if code == 0xFFFE {
            // WAVE_FORMAT_EXTENSIBLE: the real format code starts the sub-format GUID at byte 24.
            guard bytes.count >= 40 else {
                throw ParseError.malformed(
                    chunk: "fmt ", offset: offset, reason: "an extensible format without its sub-format")
            }
            code = littleEndian(bytes[24..<26])
        }
        let encoding: MediaFormat.Encoding
        switch (code, bits) {
        case (1, 16): encoding = .pcm16LittleEndian
        case (7, 8): encoding = .muLaw
        case (6, 8): encoding = .aLaw
        case (1, _): throw ParseError.unsupported(chunkOffset: offset, what: "\(bits)-bit PCM")
        default:
            throw ParseError.unsupported(chunkOffset: offset, what: "WAVE format code \(code) with \(bits)-bit samples")
        }
        guard (1...64).contains(channels), (1...768_000).contains(rate) else {
            throw ParseError.malformed(
                chunk: "fmt ", offset: offset, reason: "\(channels) channels at \(rate) Hz is out of range")
        }
        let format = MediaFormat(encoding: encoding, sampleRate: rate, channelCount: channels)
        guard blockAlign == format.bytesPerFrame, byteRate == format.bytesPerSecond else {
            throw ParseError.malformed(
                chunk: "fmt ", offset: offset,
                reason: "block align \(blockAlign) and byte rate \(byteRate) do not match \(format)")
        }
        return format
    }

    /// A canonical WAV header for `dataByteCount` bytes of `format` audio: RIFF, `fmt ` (with a
    /// `fact` chunk for G.711, as the RIFF specification asks for non-PCM data), then `data`.
    static func header(for format: MediaFormat, dataByteCount: UInt64) -> [UInt8] {
        let isPCM = format.encoding == .pcm16LittleEndian
        let bytesPerSample = format.encoding.bytesPerSample ?? 1
        let frame = format.bytesPerFrame ?? 1
        var fmt: [UInt8] = []
        fmt += le16(isPCM ? 1 : (format.encoding == .muLaw ? 7 : 6))
        fmt += le16(format.channelCount)
        fmt += le32(format.sampleRate)
        fmt += le32(format.sampleRate * frame)
        fmt += le16(frame)
        fmt += le16(bytesPerSample * 8)
        if !isPCM { fmt += le16(0) }
        var chunks: [UInt8] = Array("fmt ".utf8) + le32(fmt.count) + fmt
        if !isPCM { chunks += Array("fact".utf8) + le32(4) + le32(Int(dataByteCount / UInt64(frame))) }
        chunks += Array("data".utf8) + le32(Int(dataByteCount))
        let riffSize = UInt64(4 + chunks.count) + dataByteCount + (dataByteCount & 1)
        return Array("RIFF".utf8) + le32(Int(min(riffSize, UInt64(UInt32.max)))) + Array("WAVE".utf8) + chunks
    }

    private static func littleEndian(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        bytes.reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }

    private static func le16(_ value: Int) -> [UInt8] {
        [UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8)]
    }

    private static func le32(_ value: Int) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }
}

/// Something in a WAV file that a recording of its audio does not keep: a recording holds the
/// samples and their format (encoding, rate, channel count), nothing else.
///
/// ``WAVHeader/parse(from:)`` lists them in ``WAVHeader/unkeptFormatDetails`` so nothing is dropped
/// in silence: `callvault seal` refuses such a file unless told `--drop-metadata`, and
/// ``WAVMediaSource`` unless created with `droppingUnkeptContent: true`. What a plain canonical
/// file would say anyway is not listed: the standard `fmt ` fields, a `fact` chunk holding the
/// data's frame count, the pad byte after an odd-length chunk, a WAVE_FORMAT_EXTENSIBLE wrapper
/// around PCM, mu-law or A-law, and a channel mask of none, or of front centre for one channel or
/// front left and right for two (what a plain WAV file with that many channels means).
///
/// ```swift
/// let header = try WAVHeader.parse(from: FileByteSource(path: "call.wav"))
/// for detail in header.unkeptFormatDetails { print(detail) }
/// // 'LIST' chunk at byte 36, 26 bytes
/// // channel mask 0x33 in the 'fmt ' chunk at byte 12 (speaker positions of 4 channels)
/// ```
public enum WAVUnkeptDetail: Hashable, Sendable, CustomStringConvertible {
    /// A chunk that carries no audio or format: `LIST` (INFO tags), `bext`, `cue `, `iXML`, `JUNK`
    /// and any other.
    case chunk(WAVChunk)
    /// A `fact` chunk that says something the audio does not: a sample count other than the data's
    /// frame count (`sampleCount`), or a body other than 4 bytes (`sampleCount` is `nil`; it is not
    /// read).
    case factChunk(offset: UInt64, byteCount: UInt64, sampleCount: UInt64?, frameCount: UInt64)
    /// A WAVE_FORMAT_EXTENSIBLE speaker-position mask that a plain WAV file with this many channels
    /// does not imply; `offset` is the `fmt ` chunk's.
    case channelMask(offset: UInt64, mask: UInt32, channelCount: Int)
    /// Bytes in the `fmt ` chunk after the fields CallVault reads: an extension on a plain format,
    /// more than WAVE_FORMAT_EXTENSIBLE's 22 extension bytes, or bytes the extension size does not
    /// count; `offset` is the `fmt ` chunk's.
    case formatExtension(offset: UInt64, byteCount: Int)

    /// The byte offset of the chunk holding it (its 8-byte header), for a hex editor.
    public var offset: UInt64 {
        switch self {
        case .chunk(let chunk): chunk.offset
        case .factChunk(let offset, _, _, _), .channelMask(let offset, _, _), .formatExtension(let offset, _): offset
        }
    }

    /// What is not kept and where, for example `'LIST' chunk at byte 36, 26 bytes`.
    public var description: String {
        switch self {
        case .chunk(let chunk):
            "'\(chunk.identifier)' chunk at byte \(chunk.offset), \(chunk.byteCount) byte\(chunk.byteCount == 1 ? "" : "s")"
        case .factChunk(let offset, let byteCount, let sampleCount?, let frameCount) where byteCount == 4:
            "'fact' chunk at byte \(offset) giving a sample count of \(sampleCount), but the data holds \(frameCount) frames"
        case .factChunk(let offset, let byteCount, _, _):
            "'fact' chunk at byte \(offset), \(byteCount) bytes (a standard one holds 4)"
        case .channelMask(let offset, let mask, let channels):
            "channel mask 0x\(String(mask, radix: 16, uppercase: true)) in the 'fmt ' chunk at byte \(offset) "
                + "(speaker positions of \(channels) channel\(channels == 1 ? "" : "s"))"
        case .formatExtension(let offset, let byteCount):
            "\(byteCount) byte\(byteCount == 1 ? "" : "s") of format extension in the 'fmt ' chunk at byte \(offset)"
        }
    }
}

public import CallVaultCore

/// What a WAV file holds: its audio format, where its samples lie, and any other chunks.
///
/// ``parse(from:)`` reads it from a file strictly: anything it does not understand is a
/// ``WAVFormatError`` naming the chunk and byte offset, never a guess; what it understands but a
/// recording would not keep is listed in ``unkeptFormatDetails``. It reads only chunk headers,
/// the `fmt ` chunk and a 4-byte `fact` chunk (at most ``parseReadLimit`` bytes), so hostile size
/// fields cannot make it allocate or read without bound. ``canonicalBytes(for:dataByteCount:)`` writes the header of a
/// canonical file.
///
/// ```swift
/// let header = try WAVHeader.parse(from: FileByteSource(path: "call.wav"))
/// header.format           // G.711 mu-law, 8000 Hz, 2 channels
/// header.dataOffset       // 58
/// header.frameCount       // 480000 (one minute)
/// header.otherChunks      // ['LIST' at byte 1200070, 26 bytes]
/// header.unkeptFormatDetails  // ['LIST' chunk at byte 1200070, 26 bytes]
/// ```
public struct WAVHeader: Hashable, Sendable {
    /// The sample format from the `fmt ` chunk.
    public var format: MediaFormat
    /// Where the sample data starts in the file (just after the `data` chunk's header).
    public var dataOffset: UInt64
    /// Bytes of sample data, without the pad byte that follows an odd-length `data` chunk.
    public var dataByteCount: UInt64
    /// Chunks other than `fmt `, `fact` and `data`, in file order: metadata such as `LIST` that a
    /// recording of the audio would not keep.
    public var otherChunks: [WAVChunk]
    /// Everything in the file that a recording of its audio would not keep, in file order: the
    /// ``otherChunks``, and the fields of the `fmt ` and `fact` chunks that say more than a
    /// canonical file would (see ``WAVUnkeptDetail``). Empty for an ordinary PCM or G.711 file.
    public var unkeptFormatDetails: [WAVUnkeptDetail]

    /// Describes a WAV file's contents; `unkeptFormatDetails` defaults to `otherChunks`.
    public init(
        format: MediaFormat, dataOffset: UInt64, dataByteCount: UInt64, otherChunks: [WAVChunk] = [],
        unkeptFormatDetails: [WAVUnkeptDetail]? = nil
    ) {
        self.format = format
        self.dataOffset = dataOffset
        self.dataByteCount = dataByteCount
        self.otherChunks = otherChunks
        self.unkeptFormatDetails = unkeptFormatDetails ?? otherChunks.map { .chunk($0) }
    }

    /// The number of whole sample frames in the data.
    public var frameCount: UInt64 {
        dataByteCount / UInt64(max(format.bytesPerFrame ?? 1, 1))
    }

    /// The byte range of the sample data in the file.
    public var dataRange: Range<UInt64> {
        dataOffset..<(dataOffset + dataByteCount)
    }

    /// The most channels a WAV file may declare: 64, far beyond a call's parties, but low enough
    /// that a frame size stays small.
    public static let maximumChannelCount = 64

    /// The sample rates a WAV file may declare, in hertz.
    public static let sampleRates: ClosedRange<Int> = 1...768_000

    /// The most chunks ``parse(from:)`` walks before giving up with
    /// ``WAVFormatError/tooManyChunks(offset:limit:)``: real files have a handful, and the cap
    /// bounds both the bytes read and the ``otherChunks`` kept.
    public static let maximumChunkCount = 1_024

    /// The most bytes ``parse(from:)`` asks its source for, whatever the file: the 12-byte RIFF
    /// header, an 8-byte header per chunk, one `fmt ` chunk of at most 64 bytes and one 4-byte
    /// `fact` chunk.
    public static let parseReadLimit = 12 + 8 * maximumChunkCount + 64 + 4

    /// Whether the first 12 bytes of a file read `RIFF`, a size, `WAVE`: a quick test of whether a
    /// file is meant to be a WAV file at all, before parsing it strictly.
    ///
    /// ```swift
    /// WAVHeader.looksLikeWAV(Array("RIFF\0\0\0\0WAVE".utf8))   // true
    /// ```
    public static func looksLikeWAV(_ firstBytes: some Collection<UInt8>) -> Bool {
        let prefix = Array(firstBytes.prefix(12))
        return prefix.count == 12 && prefix[0..<4].elementsEqual("RIFF".utf8)
            && prefix[8..<12].elementsEqual("WAVE".utf8)
    }
}

public import CallVaultCore
import CallVaultSupport

/// A WAV file's bytes break the RIFF/WAVE structure, or declare audio CallVault does not record.
///
/// Every case names the chunk at fault and the byte offset of its header, so a support engineer
/// can open the file in a hex editor at that byte. Parsing throws these instead of guessing, and
/// never crashes or allocates on hostile size fields.
///
/// ```swift
/// do {
///     let header = try WAVHeader.parse(from: FileByteSource(path: path))
/// } catch let error as WAVFormatError {
///     print(error.chunk, error.offset, error)   // data 36 The 'data' chunk at byte 36 claims ...
/// }
/// ```
public struct WAVFormatError: CallVaultError, Equatable, CallVaultReasonedError {
    /// The stable codes of ``WAVFormatError``.
    public struct Code: CallVaultErrorCode {
        /// The error type these codes belong to.
        public typealias Owner = WAVFormatError
        /// The code's stable text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// The file does not start with `RIFF`, a size and `WAVE` (or is shorter than 12 bytes).
        public static let notRIFFWAVE = Code("wavformat.not-riff-wave")
        /// Fewer than the 8 bytes of a chunk header remain at `offset`, before the end of the file.
        public static let truncatedChunkHeader = Code("wavformat.truncated-chunk-header")
        /// A chunk's size field claims more bytes than the file holds after its header.
        public static let chunkExceedsFile = Code("wavformat.chunk-exceeds-file")
        /// The file has more chunks than ``WAVHeader/maximumChunkCount``; `offset` is the first one past it.
        public static let tooManyChunks = Code("wavformat.too-many-chunks")
        /// A second `fmt ` or `data` chunk.
        public static let duplicateChunk = Code("wavformat.duplicate-chunk")
        /// The `fmt ` chunk's size is outside 16 to 64 bytes (or under 40 for WAVE_FORMAT_EXTENSIBLE).
        public static let formatChunkSize = Code("wavformat.format-chunk-size")
        /// The `fmt ` chunk's extension size (`cbSize`) does not fit the chunk, or is too small for
        /// WAVE_FORMAT_EXTENSIBLE (which needs 22 bytes).
        public static let formatExtensionSize = Code("wavformat.format-extension-size")
        /// A format code and sample size other than 16-bit PCM (1), 8-bit A-law (6) or 8-bit mu-law (7).
        /// For WAVE_FORMAT_EXTENSIBLE, `formatCode` is the sub-format's code.
        public static let unsupportedEncoding = Code("wavformat.unsupported-encoding")
        /// WAVE_FORMAT_EXTENSIBLE with a sub-format GUID outside the standard audio family.
        public static let unsupportedSubformat = Code("wavformat.unsupported-subformat")
        /// WAVE_FORMAT_EXTENSIBLE whose valid bits per sample differ from the sample size.
        public static let validBitsMismatch = Code("wavformat.valid-bits-mismatch")
        /// A channel count outside 1 to ``WAVHeader/maximumChannelCount``.
        public static let channelCountOutOfRange = Code("wavformat.channel-count-out-of-range")
        /// A sample rate outside ``WAVHeader/sampleRates``.
        public static let sampleRateOutOfRange = Code("wavformat.sample-rate-out-of-range")
        /// A block align other than the bytes of one sample frame.
        public static let blockAlignMismatch = Code("wavformat.block-align-mismatch")
        /// A byte rate other than block align times sample rate.
        public static let byteRateMismatch = Code("wavformat.byte-rate-mismatch")
        /// No `fmt ` chunk anywhere in the file; `fileByteCount` is where the search ended (the end of
        /// the file, or of the RIFF chunk when that comes first).
        public static let missingFormatChunk = Code("wavformat.missing-format-chunk")
        /// No `data` chunk anywhere in the file; `fileByteCount` is where the search ended, as for
        /// ``missingFormatChunk(fileByteCount:)``.
        public static let missingDataChunk = Code("wavformat.missing-data-chunk")
        /// The `data` chunk's length is not a whole number of sample frames.
        public static let partialFrame = Code("wavformat.partial-frame")
        /// The RIFF header's size field (bytes 4 to 7) disagrees with the file's length: the file was cut
        /// short, has bytes appended after its RIFF chunk (such as an ID3 tag), or is larger than a RIFF
        /// size can describe. Which bytes belong to the recording is then a guess, so none is made.
        public static let riffSizeMismatch = Code("wavformat.riff-size-mismatch")

        /// Every code of this type.
        public static let all: [Code] = [
            notRIFFWAVE, truncatedChunkHeader, chunkExceedsFile, tooManyChunks, duplicateChunk, formatChunkSize,
            formatExtensionSize, unsupportedEncoding, unsupportedSubformat, validBitsMismatch, channelCountOutOfRange,
            sampleRateOutOfRange, blockAlignMismatch, byteRateMismatch, missingFormatChunk, missingDataChunk,
            partialFrame, riffSizeMismatch,
        ]
    }

    /// What happened, with its details; the package's own code switches over it.
    package enum Reason: Equatable, Sendable {
        /// The file does not start with `RIFF`, a size and `WAVE` (or is shorter than 12 bytes).
        case notRIFFWAVE
        /// Fewer than the 8 bytes of a chunk header remain at `offset`, before the end of the file.
        case truncatedChunkHeader(offset: UInt64, availableByteCount: UInt64)
        /// A chunk's size field claims more bytes than the file holds after its header.
        case chunkExceedsFile(chunk: String, offset: UInt64, claimedByteCount: UInt64, availableByteCount: UInt64)
        /// The file has more chunks than ``WAVHeader/maximumChunkCount``; `offset` is the first one past it.
        case tooManyChunks(offset: UInt64, limit: Int)
        /// A second `fmt ` or `data` chunk.
        case duplicateChunk(chunk: String, offset: UInt64, firstOffset: UInt64)
        /// The `fmt ` chunk's size is outside 16 to 64 bytes (or under 40 for WAVE_FORMAT_EXTENSIBLE).
        case formatChunkSize(offset: UInt64, byteCount: UInt64)
        /// The `fmt ` chunk's extension size (`cbSize`) does not fit the chunk, or is too small for
        /// WAVE_FORMAT_EXTENSIBLE (which needs 22 bytes).
        case formatExtensionSize(offset: UInt64, extensionByteCount: Int, availableByteCount: Int)
        /// A format code and sample size other than 16-bit PCM (1), 8-bit A-law (6) or 8-bit mu-law (7).
        /// For WAVE_FORMAT_EXTENSIBLE, `formatCode` is the sub-format's code.
        case unsupportedEncoding(offset: UInt64, formatCode: UInt16, bitsPerSample: Int)
        /// WAVE_FORMAT_EXTENSIBLE with a sub-format GUID outside the standard audio family.
        case unsupportedSubformat(offset: UInt64, guid: [UInt8])
        /// WAVE_FORMAT_EXTENSIBLE whose valid bits per sample differ from the sample size.
        case validBitsMismatch(offset: UInt64, validBitsPerSample: Int, bitsPerSample: Int)
        /// A channel count outside 1 to ``WAVHeader/maximumChannelCount``.
        case channelCountOutOfRange(offset: UInt64, channelCount: Int)
        /// A sample rate outside ``WAVHeader/sampleRates``.
        case sampleRateOutOfRange(offset: UInt64, sampleRate: Int)
        /// A block align other than the bytes of one sample frame.
        case blockAlignMismatch(offset: UInt64, blockAlign: Int, expected: Int)
        /// A byte rate other than block align times sample rate.
        case byteRateMismatch(offset: UInt64, byteRate: Int, expected: Int)
        /// No `fmt ` chunk anywhere in the file; `fileByteCount` is where the search ended (the end of
        /// the file, or of the RIFF chunk when that comes first).
        case missingFormatChunk(fileByteCount: UInt64)
        /// No `data` chunk anywhere in the file; `fileByteCount` is where the search ended, as for
        /// ``missingFormatChunk(fileByteCount:)``.
        case missingDataChunk(fileByteCount: UInt64)
        /// The `data` chunk's length is not a whole number of sample frames.
        case partialFrame(offset: UInt64, byteCount: UInt64, bytesPerFrame: Int)
        /// The RIFF header's size field (bytes 4 to 7) disagrees with the file's length: the file was cut
        /// short, has bytes appended after its RIFF chunk (such as an ID3 tag), or is larger than a RIFF
        /// size can describe. Which bytes belong to the recording is then a guess, so none is made.
        case riffSizeMismatch(declaredByteCount: UInt64, fileByteCount: UInt64)
    }

    /// What happened, with its details.
    package let reason: Reason
    /// The error that caused this one, if any.
    public let underlying: (any Error)?

    /// Creates an error from its reason and cause.
    package init(_ reason: Reason, underlying: (any Error)? = nil) {
        self.reason = reason
        self.underlying = underlying
    }

    /// What kind of failure this is.
    public var code: Code {
        switch reason {
        case .notRIFFWAVE: .notRIFFWAVE
        case .truncatedChunkHeader: .truncatedChunkHeader
        case .chunkExceedsFile: .chunkExceedsFile
        case .tooManyChunks: .tooManyChunks
        case .duplicateChunk: .duplicateChunk
        case .formatChunkSize: .formatChunkSize
        case .formatExtensionSize: .formatExtensionSize
        case .unsupportedEncoding: .unsupportedEncoding
        case .unsupportedSubformat: .unsupportedSubformat
        case .validBitsMismatch: .validBitsMismatch
        case .channelCountOutOfRange: .channelCountOutOfRange
        case .sampleRateOutOfRange: .sampleRateOutOfRange
        case .blockAlignMismatch: .blockAlignMismatch
        case .byteRateMismatch: .byteRateMismatch
        case .missingFormatChunk: .missingFormatChunk
        case .missingDataChunk: .missingDataChunk
        case .partialFrame: .partialFrame
        case .riffSizeMismatch: .riffSizeMismatch
        }
    }

    /// The identifier of the chunk at fault (`RIFF` for the file's overall structure).
    public var chunk: String {
        switch reason {
        case .notRIFFWAVE, .truncatedChunkHeader, .tooManyChunks, .riffSizeMismatch: "RIFF"
        case .chunkExceedsFile(let chunk, _, _, _), .duplicateChunk(let chunk, _, _): chunk
        case .formatChunkSize, .formatExtensionSize, .unsupportedEncoding, .unsupportedSubformat,
            .validBitsMismatch, .channelCountOutOfRange, .sampleRateOutOfRange, .blockAlignMismatch,
            .byteRateMismatch, .missingFormatChunk:
            "fmt "
        case .missingDataChunk, .partialFrame: "data"
        }
    }

    /// The byte offset of the fault: the header of the chunk at fault, or for a missing chunk the
    /// end of the file, where the search for it ended.
    public var offset: UInt64 {
        switch reason {
        case .notRIFFWAVE, .riffSizeMismatch: 0
        case .truncatedChunkHeader(let offset, _), .chunkExceedsFile(_, let offset, _, _),
            .tooManyChunks(let offset, _), .duplicateChunk(_, let offset, _), .formatChunkSize(let offset, _),
            .formatExtensionSize(let offset, _, _), .unsupportedEncoding(let offset, _, _),
            .unsupportedSubformat(let offset, _), .validBitsMismatch(let offset, _, _),
            .channelCountOutOfRange(let offset, _), .sampleRateOutOfRange(let offset, _),
            .blockAlignMismatch(let offset, _, _), .byteRateMismatch(let offset, _, _),
            .partialFrame(let offset, _, _):
            offset
        case .missingFormatChunk(let size), .missingDataChunk(let size): size
        }
    }

    /// A sentence naming the chunk and byte offset, what is wrong and what to do.
    public var message: String {
        switch reason {
        case .notRIFFWAVE:
            "The file does not start with a RIFF/WAVE header ('RIFF', a size, then 'WAVE' at byte 0), so it is not a WAV file (RF64, AIFF and raw audio are not read); convert it to a WAV file."
        case .truncatedChunkHeader(let offset, let available):
            "The file ends \(available) byte\(available == 1 ? "" : "s") into the chunk header at byte \(offset), which needs 8: the file is cut short or has stray bytes at its end; re-export it or remove them."
        case .chunkExceedsFile(let chunk, let offset, let claimed, let available):
            "The '\(chunk)' chunk at byte \(offset) claims \(claimed) bytes but only \(available) follow its header: the file is cut short or the size field is wrong; re-export or re-copy it."
        case .tooManyChunks(let offset, let limit):
            "The file has more than \(limit) chunks (the next starts at byte \(offset)); CallVault stops there rather than walk a hostile file. Re-export the audio without the extra chunks."
        case .duplicateChunk(let chunk, let offset, let first):
            "The file has a second '\(chunk)' chunk at byte \(offset) (the first is at byte \(first)), so which one applies is ambiguous; re-export the file."
        case .formatChunkSize(let offset, let count):
            "The 'fmt ' chunk at byte \(offset) is \(count) bytes long; a format chunk holds 16 to 64 bytes (at least 40 for WAVE_FORMAT_EXTENSIBLE). The file is damaged; re-export it."
        case .formatExtensionSize(let offset, let declared, let available):
            "The 'fmt ' chunk at byte \(offset) declares a \(declared)-byte format extension, but has room for \(available) (and WAVE_FORMAT_EXTENSIBLE needs 22). The file is damaged; re-export it."
        case .unsupportedEncoding(let offset, let code, let bits):
            "The 'fmt ' chunk at byte \(offset) declares \(Self.name(formatCode: code, bitsPerSample: bits)), which CallVault does not record (PCM 16-bit, G.711 mu-law or A-law only); convert it, for example with 'sox in.wav -e signed-integer -b 16 out.wav'."
        case .unsupportedSubformat(let offset, let guid):
            "The 'fmt ' chunk at byte \(offset) is WAVE_FORMAT_EXTENSIBLE with sub-format \(Hex.encode(guid)), which is not a standard audio sub-format (PCM, mu-law or A-law); convert it to a plain PCM WAV file."
        case .validBitsMismatch(let offset, let valid, let bits):
            "The 'fmt ' chunk at byte \(offset) declares \(valid) valid bits in \(bits)-bit samples; CallVault records only samples that use all their bits. Convert it to plain 16-bit PCM."
        case .channelCountOutOfRange(let offset, let count):
            "The 'fmt ' chunk at byte \(offset) declares \(count) channels; CallVault records 1 to \(WAVHeader.maximumChannelCount). The header is damaged, or the file needs splitting into fewer channels."
        case .sampleRateOutOfRange(let offset, let rate):
            "The 'fmt ' chunk at byte \(offset) declares \(rate) Hz, outside the \(WAVHeader.sampleRates.lowerBound) to \(WAVHeader.sampleRates.upperBound) Hz a WAV file CallVault reads may declare. The header is damaged; re-export the file."
        case .blockAlignMismatch(let offset, let blockAlign, let expected):
            "The 'fmt ' chunk at byte \(offset) declares a block align of \(blockAlign) bytes, but its format takes \(expected) bytes per sample frame: the header is inconsistent; re-export the file."
        case .byteRateMismatch(let offset, let byteRate, let expected):
            "The 'fmt ' chunk at byte \(offset) declares \(byteRate) bytes per second, but its format takes \(expected): the header is inconsistent; re-export the file."
        case .missingFormatChunk(let size):
            "The file has no 'fmt ' chunk (its chunks run from byte 12 to its end at byte \(size)), so its audio format is unknown; re-export it."
        case .missingDataChunk(let size):
            "The file has no 'data' chunk (its chunks run from byte 12 to its end at byte \(size)), so it holds no audio; re-export it."
        case .partialFrame(let offset, let count, let frame):
            "The 'data' chunk at byte \(offset) holds \(count) bytes, which is not a whole number of \(frame)-byte sample frames: the file is cut short or its format is wrong; re-export it."
        case .riffSizeMismatch(let declared, let file):
            "The RIFF header at byte 0 gives the file a length of \(declared + 8) bytes, but it is \(file) bytes: "
                + Self.riffSizeDifference(declared: declared, file: file)
                + ". Which bytes belong to the audio would be a guess; re-export or re-copy the file."
        }
    }

    /// What a RIFF size of `declared` bytes means for a file of `file` bytes.
    private static func riffSizeDifference(declared: UInt64, file: UInt64) -> String {
        guard file > declared + 8 else {
            return "\(declared + 8 - file) bytes are missing (the file was cut short, or the size field is wrong)"
        }
        let tooLarge = file > UInt64(UInt32.max) + 8 ? "; a WAV file cannot exceed 4 GiB, and RF64 is not read" : ""
        return "\(file - declared - 8) bytes follow the end of its RIFF chunk (data appended to the file, such as an "
            + "ID3 tag, or a wrong size field\(tooLarge))"
    }

    /// A readable name for a format code and sample size, for example `24-bit PCM`.
    private static func name(formatCode: UInt16, bitsPerSample: Int) -> String {
        switch formatCode {
        case 1: "\(bitsPerSample)-bit PCM"
        case 3: "\(bitsPerSample)-bit IEEE float"
        case 6: "\(bitsPerSample)-bit G.711 A-law (A-law samples are 8-bit)"
        case 7: "\(bitsPerSample)-bit G.711 mu-law (mu-law samples are 8-bit)"
        case 2: "Microsoft ADPCM (format code 2)"
        case 0x11: "IMA ADPCM (format code 0x11)"
        case 0x31: "GSM 6.10 (format code 0x31)"
        case 0x55: "MPEG Layer 3 (format code 0x55)"
        default: "WAVE format code \(formatCode) with \(bitsPerSample)-bit samples"
        }
    }

    /// The file does not start with `RIFF`, a size and `WAVE` (or is shorter than 12 bytes).
    public static var notRIFFWAVE: WAVFormatError { WAVFormatError(.notRIFFWAVE) }

    /// Fewer than the 8 bytes of a chunk header remain at `offset`, before the end of the file.
    public static func truncatedChunkHeader(offset: UInt64, availableByteCount: UInt64) -> WAVFormatError {
        WAVFormatError(.truncatedChunkHeader(offset: offset, availableByteCount: availableByteCount))
    }
    /// The code for ``truncatedChunkHeader(offset:availableByteCount:)``, for `catch WAVFormatError.truncatedChunkHeader`.
    public static let truncatedChunkHeader = Code.truncatedChunkHeader

    /// A chunk's size field claims more bytes than the file holds after its header.
    public static func chunkExceedsFile(
        chunk: String, offset: UInt64, claimedByteCount: UInt64, availableByteCount: UInt64
    ) -> WAVFormatError {
        WAVFormatError(
            .chunkExceedsFile(
                chunk: chunk, offset: offset, claimedByteCount: claimedByteCount, availableByteCount: availableByteCount
            ))
    }
    /// The code for ``chunkExceedsFile(chunk:offset:claimedByteCount:availableByteCount:)``, for `catch WAVFormatError.chunkExceedsFile`.
    public static let chunkExceedsFile = Code.chunkExceedsFile

    /// The file has more chunks than ``WAVHeader/maximumChunkCount``; `offset` is the first one past it.
    public static func tooManyChunks(offset: UInt64, limit: Int) -> WAVFormatError {
        WAVFormatError(.tooManyChunks(offset: offset, limit: limit))
    }
    /// The code for ``tooManyChunks(offset:limit:)``, for `catch WAVFormatError.tooManyChunks`.
    public static let tooManyChunks = Code.tooManyChunks

    /// A second `fmt ` or `data` chunk.
    public static func duplicateChunk(chunk: String, offset: UInt64, firstOffset: UInt64) -> WAVFormatError {
        WAVFormatError(.duplicateChunk(chunk: chunk, offset: offset, firstOffset: firstOffset))
    }
    /// The code for ``duplicateChunk(chunk:offset:firstOffset:)``, for `catch WAVFormatError.duplicateChunk`.
    public static let duplicateChunk = Code.duplicateChunk

    /// The `fmt ` chunk's size is outside 16 to 64 bytes (or under 40 for WAVE_FORMAT_EXTENSIBLE).
    public static func formatChunkSize(offset: UInt64, byteCount: UInt64) -> WAVFormatError {
        WAVFormatError(.formatChunkSize(offset: offset, byteCount: byteCount))
    }
    /// The code for ``formatChunkSize(offset:byteCount:)``, for `catch WAVFormatError.formatChunkSize`.
    public static let formatChunkSize = Code.formatChunkSize

    /// The `fmt ` chunk's extension size (`cbSize`) does not fit the chunk, or is too small for
    /// WAVE_FORMAT_EXTENSIBLE (which needs 22 bytes).
    public static func formatExtensionSize(offset: UInt64, extensionByteCount: Int, availableByteCount: Int)
        -> WAVFormatError
    {
        WAVFormatError(
            .formatExtensionSize(
                offset: offset, extensionByteCount: extensionByteCount, availableByteCount: availableByteCount))
    }
    /// The code for ``formatExtensionSize(offset:extensionByteCount:availableByteCount:)``, for `catch WAVFormatError.formatExtensionSize`.
    public static let formatExtensionSize = Code.formatExtensionSize

    /// A format code and sample size other than 16-bit PCM (1), 8-bit A-law (6) or 8-bit mu-law (7).
    /// For WAVE_FORMAT_EXTENSIBLE, `formatCode` is the sub-format's code.
    public static func unsupportedEncoding(offset: UInt64, formatCode: UInt16, bitsPerSample: Int) -> WAVFormatError {
        WAVFormatError(.unsupportedEncoding(offset: offset, formatCode: formatCode, bitsPerSample: bitsPerSample))
    }
    /// The code for ``unsupportedEncoding(offset:formatCode:bitsPerSample:)``, for `catch WAVFormatError.unsupportedEncoding`.
    public static let unsupportedEncoding = Code.unsupportedEncoding

    /// WAVE_FORMAT_EXTENSIBLE with a sub-format GUID outside the standard audio family.
    public static func unsupportedSubformat(offset: UInt64, guid: [UInt8]) -> WAVFormatError {
        WAVFormatError(.unsupportedSubformat(offset: offset, guid: guid))
    }
    /// The code for ``unsupportedSubformat(offset:guid:)``, for `catch WAVFormatError.unsupportedSubformat`.
    public static let unsupportedSubformat = Code.unsupportedSubformat

    /// WAVE_FORMAT_EXTENSIBLE whose valid bits per sample differ from the sample size.
    public static func validBitsMismatch(offset: UInt64, validBitsPerSample: Int, bitsPerSample: Int) -> WAVFormatError
    {
        WAVFormatError(
            .validBitsMismatch(offset: offset, validBitsPerSample: validBitsPerSample, bitsPerSample: bitsPerSample))
    }
    /// The code for ``validBitsMismatch(offset:validBitsPerSample:bitsPerSample:)``, for `catch WAVFormatError.validBitsMismatch`.
    public static let validBitsMismatch = Code.validBitsMismatch

    /// A channel count outside 1 to ``WAVHeader/maximumChannelCount``.
    public static func channelCountOutOfRange(offset: UInt64, channelCount: Int) -> WAVFormatError {
        WAVFormatError(.channelCountOutOfRange(offset: offset, channelCount: channelCount))
    }
    /// The code for ``channelCountOutOfRange(offset:channelCount:)``, for `catch WAVFormatError.channelCountOutOfRange`.
    public static let channelCountOutOfRange = Code.channelCountOutOfRange

    /// A sample rate outside ``WAVHeader/sampleRates``.
    public static func sampleRateOutOfRange(offset: UInt64, sampleRate: Int) -> WAVFormatError {
        WAVFormatError(.sampleRateOutOfRange(offset: offset, sampleRate: sampleRate))
    }
    /// The code for ``sampleRateOutOfRange(offset:sampleRate:)``, for `catch WAVFormatError.sampleRateOutOfRange`.
    public static let sampleRateOutOfRange = Code.sampleRateOutOfRange

    /// A block align other than the bytes of one sample frame.
    public static func blockAlignMismatch(offset: UInt64, blockAlign: Int, expected: Int) -> WAVFormatError {
        WAVFormatError(.blockAlignMismatch(offset: offset, blockAlign: blockAlign, expected: expected))
    }
    /// The code for ``blockAlignMismatch(offset:blockAlign:expected:)``, for `catch WAVFormatError.blockAlignMismatch`.
    public static let blockAlignMismatch = Code.blockAlignMismatch

    /// A byte rate other than block align times sample rate.
    public static func byteRateMismatch(offset: UInt64, byteRate: Int, expected: Int) -> WAVFormatError {
        WAVFormatError(.byteRateMismatch(offset: offset, byteRate: byteRate, expected: expected))
    }
    /// The code for ``byteRateMismatch(offset:byteRate:expected:)``, for `catch WAVFormatError.byteRateMismatch`.
    public static let byteRateMismatch = Code.byteRateMismatch

    /// No `fmt ` chunk anywhere in the file; `fileByteCount` is where the search ended (the end of
    /// the file, or of the RIFF chunk when that comes first).
    public static func missingFormatChunk(fileByteCount: UInt64) -> WAVFormatError {
        WAVFormatError(.missingFormatChunk(fileByteCount: fileByteCount))
    }
    /// The code for ``missingFormatChunk(fileByteCount:)``, for `catch WAVFormatError.missingFormatChunk`.
    public static let missingFormatChunk = Code.missingFormatChunk

    /// No `data` chunk anywhere in the file; `fileByteCount` is where the search ended, as for
    /// ``missingFormatChunk(fileByteCount:)``.
    public static func missingDataChunk(fileByteCount: UInt64) -> WAVFormatError {
        WAVFormatError(.missingDataChunk(fileByteCount: fileByteCount))
    }
    /// The code for ``missingDataChunk(fileByteCount:)``, for `catch WAVFormatError.missingDataChunk`.
    public static let missingDataChunk = Code.missingDataChunk

    /// The `data` chunk's length is not a whole number of sample frames.
    public static func partialFrame(offset: UInt64, byteCount: UInt64, bytesPerFrame: Int) -> WAVFormatError {
        WAVFormatError(.partialFrame(offset: offset, byteCount: byteCount, bytesPerFrame: bytesPerFrame))
    }
    /// The code for ``partialFrame(offset:byteCount:bytesPerFrame:)``, for `catch WAVFormatError.partialFrame`.
    public static let partialFrame = Code.partialFrame

    /// The RIFF header's size field (bytes 4 to 7) disagrees with the file's length: the file was cut
    /// short, has bytes appended after its RIFF chunk (such as an ID3 tag), or is larger than a RIFF
    /// size can describe. Which bytes belong to the recording is then a guess, so none is made.
    public static func riffSizeMismatch(declaredByteCount: UInt64, fileByteCount: UInt64) -> WAVFormatError {
        WAVFormatError(.riffSizeMismatch(declaredByteCount: declaredByteCount, fileByteCount: fileByteCount))
    }
    /// The code for ``riffSizeMismatch(declaredByteCount:fileByteCount:)``, for `catch WAVFormatError.riffSizeMismatch`.
    public static let riffSizeMismatch = Code.riffSizeMismatch
}

public import CallVaultCore

/// Reads the sample frames of a WAV file in pieces, from the start or from any frame.
///
/// Parses the header strictly on creation (see ``WAVHeader/parse(from:)``), then reads only the
/// `data` chunk, as many frames per call as asked. A media source emitting 20 ms frames can reuse
/// one buffer with ``readFrames(into:)``, which does not allocate.
///
/// ```swift
/// var reader = try WAVReader(path: "call.wav")
/// let frameBytes = (reader.format.bytesPerFrame ?? 1) * reader.format.sampleRate / 50   // 20 ms
/// var buffer = [UInt8](repeating: 0, count: frameBytes)
/// while try buffer.withUnsafeMutableBytes({ try reader.readFrames(into: $0) }) > 0 {
///     // hand buffer on
/// }
/// ```
public struct WAVReader<Source: RandomAccessByteSource> {
    /// Where the file's bytes come from.
    public let source: Source
    /// The parsed header: format, data location, other chunks.
    public let header: WAVHeader
    /// The index of the next frame to read, from 0 to ``frameCount``.
    public private(set) var framePosition: UInt64 = 0

    private let bytesPerFrame: Int

    /// Parses the WAV file in `source`.
    ///
    /// - Throws: ``WAVFormatError`` for a malformed or unsupported file; whatever `source` throws
    ///   when it cannot read.
    public init(source: Source) throws {
        self.source = source
        header = try WAVHeader.parse(from: source)
        bytesPerFrame = max(header.format.bytesPerFrame ?? 1, 1)
    }

    /// The audio format.
    public var format: MediaFormat { header.format }

    /// The number of sample frames in the file.
    public var frameCount: UInt64 { header.frameCount }

    /// The number of frames not read yet.
    public var remainingFrameCount: UInt64 { frameCount - framePosition }

    /// Reads as many whole frames as fit in `buffer` (at most ``remainingFrameCount``) into its
    /// start, and returns how many; 0 at the end of the audio. Bytes after the frames read are left
    /// as they were.
    ///
    /// - Throws: whatever the source throws (for example ``WAVFileError`` if the file was cut short
    ///   since it was opened); the position does not move then.
    public mutating func readFrames(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let frames = Int(min(UInt64(buffer.count / bytesPerFrame), remainingFrameCount))
        guard frames > 0 else { return 0 }
        let offset = header.dataOffset + framePosition * UInt64(bytesPerFrame)
        try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<(frames * bytesPerFrame)]), at: offset)
        framePosition += UInt64(frames)
        return frames
    }

    /// Reads up to `maxCount` frames and returns their bytes; empty at the end of the audio (or for a
    /// `maxCount` below 1).
    public mutating func readFrames(maxCount: Int) throws -> [UInt8] {
        guard maxCount > 0 else { return [] }
        let frames = Int(min(UInt64(maxCount), remainingFrameCount))
        var bytes = [UInt8](repeating: 0, count: frames * bytesPerFrame)
        let read = try bytes.withUnsafeMutableBytes { try readFrames(into: $0) }
        return read == frames ? bytes : Array(bytes.prefix(read * bytesPerFrame))
    }

    /// Moves to frame `index`, so the next read starts there; an index past the end moves to the
    /// end.
    public mutating func seek(toFrame index: UInt64) {
        framePosition = min(index, frameCount)
    }
}

extension WAVReader: Sendable where Source: Sendable {}

extension WAVReader where Source == FileByteSource {
    /// Opens and parses the WAV file at `path`.
    ///
    /// - Throws: ``WAVFileError`` when it cannot be opened or read; ``WAVFormatError`` when it is
    ///   malformed or unsupported.
    public init(path: String) throws {
        try self.init(source: FileByteSource(path: path))
    }
}

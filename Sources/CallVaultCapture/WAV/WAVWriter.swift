public import CallVaultCore

/// Writes a canonical WAV file as its audio arrives, to a file, memory or any ``WAVOutput``.
///
/// Creating a writer writes the header; `write(_:)` appends sample bytes; ``finish()``
/// adds the pad byte an odd length needs and, unless the length was declared up front, rewrites
/// the header with the final sizes. The result is exactly the file
/// ``WAVHeader/canonicalBytes(for:dataByteCount:)`` describes, which ``WAVHeader/parse(from:)``
/// reads back.
///
/// ```swift
/// let format = MediaFormat(encoding: .muLaw, sampleRate: 8_000, channelCount: 1)
/// var writer = try WAVWriter(output: WAVMemoryOutput(), format: format)
/// try writer.write(frame)
/// try writer.finish()
/// let file = writer.output.bytes
///
/// var export = try WAVWriter(path: "export.wav", format: format)   // a new file, mode 0600
/// ```
public struct WAVWriter<Output: WAVOutput> {
    /// Where the bytes go; for a ``WAVMemoryOutput``, read the file from here after ``finish()``.
    public private(set) var output: Output
    /// The audio format.
    public let format: MediaFormat
    /// Bytes of audio written so far.
    public private(set) var dataByteCount: UInt64 = 0
    /// Whether ``finish()`` has completed the file.
    public private(set) var isFinished = false

    private let declaredByteCount: UInt64?
    private let dataOffset: UInt64
    private let bytesPerFrame: Int
    private let limit: UInt64

    /// Starts a WAV file in `output` by writing its header.
    ///
    /// - Parameters:
    ///   - output: where the file's bytes go.
    ///   - format: the audio format: PCM 16-bit, G.711 mu-law or A-law.
    ///   - dataByteCount: the audio's length, if known: the header is then final from the start
    ///     (for outputs that cannot rewrite it), and ``finish()`` checks the length. Otherwise the
    ///     header is rewritten at the end.
    /// - Throws: ``WAVWriterError`` for a format a WAV file cannot hold or a length it cannot
    ///   describe; whatever `output` throws.
    public init(output: Output, format: MediaFormat, dataByteCount: UInt64? = nil) throws {
        let header = try WAVHeader.canonicalBytes(for: format, dataByteCount: dataByteCount ?? 0)
        var output = output
        try header.withUnsafeBytes { try output.write($0, at: 0) }
        self.output = output
        self.format = format
        declaredByteCount = dataByteCount
        dataOffset = UInt64(header.count)
        bytesPerFrame = max(format.bytesPerFrame ?? 1, 1)
        limit = dataByteCount ?? WAVHeader.maximumDataByteCount(headerByteCount: header.count)
    }

    /// Appends sample bytes (in the file's encoding; 16-bit PCM little-endian). A write may end
    /// part-way through a frame as long as the audio ends on a whole frame by ``finish()``.
    ///
    /// - Throws: ``WAVWriterError`` past the declared length or the format's limit, or after
    ///   ``finish()``; whatever the output throws.
    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard !isFinished else { throw WAVWriterError.finished }
        let total = dataByteCount + UInt64(bytes.count)
        guard total <= limit else {
            if let declared = declaredByteCount {
                throw WAVWriterError.lengthMismatch(declared: declared, written: total)
            }
            throw WAVWriterError.dataTooLarge(byteCount: total, limit: limit)
        }
        try output.write(bytes, at: dataOffset + dataByteCount)
        dataByteCount = total
    }

    /// Appends sample bytes; see `write(_:)` for raw buffers.
    public mutating func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Completes the file: adds the pad byte after odd-length audio and writes the final sizes into
    /// the header. Returns the header of the finished file.
    ///
    /// - Throws: ``WAVWriterError`` when the audio ends part-way through a frame, differs from the
    ///   declared length, or the writer already finished; whatever the output throws.
    @discardableResult
    public mutating func finish() throws -> WAVHeader {
        guard !isFinished else { throw WAVWriterError.finished }
        guard dataByteCount % UInt64(bytesPerFrame) == 0 else {
            throw WAVWriterError.partialFrame(byteCount: dataByteCount, bytesPerFrame: bytesPerFrame)
        }
        if let declared = declaredByteCount, declared != dataByteCount {
            throw WAVWriterError.lengthMismatch(declared: declared, written: dataByteCount)
        }
        if dataByteCount & 1 == 1 {
            try [UInt8(0)].withUnsafeBytes { try output.write($0, at: dataOffset + dataByteCount) }
        }
        if declaredByteCount == nil {
            let header = try WAVHeader.canonicalBytes(for: format, dataByteCount: dataByteCount)
            try header.withUnsafeBytes { try output.write($0, at: 0) }
        }
        isFinished = true
        return WAVHeader(format: format, dataOffset: dataOffset, dataByteCount: dataByteCount)
    }
}

extension WAVWriter: Sendable where Output: Sendable {}

extension WAVWriter where Output == WAVFileOutput {
    /// Starts a WAV file at `path`, which must not exist yet (unless `replacing`).
    ///
    /// - Throws: ``WAVFileError`` when the file cannot be created; ``WAVWriterError`` as
    ///   ``init(output:format:dataByteCount:)``.
    public init(path: String, format: MediaFormat, dataByteCount: UInt64? = nil, replacing: Bool = false) throws {
        try self.init(
            output: WAVFileOutput(path: path, replacing: replacing), format: format, dataByteCount: dataByteCount)
    }
}

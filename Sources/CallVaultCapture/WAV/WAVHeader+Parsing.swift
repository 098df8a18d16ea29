public import CallVaultCore

extension WAVHeader {
    /// Parses the chunk structure of the WAV file in `source`.
    ///
    /// Walks every chunk from byte 12 to the end of the RIFF chunk, checking that each lies inside
    /// the file, then checks the `fmt ` chunk (PCM 16-bit, mu-law or A-law, also as
    /// WAVE_FORMAT_EXTENSIBLE; 1 to 64 channels; consistent block align and byte rate), that the
    /// `data` chunk holds whole sample frames, and that the RIFF size is the file's length (an
    /// odd-length last chunk may lack its pad byte, counted or not). Chunks may come in any order.
    ///
    /// Everything else the file says is listed in ``unkeptFormatDetails``, for the caller to refuse
    /// or drop knowingly: metadata chunks, a `fact` chunk whose sample count is not the data's frame
    /// count, a speaker-position mask, extra format bytes.
    ///
    /// - Throws: ``WAVFormatError`` for a malformed or unsupported file, naming the chunk and byte
    ///   offset; whatever `source` throws when it cannot read (``WAVFileError`` for the sources
    ///   shipped here).
    public static func parse(from source: some RandomAccessByteSource) throws -> WAVHeader {
        let fileSize = try source.byteCount()
        guard fileSize >= 12 else { throw WAVFormatError.notRIFFWAVE }
        let riffHeader = try read(source, at: 0, count: 12)
        guard looksLikeWAV(riffHeader) else { throw WAVFormatError.notRIFFWAVE }
        let riffSize = UInt64(LittleEndianBytes.uint32(riffHeader, at: 4))
        // Bytes past the RIFF chunk are not walked as chunks: they are no part of the WAV file.
        let walkEnd = min(8 + riffSize, fileSize)
        var walk = ChunkWalk()
        var offset: UInt64 = 12
        while offset < walkEnd {
            let available = fileSize - offset
            guard available >= 8 else {
                throw WAVFormatError.truncatedChunkHeader(offset: offset, availableByteCount: available)
            }
            guard walk.chunkCount < maximumChunkCount else {
                throw WAVFormatError.tooManyChunks(offset: offset, limit: maximumChunkCount)
            }
            let header = try read(source, at: offset, count: 8)
            let identifier = WAVChunk.printable(header[0..<4])
            let size = UInt64(LittleEndianBytes.uint32(header, at: 4))
            let body = offset + 8
            guard size <= fileSize - body else {
                throw WAVFormatError.chunkExceedsFile(
                    chunk: identifier, offset: offset, claimedByteCount: size, availableByteCount: fileSize - body)
            }
            try walk.add(identifier: identifier, offset: offset, size: size, source: source)
            // No overflow: size < 2^32 and body + size <= fileSize, so this is at most fileSize + 1.
            offset = body + size + (size & 1)
        }
        // What is missing or broken among the chunks is named first; then the RIFF size must be the
        // file's length, or one more when the last chunk's pad byte is missing at the end of the file.
        let header = try walk.header(searchEnd: walkEnd)
        let missingPad = offset == fileSize + 1
        guard 8 + riffSize == fileSize || (missingPad && 8 + riffSize == fileSize + 1) else {
            throw WAVFormatError.riffSizeMismatch(declaredByteCount: riffSize, fileByteCount: fileSize)
        }
        return header
    }

    static func read(_ source: some RandomAccessByteSource, at offset: UInt64, count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        try bytes.withUnsafeMutableBytes { try source.read(into: $0, at: offset) }
        return bytes
    }
}

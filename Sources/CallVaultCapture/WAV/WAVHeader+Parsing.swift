import CallVaultCore

extension WAVHeader {
    /// Parses the chunk structure of the WAV file in `source`.
    ///
    /// Walks every chunk from byte 12 to the end of the file, checking that each lies inside the
    /// file, then checks the `fmt ` chunk (PCM 16-bit, mu-law or A-law, also as
    /// WAVE_FORMAT_EXTENSIBLE; 1 to 64 channels; consistent block align and byte rate) and that the
    /// `data` chunk holds whole sample frames. Chunks may come in any order; an odd-length chunk is
    /// followed by a pad byte, which may be missing at the end of the file.
    ///
    /// - Throws: ``WAVFormatError`` for a malformed or unsupported file, naming the chunk and byte
    ///   offset; whatever `source` throws when it cannot read (``WAVFileError`` for the sources
    ///   shipped here).
    public static func parse(from source: some WAVSource) throws -> WAVHeader {
        let fileSize = try source.byteCount()
        guard fileSize >= 12, looksLikeWAV(try read(source, at: 0, count: 12)) else {
            throw WAVFormatError.notRIFFWAVE
        }
        var format: (offset: UInt64, value: MediaFormat)?
        var data: (offset: UInt64, byteCount: UInt64)?
        var others: [WAVChunk] = []
        var chunkCount = 0
        var offset: UInt64 = 12
        while offset < fileSize {
            let available = fileSize - offset
            guard available >= 8 else {
                throw WAVFormatError.truncatedChunkHeader(offset: offset, availableByteCount: available)
            }
            guard chunkCount < maximumChunkCount else {
                throw WAVFormatError.tooManyChunks(offset: offset, limit: maximumChunkCount)
            }
            chunkCount += 1
            let header = try read(source, at: offset, count: 8)
            let identifier = WAVChunk.printable(header[0..<4])
            let size = UInt64(LittleEndianBytes.uint32(header, at: 4))
            let body = offset + 8
            guard size <= fileSize - body else {
                throw WAVFormatError.chunkExceedsFile(
                    chunk: identifier, offset: offset, claimedByteCount: size, availableByteCount: fileSize - body)
            }
            switch identifier {
            case "fmt ":
                if let first = format {
                    throw WAVFormatError.duplicateChunk(chunk: identifier, offset: offset, firstOffset: first.offset)
                }
                guard (16...64).contains(size) else {
                    throw WAVFormatError.formatChunkSize(offset: offset, byteCount: size)
                }
                let value = try WAVFormatChunk.decode(try read(source, at: body, count: Int(size)), chunkOffset: offset)
                format = (offset, value)
            case "data":
                if let first = data {
                    throw WAVFormatError.duplicateChunk(chunk: identifier, offset: offset, firstOffset: first.offset)
                }
                data = (offset, size)
            case "fact":
                break
            default:
                others.append(WAVChunk(identifier: identifier, offset: offset, byteCount: size))
            }
            // No overflow: size < 2^32 and body + size <= fileSize, so this is at most fileSize + 1.
            offset = body + size + (size & 1)
        }
        guard let format else { throw WAVFormatError.missingFormatChunk(fileByteCount: fileSize) }
        guard let data else { throw WAVFormatError.missingDataChunk(fileByteCount: fileSize) }
        let frame = format.value.bytesPerFrame ?? 1
        guard data.byteCount % UInt64(frame) == 0 else {
            throw WAVFormatError.partialFrame(offset: data.offset, byteCount: data.byteCount, bytesPerFrame: frame)
        }
        return WAVHeader(
            format: format.value, dataOffset: data.offset + 8, dataByteCount: data.byteCount, otherChunks: others)
    }

    private static func read(_ source: some WAVSource, at offset: UInt64, count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        try bytes.withUnsafeMutableBytes { try source.read(into: $0, at: offset) }
        return bytes
    }
}

import CallVaultCore

/// What ``WAVHeader/parse(from:)`` has learnt from the chunks walked so far, and the header it
/// makes of them once the walk is over.
struct ChunkWalk {
    private(set) var chunkCount = 0
    private var format: (offset: UInt64, value: MediaFormat, unkept: [WAVUnkeptDetail])?
    private var data: (offset: UInt64, byteCount: UInt64)?
    /// The `fact` chunk's offset and size, and its sample count when it is the standard 4 bytes.
    private var fact: (offset: UInt64, byteCount: UInt64, sampleCount: UInt64?)?
    private var others: [WAVChunk] = []

    /// Takes in the chunk at `offset` (its header), whose body of `size` bytes lies inside the file.
    mutating func add(identifier: String, offset: UInt64, size: UInt64, source: some RandomAccessByteSource) throws {
        chunkCount += 1
        let body = offset + 8
        switch identifier {
        case "fmt ":
            if let first = format {
                throw WAVFormatError.duplicateChunk(chunk: identifier, offset: offset, firstOffset: first.offset)
            }
            guard (16...64).contains(size) else {
                throw WAVFormatError.formatChunkSize(offset: offset, byteCount: size)
            }
            let decoded = try WAVFormatChunk.decode(
                try WAVHeader.read(source, at: body, count: Int(size)), chunkOffset: offset)
            format = (offset, decoded.format, decoded.unkept)
        case "data":
            if let first = data {
                throw WAVFormatError.duplicateChunk(chunk: identifier, offset: offset, firstOffset: first.offset)
            }
            data = (offset, size)
        case "fact":
            if let first = fact {
                throw WAVFormatError.duplicateChunk(chunk: identifier, offset: offset, firstOffset: first.offset)
            }
            // Only a standard 4-byte body is read: any other size is reported, whatever it says.
            let count =
                size == 4
                ? UInt64(LittleEndianBytes.uint32(try WAVHeader.read(source, at: body, count: 4), at: 0)) : nil
            fact = (offset, size, count)
        default:
            others.append(WAVChunk(identifier: identifier, offset: offset, byteCount: size))
        }
    }

    /// The header the walk found, with everything a recording would not keep in file order;
    /// `searchEnd` is where the walk ended (the end of the file, or of the RIFF chunk if sooner).
    ///
    /// - Throws: ``WAVFormatError`` when the `fmt ` or `data` chunk is missing, or the data is not
    ///   whole sample frames.
    func header(searchEnd: UInt64) throws -> WAVHeader {
        guard let format else { throw WAVFormatError.missingFormatChunk(fileByteCount: searchEnd) }
        guard let data else { throw WAVFormatError.missingDataChunk(fileByteCount: searchEnd) }
        let frame = UInt64(format.value.bytesPerFrame ?? 1)
        guard data.byteCount % frame == 0 else {
            throw WAVFormatError.partialFrame(offset: data.offset, byteCount: data.byteCount, bytesPerFrame: Int(frame))
        }
        var unkept = format.unkept + others.map { WAVUnkeptDetail.chunk($0) }
        let frameCount = data.byteCount / frame
        if let fact, fact.sampleCount != frameCount {
            unkept.append(
                .factChunk(
                    offset: fact.offset, byteCount: fact.byteCount, sampleCount: fact.sampleCount,
                    frameCount: frameCount))
        }
        // Stable: the fmt chunk's details keep their order (mask, then extension bytes).
        let ordered = unkept.enumerated().sorted { ($0.element.offset, $0.offset) < ($1.element.offset, $1.offset) }
        return WAVHeader(
            format: format.value, dataOffset: data.offset + 8, dataByteCount: data.byteCount, otherChunks: others,
            unkeptFormatDetails: ordered.map(\.element))
    }
}

public import CallVaultCore

extension WAVHeader {
    /// The header of a canonical WAV file holding `dataByteCount` bytes of `format` audio: `RIFF`,
    /// `fmt ` (16 bytes for PCM; 18 for G.711), a `fact` chunk with the frame count for G.711 (as
    /// the RIFF specification asks of non-PCM data), then the `data` chunk's header. The audio
    /// follows it, then a zero pad byte if `dataByteCount` is odd (the RIFF size counts it).
    ///
    /// The header is 44 bytes for PCM and 58 for G.711.
    ///
    /// ```swift
    /// let header = try WAVHeader.canonicalBytes(for: format, dataByteCount: UInt64(audio.count))
    /// let file = header + audio + (audio.count % 2 == 1 ? [0] : [])
    /// ```
    ///
    /// - Throws: ``WAVWriterError/unsupportedFormat(_:)`` for opaque packets or a channel count or
    ///   rate outside what ``parse(from:)`` accepts; ``WAVWriterError/dataTooLarge(byteCount:limit:)``
    ///   when the sizes would not fit RIFF's 32-bit fields.
    public static func canonicalBytes(for format: MediaFormat, dataByteCount: UInt64) throws
        -> [UInt8]
    {
        guard let body = WAVFormatChunk.body(for: format), let frame = format.bytesPerFrame else {
            throw WAVWriterError.unsupportedFormat(format)
        }
        let hasFact = format.encoding != .pcm16LittleEndian
        let headerByteCount = 12 + 8 + body.count + (hasFact ? 12 : 0) + 8
        let limit = maximumDataByteCount(headerByteCount: headerByteCount)
        guard dataByteCount <= limit else { throw WAVWriterError.dataTooLarge(byteCount: dataByteCount, limit: limit) }

        var bytes: [UInt8] = []
        bytes.reserveCapacity(headerByteCount)
        bytes += "RIFF".utf8
        LittleEndianBytes.append(UInt32(UInt64(headerByteCount - 8) + dataByteCount + (dataByteCount & 1)), to: &bytes)
        bytes += "WAVE".utf8
        bytes += "fmt ".utf8
        LittleEndianBytes.append(UInt32(body.count), to: &bytes)
        bytes += body
        if hasFact {
            bytes += "fact".utf8
            LittleEndianBytes.append(UInt32(4), to: &bytes)
            LittleEndianBytes.append(UInt32(dataByteCount / UInt64(frame)), to: &bytes)
        }
        bytes += "data".utf8
        LittleEndianBytes.append(UInt32(dataByteCount), to: &bytes)
        return bytes
    }

    /// The most audio a file with a header of `headerByteCount` bytes can hold: the RIFF size (all
    /// but the first 8 bytes, pad byte included) must fit 32 bits.
    static func maximumDataByteCount(headerByteCount: Int) -> UInt64 {
        let room = UInt64(UInt32.max) - UInt64(headerByteCount - 8)
        // An odd length needs a pad byte too, so the largest length is even.
        return room & ~1
    }
}

import CallVaultCore

/// The body of a `fmt ` chunk: decoded into a ``MediaFormat`` with every consistency check, and
/// built for a format.
enum WAVFormatChunk {
    static let pcmCode: UInt16 = 1
    static let aLawCode: UInt16 = 6
    static let muLawCode: UInt16 = 7
    static let extensibleCode: UInt16 = 0xFFFE

    /// Bytes 2 to 15 of every standard WAVE_FORMAT_EXTENSIBLE sub-format GUID
    /// (`XXXXXXXX-0000-0010-8000-00AA00389B71`, with the format code in its first two bytes).
    static let subformatGUIDTail: [UInt8] = [0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xAA, 0, 0x38, 0x9B, 0x71]

    /// The standard WAVE_FORMAT_EXTENSIBLE extension: valid bits (2), channel mask (4), sub-format (16).
    static let extensibleExtensionByteCount = 22

    /// Decodes a `fmt ` chunk body of 16 to 64 bytes; `chunkOffset` (the chunk header's offset) is
    /// for errors and for what the format says that a recording does not keep (see
    /// ``unkeptDetails(_:channelCount:chunkOffset:)``).
    static func decode(_ body: [UInt8], chunkOffset offset: UInt64) throws(WAVFormatError) -> (
        format: MediaFormat, unkept: [WAVUnkeptDetail]
    ) {
        var code = LittleEndianBytes.uint16(body, at: 0)
        let channels = Int(LittleEndianBytes.uint16(body, at: 2))
        let rate = Int(clamping: LittleEndianBytes.uint32(body, at: 4))
        let byteRate = Int(clamping: LittleEndianBytes.uint32(body, at: 8))
        let blockAlign = Int(LittleEndianBytes.uint16(body, at: 12))
        let bits = Int(LittleEndianBytes.uint16(body, at: 14))
        if code == extensibleCode, body.count < 40 {
            throw .formatChunkSize(offset: offset, byteCount: UInt64(body.count))
        }
        if body.count >= 18 {
            let extensionSize = Int(LittleEndianBytes.uint16(body, at: 16))
            let room = body.count - 18
            guard extensionSize <= room, code != extensibleCode || extensionSize >= 22 else {
                throw .formatExtensionSize(offset: offset, extensionByteCount: extensionSize, availableByteCount: room)
            }
        }
        if code == extensibleCode {
            guard body[26..<40].elementsEqual(subformatGUIDTail) else {
                throw .unsupportedSubformat(offset: offset, guid: Array(body[24..<40]))
            }
            code = LittleEndianBytes.uint16(body, at: 24)
            let validBits = Int(LittleEndianBytes.uint16(body, at: 18))
            guard validBits == bits else {
                throw .validBitsMismatch(offset: offset, validBitsPerSample: validBits, bitsPerSample: bits)
            }
        }
        let encoding: MediaFormat.Encoding
        switch (code, bits) {
        case (pcmCode, 16): encoding = .pcm16LittleEndian
        case (muLawCode, 8): encoding = .muLaw
        case (aLawCode, 8): encoding = .aLaw
        default: throw .unsupportedEncoding(offset: offset, formatCode: code, bitsPerSample: bits)
        }
        guard (1...WAVHeader.maximumChannelCount).contains(channels) else {
            throw .channelCountOutOfRange(offset: offset, channelCount: channels)
        }
        guard WAVHeader.sampleRates.contains(rate) else {
            throw .sampleRateOutOfRange(offset: offset, sampleRate: rate)
        }
        let format = MediaFormat(encoding: encoding, sampleRate: rate, channelCount: channels)
        let frame = format.bytesPerFrame ?? 1
        guard blockAlign == frame else {
            throw .blockAlignMismatch(offset: offset, blockAlign: blockAlign, expected: frame)
        }
        guard byteRate == frame * rate else {
            throw .byteRateMismatch(offset: offset, byteRate: byteRate, expected: frame * rate)
        }
        return (format, unkeptDetails(body, channelCount: channels, chunkOffset: offset))
    }

    /// What a well-formed `fmt ` body says beyond the format a recording keeps: a channel mask a
    /// plain file with `channelCount` channels does not imply, and bytes after the standard fields
    /// (16 bytes; then the extension size and as many bytes as it counts: none for a plain format,
    /// 22 for WAVE_FORMAT_EXTENSIBLE).
    static func unkeptDetails(_ body: [UInt8], channelCount: Int, chunkOffset offset: UInt64) -> [WAVUnkeptDetail] {
        var unkept: [WAVUnkeptDetail] = []
        let isExtensible = LittleEndianBytes.uint16(body, at: 0) == extensibleCode
        if isExtensible {
            let mask = LittleEndianBytes.uint32(body, at: 20)
            if !impliedChannelMasks(channelCount: channelCount).contains(mask) {
                unkept.append(.channelMask(offset: offset, mask: mask, channelCount: channelCount))
            }
        }
        let standard = isExtensible ? 18 + extensibleExtensionByteCount : (body.count >= 18 ? 18 : 16)
        if body.count > standard {
            unkept.append(.formatExtension(offset: offset, byteCount: body.count - standard))
        }
        return unkept
    }

    /// The channel masks that say no more than a plain WAV file with `channelCount` channels: none
    /// (0), and for one channel front centre, for two front left and right. Any other mask names
    /// speaker positions a recording does not keep.
    static func impliedChannelMasks(channelCount: Int) -> Set<UInt32> {
        switch channelCount {
        case 1: [0, 0x4]
        case 2: [0, 0x3]
        default: [0]
        }
    }

    /// The canonical body for `format`: 16 bytes for PCM; 18 (a zero extension size) for G.711, as
    /// the RIFF specification asks of non-PCM formats. `nil` when a WAV file cannot hold the format.
    static func body(for format: MediaFormat) -> [UInt8]? {
        guard let code = code(for: format.encoding), let sampleBytes = format.encoding.bytesPerSample,
            (1...WAVHeader.maximumChannelCount).contains(format.channelCount),
            WAVHeader.sampleRates.contains(format.sampleRate)
        else { return nil }
        let frame = sampleBytes * format.channelCount
        var body: [UInt8] = []
        LittleEndianBytes.append(code, to: &body)
        LittleEndianBytes.append(UInt16(format.channelCount), to: &body)
        LittleEndianBytes.append(UInt32(format.sampleRate), to: &body)
        LittleEndianBytes.append(UInt32(format.sampleRate * frame), to: &body)
        LittleEndianBytes.append(UInt16(frame), to: &body)
        LittleEndianBytes.append(UInt16(sampleBytes * 8), to: &body)
        if code != pcmCode { LittleEndianBytes.append(UInt16(0), to: &body) }
        return body
    }

    /// The WAVE format code of an encoding, or `nil` when WAV has none CallVault writes.
    static func code(for encoding: MediaFormat.Encoding) -> UInt16? {
        switch encoding {
        case .pcm16LittleEndian: pcmCode
        case .muLaw: muLawCode
        case .aLaw: aLawCode
        default: nil
        }
    }
}

/// Builds RIFF/WAVE files byte by byte, correct or with chosen defects, so the tests need no audio
/// files.
enum RIFFBuilder {
    /// A chunk: identifier, size field (the body's length unless overridden), body, and a pad byte
    /// after an odd body unless `pad` is false.
    static func chunk(_ identifier: String, _ body: [UInt8], size: UInt32? = nil, pad: Bool = true) -> [UInt8] {
        chunk(Array(identifier.utf8), body, size: size, pad: pad)
    }

    /// A chunk with a raw identifier (for identifiers that are not text).
    static func chunk(_ identifier: [UInt8], _ body: [UInt8], size: UInt32? = nil, pad: Bool = true) -> [UInt8] {
        identifier + le32(size ?? UInt32(body.count)) + body + (pad && body.count % 2 == 1 ? [0] : [])
    }

    /// `RIFF`, the size of what follows (unless overridden), `WAVE`, then the chunks.
    static func riff(_ chunks: [UInt8]..., size: UInt32? = nil) -> [UInt8] {
        let body = chunks.flatMap { $0 }
        return Array("RIFF".utf8) + le32(size ?? UInt32(4 + body.count)) + Array("WAVE".utf8) + body
    }

    /// A `fmt ` body; block align and byte rate follow from the others unless overridden.
    static func formatBody(
        code: UInt16, channels: Int, sampleRate: Int, bitsPerSample: Int,
        blockAlign: Int? = nil, byteRate: Int? = nil, extensionSize: UInt16? = nil
    ) -> [UInt8] {
        let align = blockAlign ?? bitsPerSample / 8 * channels
        var body =
            le16(code) + le16(UInt16(truncatingIfNeeded: channels)) + le32(UInt32(truncatingIfNeeded: sampleRate))
        body += le32(UInt32(truncatingIfNeeded: byteRate ?? align * sampleRate))
        body += le16(UInt16(truncatingIfNeeded: align)) + le16(UInt16(truncatingIfNeeded: bitsPerSample))
        if let extensionSize { body += le16(extensionSize) }
        return body
    }

    /// A 40-byte WAVE_FORMAT_EXTENSIBLE `fmt ` body.
    static func extensibleBody(
        subformat: UInt16, channels: Int, sampleRate: Int, bitsPerSample: Int, validBits: Int? = nil,
        extensionSize: UInt16 = 22, guidTail: [UInt8] = standardGUIDTail
    ) -> [UInt8] {
        formatBody(
            code: 0xFFFE, channels: channels, sampleRate: sampleRate, bitsPerSample: bitsPerSample,
            extensionSize: extensionSize)
            + le16(UInt16(validBits ?? bitsPerSample)) + le32(channels == 2 ? 3 : 4) + le16(subformat) + guidTail
    }

    /// Bytes 2 to 15 of KSDATAFORMAT_SUBTYPE_PCM and its relatives.
    static let standardGUIDTail: [UInt8] = [0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xAA, 0, 0x38, 0x9B, 0x71]

    /// A `fmt ` chunk for 16-bit PCM.
    static func pcmFormat(channels: Int = 1, sampleRate: Int = 8_000) -> [UInt8] {
        chunk("fmt ", formatBody(code: 1, channels: channels, sampleRate: sampleRate, bitsPerSample: 16))
    }

    static func le16(_ value: UInt16) -> [UInt8] {
        [UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8)]
    }

    static func le32(_ value: UInt32) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }
}

/// Deterministic sample bytes (a simple linear congruential sequence).
func wavTestBytes(_ count: Int, seed: UInt64 = 1) -> [UInt8] {
    var state = seed
    return (0..<count).map { _ in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return UInt8(truncatingIfNeeded: state >> 33)
    }
}

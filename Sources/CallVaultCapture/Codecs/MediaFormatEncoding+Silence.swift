public import CallVaultCore

extension MediaFormat.Encoding {
    /// The byte that, repeated, fills a buffer of this encoding with digital silence, or `nil` for
    /// encodings without fixed-size samples (opaque codec packets have no silence byte).
    ///
    /// `0x00` for 16-bit PCM (each sample `0x0000`), `0xFF` for G.711 mu-law and `0xD5` for G.711
    /// A-law (the codes a zero sample encodes to). The recorder writes it for paused spans and lost
    /// packets, so a recording keeps its timeline.
    ///
    /// ```swift
    /// if let silence = format.encoding.silenceByte, let frame = format.bytesPerFrame {
    ///     let twentyMilliseconds = [UInt8](repeating: silence, count: frame * format.sampleRate / 50)
    /// }
    /// ```
    public var silenceByte: UInt8? {
        switch self {
        case .pcm16LittleEndian: 0x00
        case .muLaw: G711.MuLaw.silence
        case .aLaw: G711.ALaw.silence
        default: nil
        }
    }
}

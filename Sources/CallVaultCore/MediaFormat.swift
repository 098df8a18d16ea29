/// How the audio inside a recording is encoded: the encoding, sample rate and channel count.
///
/// The envelope header carries a recording's media format so a reader can turn a time range into
/// byte offsets and open only the segments it needs. Capture produces these formats; WAV files
/// declare them in their `fmt ` chunk.
///
/// ```swift
/// let telephone = MediaFormat(encoding: .muLaw, sampleRate: 8_000, channelCount: 2)
/// telephone.bytesPerFrame  // 2: one byte per sample, two channels
/// ```
public struct MediaFormat: Hashable, Sendable, CustomStringConvertible {
    /// The encoding of each sample.
    public var encoding: Encoding
    /// Samples per second per channel, in hertz.
    public var sampleRate: Int
    /// Channels per sample frame (for example 2 for an agent track and a customer track).
    public var channelCount: Int

    /// Creates a media format.
    public init(encoding: Encoding, sampleRate: Int, channelCount: Int) {
        self.encoding = encoding
        self.sampleRate = sampleRate
        self.channelCount = channelCount
    }

    /// Bytes in one sample frame (one sample of every channel), or `nil` for encodings without
    /// fixed-size samples, such as opaque codec packets.
    public var bytesPerFrame: Int? {
        encoding.bytesPerSample.map { $0 * channelCount }
    }

    /// Bytes of audio per second, or `nil` for encodings without fixed-size samples.
    public var bytesPerSecond: Int? {
        bytesPerFrame.map { $0 * sampleRate }
    }

    /// A short human-readable form, for example `G.711 mu-law, 8000 Hz, 2 channels`.
    public var description: String {
        "\(encoding), \(sampleRate) Hz, \(channelCount) channel\(channelCount == 1 ? "" : "s")"
    }
}

extension MediaFormat {
    /// A sample encoding.
    ///
    /// A struct around a private enum rather than a public enum, so new encodings can be added in
    /// later versions without breaking a host's exhaustive `switch`.
    public struct Encoding: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: UInt8, Hashable, Sendable {
            case pcm16LittleEndian = 1
            case muLaw = 2
            case aLaw = 3
            case opaque = 4
        }

        private let kind: Kind

        private init(_ kind: Kind) {
            self.kind = kind
        }

        /// Linear PCM, 16-bit signed little-endian samples.
        public static let pcm16LittleEndian = Encoding(.pcm16LittleEndian)
        /// ITU-T G.711 mu-law, one byte per sample.
        public static let muLaw = Encoding(.muLaw)
        /// ITU-T G.711 A-law, one byte per sample.
        public static let aLaw = Encoding(.aLaw)
        /// Opaque codec packets (for example Opus) kept as they arrived; no fixed bytes per sample.
        public static let opaque = Encoding(.opaque)

        /// The stable numeric code stored in envelope headers.
        public var code: UInt8 { kind.rawValue }

        /// Looks an encoding up by its stored code; `nil` for a code this version does not know.
        public init?(code: UInt8) {
            guard let kind = Kind(rawValue: code) else { return nil }
            self.kind = kind
        }

        /// Bytes per sample of one channel, or `nil` when samples have no fixed size.
        public var bytesPerSample: Int? {
            switch kind {
            case .pcm16LittleEndian: 2
            case .muLaw, .aLaw: 1
            case .opaque: nil
            }
        }

        /// A human-readable name, for example `PCM 16-bit`.
        public var description: String {
            switch kind {
            case .pcm16LittleEndian: "PCM 16-bit"
            case .muLaw: "G.711 mu-law"
            case .aLaw: "G.711 A-law"
            case .opaque: "opaque codec packets"
            }
        }
    }
}

import CallVaultCore

/// The absolute linear value of each sample code, for encodings with one-byte samples: the
/// quality monitor reads levels through it without decoding.
enum SampleLevels {
    static func magnitudes(for encoding: MediaFormat.Encoding) -> [Int32] {
        switch encoding {
        case .muLaw: G711.MuLaw.magnitudeTable.map(Int32.init)
        case .aLaw: G711.ALaw.magnitudeTable.map(Int32.init)
        default: []
        }
    }
}

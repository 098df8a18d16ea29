/// Constants of envelope format version 1; Documentation/ENVELOPE.md is the normative description.
enum EnvelopeFormat {
    static let magic: [UInt8] = [0x89, 0x43, 0x56, 0x52, 0x0D, 0x0A, 0x1A, 0x0A]  // \x89 C V R \r \n ^Z \n
    static let version: UInt16 = 1
    /// Bytes before the recording id: magic, version, algorithm, core length.
    static let prefixByteCount = 16
    static let tagByteCount = 16
    static let commitmentByteCount = 32
    static let macByteCount = 32

    static let trailerMagic: [UInt8] = Array("CVR-END\n".utf8)
    static let trailerByteCount = 16

    static let minimumSegmentSize = 16
    static let maximumSegmentSize = 16 << 20
    static let maximumCoreByteCount = 64 << 10
    static let maximumRecipients = 32
    static let maximumStringByteCount = 1_024
    static let maximumLabelByteCount = 255
    static let maximumChannelLabels = 64
    static let maximumChannelCount = 64
    static let maximumSampleRate = 768_000
    static let undeclaredLength = UInt64.max
    static let noStartTime = Int64.min

    /// `crypto_kdf` contexts (8 bytes each); the subkey id is the algorithm code.
    static let payloadContext = "CVPAYLOD"
    static let headerMACContext = "CVHDRMAC"
    static let commitmentContext = "CVCOMMIT"
}

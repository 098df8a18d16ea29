import CSodium
import CallVaultSupport
import Foundation

/// A public X25519 key that recordings can be encrypted to: the "who may open this" of an envelope.
///
/// Its text form is a Bech32m string with the prefix `callvault`, for example
/// `callvault1qyf...`, as `callvault keygen` prints it. The checksum rejects typos and truncation.
///
/// ```swift
/// let recipient = try Recipient(parsing: "callvault1...")
/// let wrap = try dataKey.wrapped(for: recipient, recordingID: id)
/// ```
public struct Recipient: Hashable, Sendable, CustomStringConvertible, Codable {
    /// The prefix of every recipient string.
    public static let stringPrefix = "callvault"
    /// The length of an X25519 public key.
    public static let byteCount = 32

    /// The 32 raw public-key bytes.
    public let rawRepresentation: [UInt8]
    /// A short identifier of this recipient, as listed in envelope headers (computed once, when
    /// the recipient is made, so a hashing failure is an error there rather than lost here).
    public let fingerprint: RecipientFingerprint

    /// Creates a recipient from raw X25519 public-key bytes.
    public init(rawRepresentation: some Collection<UInt8>) throws {
        guard rawRepresentation.count == Self.byteCount else {
            throw CryptoError.invalidKeyLength(
                kind: "recipient public key", expected: Self.byteCount, actual: rawRepresentation.count)
        }
        self.rawRepresentation = Array(rawRepresentation)
        self.fingerprint = try RecipientFingerprint(publicKey: self.rawRepresentation)
    }

    /// Parses a recipient string (`callvault1...`); surrounding whitespace is ignored.
    ///
    /// - Throws: ``CryptoError/malformedRecipient(reason:)`` saying what is wrong (wrong prefix,
    ///   bad checksum, wrong length).
    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let decoded: (prefix: String, bytes: [UInt8])
        do {
            decoded = try Bech32m.decode(trimmed)
        } catch {
            throw CryptoError.malformedRecipient(reason: Self.explain(error))
        }
        guard decoded.prefix == Self.stringPrefix else {
            throw CryptoError.malformedRecipient(
                reason: "it starts with '\(decoded.prefix)1', not '\(Self.stringPrefix)1'")
        }
        guard decoded.bytes.count == Self.byteCount else {
            throw CryptoError.malformedRecipient(
                reason: "it holds \(decoded.bytes.count) bytes instead of \(Self.byteCount)")
        }
        self.rawRepresentation = decoded.bytes
        self.fingerprint = try RecipientFingerprint(publicKey: decoded.bytes)
    }

    /// The recipient string, `callvault1...`.
    public var description: String {
        Bech32m.encode(prefix: Self.stringPrefix, bytes: rawRepresentation)
    }

    /// Encodes as the recipient string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Decodes from the recipient string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        try self.init(parsing: try container.decode(String.self))
    }

    private static func explain(_ error: Bech32m.DecodingError) -> String {
        switch error {
        case .tooLong: "it is too long"
        case .invalidCharacter: "it contains a character that cannot appear in a recipient string"
        case .mixedCase: "it mixes upper and lower case"
        case .missingSeparator, .emptyPrefix: "it does not start with 'callvault1'"
        case .checksumTooShort: "it is too short (truncated?)"
        case .badChecksum: "its checksum does not match (a typo, or a truncated copy)"
        case .badPadding: "its data has invalid padding"
        }
    }
}

/// A 128-bit identifier of a recipient: BLAKE2b-128 over a domain label and the public key.
///
/// Envelope headers list the fingerprint of every recipient a data key is wrapped for, so a reader
/// finds its wrap at once and `callvault inspect` can show who can open a recording.
public struct RecipientFingerprint: Hashable, Sendable, CustomStringConvertible, Codable {
    /// Fingerprint length in bytes.
    public static let byteCount = 16
    static let domain = Array("callvault-recipient-fingerprint-v1".utf8)

    /// The 16 fingerprint bytes.
    public let bytes: [UInt8]

    init(publicKey: [UInt8]) throws {
        var digest = [UInt8](repeating: 0, count: Self.byteCount)
        let input = Self.domain + publicKey
        try digest.withUnsafeMutableBytes { output in
            try input.withUnsafeBytes {
                try Sodium.genericHash(into: output, $0, key: UnsafeRawBufferPointer(start: nil, count: 0))
            }
        }
        self.bytes = digest
    }

    /// Reads a fingerprint from its 16 raw bytes.
    public init(bytes: some Collection<UInt8>) throws {
        guard bytes.count == Self.byteCount else {
            throw CryptoError.malformedFingerprint(Hex.encode(bytes))
        }
        self.bytes = Array(bytes)
    }

    /// Parses the 32-digit hexadecimal form.
    public init(parsing text: String) throws {
        guard let bytes = Hex.decode(text.trimmingCharacters(in: .whitespaces)),
            bytes.count == Self.byteCount
        else { throw CryptoError.malformedFingerprint(text) }
        self.bytes = bytes
    }

    /// 32 lowercase hexadecimal digits.
    public var description: String { Hex.encode(bytes) }

    /// Encodes as the hexadecimal form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Decodes from the hexadecimal form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        try self.init(parsing: try container.decode(String.self))
    }
}

public import Foundation

/// The identifier of one recording: a random 128-bit UUID.
///
/// Every encrypted recording carries its identifier in the envelope header, and every data-key wrap
/// is bound to it, so a wrap copied onto another recording does not open.
///
/// ```swift
/// let id = RecordingID()
/// let same = RecordingID(parsing: id.description)
/// ```
public struct RecordingID: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The underlying UUID.
    public let uuid: UUID

    /// Creates a new random identifier.
    public init() {
        self.uuid = UUID()
    }

    /// Wraps an existing UUID.
    public init(uuid: UUID) {
        self.uuid = uuid
    }

    /// Parses the canonical text form (`8-4-4-4-12` hexadecimal digits); `nil` if `text` is not a UUID.
    public init?(parsing text: String) {
        guard let uuid = UUID(uuidString: text) else { return nil }
        self.uuid = uuid
    }

    /// Reads an identifier from exactly 16 bytes, as stored in an envelope header.
    ///
    /// Returns `nil` when `bytes` does not hold exactly 16 bytes.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 16 else { return nil }
        let b = Array(bytes)
        self.uuid = UUID(
            uuid: (
                b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
                b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]
            ))
    }

    /// The 16 bytes of the identifier, in the order the UUID's text form shows them.
    public var bytes: [UInt8] {
        withUnsafeBytes(of: uuid.uuid) { Array($0) }
    }

    /// The lowercase canonical text form, for example `6f1c2b0e-...`.
    public var description: String {
        uuid.uuidString.lowercased()
    }
}

extension RecordingID: Comparable {
    /// Orders by the identifier's bytes (the same order as the text form), so stores and sweeps
    /// page through recordings in one stable order.
    public static func < (lhs: RecordingID, rhs: RecordingID) -> Bool {
        withUnsafeBytes(of: lhs.uuid.uuid) { left in
            withUnsafeBytes(of: rhs.uuid.uuid) { right in
                left.lexicographicallyPrecedes(right)
            }
        }
    }
}

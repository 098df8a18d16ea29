import CallVaultCrypto
import Foundation
import GRDB

/// The bytes a catalog row's signature covers: every column of the `recording` row that says what
/// the recording is, who may reach it and what was promised (all of them but the signature), its
/// version, and the BLAKE2b digest of each consent receipt in order.
///
/// The columns are encoded as stored (SQLite's own value types, tagged and length-prefixed, under
/// their names), so what is verified is exactly what a reader decodes, and a reader needs no
/// re-encoding to check it. A domain string first keeps these signatures apart from every other
/// document the organisation key signs.
enum CatalogRowMessage {
    /// The domain separation string, with its version.
    static let domain = Array("CallVault catalog row signature v1\u{0}".utf8)

    /// The signed columns, in signing order. A new security-relevant column is appended here in a
    /// new message version, never inserted.
    static let columns = [
        "id", "call_id", "state", "started_at", "ended_at", "agent_id", "team", "queue", "customer_id",
        "sensitivity", "media_encoding", "media_sample_rate", "media_channel_count", "is_quarantined",
        "line_of_business", "parties", "disclosed_purposes", "tracks", "timeline", "tags", "declared_regimes",
        "content_id", "superseded_content", "redactions",
    ]

    /// The message for the column values (in ``columns`` order), the row's version and its
    /// receipts' signed files.
    static func message(values: [DatabaseValue], version: Int64, receiptFiles: [String]) throws -> [UInt8] {
        var bytes = domain
        bytes.reserveCapacity(2_048)
        append(version, to: &bytes)
        for (name, value) in zip(columns, values) {
            append(Array(name.utf8), to: &bytes)
            switch value.storage {
            case .null:
                bytes.append(0)
            case .int64(let integer):
                bytes.append(1)
                append(integer, to: &bytes)
            case .double(let double):
                bytes.append(2)
                append(Int64(bitPattern: double.bitPattern), to: &bytes)
            case .string(let text):
                bytes.append(3)
                append(Array(text.utf8), to: &bytes)
            case .blob(let data):
                bytes.append(4)
                append(Array(data), to: &bytes)
            }
        }
        append(Int64(receiptFiles.count), to: &bytes)
        for file in receiptFiles {
            bytes += try BLAKE2b.hash(Array(file.utf8)).bytes
        }
        return bytes
    }

    /// An SQL expression over a `recording` row: 0 when no signed column holds a NUL byte, else
    /// the position of the first in their concatenation. Text is read back only up to a NUL, so
    /// bytes after one are neither signed nor seen; the database still compares them.
    static let nulByteProbe =
        "instr(CAST(" + columns.map { "coalesce(\($0), '')" }.joined(separator: " || ") + " AS BLOB), x'00')"

    /// The values of the signed columns of a fetched row.
    static func values(of row: Row) -> [DatabaseValue] {
        columns.map { row[$0] as DatabaseValue? ?? .null }
    }

    private static func append(_ value: Int64, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { bytes += $0 }
    }

    private static func append(_ field: [UInt8], to bytes: inout [UInt8]) {
        append(Int64(field.count), to: &bytes)
        bytes += field
    }
}

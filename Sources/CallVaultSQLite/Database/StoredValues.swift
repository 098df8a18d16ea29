import CallVaultCore
import Foundation
import GRDB

/// How values are turned into columns and back, in one place so every store stores them alike.
enum StoredValues {
    /// Seconds since 2001-01-01: `Date`'s own representation, so a stored time reads back equal.
    static func time(_ date: Date) -> Double { date.timeIntervalSinceReferenceDate }

    /// The date of a stored time.
    static func date(_ seconds: Double) -> Date { Date(timeIntervalSinceReferenceDate: seconds) }

    /// The stored form of a recording id: lower-case UUID text, whose byte order is the id's order.
    static func key(_ id: RecordingID) -> String { id.description }

    /// A recording id read back.
    static func recordingID(_ text: String, table: String) throws -> RecordingID {
        guard let id = RecordingID(parsing: text), id.description == text else {
            throw SQLiteVaultError.unreadableRow(table: table, key: text, reason: "the id is not a lower-case UUID")
        }
        return id
    }

    /// JSON with sorted keys, so equal values store as equal text.
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// A JSON column read back; a column that does not decode is an unreadable row.
    static func decode<Value: Decodable>(
        _ type: Value.Type, from text: String, table: String, key: String, column: String
    ) throws -> Value {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw SQLiteVaultError.unreadableRow(
                table: table, key: key, reason: "\(column) is not valid JSON: \(error)")
        }
    }

    /// An unsigned 64-bit value as SQLite's signed integer.
    static func integer(_ value: UInt64, field: String) throws -> Int64 {
        guard let integer = Int64(exactly: value) else {
            throw SQLiteVaultError.valueOutOfRange(field: field, value: String(value))
        }
        return integer
    }

    /// A stored integer as the unsigned value it was.
    static func unsigned(_ value: Int64, table: String, key: String, column: String) throws -> UInt64 {
        guard let unsigned = UInt64(exactly: value) else {
            throw SQLiteVaultError.unreadableRow(table: table, key: key, reason: "\(column) is negative")
        }
        return unsigned
    }
}

extension Row {
    /// A column's value; a column of the wrong type is an unreadable row (GRDB's subscripts would
    /// stop the process instead, and a damaged database is input, not a programming error).
    func value<Value: DatabaseValueConvertible>(_ column: String, table: String, key: String) throws -> Value {
        do {
            return try decode(Value.self, forColumn: column)
        } catch {
            throw SQLiteVaultError.unreadableRow(table: table, key: key, reason: "column \(column): \(error)")
        }
    }
}

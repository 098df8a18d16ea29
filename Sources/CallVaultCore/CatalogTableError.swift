/// A catalog's error type, able to report every problem ``CatalogTable`` finds in a CSV file's
/// shape.
///
/// The consent and retention catalogs read the same CSV format through ``CatalogTable``, so their
/// errors share the kinds of a badly shaped file (malformed, a missing or unknown column, a row
/// with the wrong number of fields). Conforming gives a catalog's error ``reading(_:)`` and the
/// sentences of those kinds once, here, instead of in each module; the catalog names itself in
/// ``catalogName``.
package protocol CatalogTableError: Error {
    /// The catalog as a sentence starts naming it, such as `Consent catalog`.
    static var catalogName: String { get }
    /// The error for a file that holds no header line.
    static var fileWithoutHeader: Self { get }
    /// The file is not well-formed CSV.
    static func malformedFile(line: Int, reason: String) -> Self
    /// The header line lacks a required column.
    static func missingColumn(_ text: String) -> Self
    /// A row has a different number of fields than the header.
    static func wrongFieldCount(line: Int, expected: Int, found: Int) -> Self
    /// A field holds a value the column does not allow.
    static func invalidValue(line: Int, column: String, value: String, expected: String) -> Self
}

extension CatalogTableError {
    /// The error for a table whose shape is wrong: a repeated or unknown column is a header field
    /// whose value its column does not allow.
    package static func reading(_ problem: CatalogTable.Problem) -> Self {
        switch problem {
        case .malformed(let line, let reason): .malformedFile(line: line, reason: reason)
        case .empty: fileWithoutHeader
        case .missingColumn(let column): .missingColumn(column)
        case .repeatedColumn(let line, let column):
            .invalidValue(line: line, column: column, value: column, expected: "a column named only once")
        case .unknownColumn(let line, let column, let known):
            .invalidValue(
                line: line, column: column, value: column,
                expected: "a known column (\(known.joined(separator: ", ")))")
        case .wrongFieldCount(let line, let expected, let found):
            .wrongFieldCount(line: line, expected: expected, found: found)
        }
    }

    /// The sentence for a file that is not well-formed CSV, naming the line.
    package static func malformedFileMessage(line: Int, reason: String) -> String {
        "\(catalogName) line \(line): \(reason)."
    }

    /// The sentence for a row with a different number of fields than the header.
    package static func wrongFieldCountMessage(line: Int, expected: Int, found: Int) -> String {
        "\(catalogName) line \(line) has \(found) fields, the header has \(expected); quote fields that contain commas."
    }

    /// The sentence for a field whose value its column does not allow.
    package static func invalidValueMessage(line: Int, column: String, value: String, expected: String) -> String {
        "\(catalogName) line \(line), column '\(column)': '\(value)' is not \(expected)."
    }
}

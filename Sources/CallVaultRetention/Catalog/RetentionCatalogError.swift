public import CallVaultCore

/// Errors loading a retention catalog. Each names the line, and the column or rule, at fault.
public enum RetentionCatalogError: CallVaultError, Equatable {
    /// The file is not well-formed CSV.
    case malformedFile(line: Int, reason: String)
    /// The header line lacks a required column.
    case missingColumn(String)
    /// A row has a different number of fields than the header.
    case wrongFieldCount(line: Int, expected: Int, found: Int)
    /// A field holds a value the column does not allow.
    case invalidValue(line: Int, column: String, value: String, expected: String)
    /// Two rows with the same rule id.
    case duplicateRule(line: Int, id: String, firstLine: Int)
    /// A rule whose minimum is longer than its own maximum.
    case minimumExceedsMaximum(line: Int, id: String)
    /// The catalog has no rows.
    case empty

    /// A sentence naming the line and what to fix.
    public var description: String {
        switch self {
        case .malformedFile(let line, let reason):
            "Retention catalog line \(line): \(reason)."
        case .missingColumn(let name):
            "The retention catalog's header line has no '\(name)' column; the first line must name the columns (\(RetentionCatalog.requiredColumns.joined(separator: ", ")); optionally \(RetentionCatalog.optionalColumns.joined(separator: ", ")))."
        case .wrongFieldCount(let line, let expected, let found):
            "Retention catalog line \(line) has \(found) fields, the header has \(expected); quote fields that contain commas."
        case .invalidValue(let line, let column, let value, let expected):
            "Retention catalog line \(line), column '\(column)': '\(value)' is not \(expected)."
        case .duplicateRule(let line, let id, let firstLine):
            "Retention catalog line \(line) repeats rule \(id), already given on line \(firstLine); keep one row per rule."
        case .minimumExceedsMaximum(let line, let id):
            "Retention catalog line \(line): rule \(id) has a minimum longer than its maximum; one of the two is wrong."
        case .empty:
            "The retention catalog has no rules: the file is empty or holds only a header line."
        }
    }
}

extension RetentionCatalogError {
    /// The error for a table whose shape is wrong.
    static func reading(_ problem: CatalogTable.Problem) -> RetentionCatalogError {
        switch problem {
        case .malformed(let line, let reason): .malformedFile(line: line, reason: reason)
        case .empty: .empty
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
}

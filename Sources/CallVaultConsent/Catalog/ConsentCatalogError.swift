public import CallVaultCore

/// Errors loading a consent catalog. Each names the line (and column) at fault.
public enum ConsentCatalogError: CallVaultError, Equatable {
    /// The file is not well-formed CSV.
    case malformedFile(line: Int, reason: String)
    /// The header line lacks a required column.
    case missingColumn(String)
    /// A row has a different number of fields than the header.
    case wrongFieldCount(line: Int, expected: Int, found: Int)
    /// A field holds a value the column does not allow.
    case invalidValue(line: Int, column: String, value: String, expected: String)
    /// Two rows for the same jurisdiction.
    case duplicateJurisdiction(line: Int, code: String, firstLine: Int)
    /// A `mixed` row without a model for every medium.
    case mixedWithoutMediumModels(line: Int, code: String)
    /// The catalog has a header but no rows.
    case empty
    /// The file holds nothing at all: no header line, no rows (an empty or blank file).
    case emptyFile

    /// A sentence naming the line and what to fix.
    public var description: String {
        switch self {
        case .malformedFile(let line, let reason):
            "Consent catalog line \(line): \(reason)."
        case .missingColumn(let name):
            "Consent catalog line 1 (the header) has no '\(name)' column; the first line must name the columns (code, name, consent_model, notice_counts_as_consent, notes, source; optionally landline, mobile, voip, floors, data_protection, recorded_notice, reviewed)."
        case .wrongFieldCount(let line, let expected, let found):
            "Consent catalog line \(line) has \(found) fields, the header has \(expected); quote fields that contain commas."
        case .invalidValue(let line, let column, let value, let expected):
            "Consent catalog line \(line), column '\(column)': '\(value)' is not \(expected)."
        case .duplicateJurisdiction(let line, let code, let firstLine):
            "Consent catalog line \(line) repeats \(code), already given on line \(firstLine); keep one row per jurisdiction."
        case .mixedWithoutMediumModels(let line, let code):
            "Consent catalog line \(line): \(code) is 'mixed' but does not give a model in each of the landline, mobile and voip columns."
        case .empty:
            "The consent catalog has a header but no jurisdictions."
        case .emptyFile:
            "The consent catalog file is empty: it has no header line and no jurisdictions; the first line must name the columns (code, name, consent_model, notice_counts_as_consent, notes, source), one row per jurisdiction after it."
        }
    }
}

extension ConsentCatalogError {
    /// The error for a table whose shape is wrong.
    static func reading(_ problem: CatalogTable.Problem) -> ConsentCatalogError {
        switch problem {
        case .malformed(let line, let reason): .malformedFile(line: line, reason: reason)
        case .empty: .emptyFile
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

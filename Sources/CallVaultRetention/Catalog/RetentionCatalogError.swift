public import CallVaultCore

/// Errors loading a retention catalog. Each names the line, and the column or rule, at fault.
public struct RetentionCatalogError: CallVaultError, Equatable, CallVaultReasonedError {
    /// The stable codes of ``RetentionCatalogError``.
    public struct Code: CallVaultErrorCode {
        /// The error type these codes belong to.
        public typealias Owner = RetentionCatalogError
        /// The code's stable text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// The file is not well-formed CSV.
        public static let malformedFile = Code("retentioncatalog.malformed-file")
        /// The header line lacks a required column.
        public static let missingColumn = Code("retentioncatalog.missing-column")
        /// A row has a different number of fields than the header.
        public static let wrongFieldCount = Code("retentioncatalog.wrong-field-count")
        /// A field holds a value the column does not allow.
        public static let invalidValue = Code("retentioncatalog.invalid-value")
        /// Two rows with the same rule id.
        public static let duplicateRule = Code("retentioncatalog.duplicate-rule")
        /// A rule whose minimum is longer than its own maximum.
        public static let minimumExceedsMaximum = Code("retentioncatalog.minimum-exceeds-maximum")
        /// The catalog has no rows.
        public static let empty = Code("retentioncatalog.empty")

        /// Every code of this type.
        public static let all: [Code] = [
            malformedFile, missingColumn, wrongFieldCount, invalidValue, duplicateRule, minimumExceedsMaximum, empty,
        ]
    }

    /// What happened, with its details; the package's own code switches over it.
    package enum Reason: Equatable, Sendable {
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
    }

    /// What happened, with its details.
    package let reason: Reason
    /// The error that caused this one, if any.
    public let underlying: (any Error)?

    /// Creates an error from its reason and cause.
    package init(_ reason: Reason, underlying: (any Error)? = nil) {
        self.reason = reason
        self.underlying = underlying
    }

    /// What kind of failure this is.
    public var code: Code {
        switch reason {
        case .malformedFile: .malformedFile
        case .missingColumn: .missingColumn
        case .wrongFieldCount: .wrongFieldCount
        case .invalidValue: .invalidValue
        case .duplicateRule: .duplicateRule
        case .minimumExceedsMaximum: .minimumExceedsMaximum
        case .empty: .empty
        }
    }

    /// A sentence naming the line and what to fix.
    public var message: String {
        switch reason {
        case .malformedFile(let line, let reason):
            Self.malformedFileMessage(line: line, reason: reason)
        case .missingColumn(let name):
            "The retention catalog's header line has no '\(name)' column; the first line must name the columns (\(RetentionCatalog.requiredColumns.joined(separator: ", ")); optionally \(RetentionCatalog.optionalColumns.joined(separator: ", ")))."
        case .wrongFieldCount(let line, let expected, let found):
            Self.wrongFieldCountMessage(line: line, expected: expected, found: found)
        case .invalidValue(let line, let column, let value, let expected):
            Self.invalidValueMessage(line: line, column: column, value: value, expected: expected)
        case .duplicateRule(let line, let id, let firstLine):
            "Retention catalog line \(line) repeats rule \(id), already given on line \(firstLine); keep one row per rule."
        case .minimumExceedsMaximum(let line, let id):
            "Retention catalog line \(line): rule \(id) has a minimum longer than its maximum; one of the two is wrong."
        case .empty:
            "The retention catalog has no rules: the file is empty or holds only a header line."
        }
    }

    /// The file is not well-formed CSV.
    public static func malformedFile(line: Int, reason: String) -> RetentionCatalogError {
        RetentionCatalogError(.malformedFile(line: line, reason: reason))
    }
    /// The code for ``malformedFile(line:reason:)``, for `catch RetentionCatalogError.malformedFile`.
    public static let malformedFile = Code.malformedFile

    /// The header line lacks a required column.
    public static func missingColumn(_ text: String) -> RetentionCatalogError {
        RetentionCatalogError(.missingColumn(text))
    }
    /// The code for ``missingColumn(_:)``, for `catch RetentionCatalogError.missingColumn`.
    public static let missingColumn = Code.missingColumn

    /// A row has a different number of fields than the header.
    public static func wrongFieldCount(line: Int, expected: Int, found: Int) -> RetentionCatalogError {
        RetentionCatalogError(.wrongFieldCount(line: line, expected: expected, found: found))
    }
    /// The code for ``wrongFieldCount(line:expected:found:)``, for `catch RetentionCatalogError.wrongFieldCount`.
    public static let wrongFieldCount = Code.wrongFieldCount

    /// A field holds a value the column does not allow.
    public static func invalidValue(line: Int, column: String, value: String, expected: String) -> RetentionCatalogError
    { RetentionCatalogError(.invalidValue(line: line, column: column, value: value, expected: expected)) }
    /// The code for ``invalidValue(line:column:value:expected:)``, for `catch RetentionCatalogError.invalidValue`.
    public static let invalidValue = Code.invalidValue

    /// Two rows with the same rule id.
    public static func duplicateRule(line: Int, id: String, firstLine: Int) -> RetentionCatalogError {
        RetentionCatalogError(.duplicateRule(line: line, id: id, firstLine: firstLine))
    }
    /// The code for ``duplicateRule(line:id:firstLine:)``, for `catch RetentionCatalogError.duplicateRule`.
    public static let duplicateRule = Code.duplicateRule

    /// A rule whose minimum is longer than its own maximum.
    public static func minimumExceedsMaximum(line: Int, id: String) -> RetentionCatalogError {
        RetentionCatalogError(.minimumExceedsMaximum(line: line, id: id))
    }
    /// The code for ``minimumExceedsMaximum(line:id:)``, for `catch RetentionCatalogError.minimumExceedsMaximum`.
    public static let minimumExceedsMaximum = Code.minimumExceedsMaximum

    /// The catalog has no rows.
    public static var empty: RetentionCatalogError { RetentionCatalogError(.empty) }
}

extension RetentionCatalogError: CatalogTableError {
    /// How this catalog's messages name it.
    package static var catalogName: String { "Retention catalog" }
    /// The error for a file that holds no header line.
    package static var fileWithoutHeader: RetentionCatalogError { .empty }
}

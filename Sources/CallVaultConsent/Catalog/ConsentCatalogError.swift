public import CallVaultCore

/// Errors loading a consent catalog. Each names the line (and column) at fault.
public struct ConsentCatalogError: CallVaultError, Equatable, CallVaultReasonedError {
    /// The stable codes of ``ConsentCatalogError``.
    public struct Code: CallVaultErrorCode {
        /// The error type these codes belong to.
        public typealias Owner = ConsentCatalogError
        /// The code's stable text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// The file is not well-formed CSV.
        public static let malformedFile = Code("consentcatalog.malformed-file")
        /// The header line lacks a required column.
        public static let missingColumn = Code("consentcatalog.missing-column")
        /// A row has a different number of fields than the header.
        public static let wrongFieldCount = Code("consentcatalog.wrong-field-count")
        /// A field holds a value the column does not allow.
        public static let invalidValue = Code("consentcatalog.invalid-value")
        /// Two rows for the same jurisdiction.
        public static let duplicateJurisdiction = Code("consentcatalog.duplicate-jurisdiction")
        /// A `mixed` row without a model for every medium.
        public static let mixedWithoutMediumModels = Code("consentcatalog.mixed-without-medium-models")
        /// The catalog has a header but no rows.
        public static let empty = Code("consentcatalog.empty")
        /// The file holds nothing at all: no header line, no rows (an empty or blank file).
        public static let emptyFile = Code("consentcatalog.empty-file")

        /// Every code of this type.
        public static let all: [Code] = [
            malformedFile, missingColumn, wrongFieldCount, invalidValue, duplicateJurisdiction,
            mixedWithoutMediumModels, empty, emptyFile,
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
        /// Two rows for the same jurisdiction.
        case duplicateJurisdiction(line: Int, code: String, firstLine: Int)
        /// A `mixed` row without a model for every medium.
        case mixedWithoutMediumModels(line: Int, code: String)
        /// The catalog has a header but no rows.
        case empty
        /// The file holds nothing at all: no header line, no rows (an empty or blank file).
        case emptyFile
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
        case .duplicateJurisdiction: .duplicateJurisdiction
        case .mixedWithoutMediumModels: .mixedWithoutMediumModels
        case .empty: .empty
        case .emptyFile: .emptyFile
        }
    }

    /// A sentence naming the line and what to fix.
    public var message: String {
        switch reason {
        case .malformedFile(let line, let reason):
            Self.malformedFileMessage(line: line, reason: reason)
        case .missingColumn(let name):
            "Consent catalog line 1 (the header) has no '\(name)' column; the first line must name the columns (code, name, consent_model, notice_counts_as_consent, notes, source; optionally landline, mobile, voip, floors, data_protection, recorded_notice, reviewed)."
        case .wrongFieldCount(let line, let expected, let found):
            Self.wrongFieldCountMessage(line: line, expected: expected, found: found)
        case .invalidValue(let line, let column, let value, let expected):
            Self.invalidValueMessage(line: line, column: column, value: value, expected: expected)
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

    /// The file is not well-formed CSV.
    public static func malformedFile(line: Int, reason: String) -> ConsentCatalogError {
        ConsentCatalogError(.malformedFile(line: line, reason: reason))
    }
    /// The code for ``malformedFile(line:reason:)``, for `catch ConsentCatalogError.malformedFile`.
    public static let malformedFile = Code.malformedFile

    /// The header line lacks a required column.
    public static func missingColumn(_ text: String) -> ConsentCatalogError {
        ConsentCatalogError(.missingColumn(text))
    }
    /// The code for ``missingColumn(_:)``, for `catch ConsentCatalogError.missingColumn`.
    public static let missingColumn = Code.missingColumn

    /// A row has a different number of fields than the header.
    public static func wrongFieldCount(line: Int, expected: Int, found: Int) -> ConsentCatalogError {
        ConsentCatalogError(.wrongFieldCount(line: line, expected: expected, found: found))
    }
    /// The code for ``wrongFieldCount(line:expected:found:)``, for `catch ConsentCatalogError.wrongFieldCount`.
    public static let wrongFieldCount = Code.wrongFieldCount

    /// A field holds a value the column does not allow.
    public static func invalidValue(line: Int, column: String, value: String, expected: String) -> ConsentCatalogError {
        ConsentCatalogError(.invalidValue(line: line, column: column, value: value, expected: expected))
    }
    /// The code for ``invalidValue(line:column:value:expected:)``, for `catch ConsentCatalogError.invalidValue`.
    public static let invalidValue = Code.invalidValue

    /// Two rows for the same jurisdiction.
    public static func duplicateJurisdiction(line: Int, code: String, firstLine: Int) -> ConsentCatalogError {
        ConsentCatalogError(.duplicateJurisdiction(line: line, code: code, firstLine: firstLine))
    }
    /// The code for ``duplicateJurisdiction(line:code:firstLine:)``, for `catch ConsentCatalogError.duplicateJurisdiction`.
    public static let duplicateJurisdiction = Code.duplicateJurisdiction

    /// A `mixed` row without a model for every medium.
    public static func mixedWithoutMediumModels(line: Int, code: String) -> ConsentCatalogError {
        ConsentCatalogError(.mixedWithoutMediumModels(line: line, code: code))
    }
    /// The code for ``mixedWithoutMediumModels(line:code:)``, for `catch ConsentCatalogError.mixedWithoutMediumModels`.
    public static let mixedWithoutMediumModels = Code.mixedWithoutMediumModels

    /// The catalog has a header but no rows.
    public static var empty: ConsentCatalogError { ConsentCatalogError(.empty) }

    /// The file holds nothing at all: no header line, no rows (an empty or blank file).
    public static var emptyFile: ConsentCatalogError { ConsentCatalogError(.emptyFile) }
}

extension ConsentCatalogError: CatalogTableError {
    /// How this catalog's messages name it.
    package static var catalogName: String { "Consent catalog" }
    /// The error for a file that holds no header line.
    package static var fileWithoutHeader: ConsentCatalogError { .emptyFile }
}

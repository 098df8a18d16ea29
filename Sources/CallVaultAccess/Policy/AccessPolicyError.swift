public import CallVaultCore

/// Errors reading an access policy, each naming the line (when read from a file) and the field.
///
/// The same cases describe what is wrong with a principal or recording description
/// (``AccessDescriptionError/problem``), so one `switch` reads both.
public struct AccessPolicyError: CallVaultError, Equatable, CallVaultReasonedError {
    /// The stable codes of ``AccessPolicyError``.
    public struct Code: CallVaultErrorCode {
        /// The error type these codes belong to.
        public typealias Owner = AccessPolicyError
        /// The code's stable text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// The file is not well-formed JSON.
        public static let malformedFile = Code("accesspolicy.malformed-file")
        /// The policy has no version label.
        public static let missingVersion = Code("accesspolicy.missing-version")
        /// A required field is absent.
        public static let missingField = Code("accesspolicy.missing-field")
        /// A field the format does not have (a misspelling would otherwise silently widen a rule).
        public static let unknownField = Code("accesspolicy.unknown-field")
        /// A field holds a value it does not allow.
        public static let invalidValue = Code("accesspolicy.invalid-value")
        /// Two rules share an id.
        public static let duplicateRule = Code("accesspolicy.duplicate-rule")

        /// Every code of this type.
        public static let all: [Code] = [
            malformedFile, missingVersion, missingField, unknownField, invalidValue, duplicateRule,
        ]
    }

    /// What happened, with its details; the package's own code switches over it.
    package enum Reason: Equatable, Sendable {
        /// The file is not well-formed JSON.
        case malformedFile(line: Int, reason: String)
        /// The policy has no version label.
        case missingVersion
        /// A required field is absent.
        case missingField(line: Int?, field: String)
        /// A field the format does not have (a misspelling would otherwise silently widen a rule).
        case unknownField(line: Int, field: String, known: [String])
        /// A field holds a value it does not allow.
        case invalidValue(line: Int?, field: String, value: String, expected: String)
        /// Two rules share an id.
        case duplicateRule(id: String, line: Int?, firstLine: Int?)
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
        case .missingVersion: .missingVersion
        case .missingField: .missingField
        case .unknownField: .unknownField
        case .invalidValue: .invalidValue
        case .duplicateRule: .duplicateRule
        }
    }

    /// The line of the file at fault, when the error came from a file.
    public var line: Int? {
        switch reason {
        case .malformedFile(let line, _), .unknownField(let line, _, _): line
        case .missingField(let line, _), .invalidValue(let line, _, _, _), .duplicateRule(_, let line, _): line
        case .missingVersion: nil
        }
    }

    /// A sentence naming the line and what to fix.
    public var message: String { sentence(document: "Access policy") }

    /// The sentence, with `document` naming the kind of file (`Access policy`, `Principal`).
    func sentence(document: String) -> String {
        let at = line.map { "\(document) line \($0): " } ?? "\(document): "
        return switch reason {
        case .malformedFile(_, let reason):
            "\(at)\(reason)."
        case .missingVersion:
            "The access policy has no \"version\"; give one so every decision records which policy made it."
        case .missingField(_, let field):
            "\(at)the \"\(field)\" field is required."
        case .unknownField(_, let field, let known):
            "\(at)\"\(field)\" is not a field here; the fields are \(known.joined(separator: ", "))."
        case .invalidValue(_, let field, let value, let expected):
            "\(at)\"\(field)\" is \(value), but it must be \(expected)."
        case .duplicateRule(let id, _, let firstLine):
            "\(at)rule id '\(id)' is already used\(firstLine.map { " on line \($0)" } ?? ""); give each rule its own id."
        }
    }

    /// The file is not well-formed JSON.
    public static func malformedFile(line: Int, reason: String) -> AccessPolicyError {
        AccessPolicyError(.malformedFile(line: line, reason: reason))
    }
    /// The code for ``malformedFile(line:reason:)``, for `catch AccessPolicyError.malformedFile`.
    public static let malformedFile = Code.malformedFile

    /// The policy has no version label.
    public static var missingVersion: AccessPolicyError { AccessPolicyError(.missingVersion) }

    /// A required field is absent.
    public static func missingField(line: Int?, field: String) -> AccessPolicyError {
        AccessPolicyError(.missingField(line: line, field: field))
    }
    /// The code for ``missingField(line:field:)``, for `catch AccessPolicyError.missingField`.
    public static let missingField = Code.missingField

    /// A field the format does not have (a misspelling would otherwise silently widen a rule).
    public static func unknownField(line: Int, field: String, known: [String]) -> AccessPolicyError {
        AccessPolicyError(.unknownField(line: line, field: field, known: known))
    }
    /// The code for ``unknownField(line:field:known:)``, for `catch AccessPolicyError.unknownField`.
    public static let unknownField = Code.unknownField

    /// A field holds a value it does not allow.
    public static func invalidValue(line: Int?, field: String, value: String, expected: String) -> AccessPolicyError {
        AccessPolicyError(.invalidValue(line: line, field: field, value: value, expected: expected))
    }
    /// The code for ``invalidValue(line:field:value:expected:)``, for `catch AccessPolicyError.invalidValue`.
    public static let invalidValue = Code.invalidValue

    /// Two rules share an id.
    public static func duplicateRule(id: String, line: Int?, firstLine: Int?) -> AccessPolicyError {
        AccessPolicyError(.duplicateRule(id: id, line: line, firstLine: firstLine))
    }
    /// The code for ``duplicateRule(id:line:firstLine:)``, for `catch AccessPolicyError.duplicateRule`.
    public static let duplicateRule = Code.duplicateRule
}

public import CallVaultCore

/// Errors reading an access policy, each naming the line (when read from a file) and the field.
///
/// The same cases describe what is wrong with a principal or recording description
/// (``AccessDescriptionError/problem``), so one `switch` reads both.
public enum AccessPolicyError: CallVaultError, Equatable {
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

    /// The line of the file at fault, when the error came from a file.
    public var line: Int? {
        switch self {
        case .malformedFile(let line, _), .unknownField(let line, _, _): line
        case .missingField(let line, _), .invalidValue(let line, _, _, _), .duplicateRule(_, let line, _): line
        case .missingVersion: nil
        }
    }

    /// A sentence naming the line and what to fix.
    public var description: String { sentence(document: "Access policy") }

    /// The sentence, with `document` naming the kind of file (`Access policy`, `Principal`).
    func sentence(document: String) -> String {
        let at = line.map { "\(document) line \($0): " } ?? "\(document): "
        return switch self {
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
}

public import CallVaultCore

/// Errors reading an access policy, each naming the line (when read from a file) and the field.
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

    /// A sentence naming the line and what to fix.
    public var description: String {
        switch self {
        case .malformedFile(let line, let reason):
            "Access policy line \(line): \(reason)."
        case .missingVersion:
            "The access policy has no \"version\"; give one so every decision records which policy made it."
        case .missingField(let line, let field):
            "\(Self.at(line))the \"\(field)\" field is required."
        case .unknownField(let line, let field, let known):
            "Access policy line \(line): \"\(field)\" is not a field here; the fields are \(known.joined(separator: ", "))."
        case .invalidValue(let line, let field, let value, let expected):
            "\(Self.at(line))\"\(field)\" is '\(value)', but it must be \(expected)."
        case .duplicateRule(let id, let line, let firstLine):
            "\(Self.at(line))rule id '\(id)' is already used\(firstLine.map { " on line \($0)" } ?? ""); give each rule its own id."
        }
    }

    private static func at(_ line: Int?) -> String {
        line.map { "Access policy line \($0): " } ?? "Access policy: "
    }
}

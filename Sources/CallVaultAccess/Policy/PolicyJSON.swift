import CallVaultSupport

/// Policy and description files read with the support layer's strict reader (``JSONReader``),
/// which remembers the line of every value so errors can name it (Foundation's decoder reports
/// paths, not lines). A key written twice in one object is refused: readers differ on which
/// occurrence counts, and a policy must say one thing.
enum PolicyJSON {
    /// Parses a whole document.
    static func parse(_ text: String) throws(AccessPolicyError) -> JSONNode {
        let root: JSONNode
        do {
            root = try JSONReader.parse(text)
        } catch {
            throw .malformedFile(line: error.position.line, reason: error.reason)
        }
        if let repeated = root.firstRepeatedKey() {
            throw .malformedFile(
                line: repeated.position.line, reason: "the field \"\(repeated.key)\" appears twice in one object")
        }
        return root
    }
}

extension JSONNode {
    /// The value as an error message quotes it: a string in quotes, a number or literal as
    /// written, a list or object by its kind.
    var summary: String {
        switch value {
        case .object: "an object"
        case .array: "a list"
        case .string(let text): "'\(text.count > 80 ? String(text.prefix(80)) + "..." : text)'"
        case .number(let number):
            number.double == number.double.rounded() && abs(number.double) < 1e15
                ? "\(Int(number.double))" : "\(number.double)"
        case .bool(let flag): "\(flag)"
        case .null: "null"
        }
    }
}

/// Template text split into literal runs and `{name}` placeholders.
///
/// Braces always delimit a placeholder: there is no escape, because disclosures are plain text
/// that never needs a literal brace, and any stray brace is reported rather than spoken.
struct TemplateText: Hashable, Sendable {
    enum Segment: Hashable, Sendable {
        case literal(String)
        case placeholder(String)
    }

    /// Why text is not a well-formed template.
    enum Problem: Error, Hashable {
        /// A `{` without a matching `}`, a `}` without a `{`, or an empty or non-letter name.
        case malformed(String)
    }

    let segments: [Segment]

    /// The placeholder names, in order of first use.
    var placeholderNames: [String] {
        var names: [String] = []
        for case .placeholder(let name) in segments where !names.contains(name) { names.append(name) }
        return names
    }

    /// Splits `text`.
    init(parsing text: String) throws(Problem) {
        var segments: [Segment] = []
        var literal = ""
        var name: String?
        for character in text {
            switch (character, name) {
            case ("{", nil):
                if !literal.isEmpty { segments.append(.literal(literal)) }
                literal = ""
                name = ""
            case ("{", .some(let open)):
                throw .malformed("has a '{' inside the placeholder '{\(open)'")
            case ("}", nil):
                throw .malformed("has a '}' without a '{' before it")
            case ("}", .some(let closed)):
                guard !closed.isEmpty, closed.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                    throw .malformed("has the placeholder '{\(closed)}', whose name is not ASCII letters")
                }
                segments.append(.placeholder(closed))
                name = nil
            case (_, nil):
                literal.append(character)
            case (_, .some(let open)):
                name = open + String(character)
            }
        }
        if let open = name { throw .malformed("has a '{' that is never closed, at '{\(open)'") }
        if !literal.isEmpty { segments.append(.literal(literal)) }
        self.segments = segments
    }

    /// Fills the placeholders with `value(name)`.
    func filled<Failure: Error>(_ value: (String) throws(Failure) -> String) throws(Failure) -> String {
        var text = ""
        for segment in segments {
            switch segment {
            case .literal(let literal): text += literal
            case .placeholder(let name): text += try value(name)
            }
        }
        return text
    }
}

/// Why ``JSONReader`` refused a document, and where: callers map it to their own error, keeping
/// the line.
package struct JSONReadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong.
    package enum Problem: Equatable, Sendable {
        /// The text ends where a value should start (an empty document, or one cut short).
        case endOfDocument
        /// Something other than white space follows the document's one value.
        case textAfterDocument
        /// A character that cannot start a value (a bare word, a comment, a single quote).
        case expectedValue
        /// An object's member does not start with a quoted key.
        case expectedKey
        /// A key is not followed by `:`.
        case expectedColon(key: String)
        /// An object's member is followed by neither `,` nor `}`.
        case expectedCommaOrBrace
        /// A list's element is followed by neither `,` nor `]`.
        case expectedCommaOrBracket
        /// The text ends inside an object.
        case unclosedObject
        /// The text ends inside a list.
        case unclosedList
        /// The text ends inside a string.
        case unclosedString
        /// A line feed inside a string (JSON writes it `\n`).
        case lineBreakInString
        /// Another control character (U+0000 to U+001F) inside a string.
        case controlCharacterInString
        /// A backslash followed by a letter JSON does not define.
        case unknownEscape
        /// `\u` not followed by four hexadecimal digits.
        case malformedUnicodeEscape
        /// A `\u` escape of one half of a UTF-16 surrogate pair without its other half: no character.
        case loneSurrogate
        /// Bytes that are not UTF-8.
        case invalidUTF8
        /// A misspelt `true`, `false` or `null`.
        case expectedLiteral(String)
        /// A number not written as JSON writes numbers (`01`, `+1`, `.5`, `1.`, `1e`).
        case malformedNumber(String)
        /// Objects and lists nested deeper than the reader's limit.
        case nestedTooDeeply(limit: Int)
    }

    /// What is wrong.
    package let problem: Problem
    /// Where the reader found it.
    package let position: JSONPosition

    /// Creates an error.
    package init(_ problem: Problem, at position: JSONPosition) {
        self.problem = problem
        self.position = position
    }

    /// What is wrong, as a clause without the position (callers put their own line in front).
    package var reason: String {
        switch problem {
        case .endOfDocument: "the document ends where a value was expected"
        case .textAfterDocument: "text after the end of the JSON document"
        case .expectedValue: "expected a value (a string, number, true, false, null, object or list)"
        case .expectedKey: "expected a quoted field name"
        case .expectedColon(let key): "expected ':' after \"\(key)\""
        case .expectedCommaOrBrace: "expected ',' or '}' in an object"
        case .expectedCommaOrBracket: "expected ',' or ']' in a list"
        case .unclosedObject: "an object is never closed"
        case .unclosedList: "a list is never closed"
        case .unclosedString: "a string is never closed"
        case .lineBreakInString: "a string runs past the end of the line"
        case .controlCharacterInString: "a control character inside a string"
        case .unknownEscape: "an unknown escape in a string"
        case .malformedUnicodeEscape: "a \\u escape needs four hexadecimal digits"
        case .loneSurrogate:
            "a \\u escape is half of a surrogate pair without the other half, which is no character"
        case .invalidUTF8: "the text is not valid UTF-8"
        case .expectedLiteral(let word): "expected \(word)"
        case .malformedNumber(let text):
            "'\(text.prefix(40))' is not a JSON number (digits without leading zeros, an optional fraction and exponent)"
        case .nestedTooDeeply(let limit): "objects and lists are nested too deeply (more than \(limit) levels)"
        }
    }

    /// `Not valid JSON at line L, column C: <reason>.`
    package var description: String { "Not valid JSON at \(position): \(reason)." }
}

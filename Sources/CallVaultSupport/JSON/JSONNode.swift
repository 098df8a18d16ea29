/// One value of a JSON document as ``JSONReader`` read it, with where it starts, so an error about
/// a field can name its line.
///
/// An object keeps every member in the order written, repeated keys included: JSON leaves the
/// meaning of a repeated key open, so the reader records what the text says and each caller
/// decides (``firstRepeatedKey()`` finds one; CallVault's callers refuse it).
package struct JSONNode: Equatable, Sendable {
    /// What a value is.
    package indirect enum Value: Equatable, Sendable {
        /// An object's members, in the order written, repeated keys included.
        case object([Member])
        /// A list's elements, in order.
        case array([JSONNode])
        /// A string, its escapes decoded.
        case string(String)
        /// A number, as written.
        case number(JSONNumber)
        /// `true` or `false`.
        case bool(Bool)
        /// `null`.
        case null
    }

    /// One `"key": value` of an object.
    package struct Member: Equatable, Sendable {
        /// The key, its escapes decoded (`"retention\u0044ays"` is `retentionDays`).
        package let key: String
        /// Where the key's opening quote is.
        package let keyPosition: JSONPosition
        /// The value.
        package let value: JSONNode

        /// The line of the key (from 1): where an error about this field points.
        package var line: Int { keyPosition.line }

        /// Creates a member.
        package init(key: String, keyPosition: JSONPosition, value: JSONNode) {
            self.key = key
            self.keyPosition = keyPosition
            self.value = value
        }
    }

    /// The value.
    package let value: Value
    /// Where the value's first character is.
    package let position: JSONPosition

    /// The line (from 1) the value starts on.
    package var line: Int { position.line }

    /// Creates a node.
    package init(value: Value, position: JSONPosition) {
        self.value = value
        self.position = position
    }
}

/// A place in a JSON document's text.
package struct JSONPosition: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The line, from 1 (lines end at line feeds).
    package let line: Int
    /// The column, from 1, counted in bytes of UTF-8 (a tab is one column).
    package let column: Int
    /// The offset from the start of the text, in bytes.
    package let offset: Int

    /// Creates a position.
    package init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// `line L, column C`.
    package var description: String { "line \(line), column \(column)" }
}

/// A JSON number kept as written, so no reader's rounding decides what a huge or very precise
/// number means: each caller converts it and refuses what it cannot hold.
package struct JSONNumber: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The number as the document writes it (valid JSON number syntax: `-12`, `0.5`, `1e400`).
    package let literal: String

    /// Wraps a literal the reader has checked.
    package init(literal: String) {
        self.literal = literal
    }

    /// The nearest `Double`: infinite for a magnitude beyond `Double`'s (`1e400`), rounded for
    /// more digits than it holds. Callers wanting an exact whole number use ``integer``.
    package var double: Double { Double(literal) ?? .nan }

    /// The number as an `Int` when it is written as a whole number (no fraction or exponent) that
    /// fits; `nil` otherwise.
    package var integer: Int? { Int(literal) }

    /// The literal.
    package var description: String { literal }
}

import CallVaultSupport
import Testing

/// The one strict JSON reader: what it refuses (and where it says the fault is), what it keeps
/// (repeated keys, numbers as written), and the line and column of every value.
@Suite("Support: JSONReader")
struct JSONReaderTests {
    struct Refusal: Sendable, CustomTestStringConvertible {
        let name: String
        let text: String
        let problem: JSONReadError.Problem
        let line: Int
        let column: Int

        var testDescription: String { name }
    }

    static let refusals: [Refusal] = [
        Refusal(name: "empty", text: "", problem: .endOfDocument, line: 1, column: 1),
        Refusal(name: "only white space", text: " \n\t\n  ", problem: .endOfDocument, line: 3, column: 3),
        Refusal(name: "text after the document", text: "{}\n x", problem: .textAfterDocument, line: 2, column: 2),
        Refusal(name: "a second document", text: "1 2", problem: .textAfterDocument, line: 1, column: 3),
        Refusal(name: "a bare word", text: "[\n  yes]", problem: .expectedValue, line: 2, column: 3),
        Refusal(name: "a comment", text: "{\n// c\n}", problem: .expectedKey, line: 2, column: 1),
        Refusal(name: "single quotes", text: "{'a': 1}", problem: .expectedKey, line: 1, column: 2),
        Refusal(
            name: "a trailing comma in an object", text: "{\"a\": 1,\n}", problem: .expectedKey, line: 2, column: 1),
        Refusal(name: "a trailing comma in a list", text: "[1,\n]", problem: .expectedValue, line: 2, column: 1),
        Refusal(name: "a missing colon", text: "{\"a\" 1}", problem: .expectedColon(key: "a"), line: 1, column: 6),
        Refusal(
            name: "a missing comma in an object", text: "{\"a\": 1\n \"b\": 2}", problem: .expectedCommaOrBrace,
            line: 2, column: 2),
        Refusal(name: "a missing comma in a list", text: "[1 2]", problem: .expectedCommaOrBracket, line: 1, column: 4),
        Refusal(name: "an unclosed object", text: "{\"a\": 1", problem: .unclosedObject, line: 1, column: 8),
        Refusal(name: "an unclosed list", text: "[1,\n2", problem: .unclosedList, line: 2, column: 2),
        Refusal(name: "an unclosed string", text: "[\"abc", problem: .unclosedString, line: 1, column: 6),
        Refusal(name: "a string ending in a backslash", text: "\"abc\\", problem: .unclosedString, line: 1, column: 6),
        Refusal(name: "a line break in a string", text: "[\"a\nb\"]", problem: .lineBreakInString, line: 1, column: 4),
        Refusal(name: "a tab in a string", text: "\"a\tb\"", problem: .controlCharacterInString, line: 1, column: 3),
        Refusal(name: "an unknown escape", text: "\"a\\qb\"", problem: .unknownEscape, line: 1, column: 3),
        Refusal(
            name: "a short unicode escape", text: "\"\\u12\"", problem: .malformedUnicodeEscape, line: 1, column: 6),
        Refusal(
            name: "a signed unicode escape", text: "\"\\u+041\"", problem: .malformedUnicodeEscape, line: 1, column: 4),
        Refusal(name: "a lone high surrogate", text: "\n \"x\\ud83dy\"", problem: .loneSurrogate, line: 2, column: 4),
        Refusal(name: "a lone low surrogate", text: "\"\\ude00\"", problem: .loneSurrogate, line: 1, column: 2),
        Refusal(
            name: "a high surrogate before a letter escape", text: "\"\\ud83d\\u0041\"", problem: .loneSurrogate,
            line: 1, column: 2),
        Refusal(name: "two high surrogates", text: "\"\\ud83d\\ud83d\"", problem: .loneSurrogate, line: 1, column: 2),
        Refusal(name: "a truncated true", text: "[tru]", problem: .expectedLiteral("true"), line: 1, column: 2),
        Refusal(name: "a capital null", text: "Null", problem: .expectedValue, line: 1, column: 1),
        Refusal(name: "a leading zero", text: "[01]", problem: .malformedNumber("01"), line: 1, column: 2),
        Refusal(name: "a plus sign", text: "[+1]", problem: .expectedValue, line: 1, column: 2),
        Refusal(name: "a bare fraction", text: "[-.5]", problem: .malformedNumber("-.5"), line: 1, column: 2),
        Refusal(name: "a trailing point", text: "[1.]", problem: .malformedNumber("1."), line: 1, column: 2),
        Refusal(name: "an empty exponent", text: "[1e+]", problem: .malformedNumber("1e+"), line: 1, column: 2),
        Refusal(name: "infinity", text: "[-Infinity]", problem: .malformedNumber("-"), line: 1, column: 2),
        Refusal(name: "a hexadecimal number", text: "0x10", problem: .textAfterDocument, line: 1, column: 2),
    ]

    @Test("malformed text is refused with the problem and where it is", arguments: refusals)
    func refused(_ example: Refusal) {
        #expect(
            throws: JSONReadError(example.problem, at: Self.position(example.line, example.column, in: example.text))
        ) {
            try JSONReader.parse(example.text)
        }
    }

    @Test("bytes that are not UTF-8 are refused where they are, inside a string or out")
    func invalidUTF8() {
        let cases: [(bytes: [UInt8], offset: Int)] = [
            (Array("[\"ab".utf8) + [0xC3, 0x28] + Array("\"]".utf8), 4),  // a lead byte without its continuation
            (Array("{\"k\":\n \"".utf8) + [0xC0, 0xAF, 0x22, 0x7D], 8),  // an overlong '/'
            (Array("\"".utf8) + [0xED, 0xA0, 0x80, 0x22], 1),  // a UTF-16 surrogate encoded as UTF-8
            (Array("[1]".utf8) + [0xFF], 3),  // after the document
            (Array("\"é".utf8) + [0xE2, 0x82], 3),  // cut short at the end
        ]
        for (bytes, offset) in cases {
            let error = #expect(throws: JSONReadError.self) { try JSONReader.parse(bytes: bytes) }
            #expect(error?.problem == .invalidUTF8)
            #expect(error?.position.offset == offset, "\(bytes)")
        }
        #expect(throws: Never.self) { try JSONReader.parse(bytes: Array("[\"é€😀\"]".utf8)) }
    }

    @Test("a UTF-8 byte order mark is skipped; columns count from after it")
    func byteOrderMark() throws {
        let document = try JSONReader.parse(bytes: [0xEF, 0xBB, 0xBF] + Array("{\"a\": 1}".utf8))
        #expect(document.position == JSONPosition(line: 1, column: 1, offset: 3))
        #expect(throws: JSONReadError.self) { try JSONReader.parse(bytes: Array("1".utf8) + [0xEF, 0xBB, 0xBF]) }
    }

    @Test("nesting up to the limit reads; one deeper is refused at the bracket that goes too deep")
    func depthLimit() throws {
        let limit = JSONReader.defaultDepthLimit
        let deepest = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        #expect(throws: Never.self) { try JSONReader.parse(deepest) }
        let tooDeep = String(repeating: "[", count: limit) + "{\"a\": 1}" + String(repeating: "]", count: limit)
        #expect(
            throws: JSONReadError(
                .nestedTooDeeply(limit: limit), at: JSONPosition(line: 1, column: limit + 1, offset: limit))
        ) {
            try JSONReader.parse(tooDeep)
        }
        #expect(throws: JSONReadError(.nestedTooDeeply(limit: 3), at: JSONPosition(line: 1, column: 4, offset: 3))) {
            try JSONReader.parse("[[[[]]]]", depthLimit: 3)
        }
    }

    @Test("a bomb of a million brackets is refused without exhausting the stack")
    func depthBomb() {
        let bomb = String(repeating: "[{\"a\":", count: 500_000)
        let error = #expect(throws: JSONReadError.self) { try JSONReader.parse(bomb) }
        #expect(error?.problem == .nestedTooDeeply(limit: JSONReader.defaultDepthLimit))
    }

    @Test("repeated keys are kept in order, and the first repeat is found with its path and line")
    func repeatedKeys() throws {
        let text = """
            {
              "a": 1,
              "list": [{"x": 1}, {"y": 2,
                "y": 3}],
              "a": 2
            }
            """
        let document = try JSONReader.parse(text)
        guard case .object(let members) = document.value else {
            Issue.record("not an object: \(document)")
            return
        }
        #expect(members.map(\.key) == ["a", "list", "a"])
        #expect(members.map(\.line) == [2, 3, 5])
        let repeated = try #require(document.firstRepeatedKey())
        #expect(repeated.path == "list[1].y")
        #expect(repeated.key == "y")
        #expect(repeated.position == Self.position(4, 5, in: text))
        // Escapes are decoded before keys are compared: these are one key.
        let escaped = try JSONReader.parse("{\"retentionDays\": 1, \"retention\\u0044ays\": 2}")
        #expect(escaped.firstRepeatedKey()?.path == "retentionDays")
        #expect(try JSONReader.parse("{\"a\": {\"a\": 1}, \"b\": [{\"a\": 2}]}").firstRepeatedKey() == nil)
    }

    @Test("numbers are kept as written, so a huge or very long one means what it says")
    func hugeNumbers() throws {
        let digits = String(repeating: "9", count: 400)
        let document = try JSONReader.parse("[1e400, -1E-400, \(digits), 12345678901234567890, -0, 42, 2.5e+3]")
        guard case .array(let elements) = document.value else {
            Issue.record("not a list")
            return
        }
        let numbers = elements.compactMap { node -> JSONNumber? in
            if case .number(let number) = node.value { number } else { nil }
        }
        #expect(numbers.map(\.literal) == ["1e400", "-1E-400", digits, "12345678901234567890", "-0", "42", "2.5e+3"])
        #expect(numbers[0].double == .infinity)
        #expect(numbers[1].double == 0)
        #expect(numbers[2].integer == nil, "400 digits do not fit an Int")
        #expect(numbers[3].integer == nil, "beyond Int.max")
        #expect(numbers[5].integer == 42)
        #expect(numbers[6].integer == nil && numbers[6].double == 2_500)
    }

    @Test("every value, key and element has its line and column; CRLF ends a line once")
    func positions() throws {
        let text =
            "{\r\n  \"name\": \"Acme\",\r\n  \"purposes\": [\n    \"quality\",\n\t\"training\"\n  ],\n  \"n\": null\n}"
        let document = try JSONReader.parse(text)
        let fields = document.fields()
        #expect(fields.map(\.path) == ["name", "purposes", "purposes[0]", "purposes[1]", "n"])
        #expect(
            fields.map(\.position) == [
                Self.position(2, 3, in: text), Self.position(3, 3, in: text), Self.position(4, 5, in: text),
                Self.position(5, 2, in: text), Self.position(7, 3, in: text),
            ])
        guard case .object(let members) = document.value else {
            Issue.record("not an object")
            return
        }
        #expect(members[0].value.position == Self.position(2, 11, in: text))
        #expect(members[1].value.position == Self.position(3, 15, in: text))
        #expect(members[2].value == JSONNode(value: .null, position: Self.position(7, 8, in: text)))
    }

    @Test("escapes decode, surrogate pairs included")
    func escapes() throws {
        let document = try JSONReader.parse(#"["\"\\\/\b\f\n\r\t", "\u00e9\u20AC\ud83d\ude00", "\u0000"]"#)
        guard case .array(let elements) = document.value else {
            Issue.record("not a list")
            return
        }
        let strings = elements.compactMap { node -> String? in
            if case .string(let text) = node.value { text } else { nil }
        }
        #expect(strings == ["\"\\/\u{8}\u{C}\n\r\t", "é€😀", "\u{0}"])
    }

    @Test("the error says where, in a sentence")
    func description() {
        let error = #expect(throws: JSONReadError.self) { try JSONReader.parse("{\n  \"a\": 1\n  \"b\": 2\n}") }
        #expect(error?.description == "Not valid JSON at line 3, column 3: expected ',' or '}' in an object.")
    }

    /// The position of `line` and `column` in `text` (columns in bytes from 1), with its offset.
    static func position(_ line: Int, _ column: Int, in text: String) -> JSONPosition {
        var offset = 0
        var currentLine = 1
        for byte in text.utf8 {
            if currentLine == line { break }
            offset += 1
            if byte == UInt8(ascii: "\n") { currentLine += 1 }
        }
        return JSONPosition(line: line, column: column, offset: offset + column - 1)
    }
}

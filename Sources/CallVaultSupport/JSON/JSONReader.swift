/// The one strict JSON reader of CallVault's own files (access policies, principal and recording
/// descriptions, `vault.json`): RFC 8259 and nothing more, recording where every value starts.
///
/// Foundation's readers report paths, not lines, take one of a repeated key's values without a
/// word, and accept some text that is not JSON; this one refuses comments, trailing commas, single
/// quotes, lone surrogates, bytes that are not UTF-8, numbers JSON does not write (`01`, `+1`,
/// `.5`) and anything after the document, each with a ``JSONReadError`` saying where. A UTF-8
/// byte order mark at the start is skipped.
package enum JSONReader {
    /// How deeply objects and lists may nest by default: far beyond any CallVault file, and low
    /// enough that a document of brackets cannot exhaust the stack.
    package static let defaultDepthLimit = 64

    /// Reads a whole document.
    package static func parse(_ text: String, depthLimit: Int = defaultDepthLimit) throws(JSONReadError) -> JSONNode {
        var parser = Parser(bytes: Array(text.utf8), depthLimit: depthLimit)
        return try parser.document()
    }

    /// Reads a whole document from bytes, which must be UTF-8.
    package static func parse(bytes: [UInt8], depthLimit: Int = defaultDepthLimit) throws(JSONReadError) -> JSONNode {
        var parser = Parser(bytes: bytes, depthLimit: depthLimit)
        if let offset = firstInvalidUTF8(in: bytes) {
            throw JSONReadError(.invalidUTF8, at: parser.position(ofOffset: offset))
        }
        return try parser.document()
    }

    /// The offset of the first byte that does not begin a well-formed UTF-8 scalar (overlong
    /// forms, surrogates and truncated sequences included), or `nil`.
    static func firstInvalidUTF8(in bytes: [UInt8]) -> Int? {
        var decoder = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch decoder.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .error: return offset
            case .emptyInput: return nil
            }
        }
    }
}

/// Recursive descent over the bytes, counting lines as it goes.
private struct Parser {
    let bytes: [UInt8]
    let depthLimit: Int
    var index = 0
    var line = 1
    var lineStart = 0
    var depth = 0

    init(bytes: [UInt8], depthLimit: Int) {
        self.bytes = bytes
        self.depthLimit = depthLimit
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            index = 3
            lineStart = 3
        }
    }

    var here: JSONPosition { JSONPosition(line: line, column: index - lineStart + 1, offset: index) }

    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    /// The position of `offset`, counting lines from the start (for errors found before parsing).
    func position(ofOffset offset: Int) -> JSONPosition {
        var line = 1
        var lineStart = 0
        for (at, byte) in bytes[..<offset].enumerated() where byte == UInt8(ascii: "\n") {
            line += 1
            lineStart = at + 1
        }
        return JSONPosition(line: line, column: offset - lineStart + 1, offset: offset)
    }

    func fail(_ problem: JSONReadError.Problem) -> JSONReadError {
        JSONReadError(problem, at: here)
    }

    mutating func document() throws(JSONReadError) -> JSONNode {
        skipSpace()
        let node = try value()
        skipSpace()
        guard index == bytes.count else { throw fail(.textAfterDocument) }
        return node
    }

    mutating func skipSpace() {
        while let byte = current {
            switch byte {
            case UInt8(ascii: "\n"):
                line += 1
                lineStart = index + 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): break
            default: return
            }
            index += 1
        }
    }

    mutating func value() throws(JSONReadError) -> JSONNode {
        guard let byte = current else { throw fail(.endOfDocument) }
        let start = here
        let value: JSONNode.Value
        switch byte {
        case UInt8(ascii: "{"): value = try object()
        case UInt8(ascii: "["): value = try array()
        case UInt8(ascii: "\""): value = .string(try string())
        case UInt8(ascii: "t"): value = try literal("true", .bool(true))
        case UInt8(ascii: "f"): value = try literal("false", .bool(false))
        case UInt8(ascii: "n"): value = try literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): value = .number(try number())
        default: throw fail(.expectedValue)
        }
        return JSONNode(value: value, position: start)
    }

    mutating func enter() throws(JSONReadError) {
        depth += 1
        guard depth <= depthLimit else { throw fail(.nestedTooDeeply(limit: depthLimit)) }
        index += 1
    }

    mutating func object() throws(JSONReadError) -> JSONNode.Value {
        try enter()
        defer { depth -= 1 }
        var members: [JSONNode.Member] = []
        skipSpace()
        if current == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipSpace()
            let keyPosition = here
            guard current == UInt8(ascii: "\"") else {
                throw fail(current == nil ? .unclosedObject : .expectedKey)
            }
            let key = try string()
            skipSpace()
            guard current == UInt8(ascii: ":") else { throw fail(.expectedColon(key: key)) }
            index += 1
            skipSpace()
            members.append(JSONNode.Member(key: key, keyPosition: keyPosition, value: try value()))
            skipSpace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                return .object(members)
            case nil: throw fail(.unclosedObject)
            default: throw fail(.expectedCommaOrBrace)
            }
        }
    }

    mutating func array() throws(JSONReadError) -> JSONNode.Value {
        try enter()
        defer { depth -= 1 }
        var elements: [JSONNode] = []
        skipSpace()
        if current == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            skipSpace()
            elements.append(try value())
            skipSpace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                return .array(elements)
            case nil: throw fail(.unclosedList)
            default: throw fail(.expectedCommaOrBracket)
            }
        }
    }

    mutating func literal(_ word: String, _ value: JSONNode.Value) throws(JSONReadError) -> JSONNode.Value {
        let expected = Array(word.utf8)
        guard bytes.count - index >= expected.count, bytes[index..<index + expected.count].elementsEqual(expected)
        else { throw fail(.expectedLiteral(word)) }
        index += expected.count
        return value
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, checked on the whole run of
    /// number-like characters so `01` or `1.` is named as a bad number, not a missing comma.
    mutating func number() throws(JSONReadError) -> JSONNumber {
        let start = here
        let first = index
        while let byte = current, Self.isNumberCharacter(byte) { index += 1 }
        let run = bytes[first..<index]
        guard Self.isJSONNumber(run) else {
            throw JSONReadError(.malformedNumber(String(decoding: run, as: UTF8.self)), at: start)
        }
        return JSONNumber(literal: String(decoding: run, as: UTF8.self))
    }

    static func isNumberCharacter(_ byte: UInt8) -> Bool {
        isDigit(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    static func isJSONNumber(_ run: ArraySlice<UInt8>) -> Bool {
        var at = run.startIndex
        func digits() -> Int {
            let from = at
            while at < run.endIndex, isDigit(run[at]) { at += 1 }
            return at - from
        }
        if at < run.endIndex, run[at] == UInt8(ascii: "-") { at += 1 }
        guard at < run.endIndex, isDigit(run[at]) else { return false }
        if run[at] == UInt8(ascii: "0") { at += 1 } else { _ = digits() }
        if at < run.endIndex, run[at] == UInt8(ascii: ".") {
            at += 1
            guard digits() > 0 else { return false }
        }
        if at < run.endIndex, run[at] == UInt8(ascii: "e") || run[at] == UInt8(ascii: "E") {
            at += 1
            if at < run.endIndex, run[at] == UInt8(ascii: "+") || run[at] == UInt8(ascii: "-") { at += 1 }
            guard digits() > 0 else { return false }
        }
        return at == run.endIndex
    }

    /// A string from its opening quote; the bytes between quotes are UTF-8 already (the document
    /// was checked, or came from a `String`).
    mutating func string() throws(JSONReadError) -> String {
        index += 1
        var out: [UInt8] = []
        while let byte = current {
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try escape(into: &out)
            case UInt8(ascii: "\n"):
                throw fail(.lineBreakInString)
            case 0..<0x20:
                throw fail(.controlCharacterInString)
            default:
                out.append(byte)
                index += 1
            }
        }
        throw fail(.unclosedString)
    }

    /// One escape from its backslash, appended to `out` as UTF-8.
    mutating func escape(into out: inout [UInt8]) throws(JSONReadError) {
        let start = here
        index += 1
        guard let escaped = current else { throw fail(.unclosedString) }
        index += 1
        switch escaped {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escaped)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "u"):
            var scalarValue = try hexUnit()
            if (0xDC00..<0xE000).contains(scalarValue) { throw JSONReadError(.loneSurrogate, at: start) }
            if (0xD800..<0xDC00).contains(scalarValue) {
                // Only a `\u` low half completes it.
                guard bytes.count - index >= 2, bytes[index] == UInt8(ascii: "\\"),
                    bytes[index + 1] == UInt8(ascii: "u")
                else { throw JSONReadError(.loneSurrogate, at: start) }
                index += 2
                let low = try hexUnit()
                guard (0xDC00..<0xE000).contains(low) else { throw JSONReadError(.loneSurrogate, at: start) }
                scalarValue = 0x10000 + ((scalarValue - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let scalar = Unicode.Scalar(scalarValue) else { throw JSONReadError(.loneSurrogate, at: start) }
            out.append(contentsOf: String(scalar).utf8)
        default:
            throw JSONReadError(.unknownEscape, at: start)
        }
    }

    /// The four hexadecimal digits after `\u`.
    mutating func hexUnit() throws(JSONReadError) -> UInt32 {
        var unit: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current, let digit = Hex.value(byte) else { throw fail(.malformedUnicodeEscape) }
            unit = unit << 4 | UInt32(digit)
            index += 1
        }
        return unit
    }
}

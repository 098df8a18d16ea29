/// A small JSON reader that remembers the line of every value, so policy errors can name it
/// (Foundation's decoder reports paths, not lines). Strict RFC 8259; no comments.
struct PolicyJSON {
    indirect enum Value {
        case object([(key: String, value: Node, line: Int)])
        case array([Node])
        case string(String)
        case number(Double)
        case bool(Bool)
        case null
    }

    struct Node {
        let value: Value
        let line: Int

        /// The value as an error message quotes it: a string in quotes, a number or literal as
        /// written, a list or object by its kind.
        var summary: String {
            switch value {
            case .object: "an object"
            case .array: "a list"
            case .string(let text): "'\(text.count > 80 ? String(text.prefix(80)) + "..." : text)'"
            case .number(let number): number == number.rounded() && abs(number) < 1e15 ? "\(Int(number))" : "\(number)"
            case .bool(let flag): "\(flag)"
            case .null: "null"
            }
        }
    }

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var depth = 0

    /// Parses a whole document.
    static func parse(_ text: String) throws(AccessPolicyError) -> Node {
        var parser = PolicyJSON(bytes: Array(text.utf8))
        parser.skipSpace()
        let node = try parser.value()
        parser.skipSpace()
        guard parser.index == parser.bytes.count else { throw parser.error("text after the end of the JSON document") }
        return node
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    private func error(_ reason: String) -> AccessPolicyError {
        .malformedFile(line: line, reason: reason)
    }

    private mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\n"): line += 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): break
            default: return
            }
            index += 1
        }
    }

    private mutating func value() throws(AccessPolicyError) -> Node {
        guard index < bytes.count else { throw error("the document ends where a value was expected") }
        let start = line
        switch bytes[index] {
        case UInt8(ascii: "{"):
            depth += 1
            guard depth <= 64 else { throw error("objects and lists are nested too deeply") }
            defer { depth -= 1 }
            index += 1
            var members: [(key: String, value: Node, line: Int)] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return Node(value: .object(members), line: start)
            }
            while true {
                skipSpace()
                let keyLine = line
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                    throw error("expected a quoted field name")
                }
                let key = try string()
                if members.contains(where: { $0.key == key }) {
                    throw error("the field \"\(key)\" appears twice in one object")
                }
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                    throw error("expected ':' after \"\(key)\"")
                }
                index += 1
                skipSpace()
                members.append((key, try value(), keyLine))
                skipSpace()
                guard index < bytes.count else { throw error("an object is never closed") }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                guard bytes[index] == UInt8(ascii: "}") else { throw error("expected ',' or '}' in an object") }
                index += 1
                return Node(value: .object(members), line: start)
            }
        case UInt8(ascii: "["):
            depth += 1
            guard depth <= 64 else { throw error("objects and lists are nested too deeply") }
            defer { depth -= 1 }
            index += 1
            var elements: [Node] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return Node(value: .array(elements), line: start)
            }
            while true {
                skipSpace()
                elements.append(try value())
                skipSpace()
                guard index < bytes.count else { throw error("a list is never closed") }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                guard bytes[index] == UInt8(ascii: "]") else { throw error("expected ',' or ']' in a list") }
                index += 1
                return Node(value: .array(elements), line: start)
            }
        case UInt8(ascii: "\""):
            return Node(value: .string(try string()), line: start)
        case UInt8(ascii: "t"):
            try literal("true")
            return Node(value: .bool(true), line: start)
        case UInt8(ascii: "f"):
            try literal("false")
            return Node(value: .bool(false), line: start)
        case UInt8(ascii: "n"):
            try literal("null")
            return Node(value: .null, line: start)
        default:
            return Node(value: .number(try number()), line: start)
        }
    }

    private mutating func literal(_ word: String) throws(AccessPolicyError) {
        let expected = Array(word.utf8)
        guard bytes.count - index >= expected.count, Array(bytes[index..<index + expected.count]) == expected else {
            throw error("expected \(word)")
        }
        index += expected.count
    }

    private mutating func number() throws(AccessPolicyError) -> Double {
        let start = index
        while index < bytes.count, "-+.eE0123456789".utf8.contains(bytes[index]) { index += 1 }
        guard index > start, let value = Double(String(decoding: bytes[start..<index], as: UTF8.self)) else {
            throw error("expected a value (a string, number, true, false, null, object or list)")
        }
        return value
    }

    private mutating func string() throws(AccessPolicyError) -> String {
        index += 1
        var out: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: out, as: UTF8.self) else {
                    throw error("a string is not valid UTF-8")
                }
                return text
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { throw error("a string ends in a backslash") }
                let escaped = bytes[index]
                index += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escaped)
                case UInt8(ascii: "n"): out.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "t"): out.append(UInt8(ascii: "\t"))
                case UInt8(ascii: "r"): out.append(UInt8(ascii: "\r"))
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    guard bytes.count - index >= 4,
                        bytes[index..<index + 4].allSatisfy({ Self.isHexDigit($0) }),
                        let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16),
                        let scalar = Unicode.Scalar(code)
                    else { throw error("a \\u escape is not a Unicode scalar (surrogate pairs are not accepted)") }
                    index += 4
                    out += Array(String(Character(scalar)).utf8)
                default:
                    throw error("an unknown escape in a string")
                }
            case UInt8(ascii: "\n"):
                throw error("a string runs past the end of the line")
            case 0..<0x20:
                throw error("a control character inside a string")
            default:
                out.append(byte)
            }
        }
        throw error("a string is never closed")
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F"))
    }
}

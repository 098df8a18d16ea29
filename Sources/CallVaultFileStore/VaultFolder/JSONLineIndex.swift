/// The line each field of a JSON document starts on, so an error about a field of `vault.json`
/// can point at its line. Paths are written as the configuration's errors name fields:
/// `consentPolicy.responseTimeoutSeconds`, `purposes[1]`, `retentionPolicies.policies[0].id`.
///
/// It also finds the first key written twice in one object (`duplicate`): JSON leaves such a
/// document's meaning open, and Foundation's two readers take different occurrences, so a
/// configuration read by one and audited by the other would disagree. Keys are compared as read,
/// escapes decoded (`"retention\u0044ays"` is `retentionDays`).
///
/// A small scanner, not a parser: it is only run on text that is also decoded, so on text that is
/// not JSON it stops where it is lost and keeps what it found.
struct JSONLineIndex {
    private var lines: [String: Int] = [:]
    /// The first key written twice in one object: its path and the line of its second occurrence.
    let duplicate: (path: String, line: Int)?

    init(_ text: String) {
        var scanner = Scanner(bytes: Array(text.utf8))
        scanner.value(path: "")
        lines = scanner.lines
        duplicate = scanner.duplicate
    }

    /// The line (from 1) of `field`, or of the nearest enclosing field the index knows.
    func line(of field: String) -> Int? {
        var path = field
        while !path.isEmpty {
            if let line = lines[path] { return line }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            path = String(path[..<cut])
        }
        return nil
    }

    private struct Scanner {
        let bytes: [UInt8]
        var position = 0
        var line = 1
        var lines: [String: Int] = [:]
        var duplicate: (path: String, line: Int)?

        init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        var current: UInt8? { position < bytes.count ? bytes[position] : nil }

        mutating func advance() {
            if current == UInt8(ascii: "\n") { line += 1 }
            position += 1
        }

        mutating func skipSpace() {
            while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { advance() }
        }

        /// Scans one value; returns false where the text stops being JSON.
        @discardableResult
        mutating func value(path: String) -> Bool {
            skipSpace()
            guard let byte = current else { return false }
            if !path.isEmpty, lines[path] == nil { lines[path] = line }
            switch byte {
            case UInt8(ascii: "{"):
                advance()
                skipSpace()
                if current == UInt8(ascii: "}") {
                    advance()
                    return true
                }
                var keys: Set<String> = []
                while true {
                    skipSpace()
                    let keyLine = line
                    guard let key = string() else { return false }
                    let child = path.isEmpty ? key : "\(path).\(key)"
                    if !keys.insert(key).inserted, duplicate == nil { duplicate = (child, keyLine) }
                    lines[child] = lines[child] ?? keyLine
                    skipSpace()
                    guard current == UInt8(ascii: ":") else { return false }
                    advance()
                    guard value(path: child) else { return false }
                    skipSpace()
                    if current == UInt8(ascii: ",") {
                        advance()
                        continue
                    }
                    guard current == UInt8(ascii: "}") else { return false }
                    advance()
                    return true
                }
            case UInt8(ascii: "["):
                advance()
                skipSpace()
                if current == UInt8(ascii: "]") {
                    advance()
                    return true
                }
                var index = 0
                while true {
                    guard value(path: "\(path)[\(index)]") else { return false }
                    index += 1
                    skipSpace()
                    if current == UInt8(ascii: ",") {
                        advance()
                        continue
                    }
                    guard current == UInt8(ascii: "]") else { return false }
                    advance()
                    return true
                }
            case UInt8(ascii: "\""):
                return string() != nil
            default:
                // A number, true, false or null: up to the next delimiter.
                while let byte = current, !",]} \t\r\n".utf8.contains(byte) { advance() }
                return true
            }
        }

        /// A string's text, its escapes decoded (so a key spelt with an escape is the same key).
        mutating func string() -> String? {
            guard current == UInt8(ascii: "\"") else { return nil }
            advance()
            var text: [UInt8] = []
            var pendingHigh: UInt32?
            while let byte = current, byte != UInt8(ascii: "\"") {
                guard byte == UInt8(ascii: "\\") else {
                    if pendingHigh != nil { text += Array("\u{FFFD}".utf8) }
                    pendingHigh = nil
                    text.append(byte)
                    advance()
                    continue
                }
                advance()
                guard let escaped = current else { return nil }
                advance()
                switch escaped {
                case UInt8(ascii: "u"):
                    guard let unit = hexUnit() else { return nil }
                    if (0xD800..<0xDC00).contains(unit) {
                        pendingHigh = unit
                        continue
                    }
                    var scalarValue = unit
                    if let high = pendingHigh, (0xDC00..<0xE000).contains(unit) {
                        scalarValue = 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00)
                    }
                    pendingHigh = nil
                    // A lone surrogate is not a character; it stands as U+FFFD, as readers take it.
                    text += Array(String(Unicode.Scalar(scalarValue) ?? "\u{FFFD}").utf8)
                    continue
                case UInt8(ascii: "b"): text.append(0x08)
                case UInt8(ascii: "f"): text.append(0x0C)
                case UInt8(ascii: "n"): text.append(0x0A)
                case UInt8(ascii: "r"): text.append(0x0D)
                case UInt8(ascii: "t"): text.append(0x09)
                default: text.append(escaped)
                }
                pendingHigh = nil
            }
            guard current != nil else { return nil }
            advance()
            return String(decoding: text, as: UTF8.self)
        }

        /// The four hexadecimal digits after `\u`.
        mutating func hexUnit() -> UInt32? {
            var unit: UInt32 = 0
            for _ in 0..<4 {
                guard let byte = current, let digit = UInt32(String(UnicodeScalar(byte)), radix: 16) else { return nil }
                unit = unit * 16 + digit
                advance()
            }
            return unit
        }
    }
}

/// The line each field of a JSON document starts on, so an error about a field of `vault.json`
/// can point at its line. Paths are written as the configuration's errors name fields:
/// `consentPolicy.responseTimeoutSeconds`, `purposes[1]`, `retentionPolicies.policies[0].id`.
///
/// A small scanner, not a parser: it is only run on text that is also decoded, so on text that is
/// not JSON it stops where it is lost and keeps what it found.
struct JSONLineIndex {
    private var lines: [String: Int] = [:]

    init(_ text: String) {
        var scanner = Scanner(bytes: Array(text.utf8))
        scanner.value(path: "")
        lines = scanner.lines
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
                while true {
                    skipSpace()
                    let keyLine = line
                    guard let key = string() else { return false }
                    let child = path.isEmpty ? key : "\(path).\(key)"
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

        /// A string's text (escapes kept as written, which field names never use).
        mutating func string() -> String? {
            guard current == UInt8(ascii: "\"") else { return nil }
            advance()
            let start = position
            while let byte = current, byte != UInt8(ascii: "\"") {
                if byte == UInt8(ascii: "\\") { advance() }
                advance()
            }
            guard current != nil else { return nil }
            let text = String(decoding: bytes[start..<position], as: UTF8.self)
            advance()
            return text
        }
    }
}

import Foundation
import Testing

/// Issue 13, item 1 and the outside review: public API throws untyped (`throws`), so a release can
/// wrap or add causes without breaking hosts; typed throws stay inside the package.
@Suite("Public API throws untyped")
struct PublicUntypedThrowsTests {
    /// Every Swift file under Sources, by path, with its text.
    static func sources() throws -> [(path: String, text: String)] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        let paths = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
        return try paths.filter { $0.hasSuffix(".swift") }.sorted().map { path in
            (path, try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8))
        }
    }

    /// The text of `body` from `start` (an opening brace) to its matching closing brace.
    static func block(_ text: Substring, from start: Substring.Index) -> Substring {
        var depth = 0
        var index = start
        while index < text.endIndex {
            if text[index] == "{" { depth += 1 }
            if text[index] == "}" {
                depth -= 1
                if depth == 0 { return text[start...index] }
            }
            index = text.index(after: index)
        }
        return text[start...]
    }

    @Test("no public or open declaration, nor a public protocol's requirement, is declared with typed throws")
    func noTypedThrowsInPublicAPI() throws {
        let files = try Self.sources()
        #expect(files.count > 100, "Sources not found")
        // A public or open declaration's signature, up to the brace that opens its body (one line
        // or several).
        let declaration = try Regex(#"(?m)^[ \t]*(?:@[\w.()"]+\s+)*(?:public|open)\b[^{}]*\{"#)
        let protocolStart = try Regex(#"(?m)^[ \t]*public\s+protocol\s+\w+[^{]*\{"#)
        var found: [String] = []
        for file in files {
            let text = Substring(file.text)
            for match in text.matches(of: declaration) where match.output[0].substring?.contains("throws(") == true {
                let line = text[..<match.range.lowerBound].filter { $0 == "\n" }.count + 1
                found.append("\(file.path):\(line)")
            }
            for match in text.matches(of: protocolStart) {
                let body = Self.block(text, from: text.index(before: match.range.upperBound))
                if body.contains("throws(") {
                    let line = text[..<match.range.lowerBound].filter { $0 == "\n" }.count + 1
                    found.append("\(file.path):\(line) (a requirement of the protocol)")
                }
            }
        }
        #expect(found.isEmpty, "typed throws in public API: \(found)")
    }
}

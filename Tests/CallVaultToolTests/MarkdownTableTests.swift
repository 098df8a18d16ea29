import Foundation
import Testing

/// The tables in the README and the guides render as tables on GitHub and in DocC: every row has
/// as many cells as its header, and no cell holds a pipe (a `|` inside a code span still ends the
/// cell, and a `\|` escape shows its backslash in some renderers), so a command's alternatives
/// are written out instead of as `a|b`.
@Suite("Markdown tables render unbroken")
struct MarkdownTableTests {
    static var documents: [String] {
        get throws {
            let files = FileManager.default
            var paths = ["README.md", "Examples/ContactCenterDemo/README.md", "Tests/GuideSnippets/README.md"]
            for folder in ["Documentation"] {
                paths += try files.contentsOfDirectory(atPath: ReadmeTests.root.appendingPathComponent(folder).path)
                    .filter { $0.hasSuffix(".md") }.map { "\(folder)/\($0)" }
            }
            for module in try files.contentsOfDirectory(atPath: ReadmeTests.root.appendingPathComponent("Sources").path)
            {
                let catalog = "Sources/\(module)/\(module).docc"
                guard
                    let pages = try? files.contentsOfDirectory(
                        atPath: ReadmeTests.root.appendingPathComponent(catalog).path)
                else { continue }
                paths += pages.filter { $0.hasSuffix(".md") }.map { "\(catalog)/\($0)" }
            }
            return paths.sorted()
        }
    }

    /// The cell separators of a table row: its pipes, not counting escaped ones.
    static func separators(_ line: Substring) -> Int {
        var count = 0
        var previous: Character?
        for character in line {
            if character == "|", previous != "\\" { count += 1 }
            previous = character
        }
        return count
    }

    @Test("every table row has its header's cells, and no cell holds a pipe")
    func tablesAreWhole() throws {
        let documents = try Self.documents
        #expect(documents.contains("README.md") && documents.count > 10, "\(documents)")
        var tables = 0
        for path in documents {
            let lines = try ReadmeTests.text(path).split(separator: "\n", omittingEmptySubsequences: false)
            var header: Int?
            for (index, line) in lines.enumerated() {
                guard line.hasPrefix("|") else {
                    header = nil
                    continue
                }
                let cells = Self.separators(line)
                if header == nil {
                    header = cells
                    tables += 1
                }
                #expect(
                    cells == header,
                    "\(path):\(index + 1): \(cells - 1) cells where the header has \((header ?? 1) - 1)")
                #expect(!line.contains("\\|"), "\(path):\(index + 1): an escaped pipe in a table cell")
            }
        }
        #expect(tables > 5, "the tables were found")
    }
}

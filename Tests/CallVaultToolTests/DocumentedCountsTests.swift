import CallVaultRetention
import Foundation
import Testing

/// Counts the documentation states ("25 retention regimes") against the code they count, so a
/// regime added to the catalog cannot leave a guide saying the old number.
@Suite("documented counts")
struct DocumentedCountsTests {
    /// Every Markdown file a reader sees (README, guides, DocC articles) and the tool's help.
    static func documents() throws -> [URL] {
        let root = ReadmeTests.root
        var files = [root.appendingPathComponent("README.md")]
        let sources = root.appendingPathComponent("Sources")
        for directory in [root.appendingPathComponent("Documentation"), sources] {
            let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
            while let file = walker?.nextObject() as? URL {
                if ["md", "swift"].contains(file.pathExtension) { files.append(file) }
            }
        }
        return files
    }

    @Test("every stated number of retention regimes is the bundled catalog's")
    func regimeCounts() throws {
        let count = try RetentionCatalog.bundled.regimes.count
        let stated = /([0-9]+) (?:bundled )?(?:retention )?regimes/
        var found = 0
        for file in try Self.documents() {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in text.matches(of: stated) {
                found += 1
                #expect(Int(match.1) == count, "\(file.lastPathComponent) says '\(match.0)'; the catalog has \(count)")
            }
        }
        #expect(found >= 3, "the README, the retention guide and the compliance map state the count")
    }
}

import Foundation
import Testing

/// Issue 13, item 3 and the outside review: the in-memory grant ledger lives in the test kit. A
/// production custodian is always given its ledger, since a default kept in one process's memory
/// lets a fleet's nodes each honour the same single-use grant.
@Suite("Grant ledger placement")
struct GrantLedgerPlacementTests {
    static let accessSources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/CallVaultAccess")

    /// The Swift files of CallVaultAccess, by path inside it, with their text.
    static func sources() throws -> [(path: String, text: String)] {
        let paths = FileManager.default.enumerator(atPath: accessSources.path)?.compactMap { $0 as? String } ?? []
        return try paths.filter { $0.hasSuffix(".swift") }.sorted().map { path in
            (path, try String(contentsOf: accessSources.appendingPathComponent(path), encoding: .utf8))
        }
    }

    @Test("CallVaultAccess declares no public in-memory ledger, and no parameter defaults a ledger")
    func noDefaultLedger() throws {
        let files = try Self.sources()
        #expect(files.contains { $0.path.hasSuffix("IdentityKeyCustodian.swift") }, "sources not found")
        let publicLedger = try Regex(#"(public|open)\s+(final\s+)?(class|struct|actor)\s+\w*GrantLedger"#)
        let defaulted = try Regex(#"ledger:\s*any\s+GrantLedger\s*="#)
        for file in files {
            let declaresPublicLedger = file.text.contains(publicLedger)
            let defaultsLedger = file.text.contains(defaulted)
            #expect(!declaresPublicLedger, "\(file.path) declares a public ledger")
            #expect(!defaultsLedger, "\(file.path) gives a ledger parameter a default")
        }
    }
}

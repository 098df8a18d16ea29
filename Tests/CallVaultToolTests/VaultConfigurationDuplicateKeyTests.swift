import CallVault
import CallVaultAudit
import CallVaultSQLite
import Foundation
import Testing

/// A key written twice in vault.json is refused wherever it is (outside review, finding 1: a
/// duplicate `retentionDays` was read as one value by the change detection and as the other by
/// the configuration in force, so the notice promised one period and recordings got another).
@Suite("vault.json: duplicate keys")
struct VaultConfigurationDuplicateKeyTests {
    /// The fixture's vault.json text with `retentionDays` written twice, `first` then `second`.
    static func duplicated(_ text: String, first: Int, second: Int) -> String {
        text.replacingOccurrences(
            of: "  \"retentionDays\": 730,\n",
            with: "  \"retentionDays\": \(first),\n  \"retentionDays\": \(second),\n")
    }

    /// The line (from 1) of the second occurrence of `needle` in `text`.
    static func lineOfSecond(_ needle: String, in text: String) throws -> Int {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let matching = lines.indices.filter { lines[$0].contains(needle) }
        try #require(matching.count == 2, "the text holds \(needle) twice")
        return matching[1] + 1
    }

    @Test(
        "a top-level key written twice is refused, naming it and the line of its second occurrence, in either order",
        arguments: [(36_500, 365), (365, 36_500)])
    func topLevelDuplicate(first: Int, second: Int) throws {
        let text = Self.duplicated(VaultFixture.configuration.json(), first: first, second: second)
        let line = try Self.lineOfSecond("\"retentionDays\"", in: text)
        let error = #expect(throws: VaultFolderError.self) { try VaultConfiguration(json: text) }
        guard case .malformedConfiguration(let path, let field, let reason) = error?.reason else {
            Issue.record("expected malformedConfiguration, got \(String(describing: error))")
            return
        }
        #expect(field == "retentionDays")
        #expect(path == "vault.json:\(line)")
        #expect(reason.contains("appears twice"), "\(reason)")
    }

    @Test(
        "a key written twice inside a nested object is refused, naming its path",
        arguments: [
            (
                "\"consentPolicy\": {\n    \"maximumPrompts\": 1,\n    \"maximumPrompts\": 3\n  }",
                "consentPolicy.maximumPrompts", 7
            ),
            (
                "\"complaintContact\": {\"email\": \"a@example.com\", \"email\": \"b@example.com\"}",
                "complaintContact.email", 5
            ),
            (
                "\"retentionPolicies\": {\n    \"version\": \"v\",\n    \"policies\": [\n      {\"id\": \"p\", \"id\": \"q\", \"name\": \"P\", \"match\": {}}\n    ]\n  }",
                "retentionPolicies.policies[0].id", 8
            ),
            // The same key spelt with an escape is the same key once read.
            ("\"retentionDays\": 30,\n  \"retention\\u0044ays\": 60", "retentionDays", 6),
        ])
    func nestedDuplicate(field text: String, field name: String, line: Int) throws {
        let document = """
            {
              "format": 1,
              "organisation": "Acme",
              "purposes": ["quality"],
              \(text)
            }
            """
        let error = #expect(throws: VaultFolderError.self) { try VaultConfiguration(json: document) }
        guard case .malformedConfiguration(let path, let field, let reason) = error?.reason else {
            Issue.record("expected malformedConfiguration, got \(String(describing: error))")
            return
        }
        #expect(field == name)
        #expect(path == "vault.json:\(line)", "\(reason)")
        #expect(reason.contains("appears twice"), "\(reason)")
    }

    @Test(
        "text that is not strict JSON is refused as a whole document, naming the line where it breaks",
        arguments: [
            ("\"defaultLanguage\": \"\\ud800\",", 3),  // a lone surrogate: no character
            ("\"retentionDays\": 030,", 3),  // a leading zero
            ("// a comment\n  \"retentionDays\": 30,", 3),
            ("\"retentionDays\": 30,,", 3),
        ])
    func notStrictJSON(field text: String, line: Int) throws {
        let document = "{\n  \"format\": 1,\n  \(text)\n  \"organisation\": \"Acme\",\n  \"purposes\": [\"quality\"]\n}"
        let error = #expect(throws: VaultFolderError.self) { try VaultConfiguration(json: document) }
        guard case .malformedConfiguration(let path, let field, let reason) = error?.reason else {
            Issue.record("expected malformedConfiguration, got \(String(describing: error))")
            return
        }
        #expect(field == "(document)")
        #expect(path == "vault.json:\(line)", "\(reason)")
        #expect(reason.hasPrefix("it is not valid JSON ("), "\(reason)")
    }

    @Test("accept-changes refuses a vault.json with a key written twice (exit 1) and signs nothing")
    func acceptChangesRefusesDuplicate() async throws {
        let fixture = try VaultFixture()
        let original = try String(contentsOf: fixture.folder.configurationFile, encoding: .utf8)
        let sealBefore = try Data(contentsOf: fixture.folder.sealFile)
        let edited = Self.duplicated(original, first: 36_500, second: 365)
        try #require(edited != original, "the fixture's vault.json states 730 days")
        try Data(edited.utf8).write(to: fixture.folder.configurationFile)

        let accepted = try fixture.run("accept-changes", "--by", "desk")
        #expect(accepted.status == ExitStatus.badInput, "\(accepted)")
        #expect(accepted.standardError.contains("retentionDays"), "\(accepted)")
        #expect(accepted.standardError.contains("appears twice"), "\(accepted)")
        #expect(try Data(contentsOf: fixture.folder.sealFile) == sealBefore, "nothing was signed")
        let trail = AuditFileTrail(path: fixture.folder.auditLogFile.path)
        #expect(try await trail.entries(about: VaultFileSeal.auditTarget).isEmpty)
    }

    @Test("the configuration audit follows the values read, not the file's layout: reordered audiences change nothing")
    func auditFollowsValuesRead() async throws {
        let fixture = try VaultFixture()
        let original = try String(contentsOf: fixture.folder.configurationFile, encoding: .utf8)
        let reordered = original.replacingOccurrences(
            of: "[\"supervisors\", \"compliance-officers\"]", with: "[\"compliance-officers\", \"supervisors\"]")
        try #require(reordered != original, "the fixture's vault.json lists supervisors first")
        try Data(reordered.utf8).write(to: fixture.folder.configurationFile)
        let accepted = try fixture.run("accept-changes", "--by", "desk")
        try #require(accepted.status == ExitStatus.success, "\(accepted)")
        try await fixture.withVault { _ in }
        let applied = try AuditLogReader.entries(at: fixture.folder.auditLogFile.path).filter {
            $0.record.action.identifier == "vault.configuration-applied"
        }
        #expect(applied.isEmpty, "the same configuration is not recorded as changed: \(applied.map(\.record.reasons))")
    }
}

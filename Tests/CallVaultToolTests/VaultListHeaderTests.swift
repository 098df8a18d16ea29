import CallVault
import CallVaultCore
import Foundation
import Testing

/// `callvault vault list` names its columns for a person at a terminal, and prints only the rows
/// to a script reading it through a pipe, as before the header existed.
@Suite("callvault vault list: the header row")
struct VaultListHeaderTests {
    @Test("through a pipe: no header unless --header; --no-header never; --json never has one")
    func headerByRequest() async throws {
        let fixture = try VaultFixture()
        let ids = try await fixture.recordCalls(2, startingAt: Date().addingTimeInterval(-3_600))
        let piped = try fixture.run("list")
        #expect(piped.status == ExitStatus.success, "\(piped)")
        let rows = piped.standardOutput.split(separator: "\n")
        #expect(rows.count == 3 && rows[0].hasPrefix(ids[0].description), "rows then the count: \(piped)")

        let headed = try fixture.run("list", "--header")
        let lines = headed.standardOutput.split(separator: "\n")
        #expect(lines.count == 4, "\(headed)")
        let header = try #require(lines.first)
        #expect(header.split(separator: " ").prefix(4) == ["ID", "STATE", "STARTED", "LENGTH"], "\(headed)")
        // Under the header the rows hold the same fields, padded so every column lines up.
        #expect(
            lines.dropFirst().map { $0.split(separator: " ") } == rows.map { $0.split(separator: " ") },
            "the rows' fields are unchanged under the header")
        for name in ["CALL", "AGENT", "PLACES"] {
            let column = try #require(header.range(of: name)).lowerBound.utf16Offset(in: header)
            for line in lines.dropFirst(1).prefix(2) {
                let text = String(line)
                let before = text.utf16.index(text.startIndex, offsetBy: column)
                #expect(
                    text[text.index(before: before)] == " " && text[before] != " ", "\(name) over its column: \(headed)"
                )
            }
        }
        // The columns line up under their names: the id is 36 characters, the state padded to 10.
        let row = String(rows[0])
        #expect(header.dropFirst(38).hasPrefix("STATE") && row.dropFirst(38).hasPrefix("complete"), "\(headed)")
        #expect(header.dropFirst(50).hasPrefix("STARTED"), "\(headed)")
        #expect(ISO8601DateFormatter().date(from: String(row.dropFirst(50).prefix(20))) != nil, "\(headed)")

        #expect(try fixture.run("list", "--no-header").standardOutput == piped.standardOutput)
        // Both at once asks for two things: a usage error, not the last one silently winning.
        for both in [["--header", "--no-header"], ["--no-header", "--header"]] {
            let run = try fixture.run("list", both[0], both[1])
            #expect(run.status == ExitStatus.usage, "\(both): \(run)")
            #expect(run.standardOutput.isEmpty, "\(both): \(run)")
        }
        let json = try fixture.run("list", "--json", "--header")
        let listed = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [[String: Any]]
        #expect(listed?.count == 2, "\(json)")
    }

    @Test("at a terminal: the header by default, and --no-header leaves it out")
    func headerAtTerminal() async throws {
        try #require(Shell.has("script"), "util-linux 'script' runs the tool at a pseudo-terminal")
        let fixture = try VaultFixture()
        let id = try await fixture.recordCalls(1, startingAt: Date().addingTimeInterval(-3_600))[0]
        func atTerminal(_ options: String) throws -> String {
            let run = try Shell.run(
                "script -qec '\"$CALLVAULT\" vault list --vault vault \(options)' /dev/null",
                in: fixture.workspace.directory)
            #expect(run.status == ExitStatus.success, "\(run)")
            #expect(run.standardOutput.contains(id.description), "\(run)")
            return run.standardOutput
        }
        #expect(try atTerminal("").hasPrefix("ID  "))
        #expect(try !atTerminal("--no-header").contains("ID  "))
    }
}

import CallVaultCore
import Foundation
import Testing

/// Text that others wrote (ids, reasons, matter names, values typed or pasted) reaches the terminal
/// with its control characters and bidirectional overrides escaped, in human reports, messages and
/// usage errors alike; `--json` output stays valid JSON with the same values.
@Suite("callvault: terminal-safe output")
struct TerminalSafetyTests {
    /// ESC (a colour change), a carriage return, a C1 CSI, BEL, a right-to-left override and an
    /// isolate: each would change what the terminal shows.
    static let hostile = "m\u{1B}[31mX\rY\u{9B}2J\u{7}\u{202E}gpj.exe\u{2066}"
    static let rawScalars: [Unicode.Scalar] = ["\u{1B}", "\r", "\u{9B}", "\u{7}", "\u{202E}", "\u{2066}"]

    static func expectNoRaw(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for scalar in rawScalars {
            #expect(
                !text.unicodeScalars.contains(scalar), "raw U+\(String(scalar.value, radix: 16)) in: \(text)",
                sourceLocation: sourceLocation)
        }
    }

    @Test("a hold's matter and reason are escaped in 'vault hold list' and 'vault show'")
    func holdMatterAndReason() async throws {
        let fixture = try VaultFixture()
        let id = try await fixture.recordCalls(1, startingAt: Date().addingTimeInterval(-3_600))[0]
        let placed = try fixture.run(
            "hold", "place", "--matter", Self.hostile, "--reason", "why " + Self.hostile, "--recording",
            id.description, "--by", "legal.alice", "--id", "hold-1")
        try #require(placed.status == ExitStatus.success, "\(placed)")

        let list = try fixture.run("hold", "list")
        #expect(list.status == ExitStatus.success, "\(list)")
        Self.expectNoRaw(list.standardOutput)
        #expect(list.standardOutput.contains(#"m\u001B[31mX\u000DY\u009B2J\u0007\u202Egpj.exe\u2066"#), "\(list)")

        let show = try fixture.run("show", id.description)
        #expect(show.status == ExitStatus.success, "\(show)")
        Self.expectNoRaw(show.standardOutput)
        #expect(show.standardOutput.contains(#"\u202Egpj.exe"#), "\(show)")
    }

    @Test("a line feed in a matter or reason cannot start a line that reads as another hold")
    func lineFeedsInFields() async throws {
        let fixture = try VaultFixture()
        let id = try await fixture.recordCalls(1, startingAt: Date().addingTimeInterval(-3_600))[0]
        let forged = "Smith\nhold-2  placed 2026-01-01T00:00:00Z by legal.bob  Fake: forged"
        let placed = try fixture.run(
            "hold", "place", "--matter", forged, "--reason", "a\tb", "--recording", id.description, "--by",
            "legal.alice", "--id", "hold-1")
        try #require(placed.status == ExitStatus.success, "\(placed)")
        let list = try fixture.run("hold", "list")
        #expect(list.status == ExitStatus.success, "\(list)")
        #expect(!list.standardOutput.split(separator: "\n").contains { $0.hasPrefix("hold-2") }, "\(list)")
        #expect(list.standardOutput.contains(#"Smith\u000Ahold-2"#) && list.standardOutput.contains(#"a\u0009b"#))
        let show = try fixture.run("show", id.description)
        #expect(show.standardOutput.contains(#"Smith\u000Ahold-2"#), "\(show)")
    }

    @Test("JSON output keeps the same values as valid JSON, without raw overrides")
    func jsonStaysJSON() async throws {
        let fixture = try VaultFixture()
        let id = try await fixture.recordCalls(1, startingAt: Date().addingTimeInterval(-3_600))[0]
        let placed = try fixture.run(
            "hold", "place", "--matter", Self.hostile, "--reason", "r", "--recording", id.description, "--by",
            "legal.alice", "--id", "hold-1")
        try #require(placed.status == ExitStatus.success, "\(placed)")
        let show = try fixture.run("show", id.description, "--json")
        #expect(show.status == ExitStatus.success, "\(show)")
        Self.expectNoRaw(show.standardOutput)
        let object = try JSONSerialization.jsonObject(with: Data(show.standardOutput.utf8))
        // The matter decodes back to exactly what was given.
        #expect(Self.strings(in: object).contains(Self.hostile), "\(show.standardOutput)")
    }

    @Test("a usage error and an error message echo a typed value escaped")
    func usageAndErrorMessages() throws {
        let workspace = try Workspace()
        let usage = try Tool.run(
            ["retention", "schedule", "--regime", Self.hostile, "--ended-at", "2026-01-15T10:05:00Z"],
            in: workspace.directory)
        #expect(usage.status == ExitStatus.usage, "\(usage)")
        Self.expectNoRaw(usage.standardError)
        #expect(usage.standardError.contains(#"\u202Egpj.exe"#), "\(usage)")

        let missing = try Tool.run(["inspect", "no-such-\(Self.hostile).cvr"], in: workspace.directory)
        #expect(missing.status == ExitStatus.badInput, "\(missing)")
        Self.expectNoRaw(missing.standardError)
    }

    static func strings(in value: Any) -> [String] {
        switch value {
        case let text as String: [text]
        case let array as [Any]: array.flatMap(strings(in:))
        case let object as [String: Any]: object.values.flatMap(strings(in:))
        default: []
        }
    }
}

import CallVaultCore
import Foundation
import Testing

/// The directional isolates the disclosure renderer and the transparency report put around names,
/// addresses and Gregorian dates in Persian and Arabic text reach the terminal as they are, when
/// they open and close a pair on one line; a lone isolate, an embedding or an override, from a
/// name or evidence others typed, is still escaped (review finding 7).
@Suite("callvault: directional isolates in right-to-left output")
struct DirectionalIsolateOutputTests {
    static let isolates: Set<Unicode.Scalar> = ["\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}"]
    static let escapedIsolates = [#"\u2066"#, #"\u2067"#, #"\u2068"#, #"\u2069"#]

    /// Whether every raw isolate on each line opens or closes a pair, correctly nested.
    static func rawIsolatesBalanced(_ text: String) -> Bool {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var depth = 0
            for scalar in line.unicodeScalars {
                if scalar == "\u{2069}" {
                    depth -= 1
                    if depth < 0 { return false }
                } else if isolates.contains(scalar) {
                    depth += 1
                }
            }
            if depth != 0 { return false }
        }
        return true
    }

    static func announce(_ organisation: String, in workspace: Workspace) throws -> ToolRun {
        try Tool.run(
            [
                "consent", "announce", "--organisation", organisation, "--language", "fa", "--purpose", "quality",
                "--retention-days", "730", "--kind", "written-disclosure", "--complaints", "c@acme.example",
            ], in: workspace.directory)
    }

    @Test("a Persian notice prints its isolates, not escapes of them")
    func persianNotice() throws {
        let run = try Self.announce("Acme Bank", in: try Workspace())
        #expect(run.status == ExitStatus.success, "\(run)")
        #expect(run.standardOutput.contains("\u{2068}Acme Bank\u{2069}"), "\(run.standardOutput)")
        #expect(run.standardOutput.contains("\u{2066}c@acme.example\u{2069}"), "\(run.standardOutput)")
        for escape in Self.escapedIsolates {
            #expect(!run.standardOutput.contains(escape), "\(escape) in: \(run.standardOutput)")
        }
        #expect(Self.rawIsolatesBalanced(run.standardOutput))
    }

    @Test(
        "an organisation name with a direction control is refused, and the refusal prints it escaped",
        arguments: [
            ("Acme\u{2069} Bank", #"\u2069"#), ("Acme \u{202E}Bank", #"\u202E"#), ("Acme \u{2067}Bank", #"\u2067"#),
            ("Acme\u{2066}", #"\u2066"#), ("Acme\u{202B} Bank\u{2069}", #"\u202B"#), ("Acme\u{200F} Bank", #"\u200F"#),
        ])
    func hostileOrganisation(name: String, escape: String) throws {
        let run = try Self.announce(name, in: try Workspace())
        #expect(run.status == ExitStatus.badInput, "\(run)")
        #expect(run.standardOutput.isEmpty, "\(run.standardOutput)")
        #expect(run.standardError.contains("direction control"), "\(run.standardError)")
        #expect(run.standardError.contains(escape), "\(run.standardError)")
        for scalar: Unicode.Scalar in [
            "\u{200F}", "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}", "\u{2066}", "\u{2067}", "\u{2069}",
        ] {
            #expect(!run.standardError.unicodeScalars.contains(scalar))
        }
    }

    @Test("a Persian transparency report prints its dates' isolates; a lone isolate in evidence is escaped")
    func persianReportAndEvidence() async throws {
        let fixture = try VaultFixture()
        let id = try await fixture.recordCalls(1, startingAt: Date().addingTimeInterval(-3_600))[0]
        let report = try fixture.run("report", id.description, "--language", "fa")
        #expect(report.status == ExitStatus.success, "\(report)")
        #expect(report.standardOutput.unicodeScalars.contains("\u{2066}"), "\(report.standardOutput)")
        for escape in Self.escapedIsolates {
            #expect(!report.standardOutput.contains(escape), "\(escape) in: \(report.standardOutput)")
        }
        #expect(Self.rawIsolatesBalanced(report.standardOutput))

        // A lone PDI in evidence would close an isolate around it; a lone RLI would open one.
        let consent = try fixture.run(
            "consent", id.description, "--purpose", "training", "--channel", "web-form", "--evidence",
            "form\u{2069} 1\u{2067}\u{202E}", "--as", "dpo.ana")
        #expect(consent.status == ExitStatus.success, "\(consent)")
        let show = try fixture.run("show", id.description)
        #expect(show.status == ExitStatus.success, "\(show)")
        #expect(show.standardOutput.contains(#"form\u2069 1\u2067\u202E"#), "\(show.standardOutput)")
        #expect(Self.rawIsolatesBalanced(show.standardOutput))
    }
}

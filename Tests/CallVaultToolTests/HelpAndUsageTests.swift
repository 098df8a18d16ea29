import Testing

@Suite("help and usage errors")
struct HelpAndUsageTests {
    let workspace: Workspace

    init() throws {
        workspace = try Workspace()
    }

    static let subcommands: [(name: String, options: [String])] = [
        ("keygen", ["--output", "--force"]),
        ("seal", ["--recipient", "--segment-size", "--raw", "--drop-metadata", "--tenant", "--call-id", "--channels"]),
        ("open", ["--identity", "--from", "--to", "--allow-incomplete", "--output"]),
        ("inspect", ["--json"]),
        ("rewrap", ["--identity", "--add-recipient", "--remove-recipient", "--output"]),
    ]

    @Test("--help works for every subcommand and lists its options", arguments: subcommands)
    func subcommandHelp(name: String, options: [String]) throws {
        for arguments in [[name, "--help"], ["help", name]] {
            let run = try Tool.run(arguments, in: workspace.directory)
            #expect(run.status == ExitStatus.success, "\(run)")
            #expect(run.standardOutput.contains("USAGE: callvault \(name)"), "\(run)")
            for option in options {
                #expect(run.standardOutput.contains(option), "\(option) missing from \(run)")
            }
        }
        #expect(try workspace.entries().isEmpty)
    }

    @Test("top-level --help lists the subcommands and the exit statuses")
    func topLevelHelp() throws {
        let run = try workspace.run("--help")
        #expect(run.status == ExitStatus.success, "\(run)")
        for name in Self.subcommands.map(\.name) {
            #expect(run.standardOutput.contains("  \(name) "), "\(name) missing from \(run)")
        }
        let help = run.standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for status in [
            "0 success", "1 bad input", "2 the envelope was altered or damaged", "3 the envelope is incomplete",
            "4 wrong key", "5 a format", "64 usage error",
        ] {
            #expect(help.contains(status), "'\(status)' missing from \(run)")
        }
    }

    @Test(
        "malformed command lines are usage errors (status 64)",
        arguments: [
            ["frobnicate"], ["keygen"], ["seal", "--output", "x.cvr", "in.bin"],
            ["seal", "--recipient", "r", "in.bin"],
            ["open", "--identity", "id", "in.cvr"],
            ["open", "--identity", "id", "-o", "out", "--from", "soon", "in.cvr"],
            ["inspect"], ["inspect", "--bogus", "in.cvr"],
        ])
    func usageErrors(arguments: [String]) throws {
        let run = try Tool.run(arguments, in: workspace.directory)
        #expect(run.status == ExitStatus.usage, "\(run)")
        #expect(run.standardError.contains("Usage:") || run.standardError.contains("Error:"), "\(run)")
        #expect(try workspace.entries().isEmpty)
    }
}

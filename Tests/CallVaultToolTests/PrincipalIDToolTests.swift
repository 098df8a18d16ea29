import Foundation
import Testing

/// Every option that names a principal refuses an id that is empty, holds whitespace, control or
/// invisible characters, or is over 256 bytes: a usage error (exit 64) saying what is wrong,
/// before anything is read or written. A principal described in a file is refused the same way
/// (exit 1, naming the file and the field, as every bad input file is).
@Suite("callvault: principal ids are validated")
struct PrincipalIDToolTests {
    static let recording = "6f1c2b0e-4d5a-4e8f-9a3b-2c1d0e9f8a7b"

    /// Each command line with `ID` where a principal id goes.
    static let commands: [[String]] = [
        [
            "access", "check", "--policy", "p.json", "--principal", "p.json", "--recording", "r.json", "--action",
            "download", "--purpose", "training", "--approved-by", "ID",
        ],
        [
            "vault", "play", "--vault", "v", recording, "--as", "p.json", "--purpose", "quality", "--approved-by",
            "ID", "--out", "o.wav",
        ],
        [
            "vault", "export", "--vault", "v", recording, "--as", "p.json", "--purpose", "legal-regulatory",
            "--approved-by", "ID", "--legal-reference", "case-1", "--recipient", "r", "--out", "o",
        ],
        [
            "vault", "hold", "place", "--vault", "v", "--matter", "m", "--reason", "r", "--recording", recording,
            "--by", "ID",
        ],
        ["vault", "hold", "release", "--vault", "v", "hold-1", "--by", "ID", "--reason", "r"],
        [
            "vault", "complaint", "file", "--vault", "v", "--channel", "email", "--text", "t", "--received-by", "ID",
        ],
        ["vault", "complaint", "start", "--vault", "v", "complaint-1", "--by", "ID"],
        [
            "vault", "complaint", "close", "--vault", "v", "complaint-1", "--resolved", "--outcome", "o", "--by",
            "sup.omar", "--reviewed-by", "ID",
        ],
        [
            "vault", "complaint", "close", "--vault", "v", "complaint-1", "--resolved", "--outcome", "o", "--by", "ID",
            "--reviewed-by", "sup.omar",
        ],
        ["vault", "rotate", "--vault", "v", "--by", "ID"],
        ["vault", "accept-changes", "--vault", "v", "--by", "ID"],
        VaultInitArguments.minimum(vault: "v") + ["--hold-officer", "ID"],
    ]

    static let invalid: [(name: String, id: String, says: String)] = [
        ("empty", "", "empty"),
        ("a trailing space", "legal.alice ", "whitespace"),
        ("a leading space", " legal.alice", "whitespace"),
        ("a zero-width space", "legal.alice\u{200B}", "invisible"),
        ("a right-to-left override", "legal.\u{202E}ecila", "invisible"),
        ("an escape sequence", "legal.alice\u{1B}[31m", "control"),
        ("300 bytes", String(repeating: "a", count: 300), "256"),
    ]

    @Test("each option taking a principal exits 64 for an invalid id, saying what is wrong", arguments: commands)
    func refused(_ command: [String]) throws {
        let workspace = try Workspace()
        for invalid in Self.invalid {
            let arguments = command.map { $0 == "ID" ? invalid.id : $0 }
            let run = try Tool.run(arguments, in: workspace.directory)
            #expect(run.status == ExitStatus.usage, "\(invalid.name): \(run)")
            #expect(run.standardError.contains("principal id"), "\(invalid.name): \(run)")
            #expect(run.standardError.contains(invalid.says), "\(invalid.name): \(run)")
            #expect(!run.standardError.contains("\u{1B}") && !run.standardError.contains("\u{202E}"), "shown escaped")
        }
        #expect(!workspace.exists("v"), "nothing was made")
    }

    @Test("a principal file whose id is not valid is refused, naming the file and the field (exit 1)")
    func principalFile() throws {
        let workspace = try Workspace()
        let root = AccessCheckTests.root
        for name in ["access-policy.json", "recording.json"] {
            try workspace.write(
                Array(
                    try String(contentsOf: root.appendingPathComponent("Examples/policies/\(name)"), encoding: .utf8)
                        .utf8),
                to: name)
        }
        for id in ["sup.maria ", "sup.maria\\u200b", ""] {
            try workspace.write(
                Array(
                    """
                    {"id": "\(id)", "roles": ["supervisor"], "team": "billing",
                     "authentication": {"method": "sso", "at": "2026-03-02T09:50:00Z", "multiFactor": true}}
                    """.utf8), to: "principal.json")
            let run = try workspace.run(
                "access", "check", "--policy", "access-policy.json", "--principal", "principal.json", "--recording",
                "recording.json", "--action", "listen", "--purpose", "quality", "--at", "2026-03-02T10:00:00Z")
            #expect(run.status == ExitStatus.badInput, "\(id.debugDescription): \(run)")
            #expect(run.standardError.contains("principal.json"), "\(run)")
            #expect(run.standardError.contains("principal id"), "\(run)")
        }
        // A recording's agent is a principal id too.
        try workspace.write(
            Array(
                try String(contentsOf: root.appendingPathComponent("Examples/policies/principal.json"), encoding: .utf8)
                    .utf8),
            to: "principal.json")
        let recording = try workspace.text("recording.json").replacingOccurrences(
            of: #""agentID": "agent.sam""#, with: #""agentID": "agent.sam\u200b""#)
        #expect(recording.contains("u200b"))
        try workspace.write(Array(recording.utf8), to: "recording.json")
        let run = try workspace.run(
            "access", "check", "--policy", "access-policy.json", "--principal", "principal.json", "--recording",
            "recording.json", "--action", "listen", "--purpose", "quality", "--at", "2026-03-02T10:00:00Z")
        #expect(run.status == ExitStatus.badInput, "\(run)")
        #expect(run.standardError.contains("recording.json") && run.standardError.contains("agentID"), "\(run)")
    }

    @Test("access check: the requester's own approval spelled differently does not satisfy an approval rule")
    func selfApprovalSpelledDifferently() throws {
        let workspace = try Workspace()
        let root = AccessCheckTests.root
        for name in ["access-policy.json", "principal.json", "recording.json"] {
            try workspace.write(
                Array(
                    try String(contentsOf: root.appendingPathComponent("Examples/policies/\(name)"), encoding: .utf8)
                        .utf8),
                to: name)
        }
        for approver in ["SUP.MARIA", "Sup.Maria"] {
            let run = try workspace.run(
                "access", "check", "--policy", "access-policy.json", "--principal", "principal.json", "--recording",
                "recording.json", "--action", "download", "--purpose", "training", "--at", "2026-03-02T10:00:00Z",
                "--approved-by", approver)
            #expect(run.status == ExitStatus.denied, "\(approver): \(run)")
            #expect(run.standardOutput.contains("0 of 1 required approvals by other principals"), "\(run)")
        }
        let other = try workspace.run(
            "access", "check", "--policy", "access-policy.json", "--principal", "principal.json", "--recording",
            "recording.json", "--action", "download", "--purpose", "training", "--at", "2026-03-02T10:00:00Z",
            "--approved-by", "sup.omar")
        #expect(other.status == ExitStatus.success, "\(other)")
    }
}

import Foundation
import Testing

extension ExitStatus {
    /// `callvault access check`: the policy denied the request.
    static let denied: Int32 = 6
}

/// `callvault access check`, run as a built binary on the example policy, principal and recording
/// (Examples/policies), and on malformed files.
@Suite("callvault access check")
struct AccessCheckTests {
    let workspace: Workspace

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(relativePath), encoding: .utf8)
    }

    /// The example files, copied into the workspace under their own names.
    init() throws {
        workspace = try Workspace()
        for name in ["access-policy.json", "principal.json", "recording.json"] {
            try workspace.write(Array(try Self.text("Examples/policies/\(name)").utf8), to: name)
        }
    }

    static let files = [
        "--policy", "access-policy.json", "--principal", "principal.json", "--recording", "recording.json",
    ]
    static let ten = ["--at", "2026-03-02T10:00:00Z"]

    func check(_ arguments: [String]) throws -> ToolRun {
        try Tool.run(["access", "check"] + arguments, in: workspace.directory)
    }

    /// The `--json` report, as scripts read it.
    struct Report: Decodable {
        struct Reason: Decodable {
            var kind: String
            var text: String
            var rule: String?
            var condition: String?
        }

        struct Obligations: Decodable, Equatable {
            var expiresAt: String
            var grantLifetimeSeconds: Int
            var singleUse: Bool
            var watermark: Bool
            var notifyCompliance: Bool
        }

        var allowed: Bool
        var reasons: [Reason]
        var obligations: Obligations?
        var breakGlass: Bool
        var decidingRule: String?
        var policyVersion: String
        var principal: String
        var action: String
        var recording: String
        var purpose: String
        var decidedAt: String
    }

    func report(_ arguments: [String], status: Int32, sourceLocation: SourceLocation = #_sourceLocation) throws
        -> Report
    {
        let run = try check(arguments + ["--json"])
        try #require(run.status == status, "\(run)", sourceLocation: sourceLocation)
        return try JSONDecoder().decode(Report.self, from: Data(run.standardOutput.utf8))
    }

    @Test("allowed: exit 0, the rule and the obligations")
    func allowed() throws {
        let run = try check(Self.files + Self.ten + ["--action", "listen", "--purpose", "quality"])
        #expect(run.status == ExitStatus.success, "\(run)")
        #expect(
            run.standardOutput.hasPrefix(
                "ALLOWED: listen by sup.maria on recording 6f1c2b0e-4d5a-4e8f-9a3b-2c1d0e9f8a7b for quality (rule supervisors-review-team-calls)\n"
            ), "\(run)")
        #expect(run.standardOutput.contains("  - expires at 2026-03-02T10:15:00Z (a grant lives 900 seconds)\n"))
        #expect(run.standardOutput.contains("  - single use: no\n"))
        #expect(run.standardError.isEmpty, "\(run)")
    }

    @Test("denied: exit 6 and every reason")
    func denied() throws {
        let run = try check(Self.files + Self.ten + ["--action", "download", "--purpose", "training"])
        #expect(run.status == ExitStatus.denied, "\(run)")
        #expect(run.standardOutput.hasPrefix("DENIED: download by sup.maria"), "\(run)")
        #expect(
            run.standardOutput.contains(
                "  - rule supervisors-download-for-coaching needs approval by 1 other principal: 0 of 1 required approvals by other principals\n"
            ), "\(run)")
        #expect(!run.standardOutput.contains("obligations:"))
    }

    @Test("--json: allowed, reasons and obligations, every key present")
    func json() throws {
        let approved = try report(
            Self.files + Self.ten + ["--action", "download", "--purpose", "training", "--approved-by", "sup.omar"],
            status: ExitStatus.success)
        #expect(approved.allowed)
        #expect(approved.reasons.map(\.kind) == ["allowed-by"])
        #expect(approved.reasons.first?.rule == "supervisors-download-for-coaching")
        #expect(approved.reasons.first?.condition == nil)
        #expect(
            approved.obligations
                == Report.Obligations(
                    expiresAt: "2026-03-02T10:02:00Z", grantLifetimeSeconds: 120, singleUse: true, watermark: true,
                    notifyCompliance: false))
        #expect(approved.decidingRule == "supervisors-download-for-coaching")
        #expect(approved.policyVersion == "acme-2026-03")
        #expect(approved.principal == "sup.maria")
        #expect(approved.action == "download")
        #expect(approved.recording == "6f1c2b0e-4d5a-4e8f-9a3b-2c1d0e9f8a7b")
        #expect(approved.purpose == "training")
        #expect(approved.decidedAt == "2026-03-02T10:00:00Z")
        #expect(!approved.breakGlass)

        let consent = try report(
            Self.files + Self.ten + ["--action", "listen", "--purpose", "customer-request"], status: ExitStatus.denied)
        #expect(!consent.allowed)
        #expect(consent.obligations == nil)
        #expect(consent.decidingRule == nil)
        #expect(consent.reasons.map(\.kind) == ["needs-new-consent", "no-rule"])
        #expect(consent.reasons.first?.text.hasPrefix("needs new consent") == true)

        // Every key is present, null when it has no value.
        let raw = try check(Self.files + Self.ten + ["--action", "listen", "--purpose", "customer-request", "--json"])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(raw.standardOutput.utf8)) as? [String: Any])
        #expect(
            Set(object.keys) == [
                "allowed", "reasons", "obligations", "breakGlass", "decidingRule", "policyVersion", "principal",
                "action", "recording", "purpose", "decidedAt",
            ])
        #expect(object["obligations"] is NSNull)
        let reasons = try #require(object["reasons"] as? [[String: Any]])
        #expect(reasons.allSatisfy { Set($0.keys) == ["kind", "text", "rule", "condition"] })
    }

    @Test("break-glass with a justification, by an incident commander: allowed and flagged")
    func breakGlass() throws {
        let commander = try Self.text("Examples/policies/principal.json").replacingOccurrences(
            of: "\"roles\": [\"supervisor\"]", with: "\"roles\": [\"incident-commander\"]")
        try workspace.write(Array(commander.utf8), to: "commander.json")
        let arguments = [
            "--policy", "access-policy.json", "--principal", "commander.json", "--recording", "recording.json",
            "--action", "break-glass", "--purpose", "dispute-resolution", "--at", "2026-03-02T09:55:00Z",
        ]
        let run = try check(arguments + ["--justification", "caller says she is in danger"])
        #expect(run.status == ExitStatus.success, "\(run)")
        #expect(run.standardOutput.contains("\nBREAK-GLASS: flagged for compliance review\n"), "\(run)")
        #expect(run.standardOutput.contains("  - BREAK-GLASS, flagged for review: caller says she is in danger\n"))
        #expect(run.standardOutput.contains("  - notify compliance: yes\n"))
        let unjustified = try report(arguments, status: ExitStatus.denied)
        #expect(unjustified.breakGlass)
        #expect(unjustified.reasons.map(\.kind) == ["break-glass-without-justification"])
    }

    @Test("a legal export with a reference and two approvals")
    func legalExport() throws {
        let officer = try Self.text("Examples/policies/principal.json").replacingOccurrences(
            of: "\"roles\": [\"supervisor\"]", with: "\"roles\": [\"compliance-officer\"]")
        try workspace.write(Array(officer.utf8), to: "officer.json")
        var recording = try Self.text("Examples/policies/recording.json")
        recording = recording.replacingOccurrences(
            of: "\"dispute-resolution\"]", with: "\"dispute-resolution\", \"legal-regulatory\"]")
        try workspace.write(Array(recording.utf8), to: "disclosed.json")
        let arguments = [
            "--policy", "access-policy.json", "--principal", "officer.json", "--recording", "disclosed.json",
            "--action", "export-legal", "--purpose", "legal-regulatory", "--at", "2026-03-02T10:00:00Z",
        ]
        let missing = try report(arguments + ["--approved-by", "co.ann"], status: ExitStatus.denied)
        #expect(
            missing.reasons.compactMap(\.condition) == ["a legal request reference", "approval by 2 other principals"])
        let granted = try report(
            arguments + [
                "--legal-reference", "subpoena 26-114", "--approved-by", "co.ann", "--approved-by", "legal.bo",
            ],
            status: ExitStatus.success)
        #expect(granted.obligations?.watermark == true)
        #expect(granted.obligations?.notifyCompliance == true)
    }

    @Test("a court order for a recording disclosed for quality and training only is decided by the rules, not consent")
    func courtOrderNeedsNoConsent() throws {
        let officer = try Self.text("Examples/policies/principal.json").replacingOccurrences(
            of: "\"roles\": [\"supervisor\"]", with: "\"roles\": [\"compliance-officer\"]")
        try workspace.write(Array(officer.utf8), to: "officer.json")
        let recording = try Self.text("Examples/policies/recording.json").replacingOccurrences(
            of: "[\"quality\", \"training\", \"dispute-resolution\"]", with: "[\"quality\", \"training\"]")
        #expect(recording.contains("[\"quality\", \"training\"]"))
        try workspace.write(Array(recording.utf8), to: "quality-training.json")
        let arguments = [
            "--policy", "access-policy.json", "--principal", "officer.json", "--recording", "quality-training.json",
            "--action", "export-legal", "--purpose", "legal-regulatory", "--at", "2026-03-02T10:00:00Z",
        ]
        let bare = try report(arguments, status: ExitStatus.denied)
        #expect(!bare.reasons.map(\.kind).contains("needs-new-consent"), "\(bare)")
        #expect(
            bare.reasons.compactMap(\.condition) == ["a legal request reference", "approval by 2 other principals"])
        let ordered = try report(
            arguments + [
                "--legal-reference", "court order 26-cv-0042", "--approved-by", "co.ann", "--approved-by", "legal.bo",
            ],
            status: ExitStatus.success)
        #expect(ordered.reasons.map(\.kind).first == "allowed-by", "\(ordered)")
        // The same recording is still closed to a purpose the customer was not told of.
        let dispute = try report(
            [
                "--policy", "access-policy.json", "--principal", "officer.json", "--recording", "quality-training.json",
                "--action", "listen", "--purpose", "dispute-resolution", "--at", "2026-03-02T10:00:00Z",
            ], status: ExitStatus.denied)
        #expect(dispute.reasons.map(\.kind).first == "needs-new-consent")
    }

    struct MalformedCase: Sendable, CustomTestStringConvertible {
        let file: String
        let text: String
        let message: String
        var testDescription: String { "\(file): \(message)" }
    }

    static let malformed = [
        MalformedCase(
            file: "access-policy.json", text: "{\n  \"version\": \"v\",\n  \"rulez\": []\n}",
            message: "access-policy.json: Access policy line 3: \"rulez\" is not a field here"),
        MalformedCase(
            file: "access-policy.json",
            text:
                "{\n  \"version\": \"v\",\n  \"rules\": [\n    { \"id\": \"r\", \"effect\": \"allow\", \"roles\": [\"*\"],\n      \"actions\": [\"lisen\"] }\n  ]\n}",
            message: "access-policy.json: Access policy line 5: \"actions\" is 'lisen'"),
        MalformedCase(
            file: "access-policy.json", text: "{\n  \"version\": \"v\"\n  \"rules\": []\n}",
            message: "access-policy.json: Access policy line 3: expected ',' or '}' in an object."),
        MalformedCase(
            file: "principal.json",
            text:
                "{\n  \"id\": \"p\",\n  \"roles\": [],\n  \"authentication\": { \"method\": \"sso\", \"at\": \"yesterday\", \"multiFactor\": true }\n}",
            message: "principal.json: Principal line 4: \"at\" is 'yesterday', but it must be an ISO 8601 date and time"
        ),
        MalformedCase(
            file: "recording.json",
            text: "{\n  \"recordingID\": \"6f1c2b0e-4d5a-4e8f-9a3b-2c1d0e9f8a7b\",\n  \"disclosed\": []\n}",
            message: "recording.json: Recording line 3: \"disclosed\" is not a field here"),
        MalformedCase(
            file: "recording.json", text: "",
            message: "recording.json: Recording line 1: the document ends where a value was expected."),
    ]

    @Test("a malformed file: exit 1, naming the file and the line", arguments: malformed)
    func malformedFile(_ example: MalformedCase) throws {
        try workspace.write(Array(example.text.utf8), to: example.file)
        let run = try check(Self.files + Self.ten + ["--action", "listen", "--purpose", "quality"])
        #expect(run.status == ExitStatus.badInput, "\(run)")
        #expect(run.standardError.contains("callvault: error: \(example.message)"), "\(run)")
        #expect(run.standardOutput.isEmpty)
    }

    @Test("a missing file: exit 1")
    func missingFile() throws {
        let run = try check(
            ["--policy", "nowhere.json", "--principal", "principal.json", "--recording", "recording.json"] + Self.ten
                + ["--action", "listen", "--purpose", "quality"])
        #expect(run.status == ExitStatus.badInput, "\(run)")
        #expect(run.standardError.contains("Could not read 'nowhere.json'"), "\(run)")
    }

    @Test(
        "usage errors: exit 64",
        arguments: [
            ["--action", "Listen", "--purpose", "quality"], ["--action", "listen", "--purpose", "Quality"],
            ["--action", "listen", "--purpose", "quality", "--at", "2026-03-02"],
            ["--action", "listen"],
        ])
    func usage(_ arguments: [String]) throws {
        let run = try check(Self.files + arguments)
        #expect(run.status == ExitStatus.usage, "\(run)")
    }

    @Test("an action no rule names is decided, denied, with a note")
    func unknownAction() throws {
        let run = try check(Self.files + Self.ten + ["--action", "lisen", "--purpose", "quality"])
        #expect(run.status == ExitStatus.denied, "\(run)")
        #expect(run.standardError.contains("note: no rule of policy acme-2026-03 names the action 'lisen'"), "\(run)")
    }

    @Test("without --at, the request is decided now")
    func now() throws {
        let before = Date()
        let report = try report(
            Self.files + ["--action", "view-metadata", "--purpose", "quality"], status: ExitStatus.denied)
        // Maria's second factor (2 March 2026 09:50) is long past by now.
        #expect(report.reasons.first?.condition == "multi-factor authentication within 60 minutes")
        let formatter = ISO8601DateFormatter()
        if report.decidedAt.contains(".") { formatter.formatOptions.insert(.withFractionalSeconds) }
        let decided = try #require(formatter.date(from: report.decidedAt))
        #expect(decided.timeIntervalSince(before) > -2)
    }

    @Test("--help documents the files and the exit statuses")
    func help() throws {
        let run = try Tool.run(["access", "check", "--help"], in: workspace.directory)
        #expect(run.status == ExitStatus.success, "\(run)")
        let help = run.standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for text in [
            "--policy", "--principal", "--recording", "--action", "--purpose", "--at", "--justification",
            "--legal-reference", "--approved-by", "--json", "Exit status: 0 allowed; 6 denied; 1", "64 usage error",
            "disclosedPurposes", "multiFactor",
        ] {
            #expect(help.contains(text), "\(text) missing from the help")
        }
    }

    /// Splits a shell command line: backslash-newline continues it, double quotes group words.
    static func words(_ command: String) -> [String] {
        var words: [String] = []
        var word = ""
        var quoted = false
        var inWord = false
        for character in command.replacingOccurrences(of: "\\\n", with: " ") {
            if character == "\"" {
                quoted.toggle()
                inWord = true
            } else if character.isWhitespace, !quoted {
                if inWord { words.append(word) }
                word = ""
                inWord = false
            } else {
                word.append(character)
                inWord = true
            }
        }
        if inWord { words.append(word) }
        return words
    }

    @Test("every command in the Access control article prints what the article shows")
    func article() throws {
        let article = try Self.text("Sources/CallVaultAccess/CallVaultAccess.docc/AccessControl.md")
        var blocks: [(language: String, body: String)] = []
        var current: (language: String, lines: [String])?
        for line in article.components(separatedBy: "\n") {
            if line.hasPrefix("```") {
                if let open = current {
                    blocks.append((open.language, open.lines.joined(separator: "\n")))
                    current = nil
                } else {
                    current = (String(line.dropFirst(3)), [])
                }
            } else {
                current?.lines.append(line)
            }
        }
        var checked = 0
        for (index, block) in blocks.enumerated()
        where block.language == "bash" && block.body.hasPrefix("callvault access check") {
            try #require(index + 1 < blocks.count, "no output block after \(block.body)")
            let expected = blocks[index + 1].body
            let words = Self.words(block.body)
            let run = try Tool.run(Array(words.dropFirst()), in: workspace.directory)
            #expect(run.standardOutput == expected + "\n", "\(run)")
            let allowed = expected.hasPrefix("ALLOWED") || expected.contains("\"allowed\" : true")
            #expect(run.status == (allowed ? ExitStatus.success : ExitStatus.denied), "\(run)")
            checked += 1
        }
        #expect(checked == 4)
        #expect(article.contains("Exit status: 0 allowed; 6 denied;"))
    }
}

import CallVaultAudit
import CallVaultCore
import CallVaultCrypto
import CallVaultSQLite
import ChildProcess
import Foundation
import Testing

/// The audit history cannot be erased: a vault made by `callvault vault init` knows its log (its
/// identity and its latest signed checkpoint, kept in the database), and every command refuses a
/// log that is missing, emptied, cut short, replaced or extended with forged lines, before it
/// writes anything. A torn last line stays what a crash leaves (exit 3, recoverable).
@Suite("callvault vault: the audit log is anchored")
struct VaultAuditLogAnchorToolTests {
    /// The commands every case is tried with: one that opens the vault for writing, two that read.
    static let commands: [[String]] = [["sweep"], ["list"], ["audit"]]

    /// A vault made by the tool, as an operator makes one.
    func initVault() throws -> Workspace {
        let workspace = try Workspace()
        let made = try Tool.run(
            VaultInitArguments.minimum(vault: "v", organisation: "Acme Bank") + ["--hold-officer", "legal.alice"],
            in: workspace.directory)
        try #require(made.status == ExitStatus.success, "\(made)")
        return workspace
    }

    func runAll(_ workspace: Workspace) throws -> [ToolRun] {
        try Self.commands.map { try Tool.run(["vault"] + $0 + ["--vault", "v"], in: workspace.directory) }
    }

    /// Appends an entry through the library, as a host does, and closes the vault (which signs a
    /// checkpoint).
    func appendEntry(_ workspace: Workspace, _ actor: String) async throws {
        let opened = try await VaultFolder.open(
            at: workspace.directory.appendingPathComponent("v"), passphrase: try Passphrase(Tool.passphrase))
        try await opened.vault.audit.record(
            AuditRecord(
                actor: PrincipalID(actor), action: try AuditAction("crm.note"), target: "recording:x", outcome: .denied)
        )
        try await opened.close()
    }

    @Test("a deleted log: every command exits 2 naming the missing log, and no new log is started")
    func deleted() throws {
        let workspace = try initVault()
        try FileManager.default.removeItem(atPath: workspace.path("v/audit.log"))
        for run in try runAll(workspace) {
            #expect(run.status == ExitStatus.tampered, "\(run)")
            #expect(run.standardError.contains("audit.log is missing"), "\(run)")
        }
        #expect(!workspace.exists("v/audit.log"), "no fresh log was started")
    }

    @Test("an emptied log: every command exits 2 naming the emptied log, and nothing is written to it")
    func emptied() throws {
        let workspace = try initVault()
        try workspace.write([], to: "v/audit.log")
        for run in try runAll(workspace) {
            #expect(run.status == ExitStatus.tampered, "\(run)")
            #expect(run.standardError.contains("audit.log is empty"), "\(run)")
        }
        #expect(try workspace.read("v/audit.log").isEmpty, "nothing was written")
    }

    @Test("a log cut back to an earlier checkpoint (a valid prefix) exits 3, naming the entries cut off")
    func cutShort() async throws {
        let workspace = try initVault()
        try await appendEntry(workspace, "sup.maria")
        let earlier = try workspace.read("v/audit.log")
        try await appendEntry(workspace, "agent.tom")
        let later = try workspace.read("v/audit.log")
        try workspace.write(earlier, to: "v/audit.log")
        let verifiedAlone = try workspace.run("audit", "verify", "v/audit.log")
        #expect(verifiedAlone.status == ExitStatus.success, "the prefix verifies on its own: \(verifiedAlone)")
        for run in try runAll(workspace) {
            #expect(run.status == ExitStatus.incomplete, "\(run)")
            #expect(run.standardError.contains("cut short"), "\(run)")
        }
        #expect(try workspace.read("v/audit.log") == earlier, "nothing was written")
        try workspace.write(later, to: "v/audit.log")
        for run in try runAll(workspace) { #expect(run.status == ExitStatus.success, "restored: \(run)") }
    }

    @Test("a log replaced by another vault's log exits 2, naming the replacement")
    func replacedByAnotherVault() throws {
        let workspace = try initVault()
        let other = try Tool.run(
            VaultInitArguments.minimum(vault: "other", organisation: "Other"), in: workspace.directory)
        try #require(other.status == ExitStatus.success, "\(other)")
        try workspace.write(try workspace.read("other/audit.log"), to: "v/audit.log")
        for run in try runAll(workspace) {
            #expect(run.status == ExitStatus.tampered, "\(run)")
            #expect(run.standardError.contains("replaced"), "\(run)")
        }
    }

    @Test("a log replaced by a fresh valid log signed with the vault's own key exits 2")
    func replacedByFreshLog() async throws {
        let workspace = try initVault()
        let key = try SigningKeyFile.open(
            try workspace.text("v/keys/organisation.signing-key"), passphrase: try Passphrase(Tool.passphrase))
        try FileManager.default.removeItem(atPath: workspace.path("v/audit.log"))
        let fresh = try await AuditLog(
            sink: AuditFileSink(path: workspace.path("v/audit.log")), signingKey: key, clock: SystemWallClock())
        try await fresh.record(
            AuditRecord(actor: "vault", action: try AuditAction("vault.created"), target: "vault", outcome: .succeeded))
        try await fresh.checkpoint()
        let alone = try workspace.run("audit", "verify", "v/audit.log", "--public-key", key.verifyingKey.description)
        #expect(alone.status == ExitStatus.success, "the fresh log verifies on its own: \(alone)")
        for run in try runAll(workspace) {
            #expect(run.status == ExitStatus.tampered, "\(run)")
            #expect(run.standardError.contains("replaced"), "\(run)")
        }
    }

    @Test(
        "complete lines appended that do not chain are tampering (exit 2), not a torn tail",
        arguments: [
            "not an audit line\n",
            #"{"seq":2,"time":"2026-12-01T00:00:00.000Z","actor":"mallory","action":"access.decision","target":"recording:x","outcome":"allowed","reasons":[],"hash":"0000000000000000000000000000000000000000000000000000000000000000"}"#
                + "\n",
        ])
    func forgedLines(appended: String) throws {
        let workspace = try initVault()
        let before = try workspace.read("v/audit.log")
        try workspace.write(before + Array(appended.utf8), to: "v/audit.log")
        for run in try runAll(workspace) {
            #expect(run.status == ExitStatus.tampered, "\(run)")
            #expect(run.standardError.contains("tampered"), "\(run)")
        }
        #expect(try workspace.read("v/audit.log") == before + Array(appended.utf8), "nothing was written")
    }

    @Test("a torn last line (no newline) is still incomplete (exit 3) and nothing is written")
    func torn() throws {
        let workspace = try initVault()
        let torn = try workspace.read("v/audit.log") + Array(#"{"seq":2,"time":"2026-1"#.utf8)
        try workspace.write(torn, to: "v/audit.log")
        let sweep = try Tool.run(["vault", "sweep", "--vault", "v"], in: workspace.directory)
        #expect(sweep.status == ExitStatus.incomplete, "\(sweep)")
        #expect(sweep.standardError.contains("torn line"), "\(sweep)")
        let audit = try Tool.run(["vault", "audit", "--vault", "v"], in: workspace.directory)
        #expect(audit.status == ExitStatus.incomplete, "\(audit)")
        #expect(try workspace.read("v/audit.log") == torn)
    }

    @Test("audit witness keeps the latest checkpoint apart; a log cut behind it fails audit verify with exit 3")
    func witness() async throws {
        let workspace = try initVault()
        try await appendEntry(workspace, "sup.maria")
        let earlier = try workspace.read("v/audit.log")
        try await appendEntry(workspace, "agent.tom")
        let witnessed = try workspace.succeed("audit", "witness", "--vault", "v", "--output", "witness")
        #expect(witnessed.standardOutput.contains("witnessed:"), "\(witnessed)")
        let key = try VaultFolder(workspace.directory.appendingPathComponent("v")).verifyingKey().description
        try workspace.succeed("audit", "verify", "v/audit.log", "--public-key", key, "--checkpoints", "witness")

        try workspace.write(earlier, to: "v/audit.log")
        let verify = try workspace.run(
            "audit", "verify", "v/audit.log", "--public-key", key, "--checkpoints", "witness")
        #expect(verify.status == ExitStatus.incomplete, "\(verify)")
        #expect(verify.standardOutput.hasPrefix("INCOMPLETE: "), "\(verify)")
        #expect(verify.standardOutput.contains("were cut off"), "\(verify)")
    }

    @Test("the log and the database rolled back together: the vault cannot tell, a witness file can (exit 3)")
    func rolledBackTogether() async throws {
        let workspace = try initVault()
        let files = {
            (try FileManager.default.contentsOfDirectory(atPath: workspace.path("v"))).filter {
                $0.hasPrefix("vault.sqlite") || $0 == "audit.log"
            }
        }
        // An older copy of the log and the database, taken together.
        try FileManager.default.createDirectory(atPath: workspace.path("old"), withIntermediateDirectories: false)
        for name in try files() {
            try FileManager.default.copyItem(atPath: workspace.path("v/\(name)"), toPath: workspace.path("old/\(name)"))
        }
        try await appendEntry(workspace, "sup.maria")
        try workspace.succeed("audit", "witness", "--vault", "v", "--output", "witness")
        for name in try files() { try FileManager.default.removeItem(atPath: workspace.path("v/\(name)")) }
        for name in try FileManager.default.contentsOfDirectory(atPath: workspace.path("old")) {
            try FileManager.default.copyItem(atPath: workspace.path("old/\(name)"), toPath: workspace.path("v/\(name)"))
        }
        let audit = try workspace.run("vault", "audit", "--vault", "v")
        #expect(audit.status == ExitStatus.success, "the rolled-back pair agrees with itself: \(audit)")
        let key = try VaultFolder(workspace.directory.appendingPathComponent("v")).verifyingKey().description
        let verify = try workspace.run(
            "audit", "verify", "v/audit.log", "--public-key", key, "--checkpoints", "witness")
        #expect(verify.status == ExitStatus.incomplete, "\(verify)")
        #expect(verify.standardOutput.contains("were cut off"), "\(verify)")
        let witness = try workspace.run("audit", "witness", "--vault", "v", "--output", "witness")
        #expect(witness.status == ExitStatus.incomplete, "witnessing again notices it too: \(witness)")
    }

    @Test("audit witness: a log FILE with --public-key; nothing appended twice; JSON keys")
    func witnessFile() async throws {
        let workspace = try initVault()
        let key = try VaultFolder(workspace.directory.appendingPathComponent("v")).verifyingKey().description
        let first = try workspace.succeed(
            "audit", "witness", "v/audit.log", "--public-key", key, "--output", "elsewhere.witness", "--json")
        let report = try JSONDecoder().decode(WitnessJSON.self, from: Data(first.standardOutput.utf8))
        #expect(report.sequence == 2 && !report.alreadyWitnessed && report.witnessedCheckpoints == 1, "\(first)")
        #expect(try workspace.permissions("elsewhere.witness") == 0o600)
        let again = try workspace.succeed(
            "audit", "witness", "v/audit.log", "--public-key", key, "--output", "elsewhere.witness")
        #expect(again.standardOutput.contains("already in elsewhere.witness; nothing appended"), "\(again)")
        #expect(try workspace.text("elsewhere.witness").split(separator: "\n").count == 1)
        try await appendEntry(workspace, "sup.maria")
        let later = try workspace.succeed("audit", "witness", "--vault", "v", "--output", "elsewhere.witness", "--json")
        let laterReport = try JSONDecoder().decode(WitnessJSON.self, from: Data(later.standardOutput.utf8))
        #expect(laterReport.sequence == 3 && laterReport.witnessedCheckpoints == 2, "\(later)")
    }

    @Test(
        "audit witness refuses a log cut behind what the witness file holds (3), a tampered log (2), and writes nothing"
    )
    func witnessRefuses() async throws {
        let workspace = try initVault()
        let earlier = try workspace.read("v/audit.log")
        try await appendEntry(workspace, "sup.maria")
        try workspace.succeed("audit", "witness", "--vault", "v", "--output", "w")
        let witness = try workspace.read("w")
        let key = try VaultFolder(workspace.directory.appendingPathComponent("v")).verifyingKey().description

        try workspace.write(earlier, to: "cut.log")
        let cut = try workspace.run("audit", "witness", "cut.log", "--public-key", key, "--output", "w")
        #expect(cut.status == ExitStatus.incomplete, "\(cut)")
        #expect(cut.standardError.contains("nothing was witnessed"), "\(cut)")

        var tampered = try workspace.read("v/audit.log")
        tampered[tampered.count / 2] ^= 0x04
        try workspace.write(tampered, to: "tampered.log")
        let altered = try workspace.run("audit", "witness", "tampered.log", "--public-key", key, "--output", "w")
        #expect(altered.status == ExitStatus.tampered, "\(altered)")
        #expect(try workspace.read("w") == witness, "nothing was appended")
    }

    @Test(
        "audit witness: usage errors, and an output that is the log itself or not a regular file",
        arguments: [
            (["audit", "witness", "--output", "w"], ExitStatus.usage),
            (["audit", "witness", "v/audit.log", "--vault", "v", "--output", "w"], ExitStatus.usage),
            (["audit", "witness", "v/audit.log", "--output", "w"], ExitStatus.usage),
            (["audit", "witness", "--vault", "v", "--output", "v/audit.log"], ExitStatus.badInput),
            (["audit", "witness", "--vault", "v", "--output", "/dev/null"], ExitStatus.badInput),
        ])
    func witnessUsage(arguments: [String], status: Int32) throws {
        let workspace = try initVault()
        let log = try workspace.read("v/audit.log")
        let run = try Tool.run(arguments, in: workspace.directory)
        #expect(run.status == status, "\(run)")
        #expect(try workspace.read("v/audit.log") == log)
        #expect(!workspace.exists("w"))
    }

    @Test("vault audit --json: the anchor's state, and a log ahead of its anchor (a crash before the database update)")
    func auditReportsAnchor() async throws {
        let workspace = try initVault()
        let folder = VaultFolder(workspace.directory.appendingPathComponent("v"))
        let key = try SigningKeyFile.open(
            try workspace.text("v/keys/organisation.signing-key"), passphrase: try Passphrase(Tool.passphrase))
        // A checkpoint the database never heard of.
        let writer = try await AuditLog(
            sink: AuditFileSink(path: folder.auditLogFile.path), signingKey: key, clock: SystemWallClock())
        try await writer.record(AuditRecord(actor: "sup.maria", action: .accessDecision, target: "t", outcome: .denied))
        try await writer.checkpoint()
        let behind = try workspace.succeed("vault", "audit", "--vault", "v", "--json")
        #expect(behind.standardOutput.contains("\"state\" : \"behind-log\""), "\(behind)")
        #expect(behind.standardOutput.contains("\"entriesAfterAnchor\" : 1"), "\(behind)")
        let text = try workspace.succeed("vault", "audit", "--vault", "v")
        #expect(text.standardOutput.contains("anchor: behind the log's last checkpoint (entry 3)"), "\(text)")
        try workspace.succeed("vault", "list", "--vault", "v")
        try await appendEntry(workspace, "agent.tom")
        let moved = try workspace.succeed("vault", "audit", "--vault", "v", "--json")
        #expect(moved.standardOutput.contains("\"state\" : \"matches\""), "\(moved)")

        try FileManager.default.removeItem(atPath: folder.auditLogFile.path)
        let missing = try workspace.run("vault", "audit", "--vault", "v", "--json")
        #expect(missing.status == ExitStatus.tampered, "\(missing)")
        #expect(missing.standardError.contains("is missing"), "\(missing)")
    }

    @Test(
        "a vault made by an earlier version (no anchor) is listed, reported as not anchored, and anchored by the next command that writes"
    )
    func previousVersion() async throws {
        // As an earlier version left it: no anchor table, and a log with nothing only an
        // anchoring version writes.
        let fixture = try VaultFixture()
        _ = try await LegacyVaultTests.recordAsBefore(fixture, calls: 1)
        #expect(try fixture.run("list").status == ExitStatus.success)
        let unanchored = try fixture.run("audit", "--json")
        #expect(unanchored.status == ExitStatus.success, "\(unanchored)")
        #expect(unanchored.standardOutput.contains("\"state\" : \"not-anchored\""), "\(unanchored)")
        #expect(try fixture.run("sweep", "--plan").status == ExitStatus.success)
        let anchored = try fixture.run("audit")
        #expect(anchored.standardOutput.contains("anchor: the log reaches the anchored checkpoint"), "\(anchored)")
        let entries = try AuditLogReader.entries(at: fixture.folder.auditLogFile.path)
        #expect(entries.contains { $0.record.action == .logAnchored })
    }

    @Test(
        "the anchor table dropped under a log an anchoring version wrote is refused, not taken for an earlier version")
    func anchorTableDropped() async throws {
        let fixture = try VaultFixture()
        _ = try await fixture.recordCalls(1, startingAt: Date().addingTimeInterval(-3_600))
        try await DatabaseEdit.queue(fixture).write { db in
            try db.execute(
                sql:
                    "DROP TABLE audit_log_anchor; DELETE FROM grdb_migrations WHERE identifier = 'v3-audit-log-anchor';"
            )
        }
        let log = try Data(contentsOf: fixture.folder.auditLogFile)
        let audit = try fixture.run("audit")
        #expect(audit.status == ExitStatus.tampered, "\(audit)")
        let plan = try fixture.run("sweep", "--plan")
        #expect(plan.status == ExitStatus.tampered, "\(plan)")
        #expect(plan.standardError.contains("anchor"), "\(plan)")
        #expect(try Data(contentsOf: fixture.folder.auditLogFile) == log, "nothing written")
    }

    struct WitnessJSON: Decodable {
        var file: String
        var output: String
        var logID: String
        var sequence: UInt64
        var head: String
        var checkpointTime: String
        var alreadyWitnessed: Bool
        var witnessedCheckpoints: Int
    }
}

/// Crashes at the worst moments for the anchor: the tool killed at each `fsync` (the audit log's)
/// and each `fdatasync` (the database's) of a command that appends entries and a checkpoint. After
/// every kill the vault opens, the log verifies and reaches its anchor, and a later command goes on.
@Suite("callvault vault: the audit anchor under kill -9", .serialized)
struct VaultAuditLogAnchorCrashTests {
    static let strace = "/usr/bin/strace"

    @Test(
        "killed at every sync of a command that writes: the vault still opens; the log may be ahead of the anchor, never behind",
        .enabled(
            if: FileManager.default.isExecutableFile(atPath: strace), "strace is needed to kill at a chosen system call"
        ))
    func killedAtEverySync() async throws {
        let template = try VaultFixture()
        let id = try await template.recordCalls(1, startingAt: Date().addingTimeInterval(-3_600))[0]
        var states: [String: Int] = [:]
        for call in ["fsync", "fdatasync", "write", "pwrite64"] {
            var reachedEnd = false
            for round in 1...200 where !reachedEnd {
                let name = "v-\(call)-\(round)"
                try FileManager.default.copyItem(
                    at: template.directory, to: template.workspace.directory.appendingPathComponent(name))
                let killed = try Self.run(
                    [
                        Self.strace, "-f", "-qq", "-o", "/dev/null", "-e", "trace=\(call)",
                        "-e", "inject=\(call):signal=KILL:when=\(round)", try Tool.executable().path,
                        "vault", "hold", "place", "--vault", name, "--recording", id.description, "--matter",
                        "M-\(round)",
                        "--reason", "litigation", "--by", "legal.alice",
                    ], in: template.workspace)
                reachedEnd = killed.status == 0
                #expect(killed.status == 0 || killed.status == 128 + 9, "\(call) #\(round): \(killed)")

                let audit = try Tool.run(
                    ["vault", "audit", "--json", "--vault", name], in: template.workspace.directory)
                #expect(audit.status == ExitStatus.success, "after a kill at \(call) #\(round): \(audit)")
                let state = try JSONDecoder().decode(AuditJSON.self, from: Data(audit.standardOutput.utf8)).anchor.state
                states[state, default: 0] += 1
                #expect(["matches", "behind-log"].contains(state), "\(call) #\(round): \(audit)")

                let again = try Tool.run(
                    [
                        "vault", "hold", "place", "--vault", name, "--recording", id.description, "--matter", "again",
                        "--reason", "litigation", "--by", "legal.alice",
                    ], in: template.workspace.directory)
                #expect(again.status == ExitStatus.success, "a command after the kill at \(call) #\(round): \(again)")
                let after = try Tool.run(
                    ["vault", "audit", "--json", "--vault", name], in: template.workspace.directory)
                #expect(after.status == ExitStatus.success, "\(after)")
                #expect(after.standardOutput.contains("\"state\" : \"matches\""), "\(after)")
                try FileManager.default.removeItem(at: template.workspace.directory.appendingPathComponent(name))
            }
            #expect(reachedEnd, "the command ran to its end without a kill within 200 \(call) calls")
        }
        #expect(
            states["behind-log", default: 0] > 0,
            "some kill fell between the log's sync and the anchor's update: \(states)")
    }

    struct AuditJSON: Decodable {
        struct Anchor: Decodable { var state: String }
        var anchor: Anchor
    }

    static func run(_ command: [String], in workspace: Workspace) throws -> ToolRun {
        var environment = ProcessInfo.processInfo.environment
        environment["CALLVAULT_PASSPHRASE"] = Tool.passphrase
        let run = try ChildProcess.run(
            command[0], Array(command.dropFirst()), environment: environment, directory: workspace.directory.path,
            timeoutSeconds: Tool.watchdogSeconds)
        return ToolRun(
            arguments: command, status: run.status, standardOutput: String(decoding: run.standardOutput, as: UTF8.self),
            standardError: String(decoding: run.standardError, as: UTF8.self))
    }
}

import CallVaultAudit
import CallVaultCore
import CallVaultCrypto
import Foundation
import Synchronization
import Testing

/// `callvault audit verify`, run as a built binary over logs the library wrote: the summary of an
/// intact log, the first bad entry of a damaged one, and the exit status scripts rely on.
@Suite("callvault audit verify")
struct AuditVerifyTests {
    /// A clock that moves a few milliseconds each time it is read (the tool tests do not link the test kit).
    final class SteppingClock: WallClock {
        private let start = Date(timeIntervalSince1970: 1_795_000_000.250)
        private let reads = Atomic(0)

        var now: Date {
            start.addingTimeInterval(Double(reads.add(1, ordering: .relaxed).newValue) * 0.005)
        }

        func sleep(for duration: Duration) async throws {}
    }

    /// The JSON report, as scripts read it.
    struct Report: Decodable {
        struct Problem: Decodable {
            var kind: String
            var line: Int
            var sequence: UInt64?
            var detail: String
            var advice: String
        }

        var file: String
        var verdict: String
        var intact: Bool
        var logID: String?
        var signer: String?
        var origin: String
        var entries: UInt64
        var checkpoints: Int
        var lastCheckpoint: UInt64?
        var unsignedEntries: UInt64
        var witnessFile: String?
        var witnessedCheckpoints: Int
        var tornLine: Int?
        var problem: Problem?
    }

    let workspace: Workspace
    let key: SigningKey
    let publicKey: String

    init() throws {
        workspace = try Workspace()
        key = try [UInt8](repeating: 0x42, count: 32).withUnsafeBytes { try SigningKey(seed: $0) }
        publicKey = key.verifyingKey.description
    }

    /// Writes `audit.log` (a checkpoint after every third entry) and its witness file `witness`.
    @discardableResult
    func writeLog(entries: Int = 9, name: String = "audit.log", witness: String = "witness") async throws -> UUID {
        let log = try await AuditLog(
            sink: AuditFileSink(path: workspace.path(name)), signingKey: key, clock: SteppingClock(),
            witnesses: [AuditCheckpointFile(path: workspace.path(witness))],
            configuration: .init(checkpointEvery: 3))
        for index in 0..<entries {
            try await log.record(
                AuditRecord(
                    actor: PrincipalID(index % 2 == 0 ? "sup.maria" : "agent.tom"), action: .accessDecision,
                    target: AuditRecord.target(RecordingID()), purpose: .quality,
                    outcome: index % 3 == 0 ? .denied : .allowed, reasons: ["rule \(index)"]))
        }
        return log.logID
    }

    func lines(_ name: String = "audit.log") throws -> [String] {
        try workspace.text(name).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    func write(_ lines: [String], to name: String = "audit.log") throws {
        try workspace.write(Array(lines.joined(separator: "\n").utf8), to: name)
    }

    func verifyJSON(_ arguments: String..., status: Int32, sourceLocation: SourceLocation = #_sourceLocation)
        throws -> Report
    {
        let run = try Tool.run(["audit", "verify", "--json"] + arguments, in: workspace.directory)
        try #require(run.status == status, "\(run)", sourceLocation: sourceLocation)
        return try JSONDecoder().decode(Report.self, from: Data(run.standardOutput.utf8))
    }

    @Test("an intact log, checked against the organisation's key: a summary and exit 0")
    func intactWithKey() async throws {
        let logID = try await writeLog()
        let run = try workspace.succeed("audit", "verify", "audit.log", "--public-key", publicKey)
        let out = run.standardOutput
        #expect(out.hasPrefix("intact: audit.log\n"), "\(run)")
        #expect(out.contains("entries: 9; checkpoints: 3 (the last signs entry 9)"))
        #expect(out.contains("log: \(logID.uuidString.lowercased())"))
        #expect(out.contains("signer: \(publicKey) (the key given)"))
        #expect(!out.contains("no --public-key"))
        #expect(!out.contains("unsigned"))
        #expect(out.contains("no witness file given"))
    }

    @Test("without --public-key it says plainly that the log's own key is not proof of origin")
    func intactWithoutKey() async throws {
        try await writeLog(entries: 10)
        let run = try workspace.succeed("audit", "verify", "audit.log")
        #expect(run.standardOutput.contains("signatures were checked only against the key the log names itself"))
        #expect(run.standardOutput.contains("not who signed it"))
        #expect(run.standardOutput.contains("unsigned: the last entry comes after the last checkpoint"))
        let report = try verifyJSON("audit.log", status: ExitStatus.success)
        #expect(report.verdict == "intact" && report.intact)
        #expect(report.origin == "self-named")
        #expect(report.signer == publicKey)
        #expect(report.entries == 10 && report.checkpoints == 3 && report.lastCheckpoint == 9)
        #expect(report.unsignedEntries == 1)
        #expect(report.problem == nil && report.tornLine == nil)
    }

    @Test("the public key may be given as a file holding it")
    func keyFile() async throws {
        try await writeLog()
        try workspace.write(Array("\(publicKey)\n".utf8), to: "audit.pub")
        let report = try verifyJSON("audit.log", "--public-key", "audit.pub", status: ExitStatus.success)
        #expect(report.origin == "trusted-key")
    }

    /// Damage done to the log (lines numbered from 0 here: 0 is the header, 4 the checkpoint of 3).
    struct Damage: Sendable, CustomTestStringConvertible {
        let name: String
        let kind: String
        let line: Int
        let sequence: UInt64?
        let edit: @Sendable (inout [String]) -> Void

        var testDescription: String { name }

        static let all = [
            Damage(name: "an outcome changed", kind: "entry-altered", line: 7, sequence: 5) {
                $0[6] = $0[6].replacingOccurrences(of: #""outcome":"allowed""#, with: #""outcome":"denied""#)
            },
            Damage(name: "an entry deleted", kind: "entries-missing", line: 6, sequence: 5) { $0.remove(at: 5) },
            Damage(name: "two entries swapped", kind: "entry-out-of-order", line: 2, sequence: 2) {
                $0.swapAt(1, 2)
            },
            Damage(name: "an entry repeated", kind: "entry-out-of-order", line: 4, sequence: 2) {
                $0.insert($0[2], at: 3)
            },
            Damage(name: "a checkpoint's signature changed", kind: "checkpoint-forged", line: 9, sequence: 6) {
                let digit = $0[8].index($0[8].endIndex, offsetBy: -3)
                $0[8].replaceSubrange(digit...digit, with: $0[8][digit] == "0" ? "1" : "0")
            },
            Damage(name: "a space added", kind: "malformed-line", line: 3, sequence: nil) {
                $0[2] = $0[2].replacingOccurrences(of: #""seq":"#, with: #""seq": "#)
            },
        ]
    }

    @Test("a damaged log names the first bad line and entry, says what to do, and exits 2", arguments: Damage.all)
    func tampered(damage: Damage) async throws {
        try await writeLog()
        var lines = try lines()
        let original = lines
        damage.edit(&lines)
        try #require(lines != original, "the damage applies")
        try write(lines)
        let run = try workspace.run("audit", "verify", "audit.log", "--public-key", publicKey)
        #expect(run.status == ExitStatus.tampered, "\(run)")
        let entry = damage.sequence.map { ", entry \($0)" } ?? ""
        #expect(run.standardOutput.hasPrefix("TAMPERED: line \(damage.line)\(entry): "), "\(run)")
        #expect(run.standardOutput.contains("What to do: Keep this file as evidence"))
        #expect(run.standardError.contains("audit.log: tampered at line \(damage.line)"))
        let report = try verifyJSON("audit.log", "--public-key", publicKey, status: ExitStatus.tampered)
        #expect(report.verdict == "tampered" && !report.intact)
        #expect(report.problem?.kind == damage.kind)
        #expect(report.problem?.line == damage.line)
        #expect(report.problem?.sequence == damage.sequence)
    }

    @Test("a log signed by another key than the one given exits 4")
    func wrongKey() async throws {
        try await writeLog()
        let other = try [UInt8](repeating: 7, count: 32).withUnsafeBytes { try SigningKey(seed: $0) }
        let run = try workspace.run("audit", "verify", "audit.log", "--public-key", other.verifyingKey.description)
        #expect(run.status == ExitStatus.wrongKey, "\(run)")
        #expect(run.standardOutput.hasPrefix("WRONG SIGNER: line 1: the log names signer \(publicKey)"))
        let report = try verifyJSON(
            "audit.log", "--public-key", other.verifyingKey.description, status: ExitStatus.wrongKey)
        #expect(report.problem?.kind == "wrong-signer")
    }

    @Test("a log cut short behind a witnessed checkpoint is incomplete (exit 3); without the witness it is not seen")
    func truncated() async throws {
        try await writeLog()
        var lines = try lines()
        lines = Array(lines.prefix(7)) + [""]  // the header, entries 1-3, the checkpoint of 3, entries 4-5
        try write(lines)
        let run = try workspace.run("audit", "verify", "audit.log", "--checkpoints", "witness")
        #expect(run.status == ExitStatus.incomplete, "\(run)")
        #expect(run.standardOutput.hasPrefix("INCOMPLETE: line 8, entry 6: the log ends at entry 5"), "\(run)")
        #expect(run.standardOutput.contains("witness: 3 checkpoints of this log in witness"))
        let report = try verifyJSON("audit.log", "--checkpoints", "witness", status: ExitStatus.incomplete)
        #expect(report.verdict == "incomplete" && report.problem?.kind == "truncated")
        #expect(report.entries == 5 && report.witnessedCheckpoints == 3)
        let unwitnessed = try workspace.succeed("audit", "verify", "audit.log")
        #expect(unwitnessed.standardOutput.contains("no witness file given"))
    }

    @Test("a witness file of another log is reported as holding nothing for this one")
    func foreignWitness() async throws {
        try await writeLog()
        try await writeLog(name: "other.log", witness: "other-witness")
        let run = try workspace.succeed("audit", "verify", "audit.log", "--checkpoints", "other-witness")
        #expect(run.standardOutput.contains("witness: 0 checkpoints of this log in other-witness"))
        #expect(run.standardOutput.contains("warning: the witness file holds no checkpoint signed for this log"))
    }

    @Test("a last line torn by a crash is incomplete (exit 3), and the entries before it verified")
    func torn() async throws {
        try await writeLog(entries: 4)
        try workspace.write(try workspace.read("audit.log") + Array(#"{"seq":5,"time":"2026-11"#.utf8), to: "audit.log")
        let run = try workspace.run("audit", "verify", "audit.log", "--public-key", publicKey)
        #expect(run.status == ExitStatus.incomplete, "\(run)")
        #expect(run.standardOutput.hasPrefix("INCOMPLETE: line 7: line 7 is cut short after entry 4"), "\(run)")
        #expect(run.standardOutput.contains("moveAside"))
        #expect(run.standardOutput.contains("Before it: 4 entries and 1 checkpoint verified."))
        let report = try verifyJSON("audit.log", status: ExitStatus.incomplete)
        #expect(report.tornLine == 7 && report.problem?.kind == "torn-line" && report.entries == 4)
    }

    @Test(
        "unreadable input, a file that is no audit log, a bad key or witness file: exit 1 with a message",
        arguments: [
            (["missing.log"], "could not be used: No such file or directory"),
            (["notes.txt"], "line 1 is not the header of a CallVault audit log"),
            (["audit.log", "--public-key", "abc"], "is not a public key"),
            (["audit.log", "--checkpoints", "missing-witness"], "missing-witness could not be used"),
            (["audit.log", "--checkpoints", "notes.txt"], "line 1 is not a witnessed checkpoint"),
        ])
    func badInput(arguments: [String], mentions: String) async throws {
        try await writeLog(entries: 2)
        try workspace.write(Array("meeting notes\nnothing here\n".utf8), to: "notes.txt")
        let run = try Tool.run(["audit", "verify"] + arguments, in: workspace.directory)
        #expect(run.status == ExitStatus.badInput, "\(run)")
        #expect((run.standardOutput + run.standardError).contains(mentions), "\(run)")
    }
}

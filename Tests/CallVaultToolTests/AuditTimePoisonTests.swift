import CallVaultAudit
import CallVaultCore
import CallVaultCrypto
import CallVaultSQLite
import Foundation
import Testing

/// An audit entry dated in the future (a host whose clock was wrong, or a program simulating
/// years ahead that logged into the real audit log) is refused: `audit verify`, `vault audit` and
/// `vault verify` report it as `entry-in-the-future` (exit 2), and a command that writes refuses
/// the vault rather than stamp its own entries with the poisoned time.
@Suite("callvault: audit entries dated in the future")
struct AuditTimePoisonTests {
    static let threeYears: TimeInterval = 3 * 365 * 86_400

    /// A clock showing a fixed time (the tool tests do not link the test kit).
    struct FixedClock: WallClock {
        let now: Date
        func sleep(for duration: Duration) async throws {}
    }

    /// `vault audit --json` and `audit verify --json`, as scripts read them.
    struct Report: Decodable {
        struct Problem: Decodable {
            var kind: String
            var line: Int
            var sequence: UInt64?
        }

        var verdict: String
        var intact: Bool
        var problem: Problem?
    }

    /// `vault verify --json`.
    struct IntegrityReport: Decodable {
        struct Problem: Decodable {
            var file: String?
            var kind: String
            var detail: String
        }

        var intact: Bool
        var problems: [Problem]
    }

    /// Appends an entry to the vault's audit log as a host whose clock is `ahead` seconds fast
    /// would: the organisation's key, the log file, a checkpoint.
    static func appendFromFastHost(_ fixture: VaultFixture, ahead: TimeInterval) async throws {
        let keyText = try String(contentsOf: fixture.folder.signingKeyFile, encoding: .utf8)
        let key = try SigningKeyFile.open(keyText, passphrase: try Passphrase(Tool.passphrase))
        let log = try await AuditLog(
            sink: AuditFileSink(path: fixture.folder.auditLogFile.path, startsNewLog: false), signingKey: key,
            clock: FixedClock(now: Date().addingTimeInterval(ahead)))
        try await log.record(
            AuditRecord(actor: "host.fast-clock", action: .accessDecision, target: "recording:x", outcome: .denied))
        try await log.checkpoint()
    }

    @Test("audit verify: a log with an entry three years ahead exits 2, kind entry-in-the-future")
    func auditVerify() async throws {
        let fixture = try VaultFixture()
        try await Self.appendFromFastHost(fixture, ahead: Self.threeYears)
        let run = try fixture.workspace.run("audit", "verify", "vault/audit.log", "--json")
        #expect(run.status == ExitStatus.tampered, "\(run)")
        let report = try JSONDecoder().decode(Report.self, from: Data(run.standardOutput.utf8))
        #expect(report.problem?.kind == "entry-in-the-future", "\(run)")
        #expect(report.verdict == "tampered")
        #expect(!report.intact)
        let text = try fixture.workspace.run("audit", "verify", "vault/audit.log")
        #expect(text.status == ExitStatus.tampered, "\(text)")
        #expect(text.standardOutput.contains("in the future"), "\(text)")
    }

    @Test(
        "vault audit and vault verify exit 2 naming entry-in-the-future; a writing command refuses and writes nothing")
    func vaultCommands() async throws {
        let fixture = try VaultFixture()
        try await Self.appendFromFastHost(fixture, ahead: Self.threeYears)
        let before = try fixture.workspace.read("vault/audit.log")

        let audit = try fixture.run("audit", "--json")
        #expect(audit.status == ExitStatus.tampered, "\(audit)")
        let auditReport = try JSONDecoder().decode(Report.self, from: Data(audit.standardOutput.utf8))
        #expect(auditReport.problem?.kind == "entry-in-the-future", "\(audit)")

        let verify = try fixture.run("verify", "--json")
        #expect(verify.status == ExitStatus.tampered, "\(verify)")
        let integrity = try JSONDecoder().decode(IntegrityReport.self, from: Data(verify.standardOutput.utf8))
        #expect(integrity.problems.map(\.kind).contains("entry-in-the-future"), "\(verify)")
        #expect(integrity.problems.first { $0.kind == "entry-in-the-future" }?.file == "audit.log", "\(verify)")

        let sweep = try fixture.run("sweep")
        #expect(sweep.status == ExitStatus.tampered, "\(sweep)")
        #expect(sweep.standardError.contains("in the future"), "\(sweep)")
        #expect(try fixture.workspace.read("vault/audit.log") == before, "nothing was written")
    }

    @Test("a host clock a few minutes fast is tolerated: the vault's commands succeed")
    func smallSkewTolerated() async throws {
        let fixture = try VaultFixture()
        try await Self.appendFromFastHost(fixture, ahead: 10 * 60)
        #expect(try fixture.workspace.run("audit", "verify", "vault/audit.log").status == ExitStatus.success)
        let audit = try fixture.run("audit")
        #expect(audit.status == ExitStatus.success, "\(audit)")
        let verify = try fixture.run("verify")
        #expect(verify.status == ExitStatus.success, "\(verify)")
    }

    @Test("VaultFolder.open with a clock three years on (a simulation) records real time in the audit log")
    func simulatedClockDoesNotReachTheLog() async throws {
        let fixture = try VaultFixture(configuration: Self.simulated)
        let started = Date()
        try await fixture.withVault(clock: FixedClock(now: started.addingTimeInterval(Self.threeYears))) { opened in
            _ = try await opened.vault.sweep()
            try await opened.vault.audit.record(
                AuditRecord(
                    actor: "simulation", action: try AuditAction("crm.note"), target: "recording:x", outcome: .denied))
        }
        let entries = try AuditLogReader.entries(at: fixture.folder.auditLogFile.path)
        let latest = try #require(entries.map(\.time).max())
        #expect(latest <= Date().addingTimeInterval(5), "an entry is dated \(latest), after the real time")
        let audit = try fixture.run("audit")
        #expect(audit.status == ExitStatus.success, "\(audit)")
    }

    @Test(
        "an auditClock more than an hour off either way is refused, live or simulated, writing nothing; within it, it stamps the log",
        arguments: [Self.threeYears, -Self.threeYears, 7_200, -7_200] as [TimeInterval])
    func auditClockOffIsRefused(offset: TimeInterval) async throws {
        let passphrase = try Passphrase(Tool.passphrase)
        for configuration in [VaultFixture.configuration, Self.simulated] {
            let fixture = try VaultFixture(configuration: configuration)
            let before = try Data(contentsOf: fixture.folder.auditLogFile)
            let off = FixedClock(now: Date().addingTimeInterval(offset))
            let error = await #expect(throws: VaultFolderError.self) {
                let opened = try await VaultFolder.open(
                    at: fixture.directory, passphrase: passphrase, simulation: configuration.simulation,
                    auditClock: off)
                try await opened.close()
            }
            #expect(error?.code == .auditClockNotRealTime)
            #expect(try Data(contentsOf: fixture.folder.auditLogFile) == before, "nothing is written")

            // A small correction of a skewed clock is the audit clock's purpose, and it stamps the log.
            let near = FixedClock(now: Date().addingTimeInterval(offset > 0 ? 60 : -60))
            let opened = try await VaultFolder.open(
                at: fixture.directory, passphrase: passphrase, simulation: configuration.simulation,
                auditClock: near)
            let entry = try #require(
                try await opened.vault.audit.record(
                    AuditRecord(
                        actor: "host", action: try AuditAction("crm.note"), target: "recording:x", outcome: .denied)))
            if offset > 0 {
                #expect(abs(entry.time.timeIntervalSince(near.now)) < 0.002, "stamped by the audit clock")
            } else {
                // Behind the log's last entry, the log keeps its order: never earlier than that entry.
                #expect(entry.time >= near.now)
            }
            try await opened.close()
        }
    }

    /// The fixture's configuration marked as a simulation: a live vault refuses a clock years
    /// ahead (`VaultFolderError.clockNotRealTime`), a simulated one runs on it.
    static var simulated: VaultConfiguration {
        var configuration = VaultFixture.configuration
        configuration.simulation = true
        return configuration
    }
}

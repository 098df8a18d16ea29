import CallVault
import CallVaultCore
import CallVaultSQLite
import Foundation
import Testing

/// The tool and a simulated vault (`vault init --simulation`, or a host's `VaultConfiguration.simulation`):
/// the vault is marked wherever it is shown, every command notes it on standard error, reading it
/// needs no flag, changing it needs `--simulation`, and `--simulation` is refused for a live vault.
@Suite("callvault vault: a simulated vault")
struct VaultSimulationToolTests {
    static let notice = "is a simulated vault"

    static var simulated: VaultConfiguration {
        var configuration = VaultFixture.configuration
        configuration.simulation = true
        return configuration
    }

    @Test(
        "reading a simulated vault needs no flag, notes it on standard error, and marks list, show, verify and report")
    func readsAreMarked() async throws {
        let fixture = try VaultFixture(configuration: Self.simulated)
        let id = try await fixture.recordCalls(1, startingAt: Date().addingTimeInterval(-3_600))[0]
        let live = try VaultFixture()
        _ = try await live.recordCalls(1, startingAt: Date().addingTimeInterval(-3_600))

        let list = try fixture.run("list", "--json")
        #expect(list.status == ExitStatus.success, "\(list)")
        #expect(list.standardError.contains(Self.notice), "\(list)")
        #expect(list.standardError.split(separator: "\n").count == 1, "one line: \(list)")
        let rows = try #require(
            try JSONSerialization.jsonObject(with: Data(list.standardOutput.utf8)) as? [[String: Any]])
        #expect(rows.count == 1 && rows.allSatisfy { $0["simulation"] as? Bool == true }, "\(list)")
        let text = try fixture.run("list", "--header")
        #expect(text.standardOutput.hasPrefix("SIMULATION:"), "\(text)")
        #expect(text.standardOutput.contains("1 recording (a simulated vault)."), "\(text)")

        let liveList = try live.run("list", "--json")
        #expect(!liveList.standardError.contains(Self.notice), "\(liveList)")
        let liveRows = try JSONSerialization.jsonObject(with: Data(liveList.standardOutput.utf8)) as? [[String: Any]]
        #expect(liveRows?.allSatisfy { $0["simulation"] as? Bool == false } == true, "\(liveList)")
        #expect(try !live.run("list", "--header").standardOutput.contains("SIMULATION"))

        let show = try fixture.run("show", id.description, "--json")
        #expect(show.status == ExitStatus.success && show.standardError.contains(Self.notice), "\(show)")
        let shown = try JSONSerialization.jsonObject(with: Data(show.standardOutput.utf8)) as? [String: Any]
        #expect(shown?["simulation"] as? Bool == true, "\(show)")
        #expect(try fixture.run("show", id.description).standardOutput.hasPrefix("SIMULATION:"))

        let verify = try fixture.run("verify", "--json")
        #expect(verify.status == ExitStatus.success && verify.standardError.contains(Self.notice), "\(verify)")
        let verified = try JSONSerialization.jsonObject(with: Data(verify.standardOutput.utf8)) as? [String: Any]
        #expect(verified?["simulation"] as? Bool == true, "\(verify)")
        let audit = try fixture.run("audit")
        #expect(audit.status == ExitStatus.success && audit.standardError.contains(Self.notice), "\(audit)")

        // Reading through the keys (the audit log records it at the real time) needs no flag either.
        let report = try fixture.run("report", id.description)
        #expect(report.status == ExitStatus.success, "\(report)")
        #expect(report.standardOutput.hasPrefix("SIMULATION:") && report.standardError.contains(Self.notice))
        let maria = try fixture.principal("maria", role: "supervisor", team: "team-a")
        let play = try fixture.run("play", id.description, "--as", maria, "--purpose", "quality", "--out", "call.wav")
        #expect(play.status == ExitStatus.success && play.standardError.contains(Self.notice), "\(play)")
        let plan = try fixture.run("sweep", "--plan")
        #expect(plan.status == ExitStatus.success, "planning changes nothing: \(plan)")
    }

    @Test(
        "changing a simulated vault is refused without --simulation (exit 1, saying so, nothing written) and runs with it"
    )
    func writesNeedTheFlag() async throws {
        let fixture = try VaultFixture(configuration: Self.simulated)
        let id = try await fixture.recordCalls(1, startingAt: Date().addingTimeInterval(-3_600))[0]
        let log = try Data(contentsOf: fixture.folder.auditLogFile)
        let place = [
            "hold", "place", "--matter", "Smith v. Acme", "--reason", "litigation", "--recording", id.description,
            "--by", "legal.alice", "--id", "hold-smith",
        ]
        for arguments in [place, ["sweep"]] {
            let refused = try Tool.run(
                ["vault"] + arguments + ["--vault", fixture.name], in: fixture.workspace.directory)
            #expect(refused.status == ExitStatus.badInput, "\(refused)")
            #expect(refused.standardError.contains("Pass --simulation"), "says what to do: \(refused)")
        }
        #expect(try Data(contentsOf: fixture.folder.auditLogFile) == log, "nothing written")
        #expect(try await fixture.folder.stores().retention.hold("hold-smith") == nil)

        for arguments in [place, ["sweep"]] {
            let allowed = try Tool.run(
                ["vault"] + arguments + ["--vault", fixture.name, "--simulation"], in: fixture.workspace.directory)
            #expect(allowed.status == ExitStatus.success, "\(allowed)")
            #expect(allowed.standardError.contains(Self.notice), "\(allowed)")
        }
        #expect(try await fixture.folder.stores().retention.hold("hold-smith") != nil)
    }

    @Test("--simulation is refused for a live vault, reading or writing (exit 1), and writes nothing")
    func flagRefusedForLiveVault() async throws {
        let fixture = try VaultFixture()
        _ = try await fixture.recordCalls(1, startingAt: Date().addingTimeInterval(-3_600))
        let log = try Data(contentsOf: fixture.folder.auditLogFile)
        for arguments in [["list"], ["sweep"], ["sweep", "--plan"]] {
            let refused = try Tool.run(
                ["vault"] + arguments + ["--vault", fixture.name, "--simulation"], in: fixture.workspace.directory)
            #expect(refused.status == ExitStatus.badInput, "\(refused)")
            #expect(refused.standardError.contains("is live, not a simulation"), "\(refused)")
        }
        #expect(try Data(contentsOf: fixture.folder.auditLogFile) == log)
        #expect(try fixture.run("sweep").status == ExitStatus.success)
    }

    @Test("vault init --simulation makes a simulated vault that live hosts refuse; accept-changes cannot unmark it")
    func initMarksTheVault() async throws {
        let workspace = try Workspace()
        let made = try Tool.run(
            VaultInitArguments.minimum(vault: "sim") + ["--simulation"], in: workspace.directory)
        #expect(made.status == ExitStatus.success, "\(made)")
        #expect(made.standardOutput.contains("simulation: yes"), "\(made)")
        let directory = workspace.directory.appendingPathComponent("sim")
        let folder = VaultFolder(directory)
        #expect(try folder.configuration().simulation)
        let passphrase = try Passphrase(Tool.passphrase)
        await #expect(throws: VaultFolderError.simulatedVault(path: folder.directory.path)) {
            try await VaultFolder.open(at: directory, passphrase: passphrase)
        }

        let plain = try Tool.run(VaultInitArguments.minimum(vault: "live"), in: workspace.directory)
        #expect(plain.status == ExitStatus.success && !plain.standardOutput.contains("simulation"), "\(plain)")
        #expect(try !VaultFolder(workspace.directory.appendingPathComponent("live")).configuration().simulation)

        // Unmarking by an edit: refused when the vault is opened (the file no longer matches its
        // seal) and by accept-changes (the mark is fixed for the vault's life); --restore undoes it.
        let text = try String(contentsOf: folder.configurationFile, encoding: .utf8)
        try Data(text.replacingOccurrences(of: ",\n  \"simulation\": true", with: "").utf8).write(
            to: folder.configurationFile)
        #expect(try !folder.configuration().simulation)
        let accept = try Tool.run(
            ["vault", "accept-changes", "--vault", "sim", "--simulation"], in: workspace.directory)
        #expect(accept.status == ExitStatus.badInput, "\(accept)")
        #expect(accept.standardError.contains("field 'simulation'"), "\(accept)")
        let unflagged = try Tool.run(["vault", "accept-changes", "--vault", "sim"], in: workspace.directory)
        #expect(unflagged.status == ExitStatus.badInput, "the signed copy says simulation: \(unflagged)")
        let restore = try Tool.run(
            ["vault", "accept-changes", "--vault", "sim", "--restore", "--simulation"], in: workspace.directory)
        #expect(restore.status == ExitStatus.success, "\(restore)")
        #expect(try folder.configuration().simulation)
    }
}

import CallVault
import CallVaultCrypto
import CallVaultSQLite
import Foundation
import Testing

/// `vault init` and `vault export` killed with SIGKILL at write-like system calls across their whole
/// run (strace fault injection): the destination either does not exist or is whole (a vault that
/// opens, a package that verifies), never half-built, and the command then runs again.
@Suite(
    "callvault vault init and export: killed at any write",
    .enabled(if: KillInjection.strace != nil, "\(KillInjection.missing)"))
struct VaultInitExportKillTests {
    @Test("init killed anywhere leaves no vault or a whole one, and init then runs again")
    func initKilled() async throws {
        let workspace = try Workspace()
        // SQLite writes the new schema in about two hundred pwrite64 calls; every eighth is enough there.
        let killed = try await KillInjection.walk(stride: { $0[0] == "pwrite64" ? 8 : 1 }) { group, n in
            let name = "v-\(group[0])-\(n)"
            let initialise = VaultInitArguments.minimum(vault: name)
            let first = try KillInjection.run(initialise, in: workspace.directory, killedAt: n, of: group)
            if !first.wasKilled {
                #expect(first.run.status == ExitStatus.success, "\(first.run)")
            } else if workspace.exists(name) {
                // Whole: it lists, opens for writing (which starts the audit log if the kill came
                // before), and its log verifies.
                for command in [["list"], ["sweep", "--plan"], ["audit"]] {
                    let run = try Tool.run(["vault"] + command + ["--vault", name], in: workspace.directory)
                    #expect(run.status == ExitStatus.success, "killed at \(group[0]) #\(n), then: \(run)")
                }
            } else {
                let again = try Tool.run(initialise, in: workspace.directory)
                #expect(again.status == ExitStatus.success, "killed at \(group[0]) #\(n), then: \(again)")
            }
            let leftovers = try workspace.entries().filter { $0.hasPrefix(".\(name).") }
            #expect(leftovers.isEmpty, "killed at \(group[0]) #\(n): \(leftovers) left")
            #expect(workspace.exists(name), "killed at \(group[0]) #\(n): no vault after init ran again")
            try? FileManager.default.removeItem(atPath: workspace.path(name))
            for leftover in leftovers { try? FileManager.default.removeItem(atPath: workspace.path(leftover)) }
            return first.wasKilled
        }
        #expect(killed > 10, "\(killed) kills")
    }

    @Test("an export killed anywhere leaves no package or a whole one, and export then runs again")
    func exportKilled() async throws {
        let fixture = try VaultFixture()
        let id = try await fixture.recordCalls(1, startingAt: Date().addingTimeInterval(-3_600))[0]
        try fixture.workspace.succeed("keygen", "-o", "court.id")
        let priya = try fixture.principal("priya", role: "compliance-officer")
        let key = try fixture.folder.verifyingKey()
        let killed = try await KillInjection.walk(stride: { $0[0] == "pwrite64" ? 2 : 1 }) { group, n in
            let out = "p-\(group[0])-\(n)"
            let export = [
                "vault", "export", id.description, "--as", priya, "--purpose", "dispute-resolution",
                "--legal-reference", "case 7", "--approved-by", "legal.bob", "--recipient", "court.id.pub",
                "--out", out, "--vault", fixture.name,
            ]
            let first = try KillInjection.run(export, in: fixture.workspace.directory, killedAt: n, of: group)
            if first.wasKilled && !fixture.workspace.exists(out) {
                let again = try Tool.run(export, in: fixture.workspace.directory)
                #expect(again.status == ExitStatus.success, "killed at \(group[0]) #\(n), then: \(again)")
            } else if !first.wasKilled {
                #expect(first.run.status == ExitStatus.success, "\(first.run)")
            }
            // Whole: every file the signed manifest lists, and nothing else.
            let package = fixture.workspace.directory.appendingPathComponent(out)
            #expect(throws: Never.self, "killed at \(group[0]) #\(n)") {
                _ = try ExportPackage.verify(files: try ExportPackage.readFiles(in: package), trustedKey: key)
            }
            let leftovers = try fixture.workspace.entries().filter { $0.hasPrefix(".\(out).") }
            #expect(leftovers.isEmpty, "killed at \(group[0]) #\(n): \(leftovers) left after the export ran again")
            try? FileManager.default.removeItem(at: package)
            return first.wasKilled
        }
        #expect(killed > 10, "\(killed) kills")
        #expect(try fixture.run("audit").status == ExitStatus.success)
    }

    @Test("a half-built vault or export left beside its destination is named, and removed by the next run")
    func leftoversRecognised() async throws {
        let workspace = try Workspace()
        let stale = workspace.directory.appendingPathComponent(".v.callvault-init-abc123")
        try FileManager.default.createDirectory(
            at: stale.appendingPathComponent("keys"), withIntermediateDirectories: true)
        try workspace.write(Array("{}".utf8), to: ".v.callvault-init-abc123/access-policy.json")

        let listed = try workspace.run("vault", "list", "--vault", "v")
        #expect(listed.status == ExitStatus.badInput, "\(listed)")
        #expect(listed.standardError.contains("half-built vault"), "\(listed)")
        #expect(listed.standardError.contains(".v.callvault-init-abc123"), "\(listed)")

        let made = try Tool.run(VaultInitArguments.minimum(vault: "v"), in: workspace.directory)
        #expect(made.status == ExitStatus.success, "\(made)")
        #expect(made.standardError.contains("removed a half-built vault"), "\(made)")
        #expect(!workspace.exists(".v.callvault-init-abc123"))
        #expect(try workspace.entries().filter { $0.hasPrefix(".v.") }.isEmpty)

        // What an earlier version's init left in place when killed: keys, no vault.json.
        for name in ["old/keys/recordings.identity", "old/access-policy.json", "old/vault.sqlite"] {
            try FileManager.default.createDirectory(
                at: workspace.directory.appendingPathComponent(name).deletingLastPathComponent(),
                withIntermediateDirectories: true)
            try workspace.write(Array("x".utf8), to: name)
        }
        let old = try Tool.run(VaultInitArguments.minimum(vault: "old"), in: workspace.directory)
        #expect(old.status == ExitStatus.badInput, "\(old)")
        #expect(old.standardError.contains("is a half-built vault"), "\(old)")
        // A folder with an audit log was a vault once, whatever it lacks now: never called half-built.
        try workspace.write(Array("x".utf8), to: "old/audit.log")
        let used = try Tool.run(VaultInitArguments.minimum(vault: "old"), in: workspace.directory)
        #expect(used.status == ExitStatus.badInput, "\(used)")
        #expect(used.standardError.contains("already holds files"), "\(used)")
        #expect(!used.standardError.contains("half-built"), "\(used)")
    }
}

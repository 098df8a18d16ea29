import CallVault
import CallVaultAudit
import CallVaultCrypto
import CallVaultSQLite
import ChildProcess
import Foundation
import Testing

/// The demo killed with SIGKILL at each rename it makes in turn (strace fault injection): the two
/// renames that put its new vault in place, then each blob a finished call renames to its final
/// name. Whatever the moment, the folder holds a whole demo vault or none (and the demo runs again),
/// and a recording the kill left open is settled by the next `callvault vault` command that opens
/// the vault for writing.
@Suite(
    "Contact-center demo: killed",
    .enabled(
        if: FileManager.default.isExecutableFile(atPath: "/usr/bin/strace"),
        "strace is not installed (apt-get install strace): the kill-injection tests need it"))
struct DemoKilledTests {
    static let passphrase = "callvault demo"

    @Test("a demo killed at any rename leaves a whole vault or none; a call it cut off is settled by the tool")
    func killedAtEachRename() async throws {
        // Forty demo runs block their thread: off the cooperative pool, so other tests keep running.
        try await offCooperativePool { try await killedAtEachRenameWalk() }
    }

    func killedAtEachRenameWalk() async throws {
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("callvault-demo-kill-\(UUID())")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: workspace) }
        var environment = ProcessInfo.processInfo.environment
        environment["CALLVAULT_PASSPHRASE"] = Self.passphrase
        var settled = 0
        var killed = 0
        for n in 1...40 {
            let folder = workspace.appendingPathComponent("demo-\(n)")
            let set = "rename,renameat,renameat2"
            let run = try ChildProcess.run(
                "/usr/bin/strace",
                [
                    "-f", "-qq", "-o", "/dev/null", "-e", "trace=\(set)", "-e", "inject=\(set):signal=KILL:when=\(n)",
                    "--",
                ]
                    + [try DemoProcess.executable().path, "--vault", folder.path],
                environment: environment)
            guard run.status == 128 + 9 else {
                #expect(run.status == 0, "the demo ran to its end under strace: \(run.status)")
                break
            }
            killed += 1
            if FileManager.default.fileExists(atPath: folder.path) {
                let stores = try SQLiteVault.open(at: folder)
                let open = try await stores.catalog.recordings(in: .recording)
                if let cut = open.first {
                    let sweep = try ChildProcess.run(
                        try Self.tool().path, ["vault", "sweep", "--vault", folder.path, "--simulation"],
                        environment: environment)
                    let stderr = String(decoding: sweep.standardError, as: UTF8.self)
                    #expect(sweep.status == 0, "killed at rename #\(n), then: \(stderr)")
                    #expect(stderr.contains("settled recording \(cut.id)"), "\(stderr)")
                    let after = try SQLiteVault.open(at: folder)
                    #expect(try await after.catalog.recordings(in: .recording).isEmpty)
                    #expect(try await after.catalog.recording(cut.id)?.state == .incomplete)
                    #expect(try await after.retention.record(cut.id) != nil, "scheduled")
                    settled += 1
                }
                let signer = try SigningKeyFile.verifyingKey(
                    in: try String(
                        contentsOf: folder.appendingPathComponent("keys/organisation.signing-key"), encoding: .utf8))
                let audit = folder.appendingPathComponent("audit.log").path
                if FileManager.default.fileExists(atPath: audit) {
                    let verification = try AuditVerifier(trustedKey: signer).verify(fileAt: audit)
                    #expect(verification.isIntact, "killed at rename #\(n): \(verification)")
                }
            }
            let again = try DemoProcess.run(["--vault", folder.path])
            #expect(again.status == 0, "killed at rename #\(n), the demo then fails: \(again.output)")
            let names = try FileManager.default.contentsOfDirectory(atPath: workspace.path)
            // The demo's staging, and the vault's own staging beside it (..demo-N.callvault-demo-*.callvault-init-*).
            #expect(names.filter { $0.hasPrefix(".demo-\(n).") || $0.hasPrefix("..demo-\(n).") }.isEmpty, "\(names)")
            try? FileManager.default.removeItem(at: folder)
        }
        #expect(killed >= 3, "the demo renames its staged vault into place and finishes blobs")
        #expect(settled >= 1, "a kill at a blob's final rename leaves a recording open")
    }

    /// The built `callvault` executable, beside the demo.
    static func tool() throws -> URL {
        let candidate = try DemoProcess.executable().deletingLastPathComponent().appendingPathComponent("callvault")
        guard FileManager.default.isExecutableFile(atPath: candidate.path) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: candidate.path])
        }
        return candidate
    }
}

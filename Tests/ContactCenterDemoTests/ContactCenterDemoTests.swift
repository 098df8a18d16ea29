import CallVault
import CallVaultAudit
import CallVaultCrypto
import CallVaultSQLite
import ChildProcess
import Foundation
import Testing

/// The sample integration runs from start to end, its checks pass, and the vault it leaves on disk
/// holds what it says: the README's main job, run as a test.
@Suite("Contact-center demo")
struct ContactCenterDemoTests {
    @Test("the demo's story runs, every check passes, and the vault on disk agrees")
    func demoRuns() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("callvault-demo-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try DemoProcess.run(["--vault", folder.path])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("0 failed"), "\(run.output)")
        #expect(!run.output.contains("[FAILED]"))

        let stores = try SQLiteVault.open(at: folder)
        let recordings = try await stores.catalog.recordings(after: nil, limit: 100)
        #expect(
            recordings.map(\.state).sorted { $0.rawValue < $1.rawValue } == [
                .complete, .deleted, .deleted, .unrecorded,
            ])
        let signer = try SigningKeyFile.verifyingKey(
            in: try String(contentsOf: folder.appendingPathComponent("keys/organisation.signing-key"), encoding: .utf8))
        let verification = try AuditVerifier(trustedKey: signer).verify(
            fileAt: folder.appendingPathComponent("audit.log").path)
        #expect(verification.isIntact, "\(verification)")
        #expect(verification.lastCheckpoint == verification.entryCount, "every entry is signed at the end")

        // A second run replaces its own earlier vault, and nothing else.
        #expect(try DemoProcess.run(["--vault", folder.path]).status == 0)
        let stranger = folder.appendingPathComponent("not-a-vault")
        try FileManager.default.createDirectory(at: stranger, withIntermediateDirectories: true)
        let refused = try DemoProcess.run(["--vault", stranger.path])
        #expect(refused.status == 1)
        #expect(refused.output.contains("is not a demo vault"))
    }
}

/// The built demo, run as a child process.
enum DemoProcess {
    struct Run {
        let status: Int32
        let output: String
    }

    static func run(_ arguments: [String]) throws -> Run {
        let run = try ChildProcess.run(
            try executable().path, arguments, environment: ProcessInfo.processInfo.environment)
        return Run(status: run.status, output: String(decoding: run.standardOutput + run.standardError, as: UTF8.self))
    }

    static func executable() throws -> URL {
        let runner = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).resolvingSymlinksInPath()
        var directory = runner.deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("contact-center-demo")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "contact-center-demo near \(runner.path)"])
    }
}

import CallVaultAudit
import CallVaultCrypto
import Foundation
import Testing

/// The demo simulates "three years later" for its retention sweep. The simulated clock drives the
/// vault's retention, never its audit log: the log it leaves records real time, so the vault stays
/// usable by the `callvault` tool and by the next writer afterwards.
@Suite("Contact-center demo: the audit log keeps real time")
struct DemoAuditTimeTests {
    @Test("after the demo's three-years-later sweep, no audit log entry or checkpoint is dated in the future")
    func noEntryInTheFuture() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("callvault-demo-time-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try DemoProcess.run(["--vault", folder.path])
        try #require(run.status == 0, "\(run.output)")
        let finished = Date()

        let path = folder.appendingPathComponent("audit.log").path
        let entries = try AuditLogReader.entries(at: path)
        #expect(!entries.isEmpty)
        let late = entries.filter { $0.time > finished.addingTimeInterval(1) }
        #expect(
            late.isEmpty,
            "\(late.count) entries dated after the demo finished (\(finished)), such as entry \(late.first?.sequence ?? 0) at \(late.first?.time ?? finished)"
        )
        let deletions = entries.filter { $0.record.action.identifier == "recording.deleted" }
        #expect(!deletions.isEmpty, "the sweep's deletions are in the log")

        // Every line, checkpoints included, is judged by the real clock.
        let signer = try SigningKeyFile.verifyingKey(
            in: try String(contentsOf: folder.appendingPathComponent("keys/organisation.signing-key"), encoding: .utf8))
        let verification = try AuditVerifier(trustedKey: signer).verify(fileAt: path)
        #expect(verification.isIntact, "\(verification)")
        let lines = try String(contentsOf: URL(fileURLWithPath: path), encoding: .utf8)
        // The sweep's simulated year (three years after the demo ran), never on a line.
        let simulatedYear = ISO8601DateFormatter().string(from: finished.addingTimeInterval(3 * 365 * 86_400)).prefix(4)
        #expect(!lines.contains("\"time\":\"\(simulatedYear)-"), "no line carries the simulated date")
    }
}

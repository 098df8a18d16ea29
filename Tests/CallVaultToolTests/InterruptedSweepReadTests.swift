import CallVaultAudit
import CallVaultCore
import CallVaultSQLite
import Foundation
import Testing

/// Issue 11 (adversarial review, finding 9): a sweep stopped after it shredded a recording's keys,
/// deleted its blob and audited the deletion, but before the catalog said deleted. The commands
/// that only read show the deletion in progress (not a complete recording), `vault verify` calls
/// it an interrupted sweep (exit 3, telling the operator to run the sweep), not tampering, and the
/// next sweep finishes it.
@Suite("a sweep stopped half-way: read-only commands show the deletion in progress")
struct InterruptedSweepReadTests {
    struct Listed: Decodable {
        var id: String
        var state: String
        var deletionInProgress: Bool
    }

    struct Shown: Decodable {
        var integrity: String
    }

    @Test("list shows deleting, show deletion-in-progress, verify exit 3 naming the sweep; sweep finishes")
    func stoppedAfterShredding() async throws {
        let fixture = try VaultFixture()
        let ids = try await fixture.recordCalls(2, startingAt: Date().addingTimeInterval(-3 * 365 * 86_400))
        let id = ids[0]
        // What the sweep does before it marks the catalog: journal, shred, delete, audit.
        try await fixture.withVault { opened in
            let started = try await opened.stores.retention.beginDeletions([id], at: Date())
            try #require(started.count == 1)
            try await opened.stores.keys.shred(id)
            try opened.stores.blobs.delete(id)
            _ = try await opened.vault.audit.recordAsCallVault(
                AuditRecord(
                    actor: "retention-sweeper", action: .recordingDeleted, target: AuditRecord.target(id), purpose: nil,
                    outcome: .succeeded, reasons: ["retention expired"]))
        }

        let list = try fixture.run("list", "--json")
        #expect(list.status == ExitStatus.success, "\(list)")
        let rows = try JSONDecoder().decode([Listed].self, from: Data(list.standardOutput.utf8))
        #expect(rows.first { $0.id == id.description }?.deletionInProgress == true, "\(rows)")
        #expect(rows.first { $0.id == ids[1].description }?.deletionInProgress == false, "\(rows)")
        let text = try fixture.run("list")
        #expect(text.standardOutput.contains("\(id)  deleting"), "\(text)")

        let shown = try fixture.run("show", id.description, "--json")
        #expect(shown.status == ExitStatus.success, "\(shown)")
        #expect(
            try JSONDecoder().decode(Shown.self, from: Data(shown.standardOutput.utf8)).integrity
                == "deletion-in-progress")

        let verified = try fixture.run("verify")
        #expect(verified.status == ExitStatus.incomplete, "\(verified)")
        #expect(verified.standardOutput.contains("deletion-interrupted"), "\(verified)")
        #expect(!verified.standardOutput.contains("state-contradicted"), "\(verified)")
        #expect(!verified.standardOutput.contains("blob-missing"), "\(verified)")
        #expect(verified.standardError.contains("vault sweep"), "\(verified)")

        let sweep = try fixture.run("sweep")
        #expect(sweep.status == ExitStatus.success, "\(sweep)")
        let after = try fixture.run("verify")
        #expect(after.status == ExitStatus.success, "\(after)")
    }
}

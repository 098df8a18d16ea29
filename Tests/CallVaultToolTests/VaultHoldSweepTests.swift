import CallVault
import CallVaultAudit
import CallVaultCore
import CallVaultCrypto
import CallVaultRetention
import CallVaultSQLite
import Foundation
import Testing

/// `callvault vault hold` and `sweep`: holds take two officers to release, a planned sweep changes
/// nothing, and a sweep deletes what is due and keeps what is held.
///
/// The tool judges dueness by the system clock, so the due recordings are made through the library
/// under a clock three years back: calls under the contact-centre practice (kept at most two
/// years) whose deletion date has passed, as if they had been recorded then.
@Suite("callvault vault: holds and sweeps")
struct VaultHoldSweepTests {
    static let threeYearsAgo = Date().addingTimeInterval(-3 * 365 * 86_400)

    @Test("hold place, then release in two steps by two officers; others are refused with exit 6")
    func holdTwoStep() async throws {
        let fixture = try VaultFixture()
        let id = try await fixture.recordCalls(1, startingAt: Date().addingTimeInterval(-3_600))[0]
        let placed = try fixture.run(
            "hold", "place", "--matter", "Smith v. Acme", "--reason", "litigation", "--recording", id.description,
            "--by", "legal.alice", "--id", "hold-smith")
        #expect(placed.status == ExitStatus.success, "\(placed)")
        #expect(placed.standardOutput.contains("placed hold hold-smith on 1 recording by legal.alice"), "\(placed)")
        #expect(try fixture.run("show", id.description).standardOutput.contains("hold-smith: Smith v. Acme"))
        #expect(try fixture.run("list").standardOutput.contains("HELD"))

        let stranger = try fixture.run(
            "hold", "place", "--matter", "M", "--reason", "R", "--recording", id.description, "--by", "mallory")
        #expect(stranger.status == 6, "\(stranger)")
        #expect(stranger.standardError.contains("mallory is not authorised"), "\(stranger)")

        let noReason = try fixture.run("hold", "release", "hold-smith", "--by", "legal.alice")
        #expect(noReason.status == ExitStatus.badInput, "\(noReason)")
        #expect(noReason.standardError.contains("--reason"), "\(noReason)")

        let requested = try fixture.run("hold", "release", "hold-smith", "--by", "legal.alice", "--reason", "settled")
        #expect(requested.status == ExitStatus.success, "\(requested)")
        #expect(requested.standardOutput.contains("step 1 of 2: release of hold hold-smith requested by legal.alice"))
        #expect(try fixture.run("hold", "list").standardOutput.contains("release requested by legal.alice"))

        let selfApproved = try fixture.run("hold", "release", "hold-smith", "--by", "legal.alice")
        #expect(selfApproved.status == ExitStatus.badInput, "\(selfApproved)")
        #expect(selfApproved.standardError.contains("cannot also approve"), "\(selfApproved)")

        let approved = try fixture.run("hold", "release", "hold-smith", "--by", "legal.bob")
        #expect(approved.status == ExitStatus.success, "\(approved)")
        #expect(approved.standardOutput.contains("step 2 of 2: release of hold hold-smith approved by legal.bob"))
        #expect(try fixture.run("show", id.description).standardOutput.contains("holds: none"))
        #expect(try fixture.run("hold", "release", "hold-smith", "--by", "legal.bob").status == ExitStatus.badInput)

        let log = try fixture.workspace.text("vault/audit.log")
        for action in ["hold.placed", "hold.release-requested", "hold.released"] {
            #expect(log.contains(action), "\(action) missing from the audit log")
        }
    }

    @Test("sweep --plan lists what is due and held, and changes nothing")
    func planChangesNothing() async throws {
        let fixture = try VaultFixture()
        let due = try await fixture.recordCalls(2, startingAt: Self.threeYearsAgo)
        let recent = try await fixture.recordCalls(1, startingAt: Date().addingTimeInterval(-3_600))
        let before = try snapshot(fixture, due + recent)
        let plan = try fixture.run("sweep", "--plan")
        #expect(plan.status == ExitStatus.success, "\(plan)")
        #expect(plan.standardOutput.contains("2 to delete, 0 held"), "\(plan)")
        for id in due { #expect(plan.standardOutput.contains("delete  \(id)"), "\(plan)") }
        #expect(!plan.standardOutput.contains(recent[0].description))
        #expect(try snapshot(fixture, due + recent) == before, "a planned sweep writes nothing")
    }

    @Test("sweep deletes the due, unheld recordings with certificates, keeps the held and the recent")
    func sweepDeletes() async throws {
        let fixture = try VaultFixture()
        let due = try await fixture.recordCalls(3, startingAt: Self.threeYearsAgo)
        let recent = try await fixture.recordCalls(1, startingAt: Date().addingTimeInterval(-3_600))
        try #require(
            try fixture.run(
                "hold", "place", "--matter", "M-1", "--reason", "dispute", "--recording", due[2].description, "--by",
                "legal.alice"
            ).status == ExitStatus.success)

        let run = try fixture.run("sweep")
        #expect(run.status == ExitStatus.success, "\(run)")
        #expect(run.standardOutput.contains("sweeping: batch 1, 2 deleted, 1 held, 0 failed"), "\(run)")
        #expect(run.standardOutput.contains("2 deleted (0 resumed), 1 held, 0 failed"), "\(run)")

        let stores = try fixture.folder.stores()
        let key = try fixture.folder.verifyingKey()
        for id in due.prefix(2) {
            #expect(try await stores.catalog.recording(id)?.state == .deleted)
            #expect(try await stores.keys.wraps(for: id).isEmpty, "keys shredded")
            let tombstone = try #require(try await stores.retention.tombstone(id))
            _ = try SignedDocument<DeletionCertificate>(fileContents: tombstone.certificate).verified(by: key)
        }
        #expect(try await stores.catalog.recording(due[2])?.state == .complete, "held")
        #expect(try await stores.catalog.recording(recent[0])?.state == .complete, "not due")
        #expect(try fixture.run("show", due[0].description).standardOutput.contains("certificate verifies"))

        let again = try fixture.run("sweep")
        #expect(again.standardOutput.contains("0 deleted (0 resumed), 1 held"), "\(again)")
        #expect(try fixture.run("audit").status == ExitStatus.success)
    }

    /// What the vault says about its recordings (catalog, schedules, holds, tombstones) and its
    /// audit log's bytes, to compare before and after.
    private func snapshot(_ fixture: VaultFixture, _ ids: [RecordingID]) throws -> [String] {
        try [fixture.run("list", "--json").standardOutput, fixture.workspace.text("vault/audit.log")]
            + ids.map { try fixture.run("show", $0.description, "--json").standardOutput }
    }
}

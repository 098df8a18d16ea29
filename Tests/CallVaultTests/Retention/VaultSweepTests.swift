import CallVault
import CallVaultCore
import CallVaultCrypto
import CallVaultRetention
import CallVaultTestKit
import Foundation
import Testing

@Suite("Vault sweeps and erasure")
struct VaultSweepTests {
    @Test("years later the sweep deletes what is due, keeps what a complaint holds, and certifies each deletion")
    func sweepKeepsHeld() async throws {
        let world = try await VaultWorld()
        let due = try await world.recordCall(seconds: 1, customerIn: "FR", language: "fr")
        let held = try await world.recordCall(seconds: 1, customerIn: "FR", language: "fr")
        _ = try await world.complaints.file(
            customerID: "customer-42", channel: "letter", recordingIDs: [held], text: "x", receivedBy: "desk")

        #expect(try await world.vault.sweep().deleted.isEmpty, "nothing is due on the day")
        world.clock.advance(by: .seconds(3 * 365 * 86_400))
        let report = try await world.vault.sweep()
        #expect(report.deleted == [due])
        #expect(report.held == 1)

        #expect(try await world.catalog.recording(due)?.state == .deleted)
        #expect(try await world.catalog.recording(due)?.customerID == nil)
        #expect(world.keys.isShredded(due))
        #expect(!world.blobs.recordingIDs.contains(due))
        let tombstone = try #require(try await world.retention.tombstone(due))
        let certificate = try SignedDocument<DeletionCertificate>(fileContents: tombstone.certificate)
        #expect(try certificate.verified(by: world.receiptSigner.verifyingKey).recordingID == due)
        #expect(try await world.catalog.recording(held)?.state == .complete)
        #expect(world.auditActions.contains("recording.deleted"))
    }

    @Test("an erasure request deletes the customer's unprotected recordings and reports the rest")
    func erasure() async throws {
        let world = try await VaultWorld()
        let free = try await world.recordCall(seconds: 1)
        let held = try await world.recordCall(seconds: 1)
        _ = try await world.complaints.file(
            customerID: "customer-42", channel: "letter", recordingIDs: [held], text: "x", receivedBy: "desk")
        let report = try await world.vault.handleErasureRequest(
            try ErasureRequest(id: "er-1", customerID: "customer-42", receivedAt: world.clock.now, handledBy: "dpo"))
        #expect(report.erased.map(\.recordingID) == [free])
        #expect(report.restricted.map(\.recordingID) == [held])
        #expect(try await world.catalog.recording(free)?.state == .deleted)
        #expect(world.keys.isShredded(free))
        #expect(!world.keys.isShredded(held))
        #expect(report.letter.contains("held") || report.letter.lowercased().contains("hold"))
    }
}

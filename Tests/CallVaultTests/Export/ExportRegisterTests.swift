import CallVault
import CallVaultAccess
import CallVaultCore
import CallVaultCrypto
import CallVaultRetention
import CallVaultTestKit
import Foundation
import Testing

/// Copies outlive deletion: every legal export and subject access package is registered before it
/// is audited, and a deleted recording's certificate lists its copies outside the vault.
@Suite("Export register and copies outside the vault")
struct ExportRegisterTests {
    static func legalExport(_ world: VaultWorld, _ id: RecordingID, to court: Identity) async throws -> ExportPackage {
        let officer = VaultWorld.principal("c-1", role: "compliance", at: world.clock.now)
        return try await world.playback.exportForLegalRequest(
            id,
            PlaybackRequest(principal: officer, purpose: .legalOrRegulatory, legalReference: "court order 26-cv-0042"),
            recipients: [court.recipient])
    }

    @Test("a court order exports a recording whose customer was told only of quality and dispute resolution")
    func courtOrderNeedsNoConsent() async throws {
        let world = try await VaultWorld()
        let id = try await world.recordCall(seconds: 1)
        let attributes = try await world.playback.accessAttributes(of: id)
        #expect(!attributes.disclosedPurposes.contains(.legalOrRegulatory))
        let package = try await Self.legalExport(world, id, to: try Identity.generate())
        let manifest = try ExportPackage.verify(
            files: try package.allFiles(), trustedKey: world.receiptSigner.verifyingKey)
        #expect(manifest.purpose == .legalOrRegulatory)
        #expect(world.auditActions.last == "recording.exported")
        // Another purpose the customer was not told of is still refused.
        let officer = VaultWorld.principal("c-1", role: "compliance", at: world.clock.now)
        await #expect(throws: PlaybackError.self) {
            _ = try await world.playback.play(id, PlaybackRequest(principal: officer, purpose: .training))
        }
    }

    @Test("a legal export is registered with who, when, request and recipients, and the audit entry names it")
    func legalExportRegistered() async throws {
        let world = try await VaultWorld()
        let id = try await world.recordCall(seconds: 1)
        let court = try Identity.generate()
        let exportedAt = world.clock.now
        let package = try await Self.legalExport(world, id, to: court)
        let records = try await world.exports.records(of: id)
        try #require(records.count == 1)
        let record = try records[0].verified(by: world.receiptSigner.verifyingKey)
        #expect(record.kind == .legalExport)
        #expect(record.recordingIDs == [id])
        #expect(record.exportedBy == "c-1")
        #expect(record.request == "court order 26-cv-0042")
        #expect(record.recipients == [court.recipient.fingerprint.description])
        #expect(abs(record.exportedAt.timeIntervalSince(exportedAt)) < 1)
        let digest = try BLAKE2b.hash(Array(try package.manifest.fileContents().utf8)).description
        #expect(record.exportID == digest)
        let audited = try #require(world.auditSink.entries.last)
        #expect(audited.record.action.identifier == "recording.exported")
        #expect(audited.record.reasons.contains("manifest \(digest)"))
    }

    @Test("an export the register refuses is neither audited nor handed over")
    func unregisteredExportFails() async throws {
        let faults = FaultPlan()
        faults.crash(atOperation: 0)
        let world = try await VaultWorld(exports: InMemoryExportRegister(faults: faults))
        let id = try await world.recordCall(seconds: 1)
        await #expect(throws: SimulatedCrash.self) {
            _ = try await Self.legalExport(world, id, to: try Identity.generate())
        }
        #expect(!world.auditActions.contains("recording.exported"))
        #expect(try await world.exports.allRecords().isEmpty)
    }

    @Test("a subject access package is registered with each recording it holds")
    func subjectAccessRegistered() async throws {
        let world = try await VaultWorld()
        let first = try await world.recordCall(seconds: 1)
        let second = try await world.recordCall(seconds: 1)
        let privacy = VaultWorld.principal("dpo", role: "privacy-officer", at: world.clock.now)
        let customer = try Identity.generate()
        _ = try await world.playback.subjectAccessExport(
            customerID: "customer-42", PlaybackRequest(principal: privacy, purpose: .customerRequest),
            recipients: [customer.recipient])
        let all = try await world.exports.allRecords().map(\.content)
        try #require(all.count == 1)
        #expect(all[0].kind == .subjectAccess)
        #expect(Set(all[0].recordingIDs) == [first, second])
        #expect(all[0].request == "GDPR Art. 15 request of customer customer-42")
        #expect(try await world.exports.records(of: second).map(\.content) == all)
        #expect(world.auditActions.last == "subject-access.exported")
    }

    @Test("the deletion certificate of an exported recording lists the copies outside the vault")
    func certificateListsCopies() async throws {
        let world = try await VaultWorld()
        let exported = try await world.recordCall(seconds: 1)
        let kept = try await world.recordCall(seconds: 1)
        let court = try Identity.generate()
        _ = try await Self.legalExport(world, exported, to: court)
        let privacy = VaultWorld.principal("dpo", role: "privacy-officer", at: world.clock.now)
        _ = try await world.playback.subjectAccessExport(
            customerID: "customer-42", PlaybackRequest(principal: privacy, purpose: .customerRequest),
            recipients: [try Identity.generate().recipient])
        let registered = try await world.exports.records(of: exported).map(\.content.copyOutsideVault)
        #expect(registered.map(\.kind) == ["legal-export", "subject-access"])

        // A deletion waits for the second a recording ended to pass.
        world.clock.advance(by: .seconds(5))
        let report = try await world.vault.handleErasureRequest(
            try ErasureRequest(id: "er-1", customerID: "customer-42", receivedAt: world.clock.now, handledBy: "dpo"))
        #expect(Set(report.erased.map(\.recordingID)) == [exported, kept])
        let tombstone = try #require(try await world.retention.tombstone(exported))
        let certificate = try SignedDocument<DeletionCertificate>(fileContents: tombstone.certificate)
            .verified(by: world.receiptSigner.verifyingKey)
        #expect(certificate.copiesOutsideVault == registered)
        #expect(certificate.copiesOutsideVault.first?.request == "court order 26-cv-0042")
        #expect(certificate.copiesOutsideVault.first?.recipients == [court.recipient.fingerprint.description])
        #expect(tombstone.certificate.contains("copiesOutsideVault"))
    }

    @Test("a certificate without copies is written as before, so certificates signed before the register verify")
    func oldCertificatesUnchanged() async throws {
        let world = try await VaultWorld()
        let id = try await world.recordCall(seconds: 1)
        // A deletion waits for the second a recording ended to pass.
        world.clock.advance(by: .seconds(5))
        _ = try await world.vault.handleErasureRequest(
            try ErasureRequest(id: "er-1", customerID: "customer-42", receivedAt: world.clock.now, handledBy: "dpo"))
        let tombstone = try #require(try await world.retention.tombstone(id))
        #expect(!tombstone.certificate.contains("copiesOutsideVault"))
        let signed = try SignedDocument<DeletionCertificate>(fileContents: tombstone.certificate)
        #expect(try signed.verified(by: world.receiptSigner.verifyingKey).copiesOutsideVault.isEmpty)
        // The payload is the format-1 certificate's key set exactly.
        let keys = try #require(
            try JSONSerialization.jsonObject(with: Data(signed.signedPayload)) as? [String: Any]
        ).keys
        #expect(
            Set(keys) == [
                "recordingID", "keyCommitment", "cause", "erasureRequest", "ruleName", "keptUntil", "deletedAt",
                "sweeper",
                "catalogVersion", "policyVersion",
            ])
    }
}

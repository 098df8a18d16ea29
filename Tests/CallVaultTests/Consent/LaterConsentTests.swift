import CallVault
import CallVaultAccess
import CallVaultConsent
import CallVaultCore
import CallVaultCrypto
import CallVaultRetention
import CallVaultTestKit
import Foundation
import Testing

/// Consent for a new purpose, later: a signed receipt linked to the recording, audited, widening
/// the purposes access is decided for, without editing the catalog entry.
@Suite("Later consent for a new purpose")
struct LaterConsentTests {
    /// A download of the whole call for the customer's own request (the privacy officer's rule).
    static func download(_ world: VaultWorld, _ id: RecordingID) async throws -> Playback {
        let privacy = VaultWorld.principal("dpo", role: "privacy-officer", at: world.clock.now)
        return try await world.playback.play(
            id, PlaybackRequest(principal: privacy, action: .download, purpose: .customerRequest))
    }

    static func reasons(of error: any Error) -> [AccessReason] {
        guard case .denied(let decision) = (error as? PlaybackError)?.reason else { return [] }
        return decision.reasons
    }

    @Test("a later consent is signed, audited and stored, and then allows access for its purpose")
    func laterConsentAllowsAccess() async throws {
        let world = try await VaultWorld()
        let id = try await world.recordCall(seconds: 1)
        let entryBefore = try #require(try await world.catalog.recording(id))
        #expect(!entryBefore.disclosedPurposes.contains(.customerRequest))
        do {
            _ = try await Self.download(world, id)
            Issue.record("a purpose the customer was not told of was allowed")
        } catch {
            #expect(Self.reasons(of: error).first?.description.hasPrefix("needs new consent") == true, "\(error)")
        }

        let signed = try await world.vault.recordLaterConsent(
            recording: id, purposes: [.customerRequest], channel: "web-form", evidence: "form 88412", by: "dpo")
        let receipt = try signed.verified(by: world.receiptSigner.verifyingKey)
        #expect(receipt.recordingID == id)
        #expect(receipt.callID == entryBefore.callID)
        #expect(receipt.change == .given)
        #expect(receipt.purposes == [.customerRequest])
        #expect(receipt.channel == "web-form")
        #expect(receipt.evidence == "form 88412")
        #expect(receipt.recordedBy == "dpo")
        #expect(try await world.laterConsents.receipts(for: id) == [signed])
        let audited = try #require(
            world.auditSink.entries.last { $0.record.action.identifier == "consent.later-given" })
        #expect(audited.record.target == "recording:\(id)")
        #expect(audited.record.reasons.contains("receipt \(receipt.receiptID)"))

        #expect(try await world.catalog.recording(id) == entryBefore, "the catalog entry is not edited")
        #expect(
            try await world.vault.disclosedPurposes(of: entryBefore)
                == entryBefore.disclosedPurposes.union([.customerRequest]))
        #expect(try await world.playback.accessAttributes(of: id).disclosedPurposes.contains(.customerRequest))
        let playback = try await Self.download(world, id)
        #expect(playback.decision.isAllowed)
    }

    @Test(
        "the later consent travels with the recording: in its legal export, its subject access package and its report")
    func laterConsentTravels() async throws {
        let world = try await VaultWorld()
        let id = try await world.recordCall(seconds: 1)
        let signed = try await world.vault.recordLaterConsent(
            recording: id, purposes: [.training], channel: "letter", evidence: "letter 12", by: "dpo")
        let report = try await world.vault.transparencyReport(for: id, languageTag: "en")
        #expect(report.purposes.contains(.training))

        let officer = VaultWorld.principal("c-1", role: "compliance", at: world.clock.now)
        let package = try await world.playback.exportForLegalRequest(
            id, PlaybackRequest(principal: officer, purpose: .disputeResolution, legalReference: "case 9"),
            recipients: [try Identity.generate().recipient])
        let files = try package.allFiles()
        let exported = try SignedLaterConsentReceipt(
            fileContents: String(decoding: try #require(files["later-consents/1.json"]), as: UTF8.self))
        #expect(exported == signed)
        _ = try ExportPackage.verify(files: files, trustedKey: world.receiptSigner.verifyingKey)

        let privacy = VaultWorld.principal("dpo", role: "privacy-officer", at: world.clock.now)
        let access = try await world.playback.subjectAccessExport(
            customerID: "customer-42", PlaybackRequest(principal: privacy, purpose: .customerRequest),
            recipients: [try Identity.generate().recipient])
        #expect(try access.allFiles()["recordings/\(id)/later-consents/1.json"] != nil)
    }

    @Test("withdrawing the later consent closes its purpose again; a purpose told of on the call is not withdrawn here")
    func withdrawal() async throws {
        let world = try await VaultWorld()
        let id = try await world.recordCall(seconds: 1)
        try await world.vault.recordLaterConsent(
            recording: id, purposes: [.customerRequest, .training], channel: "follow-up-call",
            evidence: "call 2026-0311-77", by: "dpo")
        let withdrawn = try await world.vault.withdrawLaterConsent(
            recording: id, purposes: [.customerRequest], channel: "email", evidence: "mail 551", by: "dpo")
        #expect(withdrawn.content.change == .withdrawn)
        #expect(world.auditActions.last == "consent.later-withdrawn")
        let attributes = try await world.playback.accessAttributes(of: id)
        #expect(attributes.disclosedPurposes == [.quality, .disputeResolution, .training])
        await #expect(throws: PlaybackError.self) { _ = try await Self.download(world, id) }
        await #expect(throws: LaterConsentError.notGivenLater(id, purposes: ["quality"])) {
            try await world.vault.withdrawLaterConsent(
                recording: id, purposes: [.quality], channel: "email", evidence: "mail 552", by: "dpo")
        }
    }

    @Test("a later consent is refused for a missing or deleted recording and for an incomplete request")
    func refusals() async throws {
        let world = try await VaultWorld()
        let id = try await world.recordCall(seconds: 1)
        let missing = RecordingID()
        func record(
            _ recording: RecordingID, _ purposes: Set<Purpose> = [.training], channel: String = "web-form",
            evidence: String = "form 1"
        ) async throws {
            try await world.vault.recordLaterConsent(
                recording: recording, purposes: purposes, channel: channel, evidence: evidence, by: "dpo")
        }
        await #expect(throws: LaterConsentError.recordingNotFound(missing)) { try await record(missing) }
        await #expect(throws: LaterConsentError.noPurposes) { try await record(id, []) }
        await #expect(throws: LaterConsentError.unknownChannel("fax")) { try await record(id, channel: "fax") }
        await #expect(throws: LaterConsentError.evidenceMissing) { try await record(id, evidence: "  ") }
        await #expect(throws: LaterConsentError.alreadyDisclosed(id, purposes: ["quality"])) {
            try await record(id, [.quality])
        }
        #expect(try await world.laterConsents.receipts(for: id).isEmpty)
        #expect(!world.auditActions.contains("consent.later-given"))

        // A deletion waits for the second a recording ended to pass.
        world.clock.advance(by: .seconds(5))
        _ = try await world.vault.handleErasureRequest(
            try ErasureRequest(id: "er-1", customerID: "customer-42", receivedAt: world.clock.now, handledBy: "dpo"))
        await #expect(throws: LaterConsentError.recordingDeleted(id)) { try await record(id) }
    }

    @Test("a receipt the organisation did not sign refuses every access to the recording (fail closed)")
    func forgedReceipt() async throws {
        let world = try await VaultWorld()
        let id = try await world.recordCall(seconds: 1)
        let entry = try #require(try await world.catalog.recording(id))
        let forged = try SignedLaterConsentReceipt(
            signing: LaterConsentReceipt(
                receiptID: "forged", recordingID: id, callID: entry.callID, change: .given,
                purposes: [.customerRequest], channel: "web-form", evidence: "none", recordedBy: "intruder",
                recordedAt: world.clock.now),
            with: try SigningKey.generate())
        try await world.laterConsents.add(forged)
        await #expect(throws: LaterConsentError.receiptDoesNotVerify(id, receiptID: "forged")) {
            _ = try await world.playback.accessAttributes(of: id)
        }
        await #expect(throws: LaterConsentError.receiptDoesNotVerify(id, receiptID: "forged")) {
            _ = try await Self.download(world, id)
        }
    }

    @Test("a crash between the audit entry and the store leaves the consent logged but not in force")
    func crashBeforeStoring() async throws {
        let faults = FaultPlan()
        let world = try await VaultWorld(laterConsents: InMemoryLaterConsentStore(faults: faults))
        let id = try await world.recordCall(seconds: 1)
        // Reading the store is not a step; the first step is the add.
        faults.crash(atOperation: 0)
        await #expect(throws: SimulatedCrash.self) {
            try await world.vault.recordLaterConsent(
                recording: id, purposes: [.customerRequest], channel: "web-form", evidence: "form 7", by: "dpo")
        }
        #expect(world.auditActions.last == "consent.later-given")
        #expect(!(try await world.playback.accessAttributes(of: id).disclosedPurposes.contains(.customerRequest)))
    }
}

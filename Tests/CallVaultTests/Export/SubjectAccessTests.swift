import CallVault
import CallVaultAccess
import CallVaultCore
import CallVaultCrypto
import CallVaultTestKit
import Foundation
import Testing

@Suite("Subject access export")
struct SubjectAccessTests {
    @Test(
        "every recording of the customer, with receipts and reports; audio where the policy allows, reasons where not")
    func packageForCustomer() async throws {
        let world = try await VaultWorld(purposes: [.quality, .disputeResolution, .customerRequest])
        let first = try await world.recordCall(seconds: 1)
        let second = try await world.recordCall(seconds: 2, customerIn: "DE", language: "de")
        let officer = VaultWorld.principal("dpo-1", role: "privacy-officer", at: world.clock.now)
        let privacyTeam = try Identity.generate()
        let package = try await world.playback.subjectAccessExport(
            customerID: "customer-42", PlaybackRequest(principal: officer, purpose: .customerRequest),
            recipients: [privacyTeam.recipient])
        let files = try package.allFiles()
        let manifest = try ExportPackage.verify(files: files, trustedKey: world.receiptSigner.verifyingKey)
        #expect(manifest.recordingID == nil)
        for id in [first, second] {
            #expect(files["recordings/\(id)/metadata.json"] != nil)
            #expect(files["recordings/\(id)/transparency.txt"] != nil)
            #expect(files["recordings/\(id)/receipts/1.json"] != nil)
            let audio = try #require(files["recordings/\(id)/recording.cvr"])
            var samples: [UInt8] = []
            try EnvelopeReader(source: audio, identity: privacyTeam).readAll(to: &samples)
            #expect(!samples.isEmpty)
        }
        let german = String(decoding: try #require(files["recordings/\(second)/transparency.txt"]), as: UTF8.self)
        #expect(german.contains("Ihre Gesprächsaufzeichnung"))
        #expect(world.auditActions.last == "subject-access.exported")

        // Without a rule for the request, the audio is withheld and the package says why.
        let stranger = VaultWorld.principal("x", role: "intern", at: world.clock.now)
        let withheld = try await world.playback.subjectAccessExport(
            customerID: "customer-42", PlaybackRequest(principal: stranger, purpose: .customerRequest),
            recipients: [privacyTeam.recipient])
        #expect(withheld.files.keys.allSatisfy { !$0.hasSuffix("recording.cvr") })
        let summary = String(decoding: try #require(withheld.files["summary.json"]), as: UTF8.self)
        #expect(summary.contains("withheld"))
    }
}

import CallVault
import CallVaultAccess
import CallVaultCore
import CallVaultTestKit
import Testing

@Suite("Transparency report")
struct TransparencyReportTests {
    @Test("who listened, when and why, what was agreed and until when it is kept, in the caller's language")
    func germanReport() async throws {
        let world = try await VaultWorld()
        let id = try await world.recordCall(seconds: 1, customerIn: "DE", language: "de")
        let supervisor = VaultWorld.principal("sup-1", role: "supervisor", at: world.clock.now)
        _ = try await world.playback.play(id, PlaybackRequest(principal: supervisor, purpose: .quality))
        let outsider = VaultWorld.principal("sup-9", role: "supervisor", team: "team-b", at: world.clock.now)
        _ = try? await world.playback.play(id, PlaybackRequest(principal: outsider, purpose: .quality))

        let report = try await world.vault.transparencyReport(for: id)
        #expect(report.notice.language.tag == "de")
        #expect(report.accesses.map(\.principal) == ["sup-1", "sup-9"])
        #expect(report.accesses.map(\.allowed) == [true, false])
        #expect(report.accesses.allSatisfy { $0.action == "listen" && $0.purpose == .quality })
        #expect(report.receipts.map(\.content.party) == ["customer"])
        #expect(report.receipts.first?.content.outcome == .consented)
        #expect(!report.isHeld)
        #expect(report.text.contains("Ihre Gesprächsaufzeichnung"))
        #expect(report.text.contains("sup-9"))
        #expect(report.text.contains("abgelehnt"))
        #expect(report.text.contains("Acme Bank"))
    }

    @Test("an English report for a caller addressed in English, showing a hold while a complaint is open")
    func heldReport() async throws {
        let world = try await VaultWorld()
        let id = try await world.recordCall(seconds: 1)
        var report = try await world.vault.transparencyReport(for: id)
        #expect(report.accesses.isEmpty)
        #expect(report.text.contains("Nobody has accessed the recording."))
        _ = try await world.complaints.file(
            customerID: "customer-42", channel: "phone", recordingIDs: [id], text: "x", receivedBy: "desk")
        report = try await world.vault.transparencyReport(for: id, languageTag: "en")
        #expect(report.isHeld)
        #expect(report.text.contains("ongoing legal matter"))
    }
}

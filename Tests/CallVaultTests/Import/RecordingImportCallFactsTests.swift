import CallVault
import CallVaultCapture
import CallVaultCore
import CallVaultRetention
import Foundation
import Testing

/// `Vault.importRecording`'s call facts: one form of a call id, no start before 1970, and the
/// line of business's regimes applied as a live session applies them.
@Suite("Vault: an import's call id, start and line of business")
struct RecordingImportCallFactsTests {
    static let regulationF: RetentionRuleID = "us-cfpb-reg-f-1006-100"

    /// The world's vault, with the collections line declaring Regulation F.
    static func collectionsVault(_ world: VaultWorld) -> Vault {
        var settings = world.vault.settings
        settings.regimesByLineOfBusiness = ["collections": [regulationF]]
        return Vault(
            storage: world.vault.storage, audit: world.vault.audit, clock: world.clock,
            settings: settings)
    }

    @Test("a call id is refused with white space around it or an invisible character, and kept in NFC")
    func callIDForm() async throws {
        let world = try await VaultWorld()
        for variant in [" legacy-42", "legacy-42 ", "legacy-42\u{200B}", "legacy\u{0}-42", "\u{202E}legacy-42"] {
            await #expect {
                try await world.vault.importRecording(
                    try RecordingImportTests.request(callID: variant),
                    from: InMemoryByteSource(try RecordingImportTests.wav()))
            } throws: { error in
                guard case .ambiguousCallID(let callID, _) = (error as? RecordingImportError)?.reason else {
                    return false
                }
                return callID == variant
            }
        }
        let decomposed = try await world.vault.importRecording(
            try RecordingImportTests.request(callID: "cafe\u{301}"),
            from: InMemoryByteSource(try RecordingImportTests.wav()))
        #expect(Array(decomposed.callID.utf8) == Array("caf\u{E9}".utf8), "kept composed")
        await #expect(throws: RecordingImportError.duplicateCallID(callID: "caf\u{E9}", existing: decomposed.id)) {
            try await world.vault.importRecording(
                try RecordingImportTests.request(callID: "caf\u{E9}"),
                from: InMemoryByteSource(try RecordingImportTests.wav()))
        }
        #expect(try await world.catalog.recordings(after: nil, limit: 10).count == 1)
    }

    @Test("a start before 1970 is refused before anything is written")
    func before1970() async throws {
        let world = try await VaultWorld()
        let start = Date(timeIntervalSince1970: -1)
        await #expect(throws: RecordingImportError.startsBefore1970(startedAt: start)) {
            try await world.vault.importRecording(
                try RecordingImportTests.request(startedAt: start),
                from: InMemoryByteSource(try RecordingImportTests.wav()))
        }
        #expect(RecordingImportError.startsBefore1970(startedAt: start).description.contains("1969-12-31T23:59:59Z"))
        #expect(world.auditActions.isEmpty)
    }

    @Test("an import on a line of business declares the line's regimes in its entry and its schedule, as a session")
    func lineOfBusinessRegimes() async throws {
        let world = try await VaultWorld()
        let vault = Self.collectionsVault(world)
        var request = try RecordingImportTests.request()
        request.lineOfBusiness = "collections"
        request.queue = "billing"
        let imported = try await vault.importRecording(
            request, from: InMemoryByteSource(try RecordingImportTests.wav()))
        #expect(imported.declaredRegimes == [Self.regulationF])
        let scheduled = try #require(try await world.retention.record(imported.id))
        #expect(scheduled.attributes.declaredRegimes == [Self.regulationF])
        #expect(scheduled.attributes.queue == "billing" && scheduled.attributes.lineOfBusiness == "collections")
        #expect(
            vault.settings.declaredRegimes([], lineOfBusiness: "collections") == imported.declaredRegimes,
            "what a live session on the line declares")
    }
}

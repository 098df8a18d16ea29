import CallVault
import CallVaultAccess
import CallVaultCore
import CallVaultCrypto
import CallVaultSupport
import CallVaultTestKit
import Testing

@Suite("Range redaction")
struct RedactionTests {
    func officer(_ world: VaultWorld) -> Principal {
        VaultWorld.principal("c-1", role: "compliance", at: world.clock.now)
    }

    @Test("the span is silenced, everything else unchanged to the sample, the old key shredded, certified")
    func redactsSpan() async throws {
        let world = try await VaultWorld()
        let id = try await world.recordCall(seconds: 4)
        let listen = PlaybackRequest(principal: officer(world), purpose: .disputeResolution)
        let before = try await world.playback.play(id, listen)

        let certificate = try await world.playback.redact(
            id, seconds: 1..<2, reason: "card-data",
            PlaybackRequest(principal: officer(world), purpose: .legalOrRegulatory))
        let content = try certificate.verified(by: world.receiptSigner.verifyingKey)
        #expect(content.frames == [8_000, 16_000])
        #expect(content.reason == "card-data")
        #expect(content.previousKeyCommitment != content.keyCommitment)

        let after = try await world.playback.play(id, listen)
        #expect(after.samples.count == before.samples.count)
        var changedOutside = 0
        for frame in 0..<after.samples.count / 2 {
            for channel in 0..<2 {
                let index = frame * 2 + channel
                if (8_000..<16_000).contains(frame) {
                    #expect(after.samples[index] == 0xFF)
                } else if after.samples[index] != before.samples[index] {
                    changedOutside += 1
                }
            }
        }
        #expect(changedOutside == 0)

        let entry = try #require(try await world.catalog.recording(id))
        #expect(entry.contentID != id)
        #expect(entry.supersededContent.isEmpty)
        #expect(entry.redactions == [certificate])
        #expect(world.keys.isShredded(id), "the key of the content that held the card data is gone")
        #expect(!world.blobs.recordingIDs.contains(id))
        #expect(world.auditActions.contains("recording.redacted"))
        let retention = try #require(try await world.retention.record(id))
        #expect(retention.attributes.keyCommitment.map(Hex.encode) == content.keyCommitment)
    }

    @Test("only a principal the policy allows to delete may redact")
    func supervisorCannotRedact() async throws {
        let world = try await VaultWorld()
        let id = try await world.recordCall(seconds: 2)
        let supervisor = VaultWorld.principal("sup-1", role: "supervisor", at: world.clock.now)
        await #expect(throws: PlaybackError.self) {
            try await world.playback.redact(
                id, seconds: 0..<1, reason: "card-data",
                PlaybackRequest(principal: supervisor, purpose: .legalOrRegulatory))
        }
        #expect(try await world.catalog.recording(id)?.redactions.isEmpty == true)
    }

    @Test("a span outside the recording is refused before anything changes")
    func spanOutside() async throws {
        let world = try await VaultWorld()
        let id = try await world.recordCall(seconds: 2)
        await #expect(throws: EnvelopeError.self) {
            try await world.playback.redact(
                id, seconds: 1..<3, reason: "card-data",
                PlaybackRequest(principal: officer(world), purpose: .legalOrRegulatory))
        }
        #expect(try await world.catalog.recording(id)?.contentID == id)
        #expect(!world.keys.isShredded(id))
    }

    @Test("a redaction interrupted after the switch is finished by recovery")
    func interruptedRedactionIsFinished() async throws {
        let world = try await VaultWorld()
        let id = try await world.recordCall(seconds: 2)
        let orphan = RecordingID()
        try await world.keys.store(try world.keys.wraps(for: id), for: orphan)
        _ = try world.blobs.create(orphan)
        var entry = try #require(try await world.catalog.recording(id))
        entry.supersededContent = [orphan]
        try await world.catalog.save(entry)

        try await world.restarted().recoverInterruptedRecordings()
        #expect(world.keys.isShredded(orphan))
        #expect(!world.blobs.recordingIDs.contains(orphan))
        #expect(try await world.catalog.recording(id)?.supersededContent == [])
        #expect(!world.keys.isShredded(id), "the current content is untouched")
    }

    @Test("the retention shredder destroys the current content of a redacted recording too")
    func shredderFollowsContent() async throws {
        let world = try await VaultWorld()
        let id = try await world.recordCall(seconds: 2)
        try await world.playback.redact(
            id, seconds: 0..<1, reason: "card-data",
            PlaybackRequest(principal: officer(world), purpose: .legalOrRegulatory))
        let content = try #require(try await world.catalog.recording(id)?.contentID)
        let shredder = VaultShredder(storage: world.vault.storage)
        try await shredder.shredKeys(of: id)
        try await shredder.deleteContent(of: id)
        #expect(world.keys.isShredded(content))
        #expect(world.blobs.recordingIDs.isEmpty)
    }
}

import CallVault
import CallVaultAccess
import CallVaultCore
import CallVaultTestKit
import Testing

@Suite("Crash recovery")
struct CrashRecoveryTests {
    @Test("a recording cut short by a crash is kept, closed, scheduled, audited and plays what was flushed")
    func recoversIncompleteRecording() async throws {
        let world = try await VaultWorld()
        var feeder = try await world.startCall()
        try await feeder.feed(seconds: 3.5)
        // The process dies: whatever was not flushed is gone, and the session is never ended.
        world.blobs.simulateCrash()
        world.clock.advance(by: .seconds(60))

        let vault = world.restarted()
        let recovered = try await vault.recoverInterruptedRecordings()
        #expect(recovered.map(\.state) == [.incomplete])
        let id = try #require(recovered.first?.id)
        #expect(try await world.catalog.recording(id)?.state == .incomplete)
        #expect(try await world.retention.record(id) != nil, "scheduled like any other recording")
        #expect(world.auditActions.contains("recording.recovered"))
        #expect(try await vault.recoverInterruptedRecordings().isEmpty, "recovery is idempotent")

        let playback = try await world.playback.play(
            id,
            PlaybackRequest(
                principal: VaultWorld.principal("c-1", role: "compliance", at: world.clock.now),
                purpose: .disputeResolution))
        #expect(!playback.recordingIsComplete)
        // Whole one-second segments survive: at least two of the three and a half fed.
        #expect(playback.samples.count >= 2 * 16_000)
        #expect(playback.samples.count % 16_000 == 0)
        let expected = (0..<playback.samples.count / 2).flatMap { frame in
            (0..<2).map { VaultWorld.sample(track: $0, position: Int64(frame)) }
        }
        #expect(playback.samples == expected)
    }
}

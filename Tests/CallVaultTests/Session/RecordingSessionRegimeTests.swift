import CallVault
import CallVaultConsent
import CallVaultRetention
import CallVaultTestKit
import Testing

/// A regime the retention engine cannot schedule is refused when the call starts, not after the
/// call has been recorded and sealed (when the recording would be left without a schedule).
@Suite("Recording session: declared regimes checked at the start")
struct RecordingSessionRegimeTests {
    @Test(
        "an unknown or undeclarable regime is refused before anything is catalogued or recorded",
        arguments: ["no-such-regime", "us-hipaa"] as [RetentionRuleID])
    func refusedAtStart(regime: RetentionRuleID) async throws {
        let world = try await VaultWorld()
        var configuration = VaultWorld.call([
            try VaultWorld.participant("customer", .customer, "US-NY"),
            try VaultWorld.participant("agent", .agent, "US-NY"),
        ])
        configuration.declaredRegimes = [regime]
        await #expect(throws: RetentionScheduleError.self) {
            _ = try await world.vault.startRecording(configuration, control: RecordingCallControl())
        }
        #expect(try await world.catalog.recordings(ofCall: configuration.callID).isEmpty)
        #expect(try await world.retention.record(configuration.recordingID) == nil)
    }
}

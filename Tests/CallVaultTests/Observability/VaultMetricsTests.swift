import CallVault
import CallVaultAccess
import CallVaultCore
import CallVaultTestKit
import MetricsTestKit
import Testing

@Suite("Metrics")
struct VaultMetricsTests {
    @Test("sessions, sealed segments, decisions and sweeps are counted; no metric carries personal values")
    func counted() async throws {
        let world = try await VaultWorld()
        let control = RecordingCallControl()
        let session = try await world.vault.startRecording(
            VaultWorld.call([
                try VaultWorld.participant("customer", .customer, "US-TX"),
                try VaultWorld.participant("agent", .agent, "US-TX"),
            ]), control: control)
        #expect(try world.metrics.expectMeter("callvault_sessions_active").lastValue == 1)
        try await VaultWorld.playAnnouncements(control, on: session)
        var feeder = CallFeeder(session: session, clock: world.clock)
        try await feeder.feed(seconds: 3)
        let id = try await session.callEnded().id
        #expect(try world.metrics.expectMeter("callvault_sessions_active").lastValue == 0)
        #expect(try world.metrics.expectCounter("callvault_sessions_total").totalValue == 1)
        let sealed = try world.metrics.expectCounter("callvault_segments_sealed_total").totalValue
        #expect(sealed == 4, "three full one-second segments and the final one that marks the end; got \(sealed)")

        let supervisor = VaultWorld.principal("sup-1", role: "supervisor", at: world.clock.now)
        _ = try await world.playback.play(id, PlaybackRequest(principal: supervisor, purpose: .quality))
        _ = try? await world.playback.play(id, PlaybackRequest(principal: supervisor, purpose: .training))
        #expect(
            try world.metrics.expectCounter("callvault_access_decisions_total", [("outcome", "allowed")]).totalValue
                == 1)
        #expect(
            try world.metrics.expectCounter("callvault_access_decisions_total", [("outcome", "denied")]).totalValue
                == 1)

        _ = try await world.vault.sweep()
        #expect(try world.metrics.expectCounter("callvault_sweeps_total").totalValue == 1)

        let dimensionValues = world.metrics.counters.flatMap { $0.dimensions.map(\.1) }
        #expect(!dimensionValues.contains(id.description))
        #expect(!dimensionValues.contains("sup-1"))
    }
}

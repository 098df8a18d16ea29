import CallVault
import CallVaultAccess
import CallVaultCore
import CallVaultTestKit
import Testing

@Suite("Playback access")
struct PlaybackAccessTests {
    func recordedCall(_ world: VaultWorld) async throws -> RecordingID {
        let control = RecordingCallControl()
        let session = try await world.vault.startRecording(
            VaultWorld.call([
                try VaultWorld.participant("customer", .customer, "US-TX"),
                try VaultWorld.participant("agent", .agent, "US-TX"),
            ]), control: control)
        try await VaultWorld.playAnnouncements(control, on: session)
        var feeder = CallFeeder(session: session, clock: world.clock)
        try await feeder.feed(seconds: 2)
        return try await session.callEnded().id
    }

    @Test("a supervisor of another team is refused, and the refusal is audited")
    func otherTeamRefused() async throws {
        let world = try await VaultWorld()
        let id = try await recordedCall(world)
        let outsider = VaultWorld.principal("sup-9", role: "supervisor", team: "team-b", at: world.clock.now)
        do {
            _ = try await world.playback.play(id, PlaybackRequest(principal: outsider, purpose: .quality))
            Issue.record("a supervisor of another team was allowed")
        } catch let error as PlaybackError where error.code == .denied {
            guard case .denied(let decision) = error.reason else { throw error }
            #expect(!decision.isAllowed)
            #expect(decision.description.contains("same team"))
        }
        let denial = try #require(world.auditSink.entries.last)
        #expect(denial.record.action.identifier == "access.listen")
        #expect(denial.record.outcome == .denied)
        #expect(denial.record.actor == "sup-9")
    }

    @Test("a purpose the customer was not told about is refused")
    func undisclosedPurpose() async throws {
        let world = try await VaultWorld()
        let id = try await recordedCall(world)
        let compliance = VaultWorld.principal("c-1", role: "compliance", at: world.clock.now)
        await #expect(throws: PlaybackError.self) {
            _ = try await world.playback.play(id, PlaybackRequest(principal: compliance, purpose: .training))
        }
    }

    @Test("an allowed listen is audited as a decision and a grant use, in that order")
    func allowedIsAudited() async throws {
        let world = try await VaultWorld()
        let id = try await recordedCall(world)
        let supervisor = VaultWorld.principal("sup-1", role: "supervisor", at: world.clock.now)
        _ = try await world.playback.play(id, PlaybackRequest(principal: supervisor, purpose: .quality))
        #expect(world.auditActions.suffix(2) == ["access.listen", "grant.use"])
        #expect(world.auditSink.entries.suffix(2).map(\.record.outcome) == [.allowed, .succeeded])
    }
}

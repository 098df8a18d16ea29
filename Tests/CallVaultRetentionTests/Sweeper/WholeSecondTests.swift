import CallVaultCore
import CallVaultRetention
import CallVaultTestKit
import Foundation
import Testing

/// Certificates state deletion times to the whole second, so the sweeper judges dueness and holds
/// at that second: what falls due, or is released, later in the same second waits for the next
/// sweep, and no certificate states a time before its recording was due or while a hold stood.
@Suite("Sweeper: judged at the second the certificate states")
struct WholeSecondTests {
    @Test("a recording due later in the sweep's second is not deleted with an earlier stated time")
    func dueLaterInTheSecond() async throws {
        let ended = try Fixture.date("2026-01-10T10:00:00.600Z")
        let world = try RetentionWorld(now: try Fixture.date("2026-04-10T10:00:00.900Z"))
        let records = try await world.add([
            try Fixture.call(1, endedAt: ended, places: ["BR"], regimes: ["br-sac-decree-11034"])
        ])
        let dueAt = try #require(records.first?.dueAt)
        #expect(dueAt == ended.addingTimeInterval(90 * 86_400))
        #expect(dueAt < world.clock.now, "due 0.3 s before the sweep")

        #expect(try await world.sweeper().sweep().deleted.isEmpty)
        let (_, refused) = try await world.sweeper().delete([Fixture.recordingID(1)])
        #expect(refused[Fixture.recordingID(1)] == .notDue(dueAt))

        world.clock.advance(by: .milliseconds(100))
        #expect(try await world.sweeper().sweep().deleted == [Fixture.recordingID(1)])
        let certificate = try await world.certificate(of: Fixture.recordingID(1))
        #expect(certificate.deletedAt == (try Fixture.date("2026-04-10T10:00:01Z")))
        #expect(certificate.deletedAt >= dueAt)
    }

    @Test("an erasure request for a call that ended this very second waits for the next second")
    func erasureOfAJustEndedCall() async throws {
        let now = try Fixture.date("2026-04-10T10:00:00.250Z")
        let world = try RetentionWorld(now: now)
        try await world.add([try Fixture.call(1, endedAt: now, places: ["CA"], customer: "C-1")])
        let handler = world.erasureHandler(world.sweeper())
        let request = try ErasureRequest(id: "E-1", customerID: "C-1", receivedAt: now, handledBy: "dpo")
        let report = try await handler.handle(request)
        #expect(report.erased.isEmpty)
        #expect(report.restricted.map(\.until) == [now])

        world.clock.advance(by: .milliseconds(750))
        let again = try await handler.handle(request)
        #expect(again.erased.map(\.recordingID) == [Fixture.recordingID(1)])
        let certificate = try await world.certificate(of: Fixture.recordingID(1))
        #expect(certificate.deletedAt >= now)
        #expect(certificate.keptUntil <= certificate.deletedAt)
    }

    @Test("a hold released earlier in the same second still stands for a deletion stated at that second")
    func holdReleasedWithinTheSecond() async throws {
        let world = try RetentionWorld(now: try Fixture.date("2026-06-01T12:00:00.200Z"))
        try await world.add([
            try Fixture.call(
                1, endedAt: try Fixture.date("2026-01-10T10:00:00Z"), places: ["BR"], regimes: ["br-sac-decree-11034"],
                customer: "C-1")
        ])
        let registry = world.registry()
        try await registry.place(
            id: "hold-1", matter: "Matter", reason: "dispute", scope: .customer("C-1"), by: "legal.alice")
        try await registry.requestRelease("hold-1", by: "legal.alice", reason: "settled")
        world.clock.advance(by: .milliseconds(300))
        let released = try await registry.approveRelease("hold-1", by: "legal.bob")
        let releasedAt = try #require(released.release?.releasedAt)

        // Stated at 12:00:00, the deletion would look as if it came 0.5 s before the release.
        let report = try await world.sweeper().sweep()
        #expect(report.deleted.isEmpty)
        #expect(report.held == 1)
        world.clock.advance(by: .milliseconds(500))
        #expect(try await world.sweeper().sweep().deleted == [Fixture.recordingID(1)])
        #expect(try await world.certificate(of: Fixture.recordingID(1)).deletedAt >= releasedAt)
    }
}

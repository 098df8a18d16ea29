import CallVaultCore
import CallVaultRetention
import CallVaultTestKit
import Foundation
import Testing

/// A recording that reaches the sweeper twice (rescheduled back and forth, or named twice) is
/// deleted once.
@Suite("Sweeper: records rescheduled before they are swept")
struct DueIndexTests {
    @Test("a record saved with another due time and then its first one again is deleted once")
    func dueTimeChangedAndRestored() async throws {
        let world = try RetentionWorld(now: try Fixture.date("2026-06-01T12:00:00Z"))
        let records = try await world.add([
            try Fixture.call(
                1, endedAt: try Fixture.date("2026-01-10T10:00:00Z"), places: ["GB"],
                regimes: ["contact-centre-practice"],
                customer: "C-1")
        ])
        let original = try #require(records.first)
        var marked = original
        marked.erasure = ErasureMark(requestID: "E-withdrawn", requestedAt: world.clock.now)
        #expect(marked.dueAt != original.dueAt)
        try await world.store.save([marked])
        try await world.store.save([original])

        let due = try await world.store.dueRecords(at: world.clock.now, after: nil, limit: 10)
        #expect(due.map(\.recordingID) == [Fixture.recordingID(1)])
        let report = try await world.sweeper().sweep()
        #expect(report.deleted == [Fixture.recordingID(1)])
        #expect(world.memoryShredder.keyShredCount(Fixture.recordingID(1)) == 1)
        #expect(world.audit.events.filter { $0.action == .recordingDeleted }.count == 1)
    }

    @Test("a recording named twice in one delete call is deleted, audited and reported once")
    func namedTwice() async throws {
        let world = try RetentionWorld(now: try Fixture.date("2026-06-01T12:00:00Z"))
        try await world.add([
            try Fixture.call(
                1, endedAt: try Fixture.date("2026-01-10T10:00:00Z"), places: ["BR"], regimes: ["br-sac-decree-11034"])
        ])
        let id = Fixture.recordingID(1)
        let (report, refused) = try await world.sweeper(concurrency: 2).delete([id, id])
        #expect(report.deleted == [id])
        #expect(refused.isEmpty)
        #expect(world.memoryShredder.keyShredCount(id) == 1)
        #expect(world.audit.events.filter { $0.action == .recordingDeleted }.count == 1)
    }
}

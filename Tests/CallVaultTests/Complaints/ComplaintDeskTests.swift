import CallVault
import CallVaultAccess
import CallVaultCore
import CallVaultRetention
import CallVaultTestKit
import Testing

@Suite("Complaints")
struct ComplaintDeskTests {
    func heldRecordings(_ world: VaultWorld, _ id: RecordingID) async throws -> [LegalHold] {
        let attributes = try #require(try await world.retention.record(id)).attributes
        return try await world.holds.holds(covering: attributes)
    }

    @Test("a complaint holds its recording while open, opens it for dispute resolution, and releases it when closed")
    func lifecycle() async throws {
        let world = try await VaultWorld()
        let id = try await world.recordCall(seconds: 2)
        let complaint = try await world.complaints.file(
            customerID: "customer-42", channel: "phone", callIDs: ["call-1"], recordingIDs: [id],
            text: "The agent promised a refund that never came.", receivedBy: "desk")
        #expect(complaint.state == .received)
        #expect(try await heldRecordings(world, id).map(\.id) == [complaint.holdID])

        let handler = VaultWorld.principal("handler-1", role: "complaint-handler", at: world.clock.now)
        await #expect(throws: ComplaintError.invalidTransition(complaint.id, from: .received, to: .resolved)) {
            try await world.complaints.close(
                complaint.id, as: .resolved, outcome: "refund issued", by: "handler-1", reviewedBy: "reviewer-1")
        }
        try await world.complaints.startInvestigation(complaint.id, by: "handler-1")
        let playback = try await world.complaints.listen(to: id, for: complaint.id, as: handler)
        #expect(playback.samples.count == 2 * 16_000)
        #expect(playback.decision.purpose == .disputeResolution)

        await #expect(throws: ComplaintError.reviewerIsHandler("handler-1")) {
            try await world.complaints.close(
                complaint.id, as: .resolved, outcome: "refund issued", by: "handler-1", reviewedBy: "handler-1")
        }
        let closed = try await world.complaints.close(
            complaint.id, as: .resolved, outcome: "Refund of 40 EUR issued on 2026-01-02.", by: "handler-1",
            reviewedBy: "reviewer-1")
        #expect(closed.state == .resolved)
        #expect(closed.history.map(\.state) == [.received, .investigating, .resolved])
        #expect(try await heldRecordings(world, id).isEmpty, "the hold is released by handler and reviewer")
        await #expect(throws: ComplaintError.notLinked(complaint.id, id)) {
            _ = try await world.complaints.listen(to: id, for: complaint.id, as: handler)
        }

        let history = world.auditSink.entries.filter { $0.record.target == "recording:\(id)" }
            .map(\.record.action.identifier)
        #expect(history.contains("complaint.filed"))
        #expect(history.contains("complaint.resolved"))
        #expect(world.auditActions.contains("hold.placed"))
        #expect(world.auditActions.contains("hold.released"))
    }

    @Test("a recording outside the complaint is not reachable through it")
    func unlinkedRecording() async throws {
        let world = try await VaultWorld()
        let linked = try await world.recordCall(seconds: 1)
        let other = try await world.recordCall(seconds: 1)
        let complaint = try await world.complaints.file(
            customerID: nil, channel: "email", recordingIDs: [linked], text: "Rude agent.", receivedBy: "desk")
        try await world.complaints.startInvestigation(complaint.id, by: "handler-1")
        let handler = VaultWorld.principal("handler-1", role: "complaint-handler", at: world.clock.now)
        await #expect(throws: ComplaintError.notLinked(complaint.id, other)) {
            _ = try await world.complaints.listen(to: other, for: complaint.id, as: handler)
        }
    }

    @Test("deadlines: unacknowledged after three days, unresolved after eight weeks")
    func overdue() async throws {
        let world = try await VaultWorld()
        let complaint = try await world.complaints.file(
            customerID: "c", channel: "web", recordingIDs: [], text: "No reply to my letter.", receivedBy: "desk")
        #expect(try await world.complaints.overdue().isEmpty)
        world.clock.advance(by: .seconds(3 * 86_400 + 1))
        #expect(try await world.complaints.overdue().map(\.id) == [complaint.id])
        try await world.complaints.startInvestigation(complaint.id, by: "handler-1")
        #expect(try await world.complaints.overdue().isEmpty)
        world.clock.advance(by: .seconds(53 * 86_400))
        #expect(try await world.complaints.overdue().map(\.id) == [complaint.id])
    }

    @Test("a step saved on a stale copy is refused, so no step is lost")
    func compareAndSwap() async throws {
        let store = InMemoryComplaintStore()
        let (complaint, _) = try Complaint.receive(
            customerID: nil, channel: "phone", callIDs: [], recordingIDs: [], text: "x", receivedBy: "desk",
            at: VaultWorld.start, policy: ComplaintPolicy())
        try await store.save(complaint, replacing: nil)
        var first = complaint
        _ = try first.startInvestigation(by: "a", at: VaultWorld.start)
        try await store.save(first, replacing: complaint)
        var second = complaint
        _ = try second.startInvestigation(by: "b", at: VaultWorld.start)
        await #expect(throws: ComplaintError.changedMeanwhile(complaint.id)) {
            try await store.save(second, replacing: complaint)
        }
        #expect(try await store.complaint(complaint.id)?.handler == "a")
    }
}

@Suite("Complaints: failures leave recordings held")
struct ComplaintFailureTests {
    @Test("a filer who may not place holds files nothing: no complaint without its hold")
    func unauthorisedFiler() async throws {
        let world = try await VaultWorld()
        let id = try await world.recordCall(seconds: 1)
        await #expect(throws: LegalHoldError.self) {
            try await world.complaints.file(
                customerID: "customer-42", channel: "phone", recordingIDs: [id], text: "x", receivedBy: "intern")
        }
        #expect(try await world.complaintStore.complaints(in: Set(Complaint.State.allCases)).isEmpty)
    }
}

import CallVaultCore
import CallVaultRetention
import Foundation
import Testing

/// Stored holds checked against the audit log's history: a release the log does not show, a hold
/// the log placed whose row is gone, and a row that does not verify all keep a hold in force.
@Suite("Legal holds checked against the audit log")
struct LegalHoldAuditHistoryTests {
    static let placedAt = Date(timeIntervalSince1970: 1_700_000_000)
    static let recording = RecordingRetentionAttributes(
        recordingID: RecordingID(), startedAt: placedAt, endedAt: placedAt.addingTimeInterval(60), jurisdictions: [],
        declaredRegimes: [], purposes: [], tags: [], queue: nil, lineOfBusiness: nil, customerID: "C-2",
        agentID: nil)

    static func hold(_ id: LegalHoldID, customer: String = "C-1") throws -> LegalHold {
        try LegalHold(
            id: id, matter: "M", reason: "R", placedBy: "legal.alice", placedAt: placedAt, scope: .customer(customer))
    }

    @Test("a release in the database without its audit entry is no release")
    func releaseWithoutAuditEntry() throws {
        let released = try Self.hold("h-1").requestingRelease(by: "legal.alice", at: Self.placedAt, reason: "done")
            .approvingRelease(by: "legal.bob", at: Self.placedAt)
        let history = LegalHoldAuditHistory(eventIDs: ["hold-placed:h-1", "hold-release-requested:h-1:1"])
        let (holds, discrepancies) = history.holdsInForce(stored: [released])
        #expect(discrepancies == [.releasedWithoutAuditEntry("h-1")])
        #expect(holds.map(\.id) == ["h-1"] && holds.allSatisfy(\.isActive))

        let audited = LegalHoldAuditHistory(eventIDs: ["hold-placed:h-1", "hold-released:h-1"])
        let lifted = audited.holdsInForce(stored: [released])
        #expect(lifted.discrepancies.isEmpty && lifted.holds == [released], "kept with its audited release")
    }

    @Test("a hold placed in the log whose row is gone, or whose row does not verify, holds every recording")
    func missingOrUnreadable() throws {
        let history = LegalHoldAuditHistory(eventIDs: ["hold-placed:h-1", "hold-placed:h-2", "hold-placed:h-3"])
        let (holds, discrepancies) = history.holdsInForce(
            stored: [try Self.hold("h-3")], unreadable: ["h-2": "its signature does not cover its contents"])
        #expect(
            Set(discrepancies)
                == [.missing("h-1"), .unreadable("h-2", reason: "its signature does not cover its contents")])
        let covering = holds.filter { $0.holds(Self.recording) }.map(\.id)
        #expect(Set(covering) == ["h-1", "h-2"], "the lost holds cover a recording of another customer too")
    }
}

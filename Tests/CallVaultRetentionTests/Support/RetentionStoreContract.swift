import CallVaultCore
import CallVaultRetention
import Foundation
import Testing

/// What every ``RetentionStore`` must do, as one body of checks a test runs against a fresh store:
/// the in-memory store here, SQLite and PostgreSQL stores when they come.
enum RetentionStoreContract {
    /// Runs every check against stores made by `makeStore`, each check on a fresh one.
    static func check(_ makeStore: () throws -> any RetentionStore) async throws {
        try await savesAndFindsRecords(try makeStore())
        try await pagesThroughDueRecordsInOrder(try makeStore())
        try await beginsDeletionsWithRefusals(try makeStore())
        try await completesDeletionsIdempotently(try makeStore())
        try await keepsHolds(try makeStore())
    }

    static let now = Date(timeIntervalSince1970: 1_780_000_000.75)

    /// A record due `dueIn` seconds from ``now`` (a CNIL quality call, whose maximum sets the
    /// time), or one no rule schedules when `dueIn` is nil.
    static func record(_ number: Int, dueIn: TimeInterval?, customer: String? = nil) throws -> RetentionRecord {
        let scheduler = try RetentionScheduler(catalog: try RetentionCatalog.bundled)
        let sixMonthsBefore = Fixture.adding(months: -6, to: now.addingTimeInterval(dueIn ?? 0))
        let attributes = RecordingRetentionAttributes(
            recordingID: Fixture.recordingID(number), startedAt: sixMonthsBefore,
            endedAt: sixMonthsBefore.addingTimeInterval(60),
            jurisdictions: [try Jurisdiction(parsing: dueIn == nil ? "CA" : "FR")],
            purposes: [.quality], customerID: customer)
        return RetentionRecord(attributes: attributes, schedule: try scheduler.schedule(for: attributes))
    }

    static func savesAndFindsRecords(_ store: any RetentionStore) async throws {
        let first = try record(1, dueIn: -10, customer: "C-1")
        let second = try record(2, dueIn: 10, customer: "C-1")
        try await store.save([first, second])
        #expect(try await store.record(first.recordingID) == first)
        #expect(try await store.record(Fixture.recordingID(99)) == nil)
        #expect(
            Set(try await store.records(ofCustomer: "C-1").map(\.recordingID)) == [
                first.recordingID, second.recordingID,
            ])
        var moved = second
        moved.attributes.customerID = "C-2"
        try await store.save([moved])
        #expect(try await store.records(ofCustomer: "C-1").map(\.recordingID) == [first.recordingID])
        #expect(try await store.records(ofCustomer: "C-2").map(\.recordingID) == [second.recordingID])
    }

    static func pagesThroughDueRecordsInOrder(_ store: any RetentionStore) async throws {
        // Seven due (two sharing a due time), two not yet due, one never.
        var records = try (1...5).map { try record($0, dueIn: Double(-100 * $0)) }
        records += [try record(6, dueIn: -300), try record(7, dueIn: 0)]
        records += [try record(8, dueIn: 1), try record(9, dueIn: 86_400), try record(10, dueIn: nil)]
        try await store.save(records.shuffled())
        var seen: [RetentionRecord] = []
        var cursor: DueCursor?
        while true {
            let page = try await store.dueRecords(at: now, after: cursor, limit: 2)
            #expect(page.count <= 2)
            seen += page
            guard page.count == 2, let last = page.last else { break }
            cursor = DueCursor(after: last)
        }
        let expected = records.prefix(7).sorted { left, right in
            let (l, r) = (left.dueAt ?? .distantFuture, right.dueAt ?? .distantFuture)
            return l < r || (l == r && left.recordingID < right.recordingID)
        }
        #expect(seen.map(\.recordingID) == expected.map(\.recordingID))
        #expect(seen.allSatisfy { ($0.dueAt ?? .distantFuture) <= now })

        // A begun deletion leaves the due list for the in-progress list.
        _ = try await store.beginDeletions([Fixture.recordingID(1)], at: now)
        let due = try await store.dueRecords(at: now, after: nil, limit: 100).map(\.recordingID)
        #expect(!due.contains(Fixture.recordingID(1)))
        #expect(due.count == 6)
        #expect(try await store.deletionsInProgress(limit: 10).map(\.recordingID) == [Fixture.recordingID(1)])
    }

    static func beginsDeletionsWithRefusals(_ store: any RetentionStore) async throws {
        let due = try record(1, dueIn: -60, customer: "C-held")
        let free = try record(2, dueIn: -60)
        let later = try record(3, dueIn: 3600)
        let never = try record(4, dueIn: nil)
        try await store.save([due, free, later, never])
        let hold = try LegalHold(
            id: "hold-1", matter: "Matter", reason: "reason", placedBy: "legal.alice", placedAt: now,
            scope: .customer("C-held"))
        try await store.save(hold, replacing: nil)
        let ids = [1, 2, 3, 4, 5].map(Fixture.recordingID)
        let starts = try await store.beginDeletions(ids, at: now)
        #expect(starts.count == 5)
        guard starts.count == 5 else { return }
        #expect(starts[0] == .refused(ids[0], .held(["hold-1"])))
        guard case .proceed(let begun) = starts[1] else {
            Issue.record("expected \(ids[1]) to proceed, got \(starts[1])")
            return
        }
        #expect(begun.deletion == DeletionJournalEntry(startedAt: now, cause: free.dueDeletionCause))
        #expect(begun.deletion?.startedAt == Date(timeIntervalSince1970: 1_780_000_000))
        #expect(starts[2] == .refused(ids[2], .notDue(later.dueAt)))
        #expect(starts[3] == .refused(ids[3], .notDue(nil)))
        #expect(starts[4] == .refused(ids[4], .notFound))

        // Beginning again, later, returns the journal entry first written.
        let again = try await store.beginDeletions([ids[1]], at: now.addingTimeInterval(3600))
        #expect(again == [.proceed(begun)])
        await #expect(throws: RetentionStoreError.deletionInProgress(ids[1])) { try await store.save([free]) }
        #expect(try await store.record(ids[1])?.deletion == begun.deletion)
    }

    static func completesDeletionsIdempotently(_ store: any RetentionStore) async throws {
        let record = try record(1, dueIn: -60, customer: "C-1")
        try await store.save([record])
        _ = try await store.beginDeletions([record.recordingID], at: now)
        let tombstone = Tombstone(
            recordingID: record.recordingID, deletedAt: Date(timeIntervalSince1970: 1_780_000_000),
            cause: record.dueDeletionCause, certificate: "first")
        try await store.completeDeletions([tombstone])
        try await store.completeDeletions([tombstone])
        try await store.completeDeletions([
            Tombstone(
                recordingID: record.recordingID, deletedAt: now, cause: record.dueDeletionCause, certificate: "second")
        ])
        #expect(try await store.tombstone(record.recordingID) == tombstone, "the first tombstone stays")
        #expect(try await store.record(record.recordingID) == nil)
        #expect(try await store.records(ofCustomer: "C-1").isEmpty)
        #expect(try await store.deletionsInProgress(limit: 10).isEmpty)
        #expect(try await store.dueRecords(at: now, after: nil, limit: 10).isEmpty)
        let starts = try await store.beginDeletions([record.recordingID], at: now)
        #expect(starts == [.refused(record.recordingID, .alreadyDeleted)])
        await #expect(throws: RetentionStoreError.recordingDeleted(record.recordingID)) {
            try await store.save([record])
        }
    }

    static func keepsHolds(_ store: any RetentionStore) async throws {
        let hold = try LegalHold(
            id: "hold-1", matter: "Matter", reason: "reason", placedBy: "legal.alice", placedAt: now,
            scope: .agent("A-1"))
        try await store.save(hold, replacing: nil)
        #expect(try await store.hold("hold-1") == hold)
        #expect(try await store.activeHolds() == [hold])
        await #expect(throws: RetentionStoreError.holdChanged("hold-1"), "the id is taken") {
            try await store.save(hold, replacing: nil)
        }
        let requested = try hold.requestingRelease(by: "legal.alice", at: now, reason: "done")
        let released = try requested.approvingRelease(by: "legal.bob", at: now)
        await #expect(
            throws: RetentionStoreError.holdChanged("hold-1"),
            "a step was skipped: the stored hold is not the one replaced"
        ) {
            try await store.save(released, replacing: requested)
        }
        try await store.save(requested, replacing: hold)
        try await store.save(released, replacing: requested)
        #expect(try await store.hold("hold-1") == released)
        #expect(try await store.activeHolds().isEmpty)
        #expect(try await store.hold("hold-2") == nil)
    }
}

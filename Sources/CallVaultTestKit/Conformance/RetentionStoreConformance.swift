import CallVaultCore
import CallVaultRetention
import Foundation

/// The guarantees every `RetentionStore` keeps (those its protocol documents, and those the
/// sweeper relies on), each with its check.
enum RetentionStoreConformance {
    static let seam = "RetentionStore"
    static let now = ConformanceFixtures.now
    static func id(_ number: Int) -> RecordingID { ConformanceFixtures.recordingID(number) }
    static func record(_ number: Int, dueIn: TimeInterval?, customer: String? = nil) throws -> RetentionRecord {
        try ConformanceFixtures.retentionRecord(number, dueIn: dueIn, customer: customer)
    }

    static let guarantees: [Guarantee<any RetentionStore>] = [
        Guarantee("saved records read back equal, and by customer") { store, expect in
            let first = try record(1, dueIn: -10, customer: "C-1")
            let second = try record(2, dueIn: 10, customer: "C-1")
            try await store.save([first, second])
            try expect.equal(try await store.record(first.recordingID), first, "the first record")
            try expect.equal(try await store.record(second.recordingID), second, "the second record")
            try expect.that(try await store.record(id(99)) == nil, "an unknown recording has a record")
            try expect.equal(
                Set(try await store.records(ofCustomer: "C-1").map(\.recordingID)),
                [first.recordingID, second.recordingID], "C-1's records")
            var moved = second
            moved.attributes.customerID = "C-2"
            try await store.save([moved])
            try expect.equal(
                try await store.records(ofCustomer: "C-1").map(\.recordingID), [first.recordingID], "C-1 after a move")
            try expect.equal(
                try await store.records(ofCustomer: "C-2").map(\.recordingID), [second.recordingID], "C-2 after a move")
        },
        Guarantee("dueRecords pages through due records in (due time, id) order") { store, expect in
            // Seven due (two sharing a due time), two not yet due, one never.
            var records = try (1...5).map { try record($0, dueIn: Double(-100 * $0)) }
            records += [try record(6, dueIn: -300), try record(7, dueIn: 0)]
            records += [try record(8, dueIn: 1), try record(9, dueIn: 86_400), try record(10, dueIn: nil)]
            try await store.save(records.reversed())
            var seen: [RetentionRecord] = []
            var cursor: DueCursor?
            for _ in 0..<20 {
                let page = try await store.dueRecords(at: now, after: cursor, limit: 2)
                try expect.that(page.count <= 2, "a page of \(page.count) records exceeds the limit of 2")
                seen += page
                guard page.count == 2, let last = page.last else { break }
                cursor = DueCursor(after: last)
            }
            let expected = records.prefix(7).sorted { left, right in
                let (l, r) = (left.dueAt ?? .distantFuture, right.dueAt ?? .distantFuture)
                return l < r || (l == r && left.recordingID < right.recordingID)
            }
            try expect.equal(seen.map(\.recordingID), expected.map(\.recordingID), "the due records, in order")
            try expect.equal(try await store.dueRecords(at: now, after: nil, limit: 0), [], "a page with limit 0")
        },
        Guarantee("a begun deletion leaves the due list for the in-progress list") { store, expect in
            try await store.save(try (1...3).map { try record($0, dueIn: -60) })
            _ = try await store.beginDeletions([id(1)], at: now)
            let due = try await store.dueRecords(at: now, after: nil, limit: 100).map(\.recordingID)
            try expect.equal(due, [id(2), id(3)].sorted(), "the due records")
            try expect.equal(
                try await store.deletionsInProgress(limit: 10).map(\.recordingID), [id(1)], "deletions in progress")
            try expect.equal(try await store.deletionsInProgress(limit: 0), [], "deletions in progress, limit 0")
        },
        Guarantee("a record saved again at another due time is listed once, at its new time") { store, expect in
            let original = try record(1, dueIn: -600)
            try await store.save([original, try record(2, dueIn: -300)])
            var later = try record(1, dueIn: 3_600)
            try await store.save([later])
            try expect.equal(
                try await store.dueRecords(at: now, after: nil, limit: 10).map(\.recordingID), [id(2)],
                "due after moving record 1 later")
            try await store.save([original])
            try expect.equal(
                try await store.dueRecords(at: now, after: nil, limit: 10).map(\.recordingID), [id(1), id(2)],
                "due after moving record 1 back")
            later = try record(1, dueIn: -100)
            try await store.save([later])
            try expect.equal(
                try await store.dueRecords(at: now, after: nil, limit: 10).map(\.recordingID), [id(2), id(1)],
                "due after moving record 1 after record 2")
        },
        Guarantee("the due list follows dueAt, erasure requests included") { store, expect in
            var erased = try record(1, dueIn: 86_400 * 30)
            try await store.save([erased])
            try expect.equal(try await store.dueRecords(at: now, after: nil, limit: 10), [], "before the erasure")
            erased.erasure = ErasureMark(requestID: "dsr-1", requestedAt: now.addingTimeInterval(-5))
            try expect.that(
                (erased.dueAt ?? .distantFuture) <= now, "fixture: an erasure request should make the record due")
            try await store.save([erased])
            try expect.equal(
                try await store.dueRecords(at: now, after: nil, limit: 10).map(\.recordingID), [id(1)],
                "after the erasure")
            let starts = try await store.beginDeletions([id(1)], at: now)
            guard case .proceed(let begun) = starts.first else {
                throw expect.failure("an erased, due recording was refused: \(starts)")
            }
            try expect.equal(begun.deletion?.cause, .erasureRequest("dsr-1"), "the deletion's cause")
        },
        Guarantee("beginDeletions re-checks holds and dueness, and journals the deletion") { store, expect in
            let due = try record(1, dueIn: -60, customer: "C-held")
            let free = try record(2, dueIn: -60)
            let later = try record(3, dueIn: 3600)
            let never = try record(4, dueIn: nil)
            try await store.save([due, free, later, never])
            try await store.save(try ConformanceFixtures.hold("hold-1", customer: "C-held"), replacing: nil)
            let ids = [1, 2, 3, 4, 5].map(id)
            let starts = try await store.beginDeletions(ids, at: now)
            try expect.equal(starts.count, 5, "outcomes")
            try expect.equal(starts[0], .refused(ids[0], .held(["hold-1"])), "the held recording")
            guard case .proceed(let begun) = starts[1] else {
                throw expect.failure("the free recording was refused: \(starts[1])")
            }
            try expect.equal(
                begun.deletion, DeletionJournalEntry(startedAt: now, cause: free.dueDeletionCause), "the journal entry")
            try expect.equal(
                begun.deletion?.startedAt, Date(timeIntervalSince1970: 1_780_000_000), "the whole-second start")
            try expect.equal(starts[2], .refused(ids[2], .notDue(later.dueAt)), "the recording not yet due")
            try expect.equal(starts[3], .refused(ids[3], .notDue(nil)), "the recording never due")
            try expect.equal(starts[4], .refused(ids[4], .notFound), "the unknown recording")
            try expect.equal(try await store.record(ids[1])?.deletion, begun.deletion, "the stored journal entry")
        },
        Guarantee("beginning a deletion again returns the journal entry first written") { store, expect in
            try await store.save([try record(1, dueIn: -60)])
            let first = try await store.beginDeletions([id(1), id(1)], at: now)
            guard case .proceed(let begun) = first.first else {
                throw expect.failure("a due recording was refused: \(first)")
            }
            try expect.equal(first, [.proceed(begun), .proceed(begun)], "an id given twice in one call")
            let again = try await store.beginDeletions([id(1)], at: now.addingTimeInterval(3600))
            try expect.equal(again, [.proceed(begun)], "beginning again an hour later")
        },
        Guarantee("a hold released within the deletion's second still holds; one released before does not") {
            store, expect in
            try await store.save([
                try record(1, dueIn: -60, customer: "C-1"), try record(2, dueIn: -60, customer: "C-2"),
            ])
            let second = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
            for (holdID, customer, releasedAt) in [
                ("late", "C-1", second.addingTimeInterval(0.5)), ("early", "C-2", second.addingTimeInterval(-0.5)),
            ] {
                let hold = try ConformanceFixtures.hold(LegalHoldID(holdID), customer: customer, placedAt: now - 86_400)
                let requested = try hold.requestingRelease(by: "legal.alice", at: releasedAt, reason: "settled")
                let released = try requested.approvingRelease(by: "legal.bob", at: releasedAt)
                try await store.save(hold, replacing: nil)
                try await store.save(requested, replacing: hold)
                try await store.save(released, replacing: requested)
            }
            let starts = try await store.beginDeletions([id(1), id(2)], at: now)
            try expect.equal(starts.first, .refused(id(1), .held(["late"])), "under a hold released later that second")
            guard case .proceed = starts.last else {
                throw expect.failure(
                    "a hold released the second before still refused: \(String(describing: starts.last))")
            }
        },
        Guarantee("a record whose deletion began is never changed by save") { store, expect in
            let original = try record(1, dueIn: -60)
            try await store.save([original, try record(2, dueIn: -60)])
            let starts = try await store.beginDeletions([id(1)], at: now)
            guard case .proceed(let begun) = starts.first else { throw expect.failure("refused: \(starts)") }
            try await expect.throwing(RetentionStoreError.deletionInProgress(id(1)), "saving it again") {
                try await store.save([original])
            }
            var changed = try ConformanceFixtures.retentionRecord(2, dueIn: 86_400)
            changed.attributes.customerID = "C-2"
            try await expect.throwing(RetentionStoreError.deletionInProgress(id(1)), "a batch holding it") {
                try await store.save([changed, original])
            }
            try expect.equal(try await store.record(id(1)), begun, "the record being deleted")
            try expect.equal(
                try await store.record(id(2))?.attributes.customerID, nil, "the refused batch's other record")
        },
        Guarantee("save never begins a deletion: a journal entry passed in is ignored") { store, expect in
            var original = try record(1, dueIn: -60)
            original.deletion = DeletionJournalEntry(startedAt: now, cause: original.dueDeletionCause)
            try await store.save([original])
            try expect.equal(try await store.record(id(1))?.deletion, nil, "the stored journal entry")
            try expect.equal(try await store.deletionsInProgress(limit: 10), [], "deletions in progress")
            try expect.equal(
                try await store.dueRecords(at: now, after: nil, limit: 10).map(\.recordingID), [id(1)], "due records")
        },
        Guarantee("completeDeletions replaces the record with its first tombstone, idempotently") { store, expect in
            let original = try record(1, dueIn: -60, customer: "C-1")
            try await store.save([original])
            _ = try await store.beginDeletions([original.recordingID], at: now)
            let tombstone = Tombstone(
                recordingID: original.recordingID, deletedAt: Date(timeIntervalSince1970: 1_780_000_000),
                cause: original.dueDeletionCause, certificate: "{\"first\": true}")
            try await store.completeDeletions([tombstone])
            try await store.completeDeletions([tombstone])
            try await store.completeDeletions([
                Tombstone(
                    recordingID: original.recordingID, deletedAt: now, cause: original.dueDeletionCause,
                    certificate: "second")
            ])
            try expect.equal(try await store.tombstone(original.recordingID), tombstone, "the tombstone")
            try expect.that(try await store.tombstone(id(2)) == nil, "an unknown recording has a tombstone")
            try expect.that(try await store.record(original.recordingID) == nil, "the record outlived its tombstone")
            try expect.equal(try await store.records(ofCustomer: "C-1"), [], "the customer's records")
            try expect.equal(try await store.deletionsInProgress(limit: 10), [], "deletions in progress")
            try expect.equal(try await store.dueRecords(at: now, after: nil, limit: 10), [], "due records")
            try expect.equal(
                try await store.beginDeletions([original.recordingID], at: now),
                [.refused(original.recordingID, .alreadyDeleted)], "beginning a completed deletion")
        },
        Guarantee("a recording with a tombstone is never saved again") { store, expect in
            let original = try record(1, dueIn: -60)
            try await store.save([original])
            _ = try await store.beginDeletions([original.recordingID], at: now)
            try await store.completeDeletions([
                Tombstone(
                    recordingID: original.recordingID, deletedAt: now, cause: original.dueDeletionCause,
                    certificate: "c")
            ])
            try await expect.throwing(RetentionStoreError.recordingDeleted(original.recordingID), "saving it again") {
                try await store.save([original])
            }
            try expect.that(try await store.record(original.recordingID) == nil, "the deleted record came back")
        },
        Guarantee("holds are saved by compare-and-swap") { store, expect in
            let hold = try LegalHold(
                id: "hold-1", matter: "Matter", reason: "reason", placedBy: "legal.alice", placedAt: now,
                scope: .agent("A-1"))
            try await store.save(hold, replacing: nil)
            try expect.equal(try await store.hold("hold-1"), hold, "the stored hold")
            try expect.equal(try await store.activeHolds(), [hold], "the active holds")
            try await expect.throwing(RetentionStoreError.holdChanged("hold-1"), "a second hold with the id") {
                try await store.save(hold, replacing: nil)
            }
            let requested = try hold.requestingRelease(by: "legal.alice", at: now, reason: "done")
            let released = try requested.approvingRelease(by: "legal.bob", at: now)
            try await expect.throwing(RetentionStoreError.holdChanged("hold-1"), "a step skipped") {
                try await store.save(released, replacing: requested)
            }
            try await store.save(requested, replacing: hold)
            try await expect.throwing(RetentionStoreError.holdChanged("hold-1"), "replacing a stale hold") {
                try await store.save(
                    try hold.requestingRelease(by: "legal.carol", at: now, reason: "x"), replacing: hold)
            }
            try await store.save(released, replacing: requested)
            try expect.equal(try await store.hold("hold-1"), released, "the released hold")
            try expect.equal(try await store.activeHolds(), [], "the active holds after release")
            try expect.that(try await store.hold("hold-2") == nil, "an unknown hold exists")
        },
        Guarantee("of concurrent compare-and-swaps on one hold, exactly one succeeds") { store, expect in
            let hold = try ConformanceFixtures.hold("contested", customer: "C-1")
            try await store.save(hold, replacing: nil)
            let outcomes = await withTaskGroup(of: Bool.self, returning: [Bool].self) { group in
                for officer in 0..<8 {
                    group.addTask {
                        do {
                            let next = try hold.requestingRelease(
                                by: PrincipalID("officer-\(officer)"), at: now, reason: "mine")
                            try await store.save(next, replacing: hold)
                            return true
                        } catch {
                            return false
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            try expect.equal(outcomes.filter { $0 }.count, 1, "successful swaps")
            let stored = try await store.hold("contested")
            try expect.that(stored?.releaseRequest != nil, "the winner's request was not stored")
        },
        Guarantee("of concurrent beginDeletions, every outcome carries the one journal entry") { store, expect in
            try await store.save(try (1...20).map { try record($0, dueIn: -60) })
            let ids = (1...20).map(id)
            let results = try await withThrowingTaskGroup(of: [DeletionStart].self, returning: [[DeletionStart]].self) {
                group in
                for attempt in 0..<6 {
                    group.addTask {
                        try await store.beginDeletions(
                            attempt % 2 == 0 ? ids : ids.reversed(), at: now.addingTimeInterval(Double(attempt) * 5))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            var entries: [RecordingID: DeletionJournalEntry] = [:]
            for start in results.joined() {
                guard case .proceed(let record) = start, let entry = record.deletion else {
                    throw expect.failure("a due, unheld recording was refused: \(start)")
                }
                if let first = entries[record.recordingID], first != entry {
                    throw expect.failure("recording \(record.recordingID) was begun twice: \(first) and \(entry)")
                }
                entries[record.recordingID] = entry
            }
            try expect.equal(entries.count, 20, "recordings begun")
            try expect.equal(try await store.deletionsInProgress(limit: 100).count, 20, "deletions in progress")
        },
        Guarantee("a hold placed after planning still stops the deletion") { store, expect in
            try await store.save([try record(1, dueIn: -60, customer: "C-1")])
            let planned = try await store.dueRecords(at: now, after: nil, limit: 10)
            try expect.equal(planned.map(\.recordingID), [id(1)], "the plan")
            try await store.save(try ConformanceFixtures.hold("late-hold", customer: "C-1"), replacing: nil)
            try expect.equal(
                try await store.beginDeletions(planned.map(\.recordingID), at: now),
                [.refused(id(1), .held(["late-hold"]))], "beginning the planned deletion")
        },
    ]
}

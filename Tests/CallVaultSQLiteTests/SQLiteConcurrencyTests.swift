import CallVaultCore
import CallVaultRetention
import CallVaultSQLite
import Foundation
import Testing

/// Two processes on one vault, as two database pools on one file: SQLite's write lock makes each
/// deletion begin once and each hold change win once, whoever asks.
@Suite("SQLite vault: two writers")
struct SQLiteConcurrencyTests {
    @Test("concurrent beginDeletions from two processes never both begin the same deletion")
    func beginDeletionsOnce() async throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        let path = scratch.folder("vault")
        let first = try SQLiteVault.create(atPath: path).retention
        let second = try SQLiteVault.open(atPath: path).retention
        let records = try (1...60).map { try Fixtures.retentionRecord($0, dueIn: -60) }
        try await first.save(records)
        let ids = records.map(\.recordingID)
        // Different clocks, so a deletion begun twice would show two different journal times.
        async let fromFirst = first.beginDeletions(ids, at: Fixtures.now)
        async let fromSecond = second.beginDeletions(ids.reversed(), at: Fixtures.now + 30)
        let outcomes = try await fromFirst + fromSecond
        var entries: [RecordingID: DeletionJournalEntry] = [:]
        var conflicts: [RecordingID] = []
        for case .proceed(let record) in outcomes {
            guard let entry = record.deletion else { continue }
            if let earlier = entries.updateValue(entry, forKey: record.recordingID), earlier != entry {
                conflicts.append(record.recordingID)
            }
        }
        #expect(outcomes.count == 120)
        #expect(entries.count == 60, "every recording begun")
        #expect(conflicts.isEmpty, "recordings begun twice with different journal entries")
        for record in try await second.deletionsInProgress(limit: 100) {
            #expect(record.deletion == entries[record.recordingID])
        }
    }

    @Test("of two officers changing one hold at once from two processes, one wins and the other gets holdChanged")
    func holdCompareAndSwap() async throws {
        let scratch = ScratchFolder()
        defer { scratch.remove() }
        let path = scratch.folder("vault")
        let first = try SQLiteVault.create(atPath: path).retention
        let second = try SQLiteVault.open(atPath: path).retention
        let hold = try Fixtures.hold("hold-1", customer: "C-1")
        try await first.save(hold, replacing: nil)
        let alice = try hold.requestingRelease(by: "legal.alice", at: Fixtures.now, reason: "settled")
        let bob = try hold.requestingRelease(by: "legal.bob", at: Fixtures.now, reason: "withdrawn")
        async let byAlice = Result { try await first.save(alice, replacing: hold) }
        async let byBob = Result { try await second.save(bob, replacing: hold) }
        let results = await [byAlice, byBob]
        let failures = results.compactMap { result -> (any Error)? in
            if case .failure(let error) = result { return error }
            return nil
        }
        #expect(failures.count == 1)
        #expect(failures.first as? RetentionStoreError == .holdChanged("hold-1"))
        let stored = try await second.hold("hold-1")
        #expect(stored == alice || stored == bob)
        // The loser read again and retries against what is stored now: its step is not lost.
        let current = try #require(stored)
        await #expect(throws: RetentionStoreError.holdChanged("hold-1")) {
            try await first.save(
                try hold.requestingRelease(by: "legal.carol", at: Fixtures.now, reason: "x"), replacing: hold)
        }
        let approved = try current.approvingRelease(by: "legal.dave", at: Fixtures.now)
        try await first.save(approved, replacing: current)
        #expect(try await second.activeHolds().isEmpty)
    }
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do {
            self = .success(try await body())
        } catch {
            self = .failure(error)
        }
    }
}

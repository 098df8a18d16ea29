public import CallVaultCore
public import CallVaultRetention
public import Foundation

/// A `RetentionStore` in memory: for tests, benchmarks and trying the engine out.
///
/// It keeps a due-time index, so paging through the due recordings of a million-recording store
/// costs what a database index would; operations are atomic under one lock, which makes
/// ``beginDeletions(_:at:)`` the transaction the protocol asks for. A ``FaultPlan`` can make any
/// operation fail as if the process died there.
public final class InMemoryRetentionStore: RetentionStore {
    private struct DueEntry: Comparable {
        let dueAt: Date
        let id: RecordingID

        static func < (lhs: DueEntry, rhs: DueEntry) -> Bool {
            lhs.dueAt < rhs.dueAt || (lhs.dueAt == rhs.dueAt && lhs.id < rhs.id)
        }
    }

    private struct State {
        var records: [RecordingID: RetentionRecord] = [:]
        var tombstones: [RecordingID: Tombstone] = [:]
        var holds: [LegalHoldID: LegalHold] = [:]
        var byCustomer: [String: Set<RecordingID>] = [:]
        var inProgress = Set<RecordingID>()
        /// Sorted by due time; entries whose record is gone or due at another time are skipped.
        var dueIndex: [DueEntry] = []
        var staleEntries = 0
    }

    private let state = LockedState(State())
    private let faults: FaultPlan?

    /// Creates an empty store; `faults` simulates crashes.
    public init(faults: FaultPlan? = nil) {
        self.faults = faults
    }

    /// How many recordings still exist.
    public var recordCount: Int { state.withLock { $0.records.count } }

    /// Every tombstone.
    public var tombstones: [Tombstone] { state.withLock { Array($0.tombstones.values) } }

    /// Every hold, active or released.
    public var allHolds: [LegalHold] { state.withLock { Array($0.holds.values) } }

    /// Inserts or replaces records.
    public func save(_ records: [RetentionRecord]) async throws {
        try faults?.step("store.save")
        try state.withLock { state in
            for record in records {
                let id = record.recordingID
                if state.tombstones[id] != nil { throw RetentionStoreError.recordingDeleted(id) }
                if state.inProgress.contains(id) { throw RetentionStoreError.deletionInProgress(id) }
            }
            var added: [DueEntry] = []
            for var record in records {
                record.deletion = nil
                let id = record.recordingID
                let previous = state.records.updateValue(record, forKey: id)
                if let customer = previous?.attributes.customerID { state.byCustomer[customer]?.remove(id) }
                if let customer = record.attributes.customerID { state.byCustomer[customer, default: []].insert(id) }
                if previous?.dueAt != record.dueAt || previous == nil {
                    if previous?.dueAt != nil { state.staleEntries += 1 }
                    if let dueAt = record.dueAt { added.append(DueEntry(dueAt: dueAt, id: id)) }
                }
            }
            Self.merge(added, into: &state)
        }
    }

    private static func merge(_ added: [DueEntry], into state: inout State) {
        guard !added.isEmpty || state.staleEntries > state.dueIndex.count / 2 + 1024 else { return }
        if state.staleEntries > state.dueIndex.count / 2 + 1024 {
            state.dueIndex = state.records.values.compactMap { record in
                record.dueAt.map { DueEntry(dueAt: $0, id: record.recordingID) }
            }.sorted()
            state.staleEntries = 0
            return
        }
        // Equal entries are kept once: a record saved back to a due time it had before revives its
        // stale entry, and a second copy would make a sweep see (and delete) the record twice.
        var sortedAdded: [DueEntry] = []
        sortedAdded.reserveCapacity(added.count)
        for entry in added.sorted() where sortedAdded.last != entry { sortedAdded.append(entry) }
        if let last = state.dueIndex.last, let first = sortedAdded.first, last < first {
            state.dueIndex += sortedAdded
            return
        }
        var merged: [DueEntry] = []
        merged.reserveCapacity(state.dueIndex.count + sortedAdded.count)
        var i = 0
        var j = 0
        var revived = 0
        while i < state.dueIndex.count || j < sortedAdded.count {
            let entry: DueEntry
            if j == sortedAdded.count || (i < state.dueIndex.count && state.dueIndex[i] < sortedAdded[j]) {
                entry = state.dueIndex[i]
                i += 1
            } else {
                entry = sortedAdded[j]
                j += 1
            }
            if merged.last == entry {
                revived += 1
                continue
            }
            merged.append(entry)
        }
        state.dueIndex = merged
        state.staleEntries = max(0, state.staleEntries - revived)
    }

    /// The record of a recording that still exists.
    public func record(_ id: RecordingID) async throws -> RetentionRecord? {
        try faults?.step("store.record")
        return state.withLock { $0.records[id] }
    }

    /// The records of a customer's recordings.
    public func records(ofCustomer customerID: String) async throws -> [RetentionRecord] {
        try faults?.step("store.records(ofCustomer:)")
        return state.withLock { state in
            (state.byCustomer[customerID] ?? []).compactMap { state.records[$0] }.sorted {
                $0.attributes.startedAt < $1.attributes.startedAt
            }
        }
    }

    /// Due records not being deleted, in due order, after `cursor`.
    public func dueRecords(at now: Date, after cursor: DueCursor?, limit: Int) async throws -> [RetentionRecord] {
        try faults?.step("store.dueRecords")
        return state.withLock { state in
            var low = 0
            if let cursor {
                var high = state.dueIndex.count
                while low < high {
                    let middle = (low + high) / 2
                    let entry = state.dueIndex[middle]
                    if cursor.precedes(dueAt: entry.dueAt, id: entry.id) { high = middle } else { low = middle + 1 }
                }
            }
            var page: [RetentionRecord] = []
            page.reserveCapacity(min(limit, 4096))
            var index = low
            while index < state.dueIndex.count, page.count < limit {
                let entry = state.dueIndex[index]
                index += 1
                guard entry.dueAt <= now else { break }
                guard let record = state.records[entry.id], record.deletion == nil, record.dueAt == entry.dueAt else {
                    continue
                }
                page.append(record)
            }
            return page
        }
    }

    /// Records whose deletion began and has not completed.
    public func deletionsInProgress(limit: Int) async throws -> [RetentionRecord] {
        try faults?.step("store.deletionsInProgress")
        return state.withLock { state in
            Array(state.inProgress.sorted().prefix(limit).compactMap { state.records[$0] })
        }
    }

    /// Begins deletions atomically, re-checking dueness and holds.
    public func beginDeletions(_ ids: [RecordingID], at now: Date) async throws -> [DeletionStart] {
        try faults?.step("store.beginDeletions")
        return state.withLock { state in
            // Released holds too: a hold released within the second the deletion is stated at still counts.
            let holds = Array(state.holds.values)
            return ids.map { id -> DeletionStart in
                if state.tombstones[id] != nil { return .refused(id, .alreadyDeleted) }
                guard var record = state.records[id] else { return .refused(id, .notFound) }
                if record.deletion != nil { return .proceed(record) }
                if let refusal = record.deletionRefusal(at: now, holds: holds) { return .refused(id, refusal) }
                record.deletion = DeletionJournalEntry(startedAt: now, cause: record.dueDeletionCause)
                state.records[id] = record
                state.inProgress.insert(id)
                return .proceed(record)
            }
        }
    }

    /// Replaces records with their tombstones.
    public func completeDeletions(_ tombstones: [Tombstone]) async throws {
        try faults?.step("store.completeDeletions")
        state.withLock { state in
            for tombstone in tombstones {
                let id = tombstone.recordingID
                guard state.tombstones[id] == nil else { continue }
                state.tombstones[id] = tombstone
                if let record = state.records.removeValue(forKey: id) {
                    if let customer = record.attributes.customerID { state.byCustomer[customer]?.remove(id) }
                    if record.dueAt != nil { state.staleEntries += 1 }
                }
                state.inProgress.remove(id)
            }
            Self.merge([], into: &state)
        }
    }

    /// The tombstone of a deleted recording.
    public func tombstone(_ id: RecordingID) async throws -> Tombstone? {
        try faults?.step("store.tombstone")
        return state.withLock { $0.tombstones[id] }
    }

    /// Saves a hold if the stored one is still `previous`.
    public func save(_ hold: LegalHold, replacing previous: LegalHold?) async throws {
        try faults?.step("store.saveHold")
        try state.withLock { state in
            guard state.holds[hold.id] == previous else { throw RetentionStoreError.holdChanged(hold.id) }
            state.holds[hold.id] = hold
        }
    }

    /// A hold, active or released.
    public func hold(_ id: LegalHoldID) async throws -> LegalHold? {
        try faults?.step("store.hold")
        return state.withLock { $0.holds[id] }
    }

    /// The active holds.
    public func activeHolds() async throws -> [LegalHold] {
        try faults?.step("store.activeHolds")
        return state.withLock { $0.holds.values.filter(\.isActive) }
    }
}

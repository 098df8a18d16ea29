public import CallVault
public import CallVaultCore

/// A `RecordingCatalog` in memory. A ``FaultPlan`` can make any operation fail as if the process
/// died there.
public final class InMemoryRecordingCatalog: RecordingCatalog {
    private let entries = LockedState<[RecordingID: RecordingEntry]>([:])
    private let faults: FaultPlan?

    /// Creates an empty catalog; `faults` simulates crashes.
    public init(faults: FaultPlan? = nil) {
        self.faults = faults
    }

    /// Inserts or replaces an entry.
    public func save(_ recording: RecordingEntry) async throws {
        try faults?.step("catalog.save")
        entries.withLock { $0[recording.id] = recording }
    }

    /// An entry.
    public func recording(_ id: RecordingID) async throws -> RecordingEntry? {
        try faults?.step("catalog.recording")
        return entries.withLock { $0[id] }
    }

    /// Entries in a state.
    public func recordings(in state: RecordingEntry.State) async throws -> [RecordingEntry] {
        try faults?.step("catalog.recordings(in:)")
        return sorted { $0.state == state }
    }

    /// A customer's entries.
    public func recordings(ofCustomer customerID: String) async throws -> [RecordingEntry] {
        try faults?.step("catalog.recordings(ofCustomer:)")
        return sorted { $0.customerID == customerID }
    }

    /// Entries after `cursor` in start-time order.
    ///
    /// - Throws: `StorageError.recordingNotFound` for a cursor the catalog does not
    ///   hold (starting over would list entries twice, and a listing loop would never end).
    public func recordings(after cursor: RecordingID?, limit: Int) async throws -> [RecordingEntry] {
        try faults?.step("catalog.recordings(after:)")
        let all = sorted { _ in true }
        var start = 0
        if let cursor {
            guard let index = all.firstIndex(where: { $0.id == cursor }) else {
                throw StorageError.recordingNotFound(cursor)
            }
            start = index + 1
        }
        return Array(all[start...].prefix(max(limit, 0)))
    }

    private func sorted(where include: (RecordingEntry) -> Bool) -> [RecordingEntry] {
        entries.withLock { Array($0.values) }.filter(include).sorted {
            ($0.startedAt, $0.id.description) < ($1.startedAt, $1.id.description)
        }
    }
}

public import CallVaultCore
public import CallVaultRetention

/// A shredder over an in-memory set of recordings' keys and contents, which records what it was
/// asked to do so tests can check order (keys before content) and idempotence.
public final class InMemoryRecordingShredder: RecordingShredder {
    private struct State {
        var keys = Set<RecordingID>()
        var contents = Set<RecordingID>()
        var keyShreds: [RecordingID: Int] = [:]
        var contentDeletions: [RecordingID: Int] = [:]
        var contentBeforeKeys = Set<RecordingID>()
    }

    private let state = LockedState(State())
    private let faults: FaultPlan?

    /// Creates a shredder; `faults` simulates crashes.
    public init(faults: FaultPlan? = nil) {
        self.faults = faults
    }

    /// Registers a stored recording's keys and content.
    public func store(_ recordings: some Sequence<RecordingID>) {
        state.withLock { state in
            for id in recordings {
                state.keys.insert(id)
                state.contents.insert(id)
            }
        }
    }

    /// Whether the recording's keys still exist.
    public func hasKeys(_ id: RecordingID) -> Bool { state.withLock { $0.keys.contains(id) } }

    /// Whether the recording's content still exists.
    public func hasContent(_ id: RecordingID) -> Bool { state.withLock { $0.contents.contains(id) } }

    /// How many times the recording's keys were shredded (an idempotent repeat counts).
    public func keyShredCount(_ id: RecordingID) -> Int { state.withLock { $0.keyShreds[id] ?? 0 } }

    /// Recordings whose content was deleted while their keys still existed (should be none).
    public var contentDeletedBeforeKeys: Set<RecordingID> { state.withLock { $0.contentBeforeKeys } }

    /// How many recordings still have content.
    public var storedCount: Int { state.withLock { $0.contents.count } }

    /// Destroys the keys; succeeds when there are none.
    public func shredKeys(of recording: RecordingID) async throws {
        try faults?.step("shred keys")
        state.withLock { state in
            state.keys.remove(recording)
            state.keyShreds[recording, default: 0] += 1
        }
    }

    /// Deletes the content; succeeds when there is none.
    public func deleteContent(of recording: RecordingID) async throws {
        try faults?.step("delete content")
        state.withLock { state in
            if state.keys.contains(recording) { state.contentBeforeKeys.insert(recording) }
            state.contents.remove(recording)
            state.contentDeletions[recording, default: 0] += 1
        }
    }

    /// Has no list of recordings to mark (the retention store is its only one), but counts as an
    /// operation a ``FaultPlan`` can cut off, as a host's catalog write would be.
    public func markDeleted(_ recordings: [RecordingID]) async throws {
        try faults?.step("mark deleted")
    }
}

public import CallVault
public import CallVaultCore
public import CallVaultCrypto

/// A `KeyStore` in memory; remembers what it shredded, so a shredded recording never gets keys
/// again. A ``FaultPlan`` can make any operation fail as if the process died there.
public final class InMemoryKeyStore: KeyStore {
    private let state = LockedState<(wraps: [RecordingID: [WrappedDataKey]], shredded: Set<RecordingID>)>(([:], []))
    private let faults: FaultPlan?

    /// Creates an empty store; `faults` simulates crashes.
    public init(faults: FaultPlan? = nil) {
        self.faults = faults
    }

    /// Stores a recording's wraps.
    public func store(_ wraps: [WrappedDataKey], for recording: RecordingID) async throws {
        try faults?.step("keys.store")
        try state.withLock { state in
            guard !state.shredded.contains(recording) else { throw StorageError.keysShredded(recording) }
            state.wraps[recording] = wraps
        }
    }

    /// A recording's wraps; empty once shredded.
    public func wraps(for recording: RecordingID) async throws -> [WrappedDataKey] {
        try faults?.step("keys.wraps")
        return state.withLock { $0.wraps[recording] ?? [] }
    }

    /// Destroys a recording's wraps.
    public func shred(_ recording: RecordingID) async throws {
        try faults?.step("keys.shred")
        state.withLock { state in
            state.wraps[recording] = nil
            state.shredded.insert(recording)
        }
    }

    /// Whether a recording's keys were shredded.
    public func isShredded(_ recording: RecordingID) -> Bool { state.withLock { $0.shredded.contains(recording) } }
}

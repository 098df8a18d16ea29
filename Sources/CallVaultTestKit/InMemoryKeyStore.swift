public import CallVault
public import CallVaultCore
public import CallVaultCrypto
import Synchronization

/// A `KeyStore` in memory; remembers what it shredded, so a shredded recording never gets keys
/// again.
public final class InMemoryKeyStore: KeyStore {
    private let state = Mutex<(wraps: [RecordingID: [WrappedDataKey]], shredded: Set<RecordingID>)>(([:], []))

    /// Creates an empty store.
    public init() {}

    /// Stores a recording's wraps.
    public func store(_ wraps: [WrappedDataKey], for recording: RecordingID) async throws {
        try state.withLock { state in
            guard !state.shredded.contains(recording) else { throw VaultStorageError.keysShredded(recording) }
            state.wraps[recording] = wraps
        }
    }

    /// A recording's wraps; empty once shredded.
    public func wraps(for recording: RecordingID) async throws -> [WrappedDataKey] {
        state.withLock { $0.wraps[recording] ?? [] }
    }

    /// Destroys a recording's wraps.
    public func shred(_ recording: RecordingID) async throws {
        state.withLock { state in
            state.wraps[recording] = nil
            state.shredded.insert(recording)
        }
    }

    /// Whether a recording's keys were shredded.
    public func isShredded(_ recording: RecordingID) -> Bool { state.withLock { $0.shredded.contains(recording) } }
}

public import CallVault
public import CallVaultCore
import Synchronization

/// A ``RecordingCatalog`` in memory.
public final class InMemoryRecordingCatalog: RecordingCatalog {
    private let entries = Mutex<[RecordingID: VaultRecording]>([:])

    /// Creates an empty catalog.
    public init() {}

    /// Inserts or replaces an entry.
    public func save(_ recording: VaultRecording) async throws {
        entries.withLock { $0[recording.id] = recording }
    }

    /// An entry.
    public func recording(_ id: RecordingID) async throws -> VaultRecording? {
        entries.withLock { $0[id] }
    }

    /// Entries in a state.
    public func recordings(in state: VaultRecording.State) async throws -> [VaultRecording] {
        sorted { $0.state == state }
    }

    /// A customer's entries.
    public func recordings(ofCustomer customerID: String) async throws -> [VaultRecording] {
        sorted { $0.customerID == customerID }
    }

    /// Entries after `cursor` in start-time order.
    public func recordings(after cursor: RecordingID?, limit: Int) async throws -> [VaultRecording] {
        let all = sorted { _ in true }
        let start = cursor.flatMap { id in all.firstIndex { $0.id == id }.map { $0 + 1 } } ?? 0
        return Array(all[min(start, all.count)...].prefix(max(limit, 0)))
    }

    private func sorted(where include: (VaultRecording) -> Bool) -> [VaultRecording] {
        entries.withLock { Array($0.values) }.filter(include).sorted {
            ($0.startedAt, $0.id.description) < ($1.startedAt, $1.id.description)
        }
    }
}

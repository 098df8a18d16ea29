public import CallVaultCore
public import CallVaultRetention

extension Vault {
    /// The recording's catalog entry, or `nil` when the vault has never held it.
    ///
    /// Read-only: a host changes a recording only through the vault's audited operations.
    public func recording(_ id: RecordingID) async throws -> RecordingEntry? {
        try await catalog.recording(id)
    }

    /// The recordings in `state` (for example every `.recording` call still open).
    public func recordings(in state: RecordingEntry.State) async throws -> [RecordingEntry] {
        try await catalog.recordings(in: state)
    }

    /// The recordings of a call, by the host's call id, ordered by start time.
    public func recordings(ofCall callID: String) async throws -> [RecordingEntry] {
        try await catalog.recordings(ofCall: callID)
    }

    /// The recording's retention record: its schedule (keep until, delete by, the rules behind
    /// them), an erasure restriction, and a deletion under way; `nil` when it was never scheduled.
    public func retentionRecord(of id: RecordingID) async throws -> RetentionRecord? {
        try await storage.retention.record(id)
    }

    /// The tombstone a deletion left (with its signed deletion certificate), or `nil` when the
    /// recording has not been deleted.
    public func tombstone(of id: RecordingID) async throws -> Tombstone? {
        try await storage.retention.tombstone(id)
    }
}

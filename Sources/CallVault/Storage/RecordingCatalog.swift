public import CallVaultCore

/// The vault's index of recordings: metadata, consent receipts, pauses and state.
///
/// Retention schedules, holds and tombstones live in the retention engine's `RetentionStore`; the
/// storage modules implement both over one database.
public protocol RecordingCatalog: Sendable {
    /// Inserts or replaces a recording's entry.
    func save(_ recording: VaultRecording) async throws

    /// A recording's entry.
    func recording(_ id: RecordingID) async throws -> VaultRecording?

    /// Entries in a state (``VaultRecording/State/recording`` finds what a crash left open),
    /// ordered by start time.
    func recordings(in state: VaultRecording.State) async throws -> [VaultRecording]

    /// A customer's recordings, ordered by start time.
    func recordings(ofCustomer customerID: String) async throws -> [VaultRecording]

    /// Entries after `cursor` in start-time order, at most `limit`: for listing a whole vault.
    ///
    /// - Throws: ``VaultStorageError/recordingNotFound(_:)`` when `cursor` is not in the catalog
    ///   (starting the listing over would repeat entries).
    func recordings(after cursor: RecordingID?, limit: Int) async throws -> [VaultRecording]
}

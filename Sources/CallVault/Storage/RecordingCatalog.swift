public import CallVaultCore

/// The vault's index of recordings: metadata, consent receipts, pauses and state.
///
/// Retention schedules, holds and tombstones live in the retention engine's `RetentionStore`; the
/// storage modules implement both over one database.
public protocol RecordingCatalog: Sendable {
    /// Inserts or replaces a recording's entry.
    func save(_ recording: RecordingEntry) async throws

    /// A recording's entry.
    func recording(_ id: RecordingID) async throws -> RecordingEntry?

    /// Entries in a state (``RecordingEntry/State/recording`` finds what a crash left open),
    /// ordered by start time.
    func recordings(in state: RecordingEntry.State) async throws -> [RecordingEntry]

    /// A customer's recordings, ordered by start time.
    func recordings(ofCustomer customerID: String) async throws -> [RecordingEntry]

    /// Where each recording's content is stored: its current content id and those a redaction
    /// replaced whose destruction is pending, for the recordings the catalog has (the shredder
    /// reads this for a batch at once). By default, from each entry in turn.
    func contents(of ids: [RecordingID]) async throws -> [RecordingID: [RecordingID]]

    /// Recordings with superseded contents still to destroy (a redaction interrupted between the
    /// switch and the shredding), for start-up recovery. By default, by listing the whole catalog;
    /// a catalog with an index should answer from it.
    func recordingsWithSupersededContent() async throws -> [RecordingEntry]

    /// Marks recordings deleted and drops what identifies their customer (the customer id and the
    /// consent receipts), keeping what proves the deletion; entries already deleted or missing are
    /// skipped. A catalog that can do it in one transaction should (sweeps mark a batch at once).
    func markDeleted(_ ids: [RecordingID]) async throws

    /// Entries after `cursor` in start-time order, at most `limit`: for listing a whole vault.
    ///
    /// - Throws: ``StorageError/recordingNotFound(_:)`` when `cursor` is not in the catalog
    ///   (starting the listing over would repeat entries).
    func recordings(after cursor: RecordingID?, limit: Int) async throws -> [RecordingEntry]

    /// The entries of one call id, ordered by start time: an import refuses a call the vault
    /// already holds. By default, by listing the whole catalog; a catalog with the column should
    /// answer from it.
    func recordings(ofCall callID: String) async throws -> [RecordingEntry]
}

extension RecordingCatalog {
    /// Pages through the catalog keeping the entries of `callID`.
    public func recordings(ofCall callID: String) async throws -> [RecordingEntry] {
        var found: [RecordingEntry] = []
        var cursor: RecordingID?
        while true {
            let page = try await recordings(after: cursor, limit: 500)
            found += page.filter { $0.callID == callID }
            guard page.count == 500, let last = page.last else { return found }
            cursor = last.id
        }
    }

    /// Pages through the catalog keeping the entries with superseded contents.
    public func recordingsWithSupersededContent() async throws -> [RecordingEntry] {
        var found: [RecordingEntry] = []
        var cursor: RecordingID?
        while true {
            let page = try await recordings(after: cursor, limit: 500)
            found += page.filter { !$0.supersededContent.isEmpty }
            guard page.count == 500, let last = page.last else { return found }
            cursor = last.id
        }
    }

    /// Reads each entry in turn.
    public func contents(of ids: [RecordingID]) async throws -> [RecordingID: [RecordingID]] {
        var contents: [RecordingID: [RecordingID]] = [:]
        for id in ids {
            guard let entry = try await recording(id) else { continue }
            contents[id] = [entry.contentID] + entry.supersededContent
        }
        return contents
    }

    /// Marks each recording deleted in turn.
    public func markDeleted(_ ids: [RecordingID]) async throws {
        for id in ids {
            guard var recording = try await recording(id), recording.state != .deleted else { continue }
            recording.state = .deleted
            recording.customerID = nil
            recording.receipts = []
            try await save(recording)
        }
    }
}

public import CallVaultCore

/// Destroys a recording: first its wrapped data keys (crypto-shredding: without them no copy of
/// the ciphertext, backups included, can ever be opened), then its encrypted content.
///
/// Both methods must be idempotent: asked about a recording that has no keys or no content left,
/// they succeed. The sweeper may call them again after an interrupted sweep.
public protocol RecordingShredder: Sendable {
    /// Destroys every wrapped data key of the recording (and its transcripts).
    func shredKeys(of recording: RecordingID) async throws

    /// Destroys the keys of several recordings; a store that can do it in one transaction should
    /// (the sweeper calls this once per slice of a batch). By default, one at a time.
    func shredKeys(of recordings: [RecordingID]) async throws

    /// Deletes the recording's encrypted content (audio, transcripts, media blobs).
    func deleteContent(of recording: RecordingID) async throws
}

extension RecordingShredder {
    /// Shreds each recording's keys in turn.
    public func shredKeys(of recordings: [RecordingID]) async throws {
        for recording in recordings {
            try await shredKeys(of: recording)
        }
    }
}

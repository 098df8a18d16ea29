public import CallVaultCore

/// Destroys a recording: first its wrapped data keys (crypto-shredding: without them no copy of
/// the ciphertext, backups included, can ever be opened), then its encrypted content.
///
/// Both methods must be idempotent: asked about a recording that has no keys or no content left,
/// they succeed. The sweeper may call them again after an interrupted sweep.
public protocol RecordingShredder: Sendable {
    /// Destroys every wrapped data key of the recording (and its transcripts).
    func shredKeys(of recording: RecordingID) async throws

    /// Deletes the recording's encrypted content (audio, transcripts, media blobs).
    func deleteContent(of recording: RecordingID) async throws
}

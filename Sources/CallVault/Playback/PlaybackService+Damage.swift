import CallVaultCrypto

extension PlaybackService {
    /// Runs `body`, reading the blob of `recording`; for a recording sealed complete, a blob that
    /// is gone or cut short is damage (``PlaybackError/blobDamaged(_:reason:)``), never the
    /// "incomplete, cut short by a crash" that only a crash-cut recording (state incomplete) is.
    static func completeOrDamaged<Result>(_ recording: RecordingEntry, _ body: () throws -> Result) throws -> Result {
        guard recording.state == .complete else { return try body() }
        do {
            return try body()
        } catch StorageError.blobMissing {
            throw PlaybackError.blobDamaged(recording.id, reason: "file is gone")
        } catch EnvelopeError.truncated, EnvelopeError.headerTruncated, StorageError.readOutOfRange {
            throw PlaybackError.blobDamaged(recording.id, reason: "is cut short")
        }
    }
}

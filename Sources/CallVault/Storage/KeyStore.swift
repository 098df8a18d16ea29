public import CallVaultCore
public import CallVaultCrypto

/// Keeps recordings' wrapped data keys apart from their blobs, so that deleting them here
/// crypto-shreds every copy of a recording's blob, backups included (not a legal export or subject
/// access package re-encrypted for someone else: the ``ExportRegister`` lists those).
///
/// Wraps are public values (each opens only with a recipient's private key), so a key store needs
/// integrity and durability, not secrecy.
public protocol KeyStore: Sendable {
    /// Stores a recording's wraps, replacing any it had (rewrapping for new recipients).
    ///
    /// - Throws: ``StorageError/keysShredded(_:)`` for a recording whose keys were shredded:
    ///   a shredded recording never comes back.
    func store(_ wraps: [WrappedDataKey], for recording: RecordingID) async throws

    /// A recording's wraps; empty once shredded.
    func wraps(for recording: RecordingID) async throws -> [WrappedDataKey]

    /// Destroys a recording's wraps for good. Idempotent.
    func shred(_ recording: RecordingID) async throws

    /// Destroys several recordings' wraps; a store that can do it in one transaction should (the
    /// retention sweeper shreds a slice of a batch at once). By default, one at a time.
    func shred(_ recordings: [RecordingID]) async throws
}

extension KeyStore {
    /// Shreds each recording's wraps in turn.
    public func shred(_ recordings: [RecordingID]) async throws {
        for recording in recordings {
            try await shred(recording)
        }
    }
}

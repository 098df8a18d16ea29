public import CallVaultCore

/// Destroys a recording: first its wrapped data keys (crypto-shredding: without them no copy of
/// the ciphertext, backups included, can ever be opened), then its encrypted content, and last
/// marks it deleted wherever the host lists it.
///
/// Every method must be idempotent: asked about a recording that has no keys or no content left,
/// or that is already marked deleted, it succeeds. The sweeper may call them again after an
/// interrupted sweep: each is a step of the journaled deletion, run before the journal entry is
/// completed, so a crash between any two of them is finished by the next sweep.
public protocol RecordingShredder: Sendable {
    /// Destroys every wrapped data key of the recording (and its transcripts).
    func shredKeys(of recording: RecordingID) async throws

    /// Destroys the keys of several recordings; a store that can do it in one transaction should
    /// (the sweeper calls this once per slice of a batch). By default, one at a time.
    func shredKeys(of recordings: [RecordingID]) async throws

    /// Deletes the recording's encrypted content (audio, transcripts, media blobs).
    func deleteContent(of recording: RecordingID) async throws

    /// Deletes the content of several recordings, several at a time where the store can (the
    /// sweeper calls this once per slice of a batch; a file system that waits on each deletion,
    /// for example to discard the freed blocks, then waits for many at once). When it throws,
    /// the sweeper deletes each recording's content on its own, so only those that fail again
    /// fail. By default, one `deleteContent(of:)` each.
    func deleteContent(of recordings: [RecordingID]) async throws

    /// Marks recordings deleted wherever the host lists them (a vault's catalog), dropping what
    /// identifies the customer. The sweeper calls it after the keys, the content and the audit
    /// event, and before it completes the journal entry, so no crash can leave a destroyed
    /// recording listed as if it still existed. By default, nothing (a host without such a list).
    func markDeleted(_ recordings: [RecordingID]) async throws

    /// The copies of the recording that left the vault (legal exports, subject access packages)
    /// as the host's export register lists them; deleting the recording cannot reach them, so its
    /// deletion certificate names them. By default, none (a host that keeps no export register).
    func copiesOutsideTheVault(of recording: RecordingID) async throws -> [CopyOutsideVault]

    /// The copies outside the vault of each of `recordings`, in one read where the host can (the
    /// sweeper calls this once per slice of a batch). Recordings with none may be missing from the
    /// result. By default, one `copiesOutsideTheVault(of:)` each.
    func copiesOutsideTheVault(of recordings: [RecordingID]) async throws -> [RecordingID: [CopyOutsideVault]]
}

extension RecordingShredder {
    /// Shreds each recording's keys in turn.
    public func shredKeys(of recordings: [RecordingID]) async throws {
        for recording in recordings {
            try await shredKeys(of: recording)
        }
    }

    /// Deletes each recording's content in turn.
    public func deleteContent(of recordings: [RecordingID]) async throws {
        for recording in recordings {
            try await deleteContent(of: recording)
        }
    }

    /// Nothing to mark: the host keeps no list of recordings besides the retention store.
    public func markDeleted(_ recordings: [RecordingID]) async throws {}

    /// No register: the host made no copies outside the vault, or does not track them.
    public func copiesOutsideTheVault(of recording: RecordingID) async throws -> [CopyOutsideVault] { [] }

    /// One `copiesOutsideTheVault(of:)` per recording.
    public func copiesOutsideTheVault(of recordings: [RecordingID]) async throws -> [RecordingID: [CopyOutsideVault]] {
        var found: [RecordingID: [CopyOutsideVault]] = Dictionary(minimumCapacity: recordings.count)
        for recording in recordings where found[recording] == nil {
            found[recording] = try await copiesOutsideTheVault(of: recording)
        }
        return found
    }
}

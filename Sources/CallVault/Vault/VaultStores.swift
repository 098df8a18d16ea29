import CallVaultAudit
import CallVaultCore
public import CallVaultRetention

/// The storage seams a vault runs on: the embedded SQLite vault, PostgreSQL for fleets, or the
/// in-memory set of `CallVaultTestKit`.
public struct VaultStores: Sendable {
    /// Encrypted recordings.
    public let blobs: any BlobStore
    /// Wrapped data keys, kept apart from the blobs.
    public let keys: any KeyStore
    /// Recording metadata and consent receipts.
    public let catalog: any RecordingCatalog
    /// Retention schedules, legal holds and tombstones.
    public let retention: any RetentionStore
    /// Consents given or withdrawn after the call, as signed receipts.
    public let laterConsents: any LaterConsentStore
    /// The copies that left the vault: legal exports and subject access packages.
    public let exports: any ExportRegister

    /// Groups a vault's stores.
    public init(
        blobs: any BlobStore, keys: any KeyStore, catalog: any RecordingCatalog, retention: any RetentionStore,
        laterConsents: any LaterConsentStore, exports: any ExportRegister
    ) {
        self.blobs = blobs
        self.keys = keys
        self.catalog = catalog
        self.retention = retention
        self.laterConsents = laterConsents
        self.exports = exports
    }
}

/// Destroys recordings for the retention sweeper (package-only: a host reaches deletion only
/// through the vault's audited sweeps and erasures, never by shredding directly): keys first (crypto-shredding), then the blob,
/// then the catalog entry marked deleted, each a step of the sweep's journaled deletion.
package struct VaultShredder: RecordingShredder {
    let storage: VaultStores
    /// The audit trail the export register is checked against (`nil`: the register alone).
    let trail: (any AuditTrail)?
    /// The contents found when the keys were shredded, for the blob deletion that follows, so the
    /// catalog is read once per recording.
    private let found = FoundContents()

    /// A shredder over a vault's key and blob stores.
    package init(storage: VaultStores) {
        self.storage = storage
        self.trail = nil
    }

    /// A shredder over a vault's key and blob stores whose deletion certificates name every copy
    /// the export register lists, and every export `trail` (the vault's audit log) records that
    /// the register lacks: a register row deleted outside CallVault does not make a certificate
    /// say that no copy left the vault.
    package init(storage: VaultStores, trail: any AuditTrail) {
        self.storage = storage
        self.trail = trail
    }

    /// Destroys every wrapped data key of the recording: of its current content and of any
    /// content a redaction replaced.
    package func shredKeys(of recording: RecordingID) async throws {
        try await shredKeys(of: [recording])
    }

    /// Destroys the wrapped data keys of several recordings, in one key store call.
    package func shredKeys(of recordings: [RecordingID]) async throws {
        let stored = try await storage.catalog.contents(of: recordings)
        var contents: [RecordingID] = []
        for recording in recordings {
            let ofRecording = Array(Set([recording] + (stored[recording] ?? [])))
            found.remember(ofRecording, for: recording)
            contents += ofRecording
        }
        try await storage.keys.shred(contents)
    }

    /// Deletes the recording's blobs, off the cooperative threads.
    package func deleteContent(of recording: RecordingID) async throws {
        try await deleteContent(of: [recording])
    }

    /// Deletes the blobs of several recordings, several at a time off the cooperative threads
    /// (see `BlobDeletion`), every one tried before the first failure is thrown.
    package func deleteContent(of recordings: [RecordingID]) async throws {
        var contents: [RecordingID] = []
        var unknown: [RecordingID] = []
        for recording in recordings {
            if let remembered = found.take(recording) {
                contents += remembered
            } else {
                unknown.append(recording)
            }
        }
        if !unknown.isEmpty {
            let stored = try await storage.catalog.contents(of: unknown)
            for recording in unknown {
                contents += Array(Set([recording] + (stored[recording] ?? [])))
            }
        }
        try await BlobDeletion.delete(contents, from: storage.blobs)
    }

    /// Marks the catalog entries deleted and drops what identifies their customer, in one catalog
    /// call. The sweeper does this before it writes the tombstones, so a sweep killed in between
    /// finishes it on the next run instead of leaving destroyed recordings listed as complete.
    package func markDeleted(_ recordings: [RecordingID]) async throws {
        try await storage.catalog.markDeleted(recordings)
    }

    /// The legal exports and subject access packages the export register lists for the recording.
    /// With an audit trail, an export the log records for the recording and the register lacks
    /// is listed from its audit entry (its manifest digest, who, when), so the certificate never
    /// says fewer copies left than the log shows.
    package func copiesOutsideTheVault(of recording: RecordingID) async throws -> [CopyOutsideVault] {
        try await copiesOutsideTheVault(of: [recording])[recording] ?? []
    }

    /// The copies of each of `recordings`, from one read of the export register and one of the
    /// audit trail.
    package func copiesOutsideTheVault(of recordings: [RecordingID]) async throws -> [RecordingID: [CopyOutsideVault]] {
        let registered = try await storage.exports.records(of: recordings)
        let logged = try await trail?.entries(about: recordings.map(AuditRecord.target)) ?? [:]
        var found: [RecordingID: [CopyOutsideVault]] = [:]
        for recording in recordings {
            found[recording] = Self.copies(
                registered: registered[recording] ?? [],
                logged: trail == nil ? nil : logged[AuditRecord.target(recording)] ?? [])
        }
        return found
    }

    /// The register's copies, and those the log records (`logged`, nil without a trail) that the
    /// register lacks.
    private static func copies(registered: [SignedExportRecord], logged: [AuditEntry]?) -> [CopyOutsideVault] {
        var copies = registered.map(\.content.copyOutsideVault)
        guard let logged else { return copies }
        let known = Set(registered.map(\.content.exportID))
        for entry in logged where entry.record.action.identifier == "recording.exported" {
            guard
                let manifest = entry.record.reasons.first(where: { $0.hasPrefix("manifest ") })?
                    .dropFirst("manifest ".count),
                !known.contains(String(manifest))
            else { continue }
            let reference = entry.record.reasons.first { $0.hasPrefix("reference ") }?.dropFirst("reference ".count)
            copies.append(
                CopyOutsideVault(
                    kind: ExportRecord.Kind.legalExport.rawValue, exportedAt: entry.time,
                    exportedBy: entry.record.actor,
                    request:
                        "\(reference.map(String.init) ?? "(no legal reference recorded)") (from audit entry \(entry.sequence), manifest \(manifest): the export register has no row for it)",
                    recipients: []))
        }
        return copies
    }
}

/// Contents looked up for recordings whose keys were just shredded.
private final class FoundContents: Sendable {
    private let contents = LockedState<[RecordingID: [RecordingID]]>([:])

    func remember(_ found: [RecordingID], for recording: RecordingID) {
        contents.withLock { $0[recording] = found }
    }

    func take(_ recording: RecordingID) -> [RecordingID]? {
        contents.withLock { $0.removeValue(forKey: recording) }
    }
}

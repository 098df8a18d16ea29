import CallVaultAudit
public import CallVaultCore

extension Vault {
    /// Whether anything the vault trusts records the recording's deletion: its tombstone (and
    /// deletion certificate), a deletion under way in the retention journal, or a deletion or
    /// discard in the audit log. A recording whose keys are gone without any of these lost them
    /// outside CallVault, which is tampering, not a deletion.
    public func deletionIsRecorded(_ id: RecordingID) async throws -> Bool {
        if try await storage.retention.tombstone(id) != nil { return true }
        if try await storage.retention.record(id)?.deletion != nil { return true }
        let deletions: Set<String> = [AuditAction.recordingDeleted.identifier, "recording.discarded"]
        return try await trail.entries(about: AuditRecord.target(id)).contains {
            deletions.contains($0.record.action.identifier)
        }
    }
}

import CallVaultAudit
import Foundation

/// Moves the vault's anchor forwards each time the audit log signs a checkpoint. The log tells its
/// witnesses only after the sink has the checkpoint, and the vault's file sink syncs every append
/// that carries one: the log file is on disk before the database row changes, so a crash between
/// the two leaves the log ahead of the anchor (which the next open accepts and notes), never
/// behind it.
struct AuditAnchorWitness: AuditCheckpointWitness {
    let database: SQLiteVaultDatabase
    let identity: AuditLogIdentity

    func witness(_ checkpoint: AuditCheckpoint, logID: UUID) async throws {
        guard logID == identity.logID else {
            throw VaultAuditLogError.anchorOfAnotherLog(
                database: database.path, anchored: identity.logID, offered: logID)
        }
        try await AuditLogAnchorStore.advance(database, to: AuditLogAnchor(identity: identity, checkpoint: checkpoint))
    }
}

import CallVault
import CallVaultAudit
import CallVaultCore
import CallVaultCrypto

extension OpenedVault {
    /// A recording with keys that the shredded list names: counted as deleted only when a signed
    /// or audited fact (a tombstone, a deletion under way, an audited deletion or discard) says
    /// so. Otherwise the unsigned list was edited to hide the recording from a rotation: the
    /// removed recipients' wraps are deleted all the same (taking access away never revives a
    /// key), and the contradiction is reported and audited.
    func rotateMarkedShredded(
        _ recording: RecordingEntry, removing: Set<RecipientFingerprint>, by actor: PrincipalID,
        into report: inout RecipientRotationReport
    ) async throws {
        let removedCount = try await stores.keys.removeWraps(of: removing, for: recording.contentID)
        if try await vault.deletionIsRecorded(recording.id) {
            report.withoutKeys += 1
            return
        }
        report.shreddedWithoutDeletion.append(recording.id)
        let remaining = try await stores.keys.wraps(for: recording.contentID)
        let removed = removing.filter { fingerprint in !remaining.contains { $0.recipient == fingerprint } }
        _ = try await vault.recordAudit(
            AuditRecord(
                actor: actor, action: .keyRewrap, target: AuditRecord.target(recording.id), purpose: nil,
                outcome: .failed,
                reasons: (removedCount > 0
                    ? removed.sorted { $0.description < $1.description }.map {
                        "removed recipient \($0)"
                    } : [])
                    + [
                        "marked shredded in the database without any recorded deletion: the shredded list was edited; no recipient added"
                    ]))
    }
}

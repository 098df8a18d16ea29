import CallVaultAudit
import CallVaultCore
import CallVaultCrypto
import CallVaultTestKit
import Foundation

/// An audit sink that opens, keeps the first `accepting` appends, then refuses every other (a
/// full disk, a lost database connection).
final class FailingAuditSink: AuditSink {
    struct Refused: Error {}

    let kept = InMemoryAuditSink()
    private let remaining: LockedState<Int>

    init(accepting: Int = 0) {
        remaining = LockedState(accepting)
    }

    func open(newLogID logID: UUID, signer: VerifyingKey, at timestamp: Int64) async throws -> AuditLogState {
        try await kept.open(newLogID: logID, signer: signer, at: timestamp)
    }

    func append(_ entries: [AuditEntry], checkpoint: AuditCheckpoint?) async throws {
        try remaining.withLock { remaining in
            guard remaining > 0 else { throw Refused() }
            remaining -= 1
        }
        try await kept.append(entries, checkpoint: checkpoint)
    }

    func entries(about target: String) async throws -> [AuditEntry] {
        try await kept.entries(about: target)
    }
}

public import CallVaultAudit
import CallVaultCore
public import CallVaultCrypto
public import Foundation

/// An audit sink in memory that keeps entries and checkpoints in order, and can render them in
/// the log file format for the verifier.
public final class InMemoryAuditSink: AuditSink {
    private struct State {
        var opened: AuditLogState?
        var entries: [AuditEntry] = []
        var checkpoints: [AuditCheckpoint] = []
        var created: Int64 = 0
    }

    private let state = LockedState(State())
    private let faults: FaultPlan?

    /// Creates an empty sink; `faults` simulates crashes.
    public init(faults: FaultPlan? = nil) {
        self.faults = faults
    }

    /// Every entry appended, in order.
    public var entries: [AuditEntry] { state.withLock { $0.entries } }

    /// Every checkpoint appended, in order.
    public var checkpoints: [AuditCheckpoint] { state.withLock { $0.checkpoints } }

    /// Starts a log, or reports the one already held.
    public func open(newLogID logID: UUID, signer: VerifyingKey, at timestamp: Int64) async throws -> AuditLogState {
        try faults?.step("audit.open")
        return state.withLock { state in
            if let opened = state.opened {
                let times = [state.created] + state.entries.map(\.timestamp) + state.checkpoints.map(\.timestamp)
                return AuditLogState(
                    logID: opened.logID, signer: opened.signer, created: state.created,
                    lastTimestamp: times.max() ?? state.created, sequence: state.entries.last?.sequence ?? 0,
                    head: state.entries.last?.hash ?? [], lastCheckpoint: state.checkpoints.last,
                    eventIDs: Set(state.entries.compactMap(\.record.eventID)))
            }
            let fresh = AuditLogState(
                logID: logID, signer: signer, created: timestamp, lastTimestamp: timestamp, sequence: 0, head: [],
                lastCheckpoint: nil, eventIDs: [])
            state.opened = fresh
            state.created = timestamp
            return fresh
        }
    }

    /// The entries about `target`, oldest first.
    public func entries(about target: String) async throws -> [AuditEntry] {
        entries.filter { $0.record.target == target }
    }

    /// The entries about each of `targets`, oldest first (an `AuditSink` requirement, and the
    /// trail's batched read).
    public func entries(about targets: [String]) async throws -> [String: [AuditEntry]] {
        let wanted = Set(targets)
        return Dictionary(grouping: entries.filter { wanted.contains($0.record.target) }) { $0.record.target }
    }

    /// Keeps the entries and the checkpoint.
    public func append(_ entries: [AuditEntry], checkpoint: AuditCheckpoint?) async throws {
        try faults?.step("audit.append")
        state.withLock { state in
            state.entries += entries
            if let checkpoint { state.checkpoints.append(checkpoint) }
        }
    }

    /// The log in the file format, entries and checkpoints interleaved as they were appended.
    public func fileContents() -> [UInt8] {
        state.withLock { state in
            guard let opened = state.opened else { return [] }
            return AuditFileFormat.render(
                logID: opened.logID, signer: opened.signer, created: state.created, entries: state.entries,
                checkpoints: state.checkpoints)
        }
    }
}

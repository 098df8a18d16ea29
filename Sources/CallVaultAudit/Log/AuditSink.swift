public import CallVaultCrypto
public import Foundation

/// The durable home of an audit log: an append-only file (``AuditFileSink``), a database table, or
/// memory in tests. The ``AuditLog`` computes the chain and the checkpoints; the sink stores them
/// in order, says where the log stands when asked, and reads entries back
/// (`AuditLog.entries(about:)`): one seam for writing and reading, so what a vault reads can
/// never disagree with what its log wrote.
public protocol AuditSink: Sendable {
    /// Opens the log: an empty sink starts a new one with `logID` and `signer`; a sink that holds
    /// a log reports its state, whatever `logID` was offered.
    func open(newLogID logID: UUID, signer: VerifyingKey, at timestamp: Int64) async throws -> AuditLogState

    /// Appends entries, then the checkpoint if one is given, in order. When it returns, the
    /// entries are as durable as the sink's policy promises.
    func append(_ entries: [AuditEntry], checkpoint: AuditCheckpoint?) async throws

    /// Every entry the sink holds whose target is `target` (for a recording,
    /// `AuditRecord.target(id)`), oldest first: what transparency reports, deletion certificates
    /// and access histories are built from.
    func entries(about target: String) async throws -> [AuditEntry]

    /// The entries about each of `targets`, oldest first, in one read where the sink can (a
    /// sweep's deletion certificates read a batch of recordings' histories at once). Targets with
    /// no entry may be missing from the result. By default, one `entries(about:)` per target.
    func entries(about targets: [String]) async throws -> [String: [AuditEntry]]
}

extension AuditSink {
    /// One `entries(about:)` per target.
    public func entries(about targets: [String]) async throws -> [String: [AuditEntry]] {
        var found: [String: [AuditEntry]] = [:]
        for target in Set(targets) { found[target] = try await entries(about: target) }
        return found
    }
}

/// Where a log stands, as its sink reports it on opening.
public struct AuditLogState: Hashable, Sendable {
    /// The log's identity, which its genesis hash is derived from.
    public let logID: UUID
    /// The key that signs its checkpoints.
    public let signer: VerifyingKey
    /// When the log was started, in milliseconds since 1970, as its header says (the chain's
    /// genesis hash covers it).
    public let created: Int64
    /// The latest time the log holds (of its creation, its entries and its checkpoints), in
    /// milliseconds since 1970, so times keep rising after a reopen even if the clock went back.
    public let lastTimestamp: Int64
    /// The last entry's sequence number; 0 for an empty log.
    public let sequence: UInt64
    /// The last entry's hash; empty for an empty log.
    public let head: [UInt8]
    /// The last checkpoint, if any.
    public let lastCheckpoint: AuditCheckpoint?
    /// Event ids the log already holds, so events delivered again after a crash are recorded once.
    public let eventIDs: Set<String>

    /// Describes a log's state.
    public init(
        logID: UUID, signer: VerifyingKey, created: Int64, lastTimestamp: Int64, sequence: UInt64, head: [UInt8],
        lastCheckpoint: AuditCheckpoint?, eventIDs: Set<String>
    ) {
        self.logID = logID
        self.signer = signer
        self.created = created
        self.lastTimestamp = lastTimestamp
        self.sequence = sequence
        self.head = head
        self.lastCheckpoint = lastCheckpoint
        self.eventIDs = eventIDs
    }
}

/// Somewhere apart from the log that keeps a copy of each signed checkpoint (another disk, another
/// machine, a transparency service), so a log cut short behind its last checkpoint is detected:
/// the cut removes the checkpoint from the log, but not from the witness.
public protocol AuditCheckpointWitness: Sendable {
    /// Keeps a copy of a checkpoint.
    func witness(_ checkpoint: AuditCheckpoint, logID: UUID) async throws
}

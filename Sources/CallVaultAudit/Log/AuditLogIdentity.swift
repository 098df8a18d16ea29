public import CallVaultCrypto
import CallVaultSupport
public import Foundation

/// What makes one audit log that log and no other: the three fields of its header (log id,
/// signer, creation time) and the genesis hash the chain starts from, which covers all three.
///
/// Two logs with the same identity share their genesis hash, so their entries chain alike; a log
/// with another identity (a new log started in its place, another vault's log) has another
/// genesis, and no entry or checkpoint of one verifies in the other. A vault keeps its log's
/// identity apart from the log (in its database), so a log replaced or started afresh is
/// recognised as not being the vault's log.
///
/// ```swift
/// let identity = try AuditVerifier(trustedKey: key).verify(fileAt: "audit.log").identity
/// if identity?.genesis != expected.genesis { print("not the same log") }
/// ```
public struct AuditLogIdentity: Hashable, Sendable, CustomStringConvertible {
    /// The log id, from its header.
    public let logID: UUID
    /// The key that signs its checkpoints, from its header.
    public let signer: VerifyingKey
    /// When the log was started, in milliseconds since 1970, from its header.
    public let created: Int64
    /// `BLAKE2b-256("callvault-audit/1 genesis" || log id || signer || created)`: the hash the
    /// first entry chains from (see the "Audit" article's chain section).
    public let genesis: [UInt8]

    /// The identity of the log whose header names `logID`, `signer` and `created`.
    public init(logID: UUID, signer: VerifyingKey, created: Int64) {
        self.logID = logID
        self.signer = signer
        self.created = created
        self.genesis = AuditChain.genesis(logID: logID, signer: signer.rawRepresentation, created: created)
    }

    /// When the log was started.
    public var createdDate: Date { Date(timeIntervalSince1970: Double(created) / 1000) }

    /// Whether `checkpoint` is a checkpoint of this log signed by its signer: the signature covers
    /// the log id, the entry's sequence number, its hash and the checkpoint's time.
    public func isSigned(_ checkpoint: AuditCheckpoint) -> Bool {
        let message = AuditChain.checkpointMessage(
            logID: logID, sequence: checkpoint.sequence, head: checkpoint.head, time: checkpoint.timestamp)
        guard let signature = try? Signature(rawRepresentation: checkpoint.signature) else { return false }
        return (try? signer.verify(signature, for: message)) != nil
    }

    /// `log <id> (signer <key>, genesis <first 16 hex digits>...)`.
    public var description: String {
        "log \(logID.uuidString.lowercased()) (signer \(signer), genesis \(Hex.encode(Array(genesis.prefix(8))))...)"
    }
}

import CallVaultCore
public import CallVaultCrypto
package import CallVaultSupport
public import Foundation

/// Starts a new audit log file with its first entry and a checkpoint signing it, in one write,
/// synchronously: what a vault does when it is created, so that from its first moment the vault
/// has a log whose identity and signed head it can keep apart (a log that goes missing later is
/// then recognised as missing, never started afresh).
///
/// ```swift
/// let genesis = try AuditFileGenesis.create(
///     path: "/var/lib/callvault/audit.log", signingKey: key,
///     record: AuditRecord(actor: "vault", action: .vaultCreated, target: "vault", outcome: .succeeded),
///     at: Date())
/// print(genesis.identity.logID, genesis.checkpoint.sequence)  // ..., 1
/// ```
public enum AuditFileGenesis: Sendable {
    /// What a new log holds.
    public struct Log: Hashable, Sendable {
        /// The log's identity (its header and genesis hash).
        public let identity: AuditLogIdentity
        /// Its first entries, in order (at least one).
        public let entries: [AuditEntry]
        /// The checkpoint signing it.
        public let checkpoint: AuditCheckpoint
    }

    /// Creates the file at `path` (mode 0600; it must not exist) holding the header, `record` as
    /// entry 1 and a checkpoint of it, all stamped `time`, then syncs the file and its folder.
    ///
    /// - Throws: ``AuditError/io(path:reason:)`` when the file exists or cannot be written;
    ///   CallVaultCrypto's error when signing fails. A failure may leave a partial file behind,
    ///   which ``AuditFileSink`` reads as a log cut short while it was being created.
    public static func create(
        path: String, signingKey: SigningKey, record: AuditRecord, at time: Date, logID: UUID = UUID()
    ) throws -> Log {
        try create(path: path, signingKey: signingKey, records: [record], at: time, logID: logID)
    }

    /// Creates a new log at `path` whose first entries are `records`, all at `time`, followed by a
    /// signed checkpoint over them; see ``create(path:signingKey:record:at:logID:)``.
    public static func create(
        path: String, signingKey: SigningKey, records: [AuditRecord], at time: Date, logID: UUID = UUID()
    ) throws -> Log {
        try create(path: path, signingKey: signingKey, records: records, at: time, logID: logID, calls: .system)
    }

    /// ``create(path:signingKey:records:at:logID:)`` with the file's writes and flushes going
    /// through `calls` (tests make them fail or fall short).
    package static func create(
        path: String, signingKey: SigningKey, records: [AuditRecord], at time: Date, logID: UUID, calls: SystemCalls
    ) throws -> Log {
        guard !records.isEmpty else {
            throw AuditError.invalidField(
                name: "records", value: "[]", reason: "a new log starts with at least one entry, saying why it exists")
        }
        let timestamp = AuditTime.milliseconds(time)
        let signer = signingKey.verifyingKey
        let identity = AuditLogIdentity(logID: logID, signer: signer, created: timestamp)
        var chain = AuditChain(logID: logID, signer: signer.rawRepresentation, created: timestamp)
        let entries = records.map { chain.append($0, at: timestamp) }
        let signature = try signingKey.signature(for: chain.checkpointMessage(timestamp: timestamp))
        let checkpoint = AuditCheckpoint(
            sequence: chain.sequence, head: chain.head, timestamp: timestamp, signature: signature.rawRepresentation)

        var bytes = AuditLineFormat.header(logID: logID, signer: signer.rawRepresentation, created: timestamp)
        bytes.append(UInt8(ascii: "\n"))
        for entry in entries {
            AuditLineFormat.entry(entry, into: &bytes)
            bytes.append(UInt8(ascii: "\n"))
        }
        AuditLineFormat.checkpoint(checkpoint, into: &bytes)
        bytes.append(UInt8(ascii: "\n"))

        try AuditError.reporting { () throws(SystemCallError) in
            let file = try SystemFile.create(path, calls: calls)
            try file.append(bytes)
            try file.synchronize()
            try FileSystem.synchronizeDirectory(FileSystem.directory(of: path))
        }
        return Log(identity: identity, entries: entries, checkpoint: checkpoint)
    }
}

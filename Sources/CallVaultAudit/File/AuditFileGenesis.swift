import CallVaultCore
public import CallVaultCrypto
public import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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

        let descriptor = systemOpen(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw AuditError(
                .io(path: path, reason: String(cString: strerror(errno))),
                underlying: systemCallCause(errno: errno, call: "open"))
        }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { systemWrite(descriptor, $0, from: offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw AuditError(
                    .io(path: path, reason: String(cString: strerror(errno))),
                    underlying: systemCallCause(errno: errno, call: "write"))
            }
            offset += written
        }
        guard fsync(descriptor) == 0 else {
            throw AuditError(
                .io(path: path, reason: "fsync failed: \(String(cString: strerror(errno)))"),
                underlying: systemCallCause(errno: errno, call: "fsync"))
        }
        let folder = (path as NSString).deletingLastPathComponent
        let directory = systemOpen(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0)
        guard directory >= 0 else {
            throw AuditError(
                .io(path: folder, reason: String(cString: strerror(errno))),
                underlying: systemCallCause(errno: errno, call: "open"))
        }
        defer { close(directory) }
        guard fsync(directory) == 0 else {
            throw AuditError(
                .io(path: folder, reason: "fsync failed: \(String(cString: strerror(errno)))"),
                underlying: systemCallCause(errno: errno, call: "fsync"))
        }
        return Log(identity: identity, entries: entries, checkpoint: checkpoint)
    }
}

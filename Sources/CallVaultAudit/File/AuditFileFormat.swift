public import CallVaultCrypto
public import Foundation

/// Renders entries and checkpoints in the audit log file format, for sinks that keep them
/// elsewhere (memory, a database) and want to hand the verifier or an auditor a file.
public enum AuditFileFormat: Sendable {
    /// The file's bytes: the header, then each entry, each checkpoint after the entry it signs.
    public static func render(
        logID: UUID, signer: VerifyingKey, created: Int64, entries: [AuditEntry], checkpoints: [AuditCheckpoint]
    ) -> [UInt8] {
        var out = AuditLineFormat.header(logID: logID, signer: signer.rawRepresentation, created: created)
        out.append(UInt8(ascii: "\n"))
        var pending = checkpoints[...]
        func flushCheckpoints(upTo sequence: UInt64) {
            while let next = pending.first, next.sequence <= sequence {
                AuditLineFormat.checkpoint(next, into: &out)
                out.append(UInt8(ascii: "\n"))
                pending = pending.dropFirst()
            }
        }
        flushCheckpoints(upTo: 0)
        for entry in entries {
            AuditLineFormat.entry(entry, into: &out)
            out.append(UInt8(ascii: "\n"))
            flushCheckpoints(upTo: entry.sequence)
        }
        flushCheckpoints(upTo: .max)
        return out
    }
}

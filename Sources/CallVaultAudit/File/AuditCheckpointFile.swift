import CallVaultCrypto
public import Foundation

/// A witness that appends each checkpoint to a file of its own, which belongs somewhere the log's
/// writer cannot rewrite (another volume, a write-once bucket). ``AuditVerifier`` reads it back to
/// detect a log cut short behind a checkpoint.
///
/// Each line is a checkpoint line of the audit log format, preceded by the log id.
public final class AuditCheckpointFile: AuditCheckpointWitness {
    /// The file's path.
    public let path: String

    /// A witness writing to `path` (created on first use).
    public init(path: String) {
        self.path = path
    }

    /// Appends the checkpoint and syncs the file.
    public func witness(_ checkpoint: AuditCheckpoint, logID: UUID) async throws {
        var line = Array(logID.uuidString.lowercased().utf8)
        line.append(UInt8(ascii: " "))
        AuditLineFormat.checkpoint(checkpoint, into: &line)
        line.append(UInt8(ascii: "\n"))
        let descriptor = systemOpen(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw AuditError.io(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var offset = 0
        while offset < line.count {
            let written = line.withUnsafeBytes { systemWrite(descriptor, $0, from: offset) }
            guard written >= 0 || errno == EINTR else {
                throw AuditError.io(path: path, reason: String(cString: strerror(errno)))
            }
            offset += max(0, written)
        }
        guard fsync(descriptor) == 0 else { throw AuditError.io(path: path, reason: "fsync failed") }
    }

    /// The checkpoints the file holds for `logID`, in order.
    ///
    /// - Throws: ``AuditError/io(path:reason:)`` when the file cannot be read,
    ///   ``AuditError/notAnAuditLog(path:reason:)`` for a line that is not a witnessed checkpoint.
    public static func checkpoints(at path: String, logID: UUID) throws -> [AuditCheckpoint] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AuditError.io(path: path, reason: "it cannot be read")
        }
        let prefix = Array(logID.uuidString.lowercased().utf8) + [UInt8(ascii: " ")]
        var result: [AuditCheckpoint] = []
        for (number, line) in [UInt8](data).split(separator: UInt8(ascii: "\n")).enumerated() {
            guard line.count > 37, line[line.startIndex + 36] == UInt8(ascii: " ") else {
                throw AuditError.notAnAuditLog(path: path, reason: "line \(number + 1) is not a witnessed checkpoint")
            }
            guard line.starts(with: prefix) else { continue }
            guard case .checkpoint(let checkpoint) = try? AuditLineFormat.parse(line.dropFirst(37)) else {
                throw AuditError.notAnAuditLog(path: path, reason: "line \(number + 1) is not a witnessed checkpoint")
            }
            result.append(checkpoint)
        }
        return result
    }
}

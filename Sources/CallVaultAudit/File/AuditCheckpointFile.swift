import CallVaultCore
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
        guard descriptor >= 0 else {
            throw AuditError(
                .io(path: path, reason: String(cString: strerror(errno))),
                underlying: systemCallCause(errno: errno, call: "open"))
        }
        defer { close(descriptor) }
        var offset = 0
        while offset < line.count {
            let written = line.withUnsafeBytes { systemWrite(descriptor, $0, from: offset) }
            guard written >= 0 || errno == EINTR else {
                throw AuditError(
                    .io(path: path, reason: String(cString: strerror(errno))),
                    underlying: systemCallCause(errno: errno, call: "write"))
            }
            offset += max(0, written)
        }
        guard fsync(descriptor) == 0 else { throw AuditError.io(path: path, reason: "fsync failed") }
    }

    /// The checkpoints the file holds for `logID` (for every log when `logID` is `nil`), in order.
    ///
    /// A last line without its newline was cut off by a crash while it was being witnessed and is
    /// left out. ``AuditVerifier`` uses only checkpoints whose signature verifies for the log it
    /// checks, so passing those of other logs is harmless.
    ///
    /// - Throws: ``AuditError/io(path:reason:)`` when the file cannot be read,
    ///   ``AuditError/notAnAuditLog(path:reason:)`` for a line that is not a witnessed checkpoint.
    public static func checkpoints(at path: String, logID: UUID? = nil) throws -> [AuditCheckpoint] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AuditError.io(path: path, reason: "it cannot be read")
        }
        let bytes = [UInt8](data)
        let prefix = logID.map { Array($0.uuidString.lowercased().utf8) + [UInt8(ascii: " ")] }
        var result: [AuditCheckpoint] = []
        var start = 0
        var number = 0
        while start < bytes.count, let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
            number += 1
            let line = bytes[start..<newline]
            start = newline + 1
            guard line.count > 37, line[line.startIndex + 36] == UInt8(ascii: " "),
                let text = String(validating: line.prefix(36), as: UTF8.self),
                let lineLog = UUID(uuidString: text), lineLog.uuidString.lowercased() == text
            else {
                throw AuditError.notAnAuditLog(path: path, reason: "line \(number) is not a witnessed checkpoint")
            }
            if let prefix, !line.starts(with: prefix) { continue }
            guard case .checkpoint(let checkpoint) = try? AuditLineFormat.parse(line.dropFirst(37)) else {
                throw AuditError.notAnAuditLog(path: path, reason: "line \(number) is not a witnessed checkpoint")
            }
            result.append(checkpoint)
        }
        return result
    }
}

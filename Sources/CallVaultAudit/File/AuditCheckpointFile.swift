import CallVaultCore
import CallVaultCrypto
package import CallVaultSupport
public import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A witness that appends each checkpoint to a file of its own, which belongs somewhere the log's
/// writer cannot rewrite (another volume, a write-once bucket). ``AuditVerifier`` reads it back to
/// detect a log cut short behind a checkpoint.
///
/// Each line is a checkpoint line of the audit log format, preceded by the log id.
public final class AuditCheckpointFile: AuditCheckpointWitness {
    /// The file's path.
    public let path: String
    private let calls: SystemCalls

    /// A witness writing to `path` (created on first use).
    public init(path: String) {
        self.path = path
        self.calls = .system
    }

    /// A witness whose writes and flushes go through `calls` (tests make them fail or fall short).
    package init(path: String, calls: SystemCalls) {
        self.path = path
        self.calls = calls
    }

    /// Appends the checkpoint and syncs the file.
    public func witness(_ checkpoint: AuditCheckpoint, logID: UUID) async throws {
        var line = Array(logID.uuidString.lowercased().utf8)
        line.append(UInt8(ascii: " "))
        AuditLineFormat.checkpoint(checkpoint, into: &line)
        line.append(UInt8(ascii: "\n"))
        try AuditError.reporting { () throws(SystemCallError) in
            let file = try SystemFile.open(path, flags: O_WRONLY | O_APPEND | O_CREAT, calls: calls)
            try file.append(line)
            try file.synchronize()
        }
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
        let bytes = try AuditFileBytes.read(path)
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

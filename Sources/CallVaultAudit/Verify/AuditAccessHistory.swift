public import CallVaultCore
import Foundation

/// Who reached a recording, when, and why: the answer a customer gets to "who listened to my
/// call?", read from the audit log.
public struct AuditAccessHistory: Sendable {
    /// The recording.
    public let recordingID: RecordingID
    /// Its entries, oldest first.
    public let entries: [AuditEntry]

    /// The history of `recording` in a log's entries.
    public init(recording: RecordingID, entries: some Sequence<AuditEntry>) {
        let target = AuditRecord.target(recording)
        self.recordingID = recording
        self.entries = entries.filter { $0.record.target == target }
    }

    /// The history of `recording` in the log file at `path`.
    ///
    /// - Throws: ``AuditError`` when the file cannot be read; verify it first with ``AuditVerifier``.
    public init(recording: RecordingID, logAt path: String) throws(AuditError) {
        self.init(recording: recording, entries: try AuditLogReader.entries(at: path))
    }

    /// One line per entry: when, who, what, for what purpose, and the outcome.
    public var lines: [String] {
        entries.map { entry in
            let purpose = entry.record.purpose.map { " for \($0)" } ?? ""
            return
                "\(CivilTime.iso8601(entry.time))  \(entry.record.actor)  \(entry.record.action)\(purpose)  \(entry.record.outcome)"
        }
    }
}

/// Reads a log file's entries without verifying them (``AuditVerifier`` verifies).
public enum AuditLogReader {
    /// The entries of the log at `path`, in order; a torn last line is left out.
    ///
    /// - Throws: ``AuditError/io(path:reason:)``, or ``AuditError/notAnAuditLog(path:reason:)``
    ///   naming a line that cannot be read.
    public static func entries(at path: String) throws(AuditError) -> [AuditEntry] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .io(path: path, reason: "it cannot be read")
        }
        let bytes = [UInt8](data)
        var entries: [AuditEntry] = []
        var start = 0
        var line = 0
        while start < bytes.count, let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
            line += 1
            do {
                if case .entry(let entry) = try AuditLineFormat.parse(bytes[start..<newline]) { entries.append(entry) }
            } catch {
                throw .notAnAuditLog(path: path, reason: "line \(line): \(error.reason)")
            }
            start = newline + 1
        }
        return entries
    }
}

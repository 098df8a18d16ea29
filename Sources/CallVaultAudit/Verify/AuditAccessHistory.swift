public import CallVaultCore
import Foundation

/// Who reached a recording, when, and why: the answer a customer gets to "who listened to my
/// call?", read from the audit log.
///
/// It holds every entry whose target is the recording (``AuditRecord/target(_:)``), oldest first:
/// access decisions both allowed and denied (a customer is owed the attempts as well as the
/// listens), grants used, keys unwrapped, holds and the deletion. Filter ``entries`` by
/// ``AuditRecord/outcome`` or ``AuditRecord/action`` for a narrower view.
///
/// ```swift
/// let history = AuditAccessHistory(recording: id, entries: sink.entries)
/// for line in history.lines { print(line) }
/// // 2026-11-29T08:00:00Z  sup.maria  access.decision for quality  allowed
/// ```
public struct AuditAccessHistory: Sendable {
    /// The recording.
    public let recordingID: RecordingID
    /// Its entries, oldest first, denials included.
    public let entries: [AuditEntry]

    /// The history of `recording` in a log's entries.
    public init(recording: RecordingID, entries: some Sequence<AuditEntry>) {
        let target = AuditRecord.target(recording)
        self.recordingID = recording
        self.entries = entries.filter { $0.record.target == target }
    }

    /// The history of `recording` in the log file at `path`.
    ///
    /// The file is read, not verified: verify it first with ``AuditVerifier`` before showing the
    /// history to anyone who relies on it.
    ///
    /// - Throws: ``AuditError`` when the file cannot be read.
    public init(recording: RecordingID, logAt path: String) throws {
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
public enum AuditLogReader: Sendable {
    /// The file's entries about each of `targets`, from one read; targets with none are missing.
    ///
    /// - Throws: what ``entries(at:)`` throws.
    public static func entries(at path: String, about targets: [String]) throws -> [String: [AuditEntry]] {
        let wanted = Set(targets)
        return Dictionary(grouping: try entries(at: path).filter { wanted.contains($0.record.target) }) {
            $0.record.target
        }
    }

    /// The entries of the log at `path`, in order; a torn last line (cut short, or not readable)
    /// is left out, as ``AuditFileSink`` leaves it out.
    ///
    /// - Throws: ``AuditError/io(path:reason:)``, or ``AuditError/notAnAuditLog(path:reason:)``
    ///   naming a line that cannot be read.
    public static func entries(at path: String) throws -> [AuditEntry] {
        let bytes = try AuditFileBytes.read(path)
        var entries: [AuditEntry] = []
        var start = 0
        var line = 0
        while start < bytes.count, let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
            line += 1
            do {
                if case .entry(let entry) = try AuditLineFormat.parse(bytes[start..<newline]) { entries.append(entry) }
            } catch {
                if newline == bytes.count - 1 { break }
                throw AuditError.notAnAuditLog(path: path, reason: "line \(line): \(error.reason)")
            }
            start = newline + 1
        }
        return entries
    }
}

public import CallVaultCore
public import Foundation

/// What a sweep did.
public struct SweepReport: Hashable, Sendable {
    /// The time the sweep judged dueness by.
    public let asOf: Date
    /// Recordings deleted and certified.
    public var deleted: [RecordingID] = []
    /// Of those, deletions an earlier, interrupted sweep had begun.
    public var resumed = 0
    /// Due recordings left alone because a legal hold covers them.
    public var held = 0
    /// Recordings whose deletion failed this time: a deletion that failed part-way (its journal
    /// entry stays, and the next sweep finishes it), or a due recording whose deletion the store
    /// refused to begin for a reason other than a legal hold (a retention record that does not
    /// verify, a tombstone beside a live record, a record gone without its tombstone). Those are
    /// kept, failing closed, and fail again in every sweep until their records are restored.
    public var failures: [SweepFailure] = []
    /// Batches processed.
    public var batches = 0
    /// Stored legal holds that disagree with the audit log (a release without its audit entry, a
    /// hold row gone): kept in force, and reported here.
    public var holdDiscrepancies: [LegalHoldDiscrepancy] = []

    init(asOf: Date) {
        self.asOf = asOf
    }

    /// One line: the counts.
    public var summary: String {
        "Sweep as of \(CivilTime.iso8601(asOf)): \(deleted.count) deleted (\(resumed) resumed), \(held) held, \(failures.count) failed, in \(batches) batch\(batches == 1 ? "" : "es")."
    }
}

/// A recording whose deletion failed in a sweep.
public struct SweepFailure: Hashable, Sendable {
    /// The recording.
    public let recordingID: RecordingID
    /// What went wrong.
    public let reason: String
}

/// Progress of a running sweep, reported after each batch.
public struct SweepProgress: Hashable, Sendable {
    /// Batches done so far.
    public let batches: Int
    /// Recordings deleted so far.
    public let deleted: Int
    /// Due recordings skipped because they are held.
    public let held: Int
    /// Deletions that failed so far.
    public let failed: Int
}

/// What a sweep would do now, without doing it (a dry run).
public struct SweepPlan: Hashable, Sendable, CustomStringConvertible {
    /// The time the plan judged dueness by.
    public let asOf: Date
    /// Deletions interrupted earlier, which the sweep would finish first.
    public let interrupted: [RecordingID]
    /// Recordings the sweep would delete, in due order.
    public let deletions: [PlannedDeletion]
    /// Due recordings it would leave because legal holds cover them.
    public let held: [HeldRecording]

    /// A planned deletion.
    public struct PlannedDeletion: Hashable, Sendable {
        /// The recording.
        public let recordingID: RecordingID
        /// When it became due.
        public let dueAt: Date
        /// Why it would be deleted.
        public let cause: DeletionCause
    }

    /// A due recording under hold.
    public struct HeldRecording: Hashable, Sendable {
        /// The recording.
        public let recordingID: RecordingID
        /// The holds that cover it.
        public let holds: [LegalHoldID]
    }

    /// The plan as lines a person reads.
    public var description: String {
        var lines = [
            "Sweep plan as of \(CivilTime.iso8601(asOf)): \(interrupted.count) interrupted deletion\(interrupted.count == 1 ? "" : "s") to finish, \(deletions.count) to delete, \(held.count) held."
        ]
        lines += interrupted.map { "finish  \($0)" }
        lines += deletions.map { "delete  \($0.recordingID)  due \(CivilTime.iso8601($0.dueAt))  \($0.cause)" }
        lines += held.map { "held    \($0.recordingID)  by \($0.holds.map(\.rawValue).joined(separator: ", "))" }
        return lines.joined(separator: "\n")
    }
}

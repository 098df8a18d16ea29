public import CallVaultCore
public import CallVaultCrypto
public import Foundation
public import Logging

/// Deletes recordings whose retention has ended, with a signed certificate for each.
///
/// A sweep first finishes deletions an interrupted sweep began, then pages through the store's due
/// recordings in bounded batches. For each batch it leaves out recordings under legal hold, asks the
/// store to begin the rest (the store re-checks dueness and holds atomically and journals the
/// start), and then, for each begun deletion: shreds the wrapped keys, deletes the content, signs a
/// ``DeletionCertificate``, reports an audit event, marks the recording deleted through the
/// shredder (``RecordingShredder/markDeleted(_:)``: the host's catalog), and finally replaces the
/// record with a tombstone, which completes the journal entry. Every step is idempotent and the
/// certificate depends only on the journal entry, so a sweep killed at any point and run again
/// completes the job, deleting nothing early and certifying nothing twice.
///
/// ```swift
/// let sweeper = RetentionSweeper(
///     store: store, shredder: shredder, audit: auditLog, signingKey: organisationKey,
///     identity: "sweeper@recorder-7", clock: SystemWallClock(), ruleNames: scheduler.ruleNames)
/// print(try await sweeper.plan())            // a dry run
/// let report = try await sweeper.sweep()      // the real thing
/// ```
public struct RetentionSweeper: Sendable {
    /// Bounds on a sweep's work.
    public struct Configuration: Sendable {
        /// Recordings per batch: one store page, one transaction to begin, one to complete.
        public var batchSize: Int
        /// Deletions run at once within a batch.
        public var concurrency: Int

        /// Creates a configuration; both values are raised to at least 1.
        public init(batchSize: Int = 500, concurrency: Int = ProcessInfo.processInfo.activeProcessorCount) {
            self.batchSize = max(1, batchSize)
            self.concurrency = max(1, concurrency)
        }
    }

    let store: any RetentionStore
    let shredder: any RecordingShredder
    let audit: any RetentionAuditSink
    let signingKey: SigningKey
    /// The identity certificates and audit events name.
    public let identity: PrincipalID
    let clock: any WallClock
    let ruleNames: [RetentionRuleID: String]
    /// The batch size and concurrency.
    public let configuration: Configuration
    let logger: Logger
    /// The audit log's history of holds, which the stored holds are checked against.
    let holdAudit: (any LegalHoldAuditSource)?

    /// Creates a sweeper.
    ///
    /// - Parameters:
    ///   - store: where schedules, holds, the journal and tombstones live.
    ///   - shredder: destroys keys and content.
    ///   - audit: receives an event per deletion.
    ///   - signingKey: the organisation's key for deletion certificates.
    ///   - identity: the sweeper's identity, named in certificates and events.
    ///   - clock: the time dueness is judged by.
    ///   - ruleNames: names for the rule ids certificates cite (``RetentionScheduler/ruleNames``).
    ///   - configuration: batch size and concurrency.
    ///   - logger: where progress and failures are logged (never recording content or keys).
    ///   - holdAudit: the audit log's history of holds; when given, a stored hold marked released
    ///     without its release in the log, or gone with its placement in the log, stays in force
    ///     and is reported in ``SweepReport/holdDiscrepancies``.
    public init(
        store: any RetentionStore, shredder: any RecordingShredder, audit: any RetentionAuditSink,
        signingKey: SigningKey, identity: PrincipalID, clock: any WallClock,
        ruleNames: [RetentionRuleID: String] = [:], configuration: Configuration = Configuration(),
        logger: Logger = Logger(label: "callvault.retention.sweeper"), holdAudit: (any LegalHoldAuditSource)? = nil
    ) {
        self.holdAudit = holdAudit
        self.store = store
        self.shredder = shredder
        self.audit = audit
        self.signingKey = signingKey
        self.identity = identity
        self.clock = clock
        self.ruleNames = ruleNames
        self.configuration = configuration
        self.logger = logger
    }

    /// What a sweep would do now: a dry run that changes nothing.
    public func plan() async throws -> SweepPlan {
        try await plan(asOf: clock.now)
    }

    /// What a sweep at `date` would do if nothing changed before then: a dry run that changes
    /// nothing, judging dueness at `date` by today's schedules and counting every hold in force
    /// now as still in force then (a hold lasts until two officers release it).
    ///
    /// - Parameter date: the time the sweep would run; usually later than now ("what goes next
    ///   month"), judged at its whole second as a sweep judges it.
    /// - Returns: what would be deleted, held back and skipped, and why.
    /// - Throws: the retention store's errors.
    public func plan(asOf date: Date) async throws -> SweepPlan {
        let now = date
        var interrupted: [RecordingID] = []
        for record in try await store.deletionsInProgress(limit: Int.max) {
            interrupted.append(record.recordingID)
        }
        let holds = try await holdsInForce().holds
        var deletions: [SweepPlan.PlannedDeletion] = []
        var held: [SweepPlan.HeldRecording] = []
        var cursor: DueCursor?
        while true {
            let page = try await store.dueRecords(at: now, after: cursor, limit: configuration.batchSize)
            for record in page {
                switch record.deletionRefusal(at: now, holds: holds) {
                case .held(let ids):
                    held.append(SweepPlan.HeldRecording(recordingID: record.recordingID, holds: ids))
                case nil:
                    deletions.append(
                        SweepPlan.PlannedDeletion(
                            recordingID: record.recordingID, dueAt: record.dueAt ?? now, cause: record.dueDeletionCause)
                    )
                default:
                    break
                }
            }
            guard page.count == configuration.batchSize, let last = page.last else { break }
            cursor = DueCursor(after: last)
        }
        return SweepPlan(asOf: now, interrupted: interrupted, deletions: deletions, held: held)
    }

    /// Runs a sweep: finishes interrupted deletions, then deletes every due, unheld recording.
    ///
    /// A failure to delete one recording (the shredder's key service is down, say) is reported in
    /// ``SweepReport/failures`` and left for the next sweep; a store failure ends the sweep with its
    /// error, and the next sweep picks up from the journal.
    public func sweep(progress: (@Sendable (SweepProgress) -> Void)? = nil) async throws -> SweepReport {
        let now = clock.now
        var report = SweepReport(asOf: now)
        if holdAudit != nil {
            report.holdDiscrepancies = try await holdsInForce().discrepancies
            for discrepancy in report.holdDiscrepancies {
                logger.error("legal hold disagrees with the audit log", metadata: ["hold": "\(discrepancy.holdID)"])
            }
        }

        // Interrupted deletions first.
        try await resume(into: &report, progress: progress)

        // A pipeline of two batches: while one batch's deletions are finished (keys, content,
        // certificates, audit, catalog), the next page is read and its deletions begun, so the
        // store's work for the one overlaps the other's. Each batch is begun (journaled) before
        // any of its recordings is touched, as without the pipeline; a crash leaves at most two
        // batches of begun deletions, which the next sweep resumes.
        var next: Task<BegunBatch, any Error>? = Task { try await beginBatch(after: nil, at: now) }
        while let pending = next {
            let batch = try await pending.value
            guard batch.pageCount > 0 else { break }
            let isLast = batch.pageCount < configuration.batchSize
            next = isLast ? nil : Task { try await beginBatch(after: batch.cursor, at: now) }
            report.held += batch.held
            report.failures += batch.failures
            for failure in batch.failures {
                logger.warning(
                    "a due recording was not deleted; it is kept until its records are restored",
                    metadata: ["recording": "\(failure.recordingID)", "reason": "\(failure.reason)"])
            }
            do {
                _ = try await finish(batch.begun, report: &report)
            } catch {
                // Wait for the next batch's beginning, so nothing of this sweep runs after it has
                // returned (a later sweep resumes what was begun).
                _ = try? await next?.value
                throw error
            }
            report.batches += 1
            progress?(report.progress)
        }
        logger.debug(
            "retention sweep finished",
            metadata: [
                "deleted": "\(report.deleted.count)", "resumed": "\(report.resumed)", "held": "\(report.held)",
                "failed": "\(report.failures.count)",
            ])
        return report
    }

    /// Finishes only the deletions a stopped sweep (or erasure) began and journaled, as every sweep
    /// does first: each was decided when it began (due and unheld, checked atomically with its
    /// journal entry), and its keys may already be shredded. Nothing new is begun. Run it at
    /// start-up, so a vault opened after a crash lists no recording as half-deleted.
    public func resumeInterruptedDeletions() async throws -> SweepReport {
        var report = SweepReport(asOf: clock.now)
        try await resume(into: &report, progress: nil)
        return report
    }

    /// Finishes the journaled deletions, page by page, until a page brings nothing this run can
    /// finish (a failed one is reported and left for the next run).
    private func resume(into report: inout SweepReport, progress: (@Sendable (SweepProgress) -> Void)?)
        async throws
    {
        var attempted = Set<RecordingID>()
        while true {
            let page = try await store.deletionsInProgress(limit: configuration.batchSize)
                .filter { !attempted.contains($0.recordingID) }
            guard !page.isEmpty else { break }
            attempted.formUnion(page.map(\.recordingID))
            let finished = try await finish(page, report: &report)
            report.resumed += finished
            report.batches += 1
            progress?(report.progress)
        }
    }

    /// Deletes these recordings now if each is due and unheld (used for erasure requests and
    /// operator commands); returns the deleted ones and, for the rest, why not.
    public func delete(_ ids: [RecordingID]) async throws -> (
        report: SweepReport, refused: [RecordingID: DeletionRefusal]
    ) {
        let now = clock.now
        var report = SweepReport(asOf: now)
        var refused: [RecordingID: DeletionRefusal] = [:]
        for start in stride(from: 0, to: ids.count, by: configuration.batchSize) {
            let slice = Array(ids[start..<min(ids.count, start + configuration.batchSize)])
            var begun: [RetentionRecord] = []
            for outcome in try await store.beginDeletions(slice, at: now) {
                switch outcome {
                case .proceed(let record): begun.append(record)
                case .refused(let id, let refusal): refused[id] = refusal
                }
            }
            _ = try await finish(begun, report: &report)
            report.batches += 1
        }
        return (report, refused)
    }

    /// The holds in force: the store's active holds and, checked against the audit log, those a
    /// database edit released or removed (failing closed), with what disagreed.
    func holdsInForce() async throws -> (holds: [LegalHold], discrepancies: [LegalHoldDiscrepancy]) {
        let active = try await store.activeHolds()
        guard let holdAudit else { return (active, []) }
        let history = try await holdAudit.legalHoldHistory()
        // The rows of the holds the log says are in force, as stored (a store that checks them
        // itself returns them active; only the rows show the edit).
        var stored: [LegalHold] = []
        var unreadable: [LegalHoldID: String] = [:]
        for id in history.placed.subtracting(history.released).sorted(by: { $0.rawValue < $1.rawValue }) {
            do {
                if let hold = try await store.hold(id) { stored.append(hold) }
            } catch {
                // A row the store cannot vouch for keeps its hold in force (over everything).
                unreadable[id] = "\(error)"
            }
        }
        let checked = history.holdsInForce(stored: stored, unreadable: unreadable)
        // A hold as checked against the log counts over the store's own version of it: the check
        // only ever widens (a release reinstated, a lost row in force over everything).
        var holds = active
        for hold in checked.holds {
            if let index = holds.firstIndex(where: { $0.id == hold.id }) {
                holds[index] = hold
            } else {
                holds.append(hold)
            }
        }
        return (holds, checked.discrepancies)
    }

    /// A page of due recordings whose deletions were begun.
    private struct BegunBatch: Sendable {
        /// The records read for the page (0: no more due recordings).
        var pageCount = 0
        /// Where the next page starts.
        var cursor: DueCursor?
        /// Recordings held, and so not begun.
        var held = 0
        /// The deletions begun (journaled), to finish.
        var begun: [RetentionRecord] = []
        /// Due recordings the store refused to begin for a reason other than a hold or a change
        /// since the page was read.
        var failures: [SweepFailure] = []
    }

    /// Reads the page of due recordings after `cursor`, leaves out the held ones, and begins the
    /// others' deletions.
    private func beginBatch(after cursor: DueCursor?, at now: Date) async throws -> BegunBatch {
        let page = try await store.dueRecords(at: now, after: cursor, limit: configuration.batchSize)
        guard let last = page.last else { return BegunBatch() }
        var batch = BegunBatch(pageCount: page.count, cursor: DueCursor(after: last))
        let holds = try await holdsInForce().holds
        var candidates: [RecordingID] = []
        candidates.reserveCapacity(page.count)
        for record in page {
            switch record.deletionRefusal(at: now, holds: holds) {
            case nil: candidates.append(record.recordingID)
            case .held: batch.held += 1
            default: break
            }
        }
        for start in try await store.beginDeletions(candidates, at: now) {
            switch start {
            case .proceed(let record): batch.begun.append(record)
            case .refused(_, .held): batch.held += 1
            // Changed since the page was read: rescheduled, or deleted by another sweep or erasure.
            case .refused(_, .notDue), .refused(_, .alreadyDeleted): break
            // Due by the page, yet the store cannot begin it: a record that does not verify, or
            // one gone without its tombstone. It is kept (failing closed), and reported, so a
            // sweep never says it did everything while a due recording stays.
            case .refused(let id, let refusal):
                batch.failures.append(SweepFailure(recordingID: id, reason: "due, but not deleted: \(refusal)"))
            }
        }
        return batch
    }

    /// Finishes begun deletions, a slice per task, and replaces the finished ones with tombstones.
    private func finish(_ records: [RetentionRecord], report: inout SweepReport) async throws -> Int {
        // A recording named twice (in a caller's list, or a store's page) is finished once.
        var seen = Set<RecordingID>()
        let records = records.filter { seen.insert($0.recordingID).inserted }
        guard !records.isEmpty else { return 0 }
        let width = min(configuration.concurrency, records.count)
        let outcomes = await withTaskGroup(of: [Outcome].self) { group in
            for lane in 0..<width {
                let slice = stride(from: lane, to: records.count, by: width).map { records[$0] }
                group.addTask { await finish(slice) }
            }
            var all: [Outcome] = []
            all.reserveCapacity(records.count)
            for await results in group { all += results }
            return all
        }
        var tombstones: [Tombstone] = []
        tombstones.reserveCapacity(outcomes.count)
        for outcome in outcomes {
            switch outcome {
            case .done(let tombstone): tombstones.append(tombstone)
            case .failed(let failure):
                report.failures.append(failure)
                logger.warning(
                    "deletion failed; the next sweep retries it",
                    metadata: ["recording": "\(failure.recordingID)", "reason": "\(failure.reason)"])
            }
        }
        try await store.completeDeletions(tombstones)
        report.deleted += tombstones.map(\.recordingID)
        return tombstones.count
    }

    /// The idempotent steps of a slice of deletions: every key shredded (at once, when the
    /// shredder can), then each recording's content deleted and its certificate signed, then the
    /// deletions reported to the audit sink together, then the recordings marked deleted in the
    /// host's catalog together. A step that fails fails only the recordings it concerns; their
    /// journal entries stay, and the next sweep finishes them (the caller writes the tombstones,
    /// which complete the journal entries, only after all of this).
    private func finish(_ slice: [RetentionRecord]) async -> [Outcome] {
        func failed(_ records: [RetentionRecord], _ error: any Error) -> [Outcome] {
            records.map { .failed(SweepFailure(recordingID: $0.recordingID, reason: "\(error)")) }
        }
        var results: [Outcome] = []
        var journaled: [(RetentionRecord, DeletionJournalEntry)] = []
        for record in slice {
            if let journal = record.deletion {
                journaled.append((record, journal))
            } else {
                results += failed([record], RetentionSweepError.deletionNotBegun(record.recordingID))
            }
        }
        // The slice's ids, built once: the keys are shredded and (when every deletion got that
        // far) the catalog marked with the same array.
        let ids = journaled.map(\.0.recordingID)
        do {
            try await shredder.shredKeys(of: ids)
        } catch {
            // Find which: one at a time (shredding is idempotent), so one bad recording does not
            // hold back the others.
            var shredded: [(RetentionRecord, DeletionJournalEntry)] = []
            for (record, journal) in journaled {
                do {
                    try await shredder.shredKeys(of: record.recordingID)
                    shredded.append((record, journal))
                } catch {
                    results += failed([record], error)
                }
            }
            journaled = shredded
        }
        // Every certificate's copies outside the vault, read at once; if that read fails, each
        // deletion reads its own below (and only those that fail again fail).
        let copies = try? await shredder.copiesOutsideTheVault(of: journaled.map(\.0.recordingID))
        // Every content deleted at once (the shredder overlaps the file system's waits); if that
        // fails, each deletion deletes its own below (idempotent), and only those that fail
        // again fail.
        let contentDeleted: Bool
        do {
            try await shredder.deleteContent(of: journaled.map(\.0.recordingID))
            contentDeleted = true
        } catch {
            contentDeleted = false
        }
        var done: [(RetentionRecord, Tombstone, RetentionAuditEvent)] = []
        for (record, journal) in journaled {
            do {
                let found = copies.map { $0[record.recordingID] ?? [] }
                done.append(
                    try await deleteAndCertify(
                        record, journal: journal, copies: found, contentDeleted: contentDeleted))
            } catch {
                results += failed([record], error)
            }
        }
        do {
            try await audit.record(done.map(\.2))
        } catch {
            // Event ids make repeats harmless: report one at a time to find which failed.
            var reported: [(RetentionRecord, Tombstone, RetentionAuditEvent)] = []
            for item in done {
                do {
                    try await audit.record(item.2)
                    reported.append(item)
                } catch {
                    results += failed([item.0], error)
                }
            }
            done = reported
        }
        do {
            // `done` keeps `journaled`'s order, so the same count means the same recordings.
            if !done.isEmpty {
                try await shredder.markDeleted(done.count == ids.count ? ids : done.map(\.0.recordingID))
            }
        } catch {
            // Marking is idempotent: one at a time, to find which failed.
            var marked: [(RetentionRecord, Tombstone, RetentionAuditEvent)] = []
            for item in done {
                do {
                    try await shredder.markDeleted([item.0.recordingID])
                    marked.append(item)
                } catch {
                    results += failed([item.0], error)
                }
            }
            done = marked
        }
        return results + done.map { .done($0.1) }
    }

    /// Deletes a recording's content (its keys are already shredded) unless `contentDeleted`
    /// says the slice's deletion already did, and signs its certificate.
    private func deleteAndCertify(
        _ record: RetentionRecord, journal: DeletionJournalEntry, copies: [CopyOutsideVault]?, contentDeleted: Bool
    ) async throws -> (
        RetentionRecord, Tombstone, RetentionAuditEvent
    ) {
        let id = record.recordingID
        if !contentDeleted { try await shredder.deleteContent(of: id) }
        let ruleName: String? =
            switch journal.cause {
            case .retentionExpired(let rule?): ruleNames[rule] ?? rule.rawValue
            case .retentionExpired(nil): nil
            case .erasureRequest: "GDPR Art. 17 (right to erasure)"
            }
        var found = copies ?? []
        if copies == nil { found = try await shredder.copiesOutsideTheVault(of: id) }
        let certificate = DeletionCertificate(
            record: record, journal: journal, sweeper: identity, ruleName: ruleName,
            copiesOutsideVault: found)
        let file = try SignedDocument(signing: certificate, with: signingKey).fileContents()
        let event = RetentionAuditEvent(
            id: "recording-deleted:\(id)", action: .recordingDeleted, at: journal.startedAt, actor: identity,
            recordingID: id, detail: "Deleted (\(journal.cause)): keys shredded, content deleted, certificate signed.")
        return (
            record, Tombstone(recordingID: id, deletedAt: journal.startedAt, cause: journal.cause, certificate: file),
            event
        )
    }
}

/// How one deletion in a batch ended.
private enum Outcome: Sendable {
    case done(Tombstone)
    case failed(SweepFailure)
}

extension SweepReport {
    var progress: SweepProgress {
        SweepProgress(batches: batches, deleted: deleted.count, held: held, failed: failures.count)
    }
}

/// Errors of the sweeper itself.
public struct RetentionSweepError: CallVaultError, Equatable, CallVaultReasonedError {
    /// The stable codes of ``RetentionSweepError``.
    public struct Code: CallVaultErrorCode {
        /// The error type these codes belong to.
        public typealias Owner = RetentionSweepError
        /// The code's stable text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// A store returned a record to finish without a journal entry.
        public static let deletionNotBegun = Code("retentionsweep.deletion-not-begun")

        /// Every code of this type.
        public static let all: [Code] = [
            deletionNotBegun
        ]
    }

    /// What happened, with its details; the package's own code switches over it.
    package enum Reason: Equatable, Sendable {
        /// A store returned a record to finish without a journal entry.
        case deletionNotBegun(RecordingID)
    }

    /// What happened, with its details.
    package let reason: Reason
    /// The error that caused this one, if any.
    public let underlying: (any Error)?

    /// Creates an error from its reason and cause.
    package init(_ reason: Reason, underlying: (any Error)? = nil) {
        self.reason = reason
        self.underlying = underlying
    }

    /// What kind of failure this is.
    public var code: Code {
        switch reason {
        case .deletionNotBegun: .deletionNotBegun
        }
    }

    /// A sentence naming the recording and the store fault.
    public var message: String {
        switch reason {
        case .deletionNotBegun(let id):
            "The retention store returned recording \(id) as being deleted but without its journal entry; the store does not keep the journal, so nothing was deleted. Fix the store."
        }
    }

    /// A store returned a record to finish without a journal entry.
    public static func deletionNotBegun(_ recordingID: RecordingID) -> RetentionSweepError {
        RetentionSweepError(.deletionNotBegun(recordingID))
    }
    /// The code for ``deletionNotBegun(_:)``, for `catch RetentionSweepError.deletionNotBegun`.
    public static let deletionNotBegun = Code.deletionNotBegun
}

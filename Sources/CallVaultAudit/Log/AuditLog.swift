public import CallVaultCore
public import CallVaultCrypto
public import Foundation

/// The tamper-evident audit log: every record becomes an entry chained to the one before by
/// BLAKE2b, and every ``Configuration/checkpointEvery`` entries (or ``Configuration/checkpointInterval``
/// of time, whichever comes first) the chain's head is signed with Ed25519 and written to the
/// sink and to each witness.
///
/// ```swift
/// let log = try await AuditLog(
///     sink: try AuditFileSink(path: "/var/lib/callvault/audit.log"), signingKey: organisationKey,
///     clock: SystemWallClock())
/// try await log.record(
///     AuditRecord(actor: "sup.maria", action: .accessDecision, target: AuditRecord.target(id),
///                 purpose: .quality, outcome: .allowed, reasons: ["rule supervisors-listen"]))
/// ```
public actor AuditLog {
    /// When checkpoints are made.
    public struct Configuration: Sendable {
        /// Entries between checkpoints.
        public var checkpointEvery: Int
        /// Longest time between the first unsigned entry and its checkpoint.
        public var checkpointInterval: Duration

        /// Creates a configuration; `checkpointEvery` is raised to at least 1.
        public init(checkpointEvery: Int = 1000, checkpointInterval: Duration = .seconds(60)) {
            self.checkpointEvery = max(1, checkpointEvery)
            self.checkpointInterval = checkpointInterval
        }
    }

    private let sink: any AuditSink
    private let signingKey: SigningKey
    private let clock: any WallClock
    private let witnesses: [any AuditCheckpointWitness]
    /// When checkpoints are made.
    public nonisolated let configuration: Configuration
    private var chain: AuditChain
    private var eventIDs: Set<String>
    private var unsignedSince: Int64?
    private var unsignedCount = 0
    private var lastTimestamp: Int64
    /// The log's identity.
    public nonisolated let logID: UUID

    /// Opens (or starts) the log in `sink`.
    ///
    /// Entries are stamped by `clock`, and their times never go backwards within the log. A log
    /// holding a time more than ``AuditVerifier/futureTolerance`` after `clock` (an entry from a
    /// host whose clock was wrong, or from a program that simulated time into it) is refused: every
    /// entry appended after it would carry that future time instead of the real one.
    ///
    /// - Throws: ``AuditError/wrongSigner(expected:found:)`` when the sink's log is signed by another
    ///   key; ``AuditError/timeInTheFuture(time:clock:)`` when the log's latest time is in the
    ///   future by more than the tolerance; or the sink's error.
    public init(
        sink: any AuditSink, signingKey: SigningKey, clock: any WallClock, witnesses: [any AuditCheckpointWitness] = [],
        configuration: Configuration = Configuration()
    ) async throws {
        let now = AuditTime.milliseconds(clock.now)
        let state = try await sink.open(newLogID: UUID(), signer: signingKey.verifyingKey, at: now)
        guard state.signer == signingKey.verifyingKey else {
            throw AuditError.wrongSigner(expected: signingKey.verifyingKey.description, found: state.signer.description)
        }
        self.sink = sink
        self.signingKey = signingKey
        self.clock = clock
        self.witnesses = witnesses
        self.configuration = configuration
        self.chain = AuditChain(
            logID: state.logID, signer: state.signer.rawRepresentation, created: state.created,
            sequence: state.sequence, head: state.head)
        self.eventIDs = state.eventIDs
        self.logID = state.logID
        // A clock stepped back while the log was closed must not make new entries older than old ones,
        // but a time far ahead of this clock is not adopted: it would stamp every later entry.
        guard state.lastTimestamp <= now + AuditTime.futureToleranceMilliseconds else {
            throw AuditError.timeInTheFuture(time: AuditTime.date(state.lastTimestamp), clock: clock.now)
        }
        self.lastTimestamp = max(now, state.lastTimestamp)
        // A sink's state is input: a checkpoint past the last entry must not trap the subtraction.
        let signed = min(state.lastCheckpoint?.sequence ?? 0, state.sequence)
        let unsigned = Int(clamping: state.sequence - signed)
        self.unsignedCount = unsigned
        self.unsignedSince = unsigned > 0 ? now : nil
    }

    private var writing = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// The last entry's sequence number.
    public var sequence: UInt64 { chain.sequence }

    /// The event ids in the log that start with `prefix` (for example every `hold-released:`):
    /// what stores check their own rows against, since an edit of a database does not reach the log.
    public func eventIDs(withPrefix prefix: String) -> Set<String> {
        eventIDs.filter { $0.hasPrefix(prefix) }
    }

    /// Every entry about `target`, oldest first, read back from the log's sink. Entries appended
    /// before the call started are included; the log's own writes are never buffered apart from
    /// its sink, so a read after `record` returns sees the record.
    public nonisolated func entries(about target: String) async throws -> [AuditEntry] {
        try await sink.entries(about: target)
    }

    /// The entries about each of `targets`, oldest first, read back from the log's sink in one
    /// read where it can (see `AuditSink.entries(about:)`).
    public nonisolated func entries(about targets: [String]) async throws -> [String: [AuditEntry]] {
        try await sink.entries(about: targets)
    }

    /// Appends one record; returns its entry, or `nil` when its ``AuditRecord/eventID`` is already
    /// in the log.
    ///
    /// On a vault's log (the one `VaultFolder.open` hands out), a record in one of CallVault's own
    /// namespaces (``AuditRecord/callVaultNamespaces``) is refused with
    /// ``AuditError/reservedForCallVault(action:eventID:namespace:)``: the vault's operations write
    /// those.
    @discardableResult
    public func record(_ record: AuditRecord) async throws -> AuditEntry? {
        try await self.record([record]).first
    }

    /// Whether `record(_:)` refuses records in CallVault's own namespaces: set
    /// for a vault's log, whose entries in those namespaces the vault reads as facts.
    private var refusesCallVaultNamespaces = false

    /// Makes `record(_:)` refuse records in CallVault's own namespaces from now on
    /// (the vault's own operations write through ``recordAsCallVault(_:)``).
    package func reserveCallVaultNamespaces() {
        refusesCallVaultNamespaces = true
    }

    /// Appends records CallVault's own operations make (a hold placed, a recording deleted, a
    /// consent), which a vault's log refuses through the public `record(_:)`.
    @discardableResult
    package func recordAsCallVault(_ records: [AuditRecord]) async throws -> [AuditEntry] {
        try await oneWriterAtATime { try await append(records) }
    }

    /// Appends one record CallVault's own operations make; see ``recordAsCallVault(_:)``.
    @discardableResult
    package func recordAsCallVault(_ record: AuditRecord) async throws -> AuditEntry? {
        try await recordAsCallVault([record]).first
    }

    /// Appends records in order, with a checkpoint when one is due; returns the new entries
    /// (records whose event id the log already holds are skipped).
    ///
    /// - Throws: ``AuditError/reservedForCallVault(action:eventID:namespace:)`` on a vault's log for
    ///   a record in CallVault's own namespaces (nothing is appended); the sink's error, in which
    ///   case nothing was appended and the log stays where it was; ``AuditError/timeInTheFuture(time:clock:)`` when the clock has gone back more than
    ///   ``AuditVerifier/futureTolerance`` behind the log's latest time (nothing is appended until
    ///   it is put right); or a witness's error, in which case the entries and the checkpoint are already in the
    ///   sink (do not record them again) but that witness missed the checkpoint.
    @discardableResult
    public func record(_ records: [AuditRecord]) async throws -> [AuditEntry] {
        if refusesCallVaultNamespaces {
            for record in records {
                if let namespace = record.callVaultNamespace {
                    throw AuditError.reservedForCallVault(
                        action: record.action.identifier, eventID: record.eventID, namespace: namespace)
                }
            }
        }
        return try await oneWriterAtATime { try await append(records) }
    }

    private func append(_ records: [AuditRecord]) async throws -> [AuditEntry] {
        var entries: [AuditEntry] = []
        entries.reserveCapacity(records.count)
        var checkpoint: AuditCheckpoint?
        let now = try timestamp()
        var chain = self.chain
        var unsignedCount = self.unsignedCount
        var unsignedSince = self.unsignedSince
        var newEventIDs: [String] = []
        for record in records {
            if let event = record.eventID {
                guard !eventIDs.contains(event), !newEventIDs.contains(event) else { continue }
                newEventIDs.append(event)
            }
            let entry = chain.append(record, at: now)
            entries.append(entry)
            unsignedCount += 1
            unsignedSince = unsignedSince ?? now
        }
        if unsignedCount >= configuration.checkpointEvery || isOverdue(unsignedSince, now: now) {
            checkpoint = try sign(chain, at: now)
        }
        // Nothing new (every record was a repeated event): no write, and no fsync either.
        guard !entries.isEmpty || checkpoint != nil else { return [] }
        try await sink.append(entries, checkpoint: checkpoint)
        // Only what the sink accepted advances the log; a failed append leaves it where it was.
        self.chain = chain
        eventIDs.formUnion(newEventIDs)
        if let checkpoint {
            self.unsignedCount = 0
            self.unsignedSince = nil
            try await tellWitnesses(checkpoint)
        } else {
            self.unsignedCount = unsignedCount
            self.unsignedSince = unsignedSince
        }
        return entries
    }

    /// Signs the head now if any entry is unsigned, and returns the checkpoint.
    @discardableResult
    public func checkpoint() async throws -> AuditCheckpoint? {
        try await oneWriterAtATime { try await signHead() }
    }

    private func signHead() async throws -> AuditCheckpoint? {
        guard unsignedCount > 0 else { return nil }
        let checkpoint = try sign(chain, at: try timestamp())
        try await sink.append([], checkpoint: checkpoint)
        unsignedCount = 0
        unsignedSince = nil
        try await tellWitnesses(checkpoint)
        return checkpoint
    }

    /// Signs the head if the oldest unsigned entry has waited ``Configuration/checkpointInterval``;
    /// call it from a timer so a quiet log is still signed on time.
    @discardableResult
    public func checkpointIfDue() async throws -> AuditCheckpoint? {
        try await oneWriterAtATime {
            guard isOverdue(unsignedSince, now: try timestamp()) else { return nil }
            return try await signHead()
        }
    }

    /// Runs appends one at a time, in arrival order. The actor alone does not: it is re-entered
    /// while the sink writes, and two appends computed from the same head would give two entries
    /// the same sequence number (a forked chain that verification rejects).
    private func oneWriterAtATime<Result>(_ body: () async throws -> Result) async throws -> Result {
        if writing {
            await withCheckedContinuation { waiting.append($0) }
        }
        writing = true
        defer {
            // Hand over to the next writer directly, so no newcomer slips in between.
            if waiting.isEmpty { writing = false } else { waiting.removeFirst().resume() }
        }
        return try await body()
    }

    private func isOverdue(_ since: Int64?, now: Int64) -> Bool {
        guard let since else { return false }
        let (seconds, attoseconds) = configuration.checkpointInterval.components
        let interval = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return now - since >= interval
    }

    /// The clock in milliseconds, never going backwards within a log (a clock stepped back would
    /// otherwise make later entries look older than earlier ones). A clock stepped back further
    /// than the tolerance is refused rather than papered over: the entry would carry a time more
    /// than an hour ahead of the clock that wrote it.
    private func timestamp() throws(AuditError) -> Int64 {
        let now = clock.now
        let milliseconds = AuditTime.milliseconds(now)
        guard lastTimestamp <= milliseconds + AuditTime.futureToleranceMilliseconds else {
            throw .timeInTheFuture(time: AuditTime.date(lastTimestamp), clock: now)
        }
        lastTimestamp = max(lastTimestamp, milliseconds)
        return lastTimestamp
    }

    private func sign(_ chain: AuditChain, at timestamp: Int64) throws -> AuditCheckpoint {
        let signature = try signingKey.signature(for: chain.checkpointMessage(timestamp: timestamp))
        return AuditCheckpoint(
            sequence: chain.sequence, head: chain.head, timestamp: timestamp, signature: signature.rawRepresentation)
    }

    private func tellWitnesses(_ checkpoint: AuditCheckpoint) async throws {
        for witness in witnesses {
            try await witness.witness(checkpoint, logID: logID)
        }
    }
}

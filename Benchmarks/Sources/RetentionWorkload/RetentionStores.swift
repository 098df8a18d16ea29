import CallVaultCore
import CallVaultCrypto
public import CallVaultRetention
public import CallVaultTestKit
import Foundation
import Logging

/// An in-memory store holding `count` recordings of the mix, each with its schedule, and six
/// legal holds; the clock stands at ``RecordingMix/now``, when about half of them are due.
///
/// The holds: two customers, one agent, three days of calls, every collections complaint, and a
/// list of one recording in a hundred (1 to 2 % of the due recordings are held). Building a
/// million-recording store takes about 13 s and 1.9 GB; nothing here is measured except
/// ``schedulingTime``.
public final class PopulatedStore: Sendable {
    /// The store.
    public let store: InMemoryRetentionStore
    /// The clock sweeps judge dueness by.
    public let clock: ManualWallClock
    /// The recordings stored.
    public let count: Int
    /// How long computing the `count` schedules took on one core (the only timed part).
    public let schedulingTime: Duration
    /// Names for the rules certificates cite.
    public let ruleNames: [RetentionRuleID: String]

    private init(
        store: InMemoryRetentionStore, clock: ManualWallClock, count: Int, schedulingTime: Duration,
        ruleNames: [RetentionRuleID: String]
    ) {
        self.store = store
        self.clock = clock
        self.count = count
        self.schedulingTime = schedulingTime
        self.ruleNames = ruleNames
    }

    /// Generates, schedules and stores `count` recordings of the mix.
    public static func build(count: Int, seed: UInt64 = 0x5EED_CA11_7A0E) async throws -> PopulatedStore {
        let scheduler = try RecordingMix.scheduler()
        var mix = try RecordingMix(seed: seed)
        let store = InMemoryRetentionStore()
        let chunk = 50_000
        var first: [RecordingRetentionAttributes] = []
        var schedulingTime = Duration.zero
        let clock = ContinuousClock()
        var stored = 0
        while stored < count {
            let attributes = mix.next(min(chunk, count - stored))
            var schedules: [RetentionSchedule] = []
            schedules.reserveCapacity(attributes.count)
            schedulingTime += try clock.measure {
                for recording in attributes { schedules.append(try scheduler.schedule(for: recording)) }
            }
            try await store.save(zip(attributes, schedules).map { RetentionRecord(attributes: $0, schedule: $1) })
            if first.isEmpty { first = attributes }
            stored += attributes.count
        }
        try await placeHolds(on: first, in: store, stride: 100)
        return PopulatedStore(
            store: store, clock: ManualWallClock(RecordingMix.now), count: count, schedulingTime: schedulingTime,
            ruleNames: scheduler.ruleNames)
    }

    /// Places the six holds; the list names every `stride`-th recording of `recordings`.
    static func placeHolds(on recordings: [RecordingRetentionAttributes], in store: InMemoryRetentionStore, stride: Int)
        async throws
    {
        guard let sample = recordings.first else { return }
        let last = recordings[recordings.count - 1]
        let windowStart = RecordingMix.now.addingTimeInterval(-4 * 365.25 * 86_400)
        let scopes: [LegalHoldScope] = [
            .customer(sample.customerID ?? "C-0"),
            .customer(last.customerID ?? "C-1"),
            .agent(sample.agentID ?? "A-0"),
            .timeWindow(from: windowStart, until: windowStart.addingTimeInterval(3 * 86_400)),
            .query(RetentionQuery(queues: ["collections"], tags: ["complaint"])),
            .recordings(
                Set(Swift.stride(from: 0, to: recordings.count, by: stride).map { recordings[$0].recordingID })),
        ]
        for (index, scope) in scopes.enumerated() {
            try await store.save(
                LegalHold(
                    id: LegalHoldID("hold-\(index)"), matter: "Matter \(index)", reason: "benchmark",
                    placedBy: "legal.alice", placedAt: RecordingMix.now.addingTimeInterval(-86_400), scope: scope),
                replacing: nil)
        }
    }

    /// A sweeper over the store (used here for `plan()`), signing with a fresh key.
    public func sweeper(configuration: RetentionSweeper.Configuration = .init()) throws -> RetentionSweeper {
        RetentionSweeper(
            store: store, shredder: InMemoryRecordingShredder(), audit: InMemoryRetentionAuditLog(),
            signingKey: try SigningKey.generate(), identity: "sweeper@bench", clock: clock, ruleNames: ruleNames,
            configuration: configuration, logger: .quiet)
    }
}

/// Recordings that are all due, and a fresh store, shredder and audit log of them for each sweep,
/// so every timed sweep deletes the same `count` recordings (less the 1 % a hold keeps) from scratch.
public final class SweepWorkload: Sendable {
    /// Recordings in each fresh store.
    public let count: Int
    /// How many of them a sweep deletes (the rest are held).
    public let expectedDeletions: Int
    /// The canonical bytes of a typical deletion certificate: what the sweeper signs per recording.
    public let certificatePayload: [UInt8]

    private let records: [RetentionRecord]
    private let holdsSource: [RecordingRetentionAttributes]
    private let ruleNames: [RetentionRuleID: String]
    private let signingKey: SigningKey

    /// Draws `count` recordings due at ``RecordingMix/now`` from the mix (started up to twenty
    /// years before it).
    public init(count: Int, seed: UInt64 = 0xDE1E_7E) async throws {
        let scheduler = try RecordingMix.scheduler()
        var mix = try RecordingMix(seed: seed)
        mix.history = 20 * 365.25 * 86_400
        var records: [RetentionRecord] = []
        records.reserveCapacity(count)
        while records.count < count {
            let recording = mix.next()
            let record = RetentionRecord(attributes: recording, schedule: try scheduler.schedule(for: recording))
            if let dueAt = record.dueAt, dueAt <= RecordingMix.now { records.append(record) }
        }
        self.records = records
        self.count = count
        self.holdsSource = records.map(\.attributes)
        let ruleNames = scheduler.ruleNames
        self.ruleNames = ruleNames
        self.signingKey = try SigningKey.generate()

        // How many the holds leave, and what one certificate looks like.
        let probe = InMemoryRetentionStore()
        try await PopulatedStore.placeHolds(on: holdsSource, in: probe, stride: 100)
        let holds = try await probe.activeHolds()
        expectedDeletions = records.filter { $0.deletionRefusal(at: RecordingMix.now, holds: holds) == nil }.count
        let sample = records[0]
        let journal = DeletionJournalEntry(startedAt: RecordingMix.now, cause: sample.dueDeletionCause)
        let certificate = DeletionCertificate(
            record: sample, journal: journal, sweeper: "sweeper@bench",
            ruleName: sample.schedule.deletionRule.flatMap { ruleNames[$0] })
        certificatePayload = try SignedDocument.canonicalBytes(of: certificate)
    }

    /// A sweeper over a fresh store of the recordings (not timed: build it before the clock starts).
    public func prepare(concurrency: Int? = nil) async throws -> PreparedSweep {
        let store = InMemoryRetentionStore()
        try await store.save(records)
        try await PopulatedStore.placeHolds(on: holdsSource, in: store, stride: 100)
        let shredder = InMemoryRecordingShredder()
        shredder.store(records.map(\.recordingID))
        let configuration = concurrency.map { RetentionSweeper.Configuration(concurrency: $0) } ?? .init()
        let sweeper = RetentionSweeper(
            store: store, shredder: shredder, audit: InMemoryRetentionAuditLog(), signingKey: signingKey,
            identity: "sweeper@bench", clock: ManualWallClock(RecordingMix.now), ruleNames: ruleNames,
            configuration: configuration, logger: .quiet)
        return PreparedSweep(sweeper: sweeper, expected: expectedDeletions)
    }

    /// Runs `rounds` sweeps, each of a fresh store, and signs as many certificate payloads with raw
    /// libsodium after each (before, in odd rounds); returns the total time of each side.
    public func measureAgainstRawSigning(rounds: Int, concurrency: Int? = nil) async throws -> (
        sweep: Duration, raw: Duration
    ) {
        let signer = RawSigner(message: certificatePayload)
        let clock = ContinuousClock()
        var sweep = Duration.zero
        var raw = Duration.zero
        for round in 0..<rounds {
            let prepared = try await prepare(concurrency: concurrency)
            if round % 2 == 1 { raw += clock.measure { signer.sign(times: expectedDeletions) } }
            let start = clock.now
            try await prepared.run()
            sweep += clock.now - start
            if round % 2 == 0 { raw += clock.measure { signer.sign(times: expectedDeletions) } }
        }
        return (sweep, raw)
    }
}

/// A sweeper over a fresh store, ready to run once.
public struct PreparedSweep: Sendable {
    /// The sweeper.
    public let sweeper: RetentionSweeper
    let expected: Int

    /// Sweeps, and checks every due, unheld recording was deleted and none failed.
    public func run() async throws {
        let report = try await sweeper.sweep()
        guard report.deleted.count == expected, report.failures.isEmpty else {
            throw WorkloadError.sweepIncomplete(report.summary, expected: expected)
        }
    }
}

/// A workload that did not do its job: its figures would be meaningless.
public enum WorkloadError: Error, CustomStringConvertible {
    /// A sweep deleted fewer recordings than were due, or some failed.
    case sweepIncomplete(String, expected: Int)

    /// What went wrong.
    public var description: String {
        switch self {
        case .sweepIncomplete(let summary, let expected): "expected \(expected) deletions; \(summary)"
        }
    }
}

extension Logger {
    /// A logger that discards everything: the sweeper's default logger prints to standard output.
    static let quiet = Logger(label: "callvault.benchmarks", factory: { _ in SwiftLogNoOpLogHandler() })
}

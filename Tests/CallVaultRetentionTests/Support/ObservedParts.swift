import CallVaultCore
import CallVaultRetention
import CallVaultTestKit
import Foundation

/// What the sweeper asked of the store and shredder, recorded by ``ObservedStore`` and
/// ``ObservedShredder`` as it happened, so tests can check order and repetition across crashes.
final class DeletionLedger: Sendable {
    struct State {
        /// Every `beginDeletions` call's ids, in call order.
        var beginCalls: [[RecordingID]] = []
        /// Recordings a store reported as begun (journaled).
        var journaled = Set<RecordingID>()
        /// Every distinct certificate file offered to `completeDeletions`, per recording, crashed calls included.
        var certificatesOffered: [RecordingID: Set<String>] = [:]
        /// Shredder calls in order: the recording and the step.
        var shredderCalls: [(RecordingID, ShredderStep)] = []
        /// Recordings whose keys the shredder was asked to destroy before the store journaled them.
        var shreddedBeforeJournal = Set<RecordingID>()
    }

    /// A shredder step.
    enum ShredderStep: Equatable {
        case keys
        case content
    }

    let state = LockedState(State())

    var beginCalls: [[RecordingID]] { state.withLock { $0.beginCalls } }
    var journaled: Set<RecordingID> { state.withLock { $0.journaled } }
    var certificatesOffered: [RecordingID: Set<String>] { state.withLock { $0.certificatesOffered } }
    var shredderCalls: [(RecordingID, ShredderStep)] { state.withLock { $0.shredderCalls } }
    var shreddedBeforeJournal: Set<RecordingID> { state.withLock { $0.shreddedBeforeJournal } }
}

/// A ``RetentionStore`` that forwards to another and records the deletions asked of it in a
/// ``DeletionLedger``; a test can also run code just before the next `beginDeletions`, to change
/// the world between a sweeper's page read and its transaction.
final class ObservedStore: RetentionStore {
    let inner: any RetentionStore
    let ledger: DeletionLedger
    private let beforeBegin = LockedState<(@Sendable () async throws -> Void)?>(nil)

    init(_ inner: any RetentionStore, ledger: DeletionLedger) {
        self.inner = inner
        self.ledger = ledger
    }

    /// Runs `action` once, just before the next `beginDeletions` reaches the inner store.
    func beforeNextBeginDeletions(_ action: @escaping @Sendable () async throws -> Void) {
        beforeBegin.withLock { $0 = action }
    }

    func save(_ records: [RetentionRecord]) async throws { try await inner.save(records) }

    func record(_ id: RecordingID) async throws -> RetentionRecord? { try await inner.record(id) }

    func records(ofCustomer customerID: String) async throws -> [RetentionRecord] {
        try await inner.records(ofCustomer: customerID)
    }

    func dueRecords(at now: Date, after cursor: DueCursor?, limit: Int) async throws -> [RetentionRecord] {
        try await inner.dueRecords(at: now, after: cursor, limit: limit)
    }

    func deletionsInProgress(limit: Int) async throws -> [RetentionRecord] {
        try await inner.deletionsInProgress(limit: limit)
    }

    func beginDeletions(_ ids: [RecordingID], at now: Date) async throws -> [DeletionStart] {
        let action = beforeBegin.withLock { action in
            defer { action = nil }
            return action
        }
        try await action?()
        ledger.state.withLock { $0.beginCalls.append(ids) }
        let starts = try await inner.beginDeletions(ids, at: now)
        ledger.state.withLock { state in
            for case .proceed(let record) in starts { state.journaled.insert(record.recordingID) }
        }
        return starts
    }

    func completeDeletions(_ tombstones: [Tombstone]) async throws {
        ledger.state.withLock { state in
            for tombstone in tombstones {
                state.certificatesOffered[tombstone.recordingID, default: []].insert(tombstone.certificate)
            }
        }
        try await inner.completeDeletions(tombstones)
    }

    func tombstone(_ id: RecordingID) async throws -> Tombstone? { try await inner.tombstone(id) }

    func save(_ hold: LegalHold, replacing previous: LegalHold?) async throws {
        try await inner.save(hold, replacing: previous)
    }

    func hold(_ id: LegalHoldID) async throws -> LegalHold? { try await inner.hold(id) }

    func activeHolds() async throws -> [LegalHold] { try await inner.activeHolds() }
}

/// The error of a shredder whose key service is down.
struct KeyServiceOutage: Error, CustomStringConvertible {
    let recordingID: RecordingID
    var description: String { "key service unavailable for \(recordingID)" }
}

/// A ``RecordingShredder`` that forwards to another, records each call in a ``DeletionLedger``
/// (noting keys destroyed before the store journaled the deletion), and fails on demand for chosen
/// recordings, as a key service outage would.
final class ObservedShredder: RecordingShredder {
    let inner: any RecordingShredder
    let ledger: DeletionLedger
    private let failing = LockedState(Set<RecordingID>())

    init(_ inner: any RecordingShredder, ledger: DeletionLedger) {
        self.inner = inner
        self.ledger = ledger
    }

    /// Makes key shredding fail for these recordings until ``recover()``.
    func fail(for ids: Set<RecordingID>) { failing.withLock { $0 = ids } }

    /// Makes every call succeed again.
    func recover() { failing.withLock { $0 = [] } }

    func shredKeys(of recording: RecordingID) async throws {
        ledger.state.withLock { state in
            state.shredderCalls.append((recording, .keys))
            if !state.journaled.contains(recording) { state.shreddedBeforeJournal.insert(recording) }
        }
        if failing.withLock({ $0.contains(recording) }) { throw KeyServiceOutage(recordingID: recording) }
        try await inner.shredKeys(of: recording)
    }

    func deleteContent(of recording: RecordingID) async throws {
        ledger.state.withLock { $0.shredderCalls.append((recording, .content)) }
        try await inner.deleteContent(of: recording)
    }
}

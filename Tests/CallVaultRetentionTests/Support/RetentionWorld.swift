import CallVaultCore
import CallVaultCrypto
import CallVaultRetention
import CallVaultTestKit
import Foundation
import Logging

/// Dates, identifiers and calendar arithmetic the sweeper, erasure and property tests share.
///
/// The arithmetic here uses Foundation's `Calendar` in UTC, not the library's own civil-time code,
/// so a test that compares a deletion time with "five years after the call" checks the library
/// against an independent count.
enum Fixture {
    /// Reads `2026-01-05T09:00:00Z` (or with fractional seconds).
    static func date(_ text: String) throws -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions =
            text.contains(".") ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        guard let date = formatter.date(from: text) else { throw FixtureError.badDate(text) }
        return date
    }

    /// The UTC Gregorian calendar.
    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        return calendar
    }()

    /// `date` plus whole years, months and days in the UTC calendar. Foundation clamps 29 February
    /// plus a year to 28 February, a day earlier than the library's minimums round, so a deletion
    /// time at or after this is a lower bound the library must respect.
    static func adding(years: Int = 0, months: Int = 0, days: Int = 0, to date: Date) -> Date {
        let components = DateComponents(year: years, month: months, day: days)
        return utc.date(byAdding: components, to: date) ?? date
    }

    /// A recording id whose text form ends in `number`, so failures name recordings readably.
    static func recordingID(_ number: Int) -> RecordingID {
        let digits = String(number)
        let text = "00000000-0000-4000-8000-" + String(repeating: "0", count: max(0, 12 - digits.count)) + digits
        return RecordingID(parsing: text) ?? RecordingID()
    }

    /// A key commitment of 32 bytes derived from `number`.
    static func keyCommitment(_ number: Int) -> [UInt8] {
        (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ number) }
    }

    /// The lower-case hexadecimal form, written here independently of the library.
    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }

    /// The attributes of one call that ended at `endedAt` after `minutes` minutes.
    static func call(
        _ number: Int, endedAt: Date, minutes: Double = 5, places: [String] = ["FR"], regimes: [RetentionRuleID] = [],
        purposes: Set<Purpose> = [], tags: Set<String> = [], queue: String? = nil, customer: String? = nil,
        agent: String? = nil, cardData: Bool = false
    ) throws -> RecordingRetentionAttributes {
        RecordingRetentionAttributes(
            recordingID: recordingID(number), startedAt: endedAt.addingTimeInterval(-minutes * 60), endedAt: endedAt,
            jurisdictions: try places.map { try Jurisdiction(parsing: $0) }, declaredRegimes: regimes,
            purposes: purposes,
            tags: tags, queue: queue, customerID: customer, agentID: agent,
            cardDataRanges: cardData ? [CardDataRange(start: .seconds(30), end: .seconds(45))] : [],
            keyCommitment: keyCommitment(number))
    }
}

/// A fixture that could not be built.
enum FixtureError: Error, CustomStringConvertible {
    case badDate(String)
    case missing(String)

    var description: String {
        switch self {
        case .badDate(let text): "not an ISO 8601 date: \(text)"
        case .missing(let what): "missing: \(what)"
        }
    }
}

/// One retention engine over the test kit's in-memory parts, with a manual clock, a fault plan
/// shared by the store, shredder and audit log, and observing wrappers that record what the
/// sweeper asked of them (see ``DeletionLedger``).
final class RetentionWorld: Sendable {
    let faults = FaultPlan()
    let ledger = DeletionLedger()
    let memoryStore: InMemoryRetentionStore
    let memoryShredder: InMemoryRecordingShredder
    let audit: InMemoryRetentionAuditLog
    /// The store every engine part is given: the in-memory store, observed.
    let store: ObservedStore
    /// The shredder the sweeper is given: the in-memory shredder, observed, able to fail on demand.
    let shredder: ObservedShredder
    let clock: ManualWallClock
    let key: SigningKey
    let scheduler: RetentionScheduler
    let ruleNames: [RetentionRuleID: String]

    /// A logger that drops everything: the failures tests provoke on purpose would flood the output.
    static let quietLogger = Logger(label: "callvault.retention.tests", factory: { _ in SwiftLogNoOpLogHandler() })

    /// The officers who may place and release holds.
    static let officers: Set<PrincipalID> = ["legal.alice", "legal.bob"]

    init(now: Date, key: SigningKey? = nil, policies: RetentionPolicySet = .none) throws {
        memoryStore = InMemoryRetentionStore(faults: faults)
        memoryShredder = InMemoryRecordingShredder(faults: faults)
        audit = InMemoryRetentionAuditLog(faults: faults)
        store = ObservedStore(memoryStore, ledger: ledger)
        shredder = ObservedShredder(memoryShredder, ledger: ledger)
        clock = ManualWallClock(now)
        self.key = try key ?? SigningKey.generate()
        scheduler = try RetentionScheduler(catalog: try RetentionCatalog.bundled, policies: policies)
        ruleNames = scheduler.ruleNames
    }

    /// A sweeper over this world, named `identity` in certificates.
    func sweeper(
        batchSize: Int = 500, concurrency: Int = 2, identity: PrincipalID = "sweeper@recorder-7",
        store: (any RetentionStore)? = nil, shredder: (any RecordingShredder)? = nil
    ) -> RetentionSweeper {
        RetentionSweeper(
            store: store ?? self.store, shredder: shredder ?? self.shredder, audit: audit, signingKey: key,
            identity: identity, clock: clock, ruleNames: ruleNames,
            configuration: RetentionSweeper.Configuration(batchSize: batchSize, concurrency: concurrency),
            logger: Self.quietLogger)
    }

    /// A hold registry whose officers are ``officers``.
    func registry() -> LegalHoldRegistry {
        LegalHoldRegistry(store: store, authoriser: LegalHoldOfficers(Self.officers), audit: audit, clock: clock)
    }

    /// An erasure handler deleting through `sweeper`.
    func erasureHandler(_ sweeper: RetentionSweeper) -> ErasureRequestHandler {
        ErasureRequestHandler(store: store, sweeper: sweeper, audit: audit, clock: clock)
    }

    /// Schedules the recordings, gives the shredder their keys and content, and saves their records.
    @discardableResult
    func add(_ recordings: [RecordingRetentionAttributes]) async throws -> [RetentionRecord] {
        let records = try recordings.map { RetentionRecord(attributes: $0, schedule: try scheduler.schedule(for: $0)) }
        memoryShredder.store(recordings.map(\.recordingID))
        try await store.save(records)
        return records
    }

    /// The verified certificate of a deleted recording.
    func certificate(of id: RecordingID) async throws -> DeletionCertificate {
        guard let tombstone = memoryStore.tombstones.first(where: { $0.recordingID == id }) else {
            throw FixtureError.missing("tombstone of \(id)")
        }
        return try SignedDocument<DeletionCertificate>(fileContents: tombstone.certificate).verified(
            by: key.verifyingKey)
    }

    /// The ids of every deleted recording.
    var deletedIDs: Set<RecordingID> { Set(memoryStore.tombstones.map(\.recordingID)) }

    /// The tombstones by recording.
    var tombstonesByID: [RecordingID: Tombstone] {
        Dictionary(memoryStore.tombstones.map { ($0.recordingID, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Recording-deleted audit events after dropping repeats, counted per recording.
    var deletionEventsPerRecording: [RecordingID: Int] {
        var counts: [RecordingID: Int] = [:]
        for event in audit.distinctEvents where event.action == .recordingDeleted {
            if let id = event.recordingID { counts[id, default: 0] += 1 }
        }
        return counts
    }
}

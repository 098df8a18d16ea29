import CallVaultCore
import CallVaultCrypto
import CallVaultRetention
import CallVaultTestKit
import Foundation

/// Plays one ``RetentionHistory`` against a fresh ``RetentionWorld`` and checks, after every step,
/// what the retention engine promises. The checks use the test's own record of each recording
/// (its schedule as saved, an independently counted legal minimum) and of the holds (the store's
/// holds before the step, with coverage worked out here), never the engine's own verdicts.
final class HistoryRunner {
    /// Where a recording stands.
    enum Phase: Equatable {
        case live
        case inProgress(Date)
        case deleted(Date)
    }

    struct Tracked {
        let number: Int
        var record: RetentionRecord
        /// The longest legal minimum, counted with Foundation's calendar from the catalog's periods.
        let legalFloor: Date
        var phase: Phase = .live
        var erasureMarked = false

        var attributes: RecordingRetentionAttributes { record.attributes }

        /// When the recording may be deleted, under an erasure mark or not.
        func dueAt(erased: Bool) -> Date? {
            let lock = record.schedule.writeOnceUntil ?? .distantPast
            if erased { return max(record.schedule.legalKeepUntil, lock) }
            return record.schedule.deleteAt.map { max($0, lock) }
        }
    }

    let history: RetentionHistory
    let world: RetentionWorld
    let sweeper: RetentionSweeper
    let registry: LegalHoldRegistry
    let handler: ErasureRequestHandler
    let policies: [RetentionPolicy]
    /// Schedulers for the original policies and their revision.
    let schedulers: [RetentionScheduler]
    let catalog: RetentionCatalog
    static let identity: PrincipalID = "sweeper@property"

    private(set) var violations: [String] = []
    private var tracked: [RecordingID: Tracked] = [:]
    private var order: [RecordingID] = []
    private var nextNumber = 0
    /// Holds the store had active before the current step.
    private var activeHolds: [LegalHold] = []
    /// The first request id per customer, and customers that have asked for erasure so far.
    private var firstRequest: [String: String] = [:]
    private var erasureAsked = Set<String>()
    private(set) var crashes = 0
    private(set) var deletions = 0
    /// Deletions a crash left begun but unfinished, which a later step had to finish.
    private(set) var interrupted = 0
    var recordingCount: Int { order.count }

    init(_ history: RetentionHistory, key: SigningKey, start: Date) throws {
        self.history = history
        policies = try history.policies.enumerated().map { try $0.element.policy(index: $0.offset) }
        world = try RetentionWorld(
            now: start, key: key, policies: try RetentionPolicySet(version: "history", policies: policies))
        catalog = try RetentionCatalog.bundled
        let revised = try history.policies.enumerated().map { try $0.element.revised.policy(index: $0.offset) }
        schedulers = [
            world.scheduler,
            try RetentionScheduler(
                catalog: catalog, policies: try RetentionPolicySet(version: "history-revised", policies: revised)),
        ]
        sweeper = world.sweeper(batchSize: history.batchSize, concurrency: history.concurrency, identity: Self.identity)
        registry = world.registry()
        handler = world.erasureHandler(sweeper)
    }

    func violation(_ step: Int, _ text: String) {
        if violations.count < 20 { violations.append("step \(step): \(text)") }
    }

    /// Plays the history, then a final jump one interval past every deletion time and a sweep
    /// with no crash, and checks the end state.
    func run() async {
        await perform(.record(history.initial), crashAt: nil, index: -1)
        for (index, planned) in history.steps.enumerated() {
            await perform(planned.step, crashAt: planned.crashAt, index: index)
        }
        let interval = Double(history.intervalDays) * 86_400
        var horizon = world.clock.now
        for entry in tracked.values where !entry.phase.isDeleted {
            let schedule = entry.record.schedule
            for date in [schedule.deleteBy, schedule.deleteAt, schedule.writeOnceUntil, entry.dueAt(erased: true)] {
                if let date { horizon = max(horizon, date) }
            }
        }
        let finalJump = horizon.addingTimeInterval(interval).timeIntervalSince(world.clock.now)
        await perform(.jump(seconds: finalJump), crashAt: nil, index: history.steps.count)
        await checkEnd(interval: interval)
    }

    private func perform(_ step: HistoryStep, crashAt: Int?, index: Int) async {
        if case .jump(let seconds) = step {
            world.clock.advance(by: .milliseconds(Int64((seconds * 1000).rounded())))
        }
        let now = world.clock.now
        if let crashAt { world.faults.crash(atOperation: crashAt) }
        var created: [(Int, RetentionRecord)] = []
        var erasure: (customer: String, before: Set<RecordingID>, report: ErasureReport?)?
        do {
            switch step {
            case .record(let drafts):
                created = try await record(drafts, now: now)
            case .placeHold(let draft):
                try await placeHold(draft, now: now, index: index)
            case .releaseHold(let choice, let requesterTriesFirst):
                try await releaseHold(choice, requesterTriesFirst: requesterTriesFirst, index: index)
            case .requestRelease(let choice):
                let active = try await world.store.activeHolds().sorted { $0.id.rawValue < $1.id.rawValue }
                if !active.isEmpty, active[choice % active.count].releaseRequest == nil {
                    try await registry.requestRelease(
                        active[choice % active.count].id, by: "legal.bob", reason: "not needed")
                }
            case .erasure(let number, let repeatFirst):
                let customer = "C\(number)"
                let id = repeatFirst ? firstRequest[customer] ?? "E-\(index)" : "E-\(index)"
                if firstRequest[customer] == nil { firstRequest[customer] = id }
                erasureAsked.insert(customer)
                let before = Set(
                    order.filter {
                        tracked[$0]?.attributes.customerID == customer && tracked[$0]?.phase.isDeleted == false
                    })
                erasure = (customer, before, nil)
                let request = try ErasureRequest(id: id, customerID: customer, receivedAt: now, handledBy: "dpo")
                let report = try await handler.handle(request)
                erasure?.report = report
                checkReported(report.erased.map(\.recordingID), index: index)
            case .reschedule(let version, let picks):
                let live = order.filter { tracked[$0]?.phase == .live }
                guard !live.isEmpty else { break }
                var records: [RetentionRecord] = []
                for id in Set(picks.map { live[$0 % live.count] }).sorted() {
                    guard var record = try await world.store.record(id) else { continue }
                    record.schedule = try schedulers[version % 2].recompute(record.schedule, for: record.attributes)
                    records.append(record)
                }
                try await world.store.save(records)
            case .jump:
                let report = try await sweeper.sweep()
                if !report.failures.isEmpty, !world.faults.hasCrashed {
                    violation(index, "sweep failures without a crash: \(report.failures)")
                }
                checkReported(report.deleted, index: index)
            }
        } catch {
            if !world.faults.hasCrashed { violation(index, "\(step) threw without a crash: \(error)") }
        }
        let crashed = world.faults.hasCrashed
        if crashed { crashes += 1 }
        world.faults.restart()
        do {
            for (number, record) in created where try await world.memoryStore.record(record.recordingID) != nil {
                tracked[record.recordingID] = Tracked(
                    number: number, record: record, legalFloor: legalFloor(of: record.attributes))
                order.append(record.recordingID)
            }
            try await observe(step, index: index, now: now, crashed: crashed, erasure: erasure)
        } catch {
            violation(index, "observing the store failed: \(error)")
        }
    }

    private func record(_ drafts: [RecordingDraft], now: Date) async throws -> [(Int, RetentionRecord)] {
        var made: [(Int, RecordingRetentionAttributes)] = []
        for draft in drafts {
            nextNumber += 1
            let ended = now.addingTimeInterval(-draft.age)
            made.append(
                (
                    nextNumber,
                    RecordingRetentionAttributes(
                        recordingID: Fixture.recordingID(nextNumber),
                        startedAt: ended.addingTimeInterval(-draft.duration),
                        endedAt: ended,
                        jurisdictions: draft.places.map { (try? Jurisdiction(parsing: $0)) ?? .unknown },
                        declaredRegimes: draft.regimes, purposes: draft.purposes, tags: draft.tags, queue: draft.queue,
                        customerID: "C\(draft.customer)", agentID: "A\(draft.agent)",
                        cardDataRanges: draft.cardData ? [CardDataRange(start: .seconds(10), end: .seconds(20))] : [],
                        keyCommitment: Fixture.keyCommitment(nextNumber))
                ))
        }
        let records = try made.map { number, attributes in
            (number, RetentionRecord(attributes: attributes, schedule: try world.scheduler.schedule(for: attributes)))
        }
        world.memoryShredder.store(records.map(\.1.recordingID))
        try await world.store.save(records.map(\.1))
        return records
    }

    private func placeHold(_ draft: HoldScopeDraft, now: Date, index: Int) async throws {
        let scope: LegalHoldScope
        switch draft {
        case .customer(let number): scope = .customer("C\(number)")
        case .agent(let number): scope = .agent("A\(number)")
        case .recordings(let picks):
            scope = .recordings(Set(order.isEmpty ? [] : picks.map { order[$0 % order.count] }))
        case .window(let before, let length):
            let from = now.addingTimeInterval(-before)
            scope = .timeWindow(from: from, until: from.addingTimeInterval(length))
        case .vipQuery: scope = .query(RetentionQuery(tags: ["vip"]))
        }
        try await registry.place(
            id: LegalHoldID("hold-\(index)"), matter: "Matter \(index)", reason: "random history", scope: scope,
            by: index % 2 == 0 ? "legal.alice" : "legal.bob")
    }

    private func releaseHold(_ choice: Int, requesterTriesFirst: Bool, index: Int) async throws {
        let active = try await world.store.activeHolds().sorted { $0.id.rawValue < $1.id.rawValue }
        guard !active.isEmpty else { return }
        var hold = active[choice % active.count]
        if hold.releaseRequest == nil {
            hold = try await registry.requestRelease(hold.id, by: "legal.alice", reason: "matter closed")
        }
        let requester = hold.releaseRequest?.requestedBy ?? "legal.alice"
        if requesterTriesFirst {
            do {
                try await registry.approveRelease(hold.id, by: requester)
                violation(index, "\(requester) approved their own release of \(hold.id)")
            } catch LegalHoldError.approverIsRequester {
                // Expected: dual control.
            }
        }
        try await registry.approveRelease(hold.id, by: requester == "legal.alice" ? "legal.bob" : "legal.alice")
    }

    /// The independent lower bound: every legal minimum that reaches the recording, counted with
    /// Foundation's calendar (declared law regimes, jurisdiction law regimes with a minimum, and
    /// host policies marked as legal obligations).
    func legalFloor(of attributes: RecordingRetentionAttributes) -> Date {
        var periods: [RetentionPeriod] = []
        for id in attributes.declaredRegimes {
            guard let regime = catalog.regime(id), regime.binding == .law, let minimum = regime.minimum,
                regime.applicability == .declared || regime.applicability == .jurisdiction
            else { continue }
            periods.append(minimum)
        }
        for regime in catalog.regimes where regime.applicability == .jurisdiction && regime.binding == .law {
            guard let minimum = regime.minimum, attributes.jurisdictions.contains(where: regime.covers) else {
                continue
            }
            if !regime.purposes.isEmpty, !attributes.purposes.isEmpty,
                regime.purposes.isDisjoint(with: attributes.purposes)
            {
                continue
            }
            periods.append(minimum)
        }
        for policy in policies where policy.isLegalObligation && attributes.tags.contains("fca-request") {
            if let minimum = policy.minimum { periods.append(minimum) }
        }
        return periods.map {
            Fixture.adding(years: $0.years, months: $0.months, days: $0.days, to: attributes.endedAt)
        }.max() ?? attributes.endedAt
    }

    /// Whether a hold covers the recording, worked out here from the scope.
    static func covers(_ hold: LegalHold, _ attributes: RecordingRetentionAttributes) -> Bool {
        switch hold.scope {
        case .recordings(let ids): ids.contains(attributes.recordingID)
        case .customer(let customer): attributes.customerID == customer
        case .agent(let agent): attributes.agentID == agent
        case .timeWindow(let from, let until): attributes.startedAt < until && attributes.endedAt >= from
        case .query(let query): query == RetentionQuery(tags: ["vip"]) && attributes.tags.contains("vip")
        }
    }

    /// The holds that stood at `instant`: active, or released after it.
    private func standingAt(_ instant: Date, _ holds: [LegalHold]) -> [LegalHold] {
        holds.filter { $0.release.map { $0.releasedAt > instant } ?? true }
    }

    private func holding(_ attributes: RecordingRetentionAttributes, in holds: [LegalHold]) -> [LegalHoldID] {
        holds.filter { Self.covers($0, attributes) }.map(\.id)
    }

    private func observe(
        _ step: HistoryStep, index: Int, now: Date, crashed: Bool,
        erasure: (customer: String, before: Set<RecordingID>, report: ErasureReport?)?
    ) async throws {
        let holdsBefore = activeHolds
        let allHolds = world.memoryStore.allHolds
        let holdsAfter = allHolds.filter(\.isActive)
        let tombstones = world.tombstonesByID
        let stated = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        let deletes: Bool
        switch step {
        case .jump, .erasure: deletes = true
        default: deletes = false
        }

        for id in order {
            guard var entry = tracked[id] else { continue }
            let record = tombstones[id] == nil ? try await world.memoryStore.record(id) : nil
            let phase: Phase
            if let tombstone = tombstones[id] {
                phase = .deleted(tombstone.deletedAt)
            } else if let record {
                phase = record.deletion.map { .inProgress($0.startedAt) } ?? .live
                entry.erasureMarked = record.erasure != nil
            } else {
                violation(index, "\(id) vanished without a tombstone")
                continue
            }
            let previous = entry.phase
            switch (previous, phase) {
            case (.live, .live):
                if !world.memoryShredder.hasKeys(id) || !world.memoryShredder.hasContent(id) {
                    violation(index, "\(id) is not being deleted but lost its keys or content")
                }
            case (.live, .inProgress(let startedAt)), (.live, .deleted(let startedAt)):
                let erased: Bool
                if let tombstone = tombstones[id] {
                    if case .erasureRequest = tombstone.cause { erased = true } else { erased = false }
                } else {
                    erased = entry.erasureMarked
                }
                checkDeletionStart(
                    entry, index: index, now: now, stated: stated, startedAt: startedAt, erased: erased,
                    deletes: deletes, holds: holdsBefore, history: allHolds)
            case (.inProgress(let began), .inProgress(let still)):
                if began != still { violation(index, "\(id)'s journal time changed from \(began) to \(still)") }
            case (.inProgress(let began), .deleted(let at)):
                if began != at { violation(index, "\(id) began at \(began) but its tombstone says \(at)") }
            case (.deleted(let at), .deleted(let still)):
                if at != still { violation(index, "\(id)'s tombstone changed") }
            case (.deleted, _), (.inProgress, .live):
                violation(index, "\(id) went back from \(previous) to \(phase)")
            }
            if case .deleted = phase, !previous.isDeleted, let tombstone = tombstones[id] {
                checkCertificate(tombstone, entry: entry, index: index)
                deletions += 1
            }
            if case .inProgress = phase, !(previous.isInProgress) { interrupted += 1 }
            entry.phase = phase
            if let record, record.schedule != entry.record.schedule {
                if record.schedule.legalKeepUntil < entry.record.schedule.legalKeepUntil {
                    violation(
                        index,
                        "\(id)'s legal keep-until shrank from \(entry.record.schedule.legalKeepUntil) to \(record.schedule.legalKeepUntil)"
                    )
                }
                if let lock = entry.record.schedule.writeOnceUntil,
                    (record.schedule.writeOnceUntil ?? .distantPast) < lock
                {
                    violation(index, "\(id)'s write-once lock was lifted early")
                }
                entry.record = record
            }
            tracked[id] = entry
        }

        if !world.ledger.shreddedBeforeJournal.isEmpty {
            violation(index, "keys shredded before their deletion was journaled: \(world.ledger.shreddedBeforeJournal)")
        }
        if !world.memoryShredder.contentDeletedBeforeKeys.isEmpty {
            violation(index, "content deleted before keys: \(world.memoryShredder.contentDeletedBeforeKeys)")
        }

        if !crashed {
            switch step {
            case .jump:
                for id in order {
                    guard let entry = tracked[id] else { continue }
                    if case .inProgress = entry.phase {
                        violation(index, "\(id) still in progress after a clean sweep")
                    }
                    guard entry.phase == .live, let due = entry.dueAt(erased: entry.erasureMarked), due <= stated else {
                        continue
                    }
                    if holding(entry.attributes, in: standingAt(stated, allHolds)).isEmpty {
                        violation(index, "\(id) was due at \(due), unheld, and survived a clean sweep at \(now)")
                    }
                }
            case .erasure:
                if let erasure {
                    checkErasure(erasure, index: index, stated: stated, holds: standingAt(stated, allHolds))
                }
            default:
                break
            }
        }
        for hold in allHolds {
            if let release = hold.release, release.approvedBy == hold.releaseRequest?.requestedBy {
                violation(index, "\(hold.id) released by its own requester")
            }
            if hold.releaseRequest == nil, hold.release != nil {
                violation(index, "\(hold.id) released without a request")
            }
        }
        for hold in holdsBefore where !allHolds.contains(where: { $0.id == hold.id }) {
            violation(index, "\(hold.id) disappeared")
        }
        activeHolds = holdsAfter
    }

    /// A sweep or erasure reports each deletion once, and never one reported before.
    private func checkReported(_ deleted: [RecordingID], index: Int) {
        if Set(deleted).count != deleted.count {
            violation(index, "a recording was reported deleted twice: \(deleted)")
        }
        for id in deleted where tracked[id]?.phase.isDeleted == true {
            violation(index, "\(id) was reported deleted again")
        }
    }

    private func checkDeletionStart(
        _ entry: Tracked, index: Int, now: Date, stated: Date, startedAt: Date, erased: Bool, deletes: Bool,
        holds: [LegalHold], history: [LegalHold]
    ) {
        let id = entry.record.recordingID
        if !deletes { violation(index, "\(id)'s deletion began in a step that deletes nothing") }
        if startedAt != stated { violation(index, "\(id)'s journal says \(startedAt), the step ran at \(now)") }
        let schedule = entry.record.schedule
        guard let due = entry.dueAt(erased: erased) else {
            violation(index, "\(id) was deleted though nothing sets a deletion time")
            return
        }
        if now < due { violation(index, "\(id) deleted at \(now), before it was due at \(due)") }
        if startedAt < due {
            violation(index, "\(id)'s certified deletion time \(startedAt) is before it was due at \(due)")
        }
        let floor = erased ? schedule.legalKeepUntil : schedule.keepUntil
        if startedAt < floor {
            violation(
                index, "\(id) certified deleted at \(startedAt), before \(erased ? "legal " : "")keep-until \(floor)")
        }
        if startedAt < entry.legalFloor {
            violation(index, "\(id) certified deleted at \(startedAt), before its legal minimum \(entry.legalFloor)")
        }
        if let lock = schedule.writeOnceUntil, startedAt < lock {
            violation(index, "\(id) deleted at \(startedAt) while write-once until \(lock)")
        }
        let held = holding(entry.attributes, in: holds)
        if !held.isEmpty { violation(index, "\(id) deleted while held by \(held)") }
        // By the record: no hold covering it was placed at or before the journal's time and released after it.
        let standing = history.filter { hold in
            Self.covers(hold, entry.attributes) && hold.placedAt <= startedAt
                && (hold.release.map { $0.releasedAt > startedAt } ?? true)
        }
        if !standing.isEmpty {
            violation(index, "\(id)'s journal time \(startedAt) falls within holds \(standing.map(\.id))")
        }
        if erased, let customer = entry.attributes.customerID, !erasureAsked.contains(customer) {
            violation(index, "\(id) deleted for an erasure request nobody made")
        }
    }

    private func checkCertificate(_ tombstone: Tombstone, entry: Tracked, index: Int) {
        let id = tombstone.recordingID
        do {
            let certificate = try SignedDocument<DeletionCertificate>(fileContents: tombstone.certificate)
                .verified(by: world.key.verifyingKey)
            if certificate.recordingID != id || certificate.deletedAt != tombstone.deletedAt
                || certificate.cause != tombstone.cause || certificate.sweeper != Self.identity
                || certificate.keyCommitment != Fixture.hex(Fixture.keyCommitment(entry.number))
            {
                violation(index, "\(id)'s certificate does not match its tombstone: \(certificate)")
            }
        } catch {
            violation(index, "\(id)'s certificate does not verify: \(error)")
        }
        if world.memoryShredder.hasKeys(id) || world.memoryShredder.hasContent(id) {
            violation(index, "\(id) has a tombstone but keys or content remain")
        }
    }

    private func checkErasure(
        _ erasure: (customer: String, before: Set<RecordingID>, report: ErasureReport?), index: Int, stated: Date,
        holds: [LegalHold]
    ) {
        guard let report = erasure.report else {
            violation(index, "an erasure request completed without a report")
            return
        }
        let erased = Set(report.erased.map(\.recordingID))
        let restricted = Set(report.restricted.map(\.recordingID))
        if erased.union(restricted) != erasure.before || !erased.isDisjoint(with: restricted) {
            violation(
                index, "erasure for \(erasure.customer) reported \(erased) + \(restricted), had \(erasure.before)")
        }
        let tombstones = world.tombstonesByID
        for item in report.erased where tombstones[item.recordingID]?.certificate != item.certificate {
            violation(index, "the erasure report's certificate for \(item.recordingID) is not its tombstone's")
        }
        for item in report.restricted {
            guard let entry = tracked[item.recordingID] else { continue }
            if entry.phase != .live || !entry.erasureMarked {
                violation(index, "\(item.recordingID) restricted but \(entry.phase), marked \(entry.erasureMarked)")
            }
            let held = !holding(entry.attributes, in: holds).isEmpty
            let activelyHeld = !holding(entry.attributes, in: holds.filter(\.isActive)).isEmpty
            let due = entry.dueAt(erased: true)
            if activelyHeld != (item.until == nil) || (!activelyHeld && item.until != due) {
                violation(
                    index,
                    "\(item.recordingID) restricted until \(String(describing: item.until)), held \(activelyHeld), due \(String(describing: due))"
                )
            }
            if !held, let due, due <= stated { violation(index, "\(item.recordingID) restricted though erasable now") }
            if item.reasons.isEmpty { violation(index, "\(item.recordingID) restricted without a reason") }
        }
    }

    private func checkEnd(interval: Double) async {
        let index = history.steps.count + 1
        let now = world.clock.now
        for id in order {
            guard let entry = tracked[id], entry.phase == .live else { continue }
            let held = !holding(entry.attributes, in: standingAt(now, world.memoryStore.allHolds)).isEmpty
            if let deleteBy = entry.record.schedule.deleteBy, now > deleteBy.addingTimeInterval(interval), !held {
                violation(index, "\(id) outlived delete-by \(deleteBy) by more than an interval, unheld")
            }
            if let due = entry.dueAt(erased: entry.erasureMarked), due <= now, !held {
                violation(index, "\(id) due at \(due) and unheld is still there at the end")
            }
        }
        for (id, certificates) in world.ledger.certificatesOffered where certificates.count > 1 {
            violation(index, "\(id) was offered \(certificates.count) different certificates")
        }
        let deleted = world.deletedIDs
        let events = world.deletionEventsPerRecording
        if Set(events.keys) != deleted || events.values.contains(where: { $0 != 1 }) {
            violation(index, "recording-deleted events \(events.count) for \(deleted.count) deletions")
        }
    }
}

extension HistoryRunner.Phase {
    var isDeleted: Bool {
        if case .deleted = self { return true }
        return false
    }

    var isInProgress: Bool {
        if case .inProgress = self { return true }
        return false
    }
}

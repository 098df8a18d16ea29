import CallVaultCore
import CallVaultRetention
import CallVaultTestKit
import Foundation
import Testing

/// Thirty simulated years on a manual clock: recordings of every kind arrive for five years,
/// holds come and go, a customer asks for erasure, and the sweeper runs every day or week.
@Suite("Sweeper: thirty simulated years")
struct DecadesSimulationTests {
    /// One kind of recording in the population.
    enum Profile: Int, CaseIterable {
        case mifid, cftc, brazil, cnilQuality, frenchMiFIDConflict, practice, unscheduledCanada, unscheduledJapan

        func call(_ number: Int, endedAt: Date, customer: String, agent: String) throws -> RecordingRetentionAttributes
        {
            switch self {
            case .mifid:
                try Fixture.call(
                    number, endedAt: endedAt, places: ["DE"], regimes: ["eu-mifid2-16-7"], customer: customer,
                    agent: agent)
            case .cftc:
                try Fixture.call(
                    number, endedAt: endedAt, places: ["US"], regimes: ["us-cftc-1-35"], customer: customer,
                    agent: agent)
            case .brazil:
                try Fixture.call(
                    number, endedAt: endedAt, places: ["BR"], regimes: ["br-sac-decree-11034"], customer: customer,
                    agent: agent)
            case .cnilQuality:
                try Fixture.call(
                    number, endedAt: endedAt, places: ["FR"], purposes: [.quality], customer: customer, agent: agent)
            case .frenchMiFIDConflict:
                try Fixture.call(
                    number, endedAt: endedAt, places: ["FR"], regimes: ["eu-mifid2-16-7"], purposes: [.quality],
                    customer: customer, agent: agent)
            case .practice:
                try Fixture.call(
                    number, endedAt: endedAt, places: ["GB"], regimes: ["contact-centre-practice"], customer: customer,
                    agent: agent)
            case .unscheduledCanada:
                try Fixture.call(number, endedAt: endedAt, places: ["CA"], customer: customer, agent: agent)
            case .unscheduledJapan:
                try Fixture.call(number, endedAt: endedAt, places: ["JP"], customer: customer, agent: agent)
            }
        }
    }

    /// What the simulation knows of one recording, kept apart from the store.
    struct Known {
        let record: RetentionRecord
        var erasedAt: Date?
        var deletedAt: Date?

        var erased: Bool { erasedAt != nil }

        /// When it may go: the schedule's keep-until, or under erasure the legal part of it; never
        /// before a write-once lock.
        var dueAt: Date? {
            let lock = record.schedule.writeOnceUntil ?? .distantPast
            if erased { return max(record.schedule.legalKeepUntil, lock) }
            return record.schedule.deleteAt.map { max($0, lock) }
        }
    }

    /// A hold as the simulation scripts it.
    struct ScriptedHold {
        let id: LegalHoldID
        let scope: LegalHoldScope
        let placedAt: Date
        let releasedAt: Date?

        func isActive(at time: Date) -> Bool { placedAt <= time && (releasedAt.map { time < $0 } ?? true) }

        /// Coverage, written out here rather than asking the library.
        func covers(_ attributes: RecordingRetentionAttributes) -> Bool {
            switch scope {
            case .recordings(let ids): ids.contains(attributes.recordingID)
            case .customer(let customer): attributes.customerID == customer
            case .agent(let agent): attributes.agentID == agent
            case .timeWindow(let from, let until): attributes.startedAt < until && attributes.endedAt >= from
            case .query: false
            }
        }
    }

    @Test(
        "over 30 years nothing goes early or while held, everything due goes within one interval, unscheduled calls stay",
        arguments: [1, 7])
    func thirtyYears(intervalDays: Int) async throws {
        let start = try Fixture.date("2026-01-01T00:00:00Z")
        let end = Fixture.adding(years: 30, to: start)
        let interval = TimeInterval(intervalDays * 86_400)
        let world = try RetentionWorld(now: start)
        let sweeper = world.sweeper(batchSize: 64, concurrency: 2)
        let registry = world.registry()
        let firstMonthHold = Fixture.recordingID(3)
        let holds = [
            ScriptedHold(
                id: "hold-customer-c2", scope: .customer("C-2"), placedAt: try Fixture.date("2027-01-01T00:00:00Z"),
                releasedAt: try Fixture.date("2029-06-01T00:00:00Z")),
            ScriptedHold(
                id: "hold-agent-a3", scope: .agent("A-3"), placedAt: try Fixture.date("2026-06-01T00:00:00Z"),
                releasedAt: try Fixture.date("2040-01-01T00:00:00Z")),
            ScriptedHold(
                id: "hold-window",
                scope: .timeWindow(
                    from: try Fixture.date("2026-03-01T00:00:00Z"), until: try Fixture.date("2026-04-01T00:00:00Z")),
                placedAt: try Fixture.date("2026-05-15T00:00:00Z"), releasedAt: try Fixture.date("2031-01-01T00:00:00Z")
            ),
            ScriptedHold(
                id: "hold-forever", scope: .recordings([firstMonthHold]),
                placedAt: try Fixture.date("2026-02-01T00:00:00Z"),
                releasedAt: nil),
        ]
        let erasureAt = try Fixture.date("2030-01-01T00:00:00Z")
        var erasureDone = false
        var placed = Set<LegalHoldID>()
        var released = Set<LegalHoldID>()
        var known: [RecordingID: Known] = [:]
        var nextMonth = 0
        var deletions = 0
        var maximumLag: TimeInterval = 0

        func holding(_ attributes: RecordingRetentionAttributes, at time: Date) -> [LegalHoldID] {
            holds.filter { $0.isActive(at: time) && $0.covers(attributes) }.map(\.id)
        }

        var now = start
        while now <= end {
            world.clock.set(to: now)
            // New calls: one of each profile per month for five years, ending at 10:00 on the 1st.
            while nextMonth < 60, Fixture.adding(months: nextMonth, to: start) <= now {
                let ended = Fixture.adding(months: nextMonth, to: start).addingTimeInterval(10 * 3600)
                let calls = try Profile.allCases.map { profile in
                    try profile.call(
                        nextMonth * 10 + profile.rawValue,
                        endedAt: ended.addingTimeInterval(-Double(profile.rawValue) * 60),
                        customer: "C-\(nextMonth % 4 + 1)", agent: "A-\(nextMonth % 5 + 1)")
                }
                for record in try await world.add(calls) { known[record.recordingID] = Known(record: record) }
                nextMonth += 1
            }
            for hold in holds where hold.placedAt <= now && !placed.contains(hold.id) {
                try await registry.place(
                    id: hold.id, matter: "Matter \(hold.id)", reason: "scripted", scope: hold.scope, by: "legal.alice")
                placed.insert(hold.id)
            }
            for hold in holds where (hold.releasedAt.map { $0 <= now } ?? false) && !released.contains(hold.id) {
                try await registry.requestRelease(hold.id, by: "legal.bob", reason: "matter closed")
                try await registry.approveRelease(hold.id, by: "legal.alice")
                released.insert(hold.id)
            }

            var deletedNow: [RecordingID] = []
            if !erasureDone, erasureAt <= now {
                let request = try ErasureRequest(
                    id: "DSR-C1", customerID: "C-1", receivedAt: now, handledBy: "dpo.carla")
                for (id, entry) in known where entry.deletedAt == nil && entry.record.attributes.customerID == "C-1" {
                    known[id]?.erasedAt = now
                }
                let report = try await world.erasureHandler(sweeper).handle(request)
                #expect(report.pending.isEmpty)
                deletedNow += report.erased.map(\.recordingID)
                for restricted in report.restricted {
                    let entry = try #require(known[restricted.recordingID])
                    let held = !holding(entry.record.attributes, at: now).isEmpty
                    #expect(restricted.until == (held ? nil : entry.dueAt), "\(restricted.recordingID)")
                }
                erasureDone = true
            }
            let report = try await sweeper.sweep()
            #expect(report.failures.isEmpty)
            deletedNow += report.deleted

            for id in deletedNow {
                let entry = try #require(known[id])
                let tombstone = try #require(try await world.store.tombstone(id))
                let dueAt = try #require(entry.dueAt, "\(id) was deleted though nothing set a time")
                #expect(tombstone.deletedAt == now, "\(id) stated time")
                #expect(now >= dueAt, "\(id) deleted before it was due")
                #expect(now >= entry.record.schedule.legalKeepUntil, "\(id) deleted before its legal minimum")
                if !entry.erased { #expect(now >= entry.record.schedule.keepUntil, "\(id) deleted before keep-until") }
                if entry.record.attributes.declaredRegimes.contains("eu-mifid2-16-7") {
                    #expect(now >= Fixture.adding(years: 5, to: entry.record.attributes.endedAt), "\(id) under MiFID")
                }
                #expect(holding(entry.record.attributes, at: now).isEmpty, "\(id) deleted while held")
                #expect(tombstone.cause == (entry.erased ? .erasureRequest("DSR-C1") : entry.record.dueDeletionCause))
                let releases = holds.filter { $0.covers(entry.record.attributes) }.compactMap(\.releasedAt)
                let deletable = ([dueAt, entry.erasedAt ?? dueAt] + releases.filter { $0 <= now }).max() ?? dueAt
                maximumLag = max(maximumLag, now.timeIntervalSince(deletable))
                known[id]?.deletedAt = now
                deletions += 1
            }
            // Nothing due and unheld survives a sweep: so nothing outlives its time by an interval.
            for (id, entry) in known where entry.deletedAt == nil {
                guard let dueAt = entry.dueAt, dueAt <= now else { continue }
                #expect(!holding(entry.record.attributes, at: now).isEmpty, "\(id) due at \(dueAt) survived the sweep")
            }
            now = now.addingTimeInterval(interval)
        }

        #expect(maximumLag < interval)
        #expect(known.count == 60 * Profile.allCases.count)
        #expect(deletions == world.deletedIDs.count)
        #expect(world.ledger.certificatesOffered.values.allSatisfy { $0.count == 1 })
        #expect(world.memoryShredder.contentDeletedBeforeKeys.isEmpty)
        #expect(world.ledger.shreddedBeforeJournal.isEmpty)
        for (id, entry) in known {
            let exists = try await world.store.record(id) != nil
            if entry.dueAt == nil {
                #expect(exists, "\(id) had no deletion time and must still be there")
            } else if id == firstMonthHold {
                #expect(exists, "\(id) is under a hold never released")
            } else {
                #expect(!exists, "\(id) was due at \(String(describing: entry.dueAt)) and is still there")
            }
        }
        // The simulation exercised every path: erasure, every profile deleted, unscheduled ones kept.
        let causes = world.memoryStore.tombstones.map(\.cause)
        #expect(causes.contains(.erasureRequest("DSR-C1")))
        for rule: RetentionRuleID in [
            "eu-mifid2-16-7", "us-cftc-1-35", "br-sac-decree-11034", "fr-cnil-call-recording",
            "contact-centre-practice",
        ] {
            #expect(causes.contains(.retentionExpired(rule)), "no deletion under \(rule)")
        }
        #expect(known.values.filter { $0.dueAt == nil }.count >= 60)
    }
}

import CallVaultCore
import CallVaultRetention
import Foundation
import Testing

/// Schedules computed from the bundled catalog: keep-until, delete-by, the write-once lock, the
/// governing rules, conflicts and the reason trail, against dates worked out independently.
@Suite("Retention scheduler")
struct RetentionSchedulerTests {
    typealias F = ScheduleFixture
    typealias Step = ScheduleFixture.Step

    // MARK: The worked conflict

    /// MiFID II requires keeping an order line five years; the CNIL allows keeping a quality
    /// recording six months. The legal obligation wins and the recording is restricted from six months.
    @Test("MiFID II five years against the CNIL's six months: kept for the legal obligation, restricted")
    func workedConflict() throws {
        let recording = try F.recording(
            in: ["FR"], declared: ["eu-mifid2-16-7"], purposes: [.quality, .legalOrRegulatory])
        let schedule = try F.scheduler().schedule(for: recording)

        let fiveYears = try CatalogFixture.instant("2031-01-15T10:30:00Z")
        let sixMonths = try CatalogFixture.instant("2026-07-15T10:00:00Z")
        #expect(fiveYears == (try CatalogFixture.adding(years: 5, to: try F.end())))
        #expect(sixMonths == (try CatalogFixture.adding(months: 6, to: try F.start())))

        #expect(schedule.recordingID == recording.recordingID)
        #expect(schedule.keepUntil == fiveYears)
        #expect(schedule.legalKeepUntil == fiveYears)
        #expect(schedule.deleteBy == fiveYears)
        #expect(schedule.deleteAt == fiveYears)
        #expect(schedule.deletionRule == "eu-mifid2-16-7")
        #expect(schedule.writeOnceUntil == fiveYears)
        #expect(schedule.restrictedFrom == sixMonths)
        #expect(schedule.governing == ["eu-mifid2-16-7", "fr-cnil-call-recording"])

        #expect(schedule.conflicts.count == 1)
        let conflict = try #require(schedule.conflicts.first)
        #expect(conflict.minimumRule == "eu-mifid2-16-7")
        #expect(conflict.minimumEnds == fiveYears)
        #expect(conflict.maximumRule == "fr-cnil-call-recording")
        #expect(conflict.maximumEnds == sixMonths)
        #expect(conflict.resolution == .keptForLegalObligation)
        #expect(conflict.resolution.rawValue == "kept-for-legal-obligation")
        #expect(conflict.description.contains("GDPR Art. 17(3)(b)"))
        #expect(conflict.description.contains("2031-01-15") && conflict.description.contains("2026-07-15"))

        #expect(
            F.trail(schedule) == [
                Step("eu-mifid2-16-7", .minimum(try F.period("P5Y"), until: fiveYears)),
                Step("eu-mifid2-16-7", .writeOnce(until: fiveYears)),
                Step("eu-gdpr", .noFixedPeriod),
                Step("eu-eprivacy-5-2", .noFixedPeriod),
                Step("fr-cnil-call-recording", .maximum(try F.period("P6M"), until: sixMonths)),
            ])
        #expect(schedule.reasons.allSatisfy { $0.isLegalObligation })
        #expect(schedule.redactions.isEmpty)
        #expect(schedule.catalogVersion == (try RetentionCatalog.bundled.version))
        #expect(schedule.policyVersion == "none")

        let explanation = schedule.explanation
        #expect(explanation.contains("Conflict: eu-mifid2-16-7 requires keeping until 2031-01-15"))
        #expect(explanation.hasSuffix("the sweeper deletes it at 2031-01-15T10:30:00Z."))
    }

    // MARK: Maximums

    @Test("the CNIL alone: a quality recording is deleted six months from the start, rounded earlier")
    func cnilAlone() throws {
        let recording = try F.recording(
            start: "2026-08-31T09:00:00Z", end: "2026-08-31T09:20:00Z", in: ["FR"], purposes: [.quality])
        let schedule = try F.scheduler().schedule(for: recording)
        let due = try CatalogFixture.instant("2027-02-28T09:00:00Z")
        #expect(schedule.deleteBy == due)
        #expect(schedule.deleteAt == due)
        #expect(schedule.deletionRule == "fr-cnil-call-recording")
        #expect(schedule.keepUntil == recording.endedAt)
        #expect(schedule.legalKeepUntil == recording.endedAt)
        #expect(schedule.restrictedFrom == nil)
        #expect(schedule.writeOnceUntil == nil)
        #expect(schedule.conflicts.isEmpty)
        #expect(schedule.governing == ["fr-cnil-call-recording"])
        #expect(F.trail(schedule).last == Step("fr-cnil-call-recording", .maximum(try F.period("P6M"), until: due)))
    }

    struct PurposeCase: Sendable, CustomTestStringConvertible {
        let purposes: Set<Purpose>
        let capped: Bool

        var testDescription: String {
            purposes.isEmpty ? "no purposes" : purposes.map(\.identifier).sorted().joined(separator: "+")
        }
    }

    @Test(
        "the CNIL cap applies when a purpose is quality or training, or none is given (fail closed)",
        arguments: [
            PurposeCase(purposes: [.quality], capped: true),
            PurposeCase(purposes: [.training], capped: true),
            PurposeCase(purposes: [.training, .disputeResolution], capped: true),
            PurposeCase(purposes: [], capped: true),
            PurposeCase(purposes: [.disputeResolution], capped: false),
            PurposeCase(purposes: [.legalOrRegulatory, .customerRequest], capped: false),
        ])
    func cnilPurposes(_ entry: PurposeCase) throws {
        let schedule = try F.scheduler().schedule(for: try F.recording(in: ["FR"], purposes: entry.purposes))
        let sixMonths = try CatalogFixture.instant("2026-07-15T10:00:00Z")
        let rules = Set(schedule.reasons.compactMap(\.rule))
        #expect(rules.contains("fr-cnil-call-recording") == entry.capped)
        #expect(schedule.deleteBy == (entry.capped ? sixMonths : nil))
        #expect(schedule.deleteAt == (entry.capped ? sixMonths : nil))
        let noRule = schedule.reasons.contains { $0.finding == .noRuleApplies }
        #expect(noRule == !entry.capped)
    }

    @Test("the shortest maximum wins")
    func shortestMaximum() throws {
        let paAndFrance = try F.recording(in: ["US-PA", "FR"], purposes: [.training])
        let both = try F.scheduler().schedule(for: paAndFrance)
        #expect(both.deleteBy == (try CatalogFixture.instant("2026-07-15T10:00:00Z")))
        #expect(both.deletionRule == "fr-cnil-call-recording")

        let policy = try F.policy("acme-three-months", match: RetentionQuery(queues: ["sales"]), maximum: "P3M")
        let sales = try F.recording(in: ["FR"], purposes: [.quality], queue: "sales")
        let capped = try F.scheduler("v1", [policy]).schedule(for: sales)
        #expect(capped.deleteBy == (try CatalogFixture.instant("2026-04-15T10:00:00Z")))
        #expect(capped.deletionRule == "acme-three-months")
        #expect(capped.governing == ["acme-three-months"])
    }

    // MARK: Where rules reach

    struct CoverageCase: Sendable, CustomTestStringConvertible {
        let places: [String]
        let purposes: Set<Purpose>
        let rules: [String]
        let deleteBy: String?

        var testDescription: String {
            places.joined(separator: "+") + " " + purposes.map(\.identifier).sorted().description
        }
    }

    @Test(
        "jurisdiction rules reach their place's subdivisions, EU members and `also` places",
        arguments: [
            CoverageCase(places: ["DE"], purposes: [.quality], rules: ["eu-gdpr", "eu-eprivacy-5-2"], deleteBy: nil),
            CoverageCase(places: ["DE-BY"], purposes: [], rules: ["eu-gdpr", "eu-eprivacy-5-2"], deleteBy: nil),
            CoverageCase(places: ["GB"], purposes: [.quality], rules: ["eu-gdpr"], deleteBy: nil),
            CoverageCase(
                places: ["US-PA"], purposes: [.training], rules: ["us-pa-5704-15"], deleteBy: "2027-01-15T10:00:00Z"),
            CoverageCase(places: ["US-PA"], purposes: [.disputeResolution], rules: [], deleteBy: nil),
            CoverageCase(places: ["US"], purposes: [.training], rules: [], deleteBy: nil),
            CoverageCase(places: ["US-NY"], purposes: [.training], rules: [], deleteBy: nil),
            CoverageCase(places: ["CA-QC"], purposes: [.quality], rules: ["ca-pipeda"], deleteBy: nil),
            CoverageCase(places: ["ZA"], purposes: [.quality], rules: ["za-popia-14"], deleteBy: nil),
            CoverageCase(places: ["SG"], purposes: [.quality], rules: ["sg-pdpa-retention"], deleteBy: nil),
            CoverageCase(places: ["BR"], purposes: [.quality], rules: [], deleteBy: nil),
            CoverageCase(
                places: ["FR"], purposes: [.quality],
                rules: ["eu-gdpr", "eu-eprivacy-5-2", "fr-cnil-call-recording"], deleteBy: "2026-07-15T10:00:00Z"),
            CoverageCase(
                places: ["GB", "US-PA"], purposes: [.quality], rules: ["eu-gdpr", "us-pa-5704-15"],
                deleteBy: "2027-01-15T10:00:00Z"),
        ])
    func coverage(_ entry: CoverageCase) throws {
        let schedule = try F.scheduler().schedule(for: try F.recording(in: entry.places, purposes: entry.purposes))
        #expect(schedule.reasons.compactMap(\.rule).map(\.rawValue) == entry.rules)
        #expect(schedule.deleteBy == (try entry.deleteBy.map { try CatalogFixture.instant($0) }))
        for reason in schedule.reasons
        where reason.rule != nil && reason.rule != "us-pa-5704-15"
            && reason.rule != "fr-cnil-call-recording"
        {
            #expect(reason.finding == .noFixedPeriod, "\(reason)")
            #expect(reason.description.contains("no fixed period"))
        }
        let noRule = schedule.reasons.last?.finding == .noRuleApplies
        #expect(noRule == (entry.deleteBy == nil))
    }

    // MARK: Minimums

    struct MinimumCase: Sendable, CustomTestStringConvertible {
        let declared: [RetentionRuleID]
        let years: Int
        let months: Int
        let days: Int
        let rule: RetentionRuleID
        let writeOnce: Bool

        var testDescription: String { declared.map(\.rawValue).joined(separator: "+") }
    }

    @Test(
        "the longest declared minimum sets keep-until and the deletion time",
        arguments: [
            MinimumCase(
                declared: ["us-cftc-1-35"], years: 1, months: 0, days: 0, rule: "us-cftc-1-35", writeOnce: false),
            MinimumCase(
                declared: ["us-finra-3170", "us-finra-4511", "us-cftc-1-35"], years: 6, months: 0, days: 0,
                rule: "us-finra-4511", writeOnce: true),
            MinimumCase(
                declared: ["us-cfpb-reg-f-1006-100", "us-sec-17a-4-b4"], years: 3, months: 0, days: 0,
                rule: "us-cfpb-reg-f-1006-100", writeOnce: true),
            MinimumCase(
                declared: ["br-sac-decree-11034"], years: 0, months: 0, days: 90, rule: "br-sac-decree-11034",
                writeOnce: false),
            MinimumCase(
                declared: ["gb-fca-cobs-11-8", "gb-fca-cmcob-2-3"], years: 1, months: 0, days: 0,
                rule: "gb-fca-cmcob-2-3", writeOnce: true),
        ])
    func longestMinimum(_ entry: MinimumCase) throws {
        let recording = try F.recording(in: ["US"], declared: entry.declared, purposes: [.legalOrRegulatory])
        let schedule = try F.scheduler().schedule(for: recording)
        let keep = try CatalogFixture.adding(
            years: entry.years, months: entry.months, days: entry.days, to: try F.end())
        #expect(schedule.keepUntil == keep)
        #expect(schedule.legalKeepUntil == keep)
        #expect(schedule.deleteAt == keep)
        #expect(schedule.deleteBy == nil)
        #expect(schedule.deletionRule == entry.rule)
        #expect(schedule.governing.first == entry.rule)
        #expect(schedule.restrictedFrom == nil)
        #expect(schedule.conflicts.isEmpty)
        // Regulation F is not write-once, but SEC 17a-4(b)(4) is: the lock comes from the rule that asks it.
        #expect(schedule.writeOnceUntil == (entry.writeOnce ? keep : nil))
    }

    @Test("a minimum that lands on a missing day rounds later, a maximum earlier")
    func roundingDirections() throws {
        let recording = try F.recording(
            start: "2024-02-29T11:30:00Z", end: "2024-02-29T12:00:00Z", in: ["FR"], declared: ["eu-mifid2-16-7"],
            purposes: [.quality])
        let schedule = try F.scheduler().schedule(for: recording)
        #expect(schedule.keepUntil == (try CatalogFixture.instant("2029-03-01T12:00:00Z")))
        #expect(schedule.restrictedFrom == (try CatalogFixture.instant("2024-08-29T11:30:00Z")))
        let pennsylvania = try F.recording(
            start: "2024-02-29T11:30:00Z", end: "2024-02-29T12:00:00Z", in: ["US-PA"], purposes: [.training])
        #expect(
            try F.scheduler().schedule(for: pennsylvania).deleteBy
                == (try CatalogFixture.instant("2025-02-28T11:30:00Z")))
    }

    // MARK: Practice and business minimums against legal maximums

    @Test("contact-centre practice (90 days to 2 years) under the CNIL's six months")
    func practiceUnderCNIL() throws {
        let recording = try F.recording(in: ["FR"], declared: ["contact-centre-practice"], purposes: [.quality])
        let schedule = try F.scheduler().schedule(for: recording)
        let ninetyDays = try CatalogFixture.instant("2026-04-15T10:30:00Z")
        let twoYears = try CatalogFixture.instant("2028-01-15T10:00:00Z")
        let sixMonths = try CatalogFixture.instant("2026-07-15T10:00:00Z")
        #expect(ninetyDays == (try CatalogFixture.adding(days: 90, to: try F.end())))
        #expect(schedule.keepUntil == ninetyDays)
        #expect(schedule.legalKeepUntil == recording.endedAt, "practice is not a legal obligation")
        #expect(schedule.deleteBy == sixMonths)
        #expect(schedule.deleteAt == ninetyDays)
        #expect(schedule.deletionRule == "contact-centre-practice")
        #expect(schedule.governing == ["contact-centre-practice", "fr-cnil-call-recording"])
        #expect(schedule.conflicts.isEmpty)
        #expect(schedule.restrictedFrom == nil)
        let practice = schedule.reasons.filter { $0.rule == "contact-centre-practice" }
        #expect(practice.map(\.isLegalObligation) == [false, false])
        #expect(
            practice.map(\.finding) == [
                .minimum(try F.period("P90D"), until: ninetyDays), .maximum(try F.period("P2Y"), until: twoYears),
            ])

        let elsewhere = try F.scheduler().schedule(
            for: try F.recording(in: ["US"], declared: ["contact-centre-practice"], purposes: [.quality]))
        #expect(elsewhere.keepUntil == ninetyDays)
        #expect(elsewhere.deleteBy == twoYears)
        #expect(elsewhere.deleteAt == ninetyDays)
    }

    @Test("a business minimum longer than a legal maximum is shortened to it")
    func businessMinimumShortened() throws {
        let policy = try F.policy("acme-sales-one-year", match: RetentionQuery(queues: ["sales"]), minimum: "P1Y")
        let recording = try F.recording(in: ["FR"], purposes: [.quality], queue: "sales")
        let schedule = try F.scheduler("acme-1", [policy]).schedule(for: recording)
        let sixMonths = try CatalogFixture.instant("2026-07-15T10:00:00Z")
        let oneYear = try CatalogFixture.instant("2027-01-15T10:30:00Z")
        #expect(schedule.keepUntil == sixMonths)
        #expect(schedule.legalKeepUntil == recording.endedAt)
        #expect(schedule.deleteBy == sixMonths)
        #expect(schedule.deleteAt == sixMonths)
        #expect(schedule.restrictedFrom == nil, "no legal obligation keeps it past the maximum")
        // The maximum cut the minimum short, so the maximum is what a deletion certificate cites.
        #expect(schedule.deletionRule == "fr-cnil-call-recording")
        #expect(schedule.governing == ["fr-cnil-call-recording"])
        let conflict = try #require(schedule.conflicts.first)
        #expect(schedule.conflicts.count == 1)
        #expect(conflict.minimumRule == "acme-sales-one-year")
        #expect(conflict.minimumEnds == oneYear)
        #expect(conflict.maximumRule == "fr-cnil-call-recording")
        #expect(conflict.maximumEnds == sixMonths)
        #expect(conflict.resolution == .minimumShortenedToMaximum)
        #expect(conflict.description.contains("yields"))
        #expect(schedule.policyVersion == "acme-1")
    }

    @Test("a policy marked a legal obligation (an FCA request for seven years) overrides the CNIL")
    func legalObligationPolicy() throws {
        let policy = try F.policy(
            "acme-fca-request", match: RetentionQuery(tags: ["fca-request"]), minimum: "P7Y", legal: true)
        let scheduler = try F.scheduler("acme-2", [policy])
        let recording = try F.recording(in: ["FR"], purposes: [.quality], tags: ["fca-request"])
        let schedule = try scheduler.schedule(for: recording)
        let sevenYears = try CatalogFixture.instant("2033-01-15T10:30:00Z")
        let sixMonths = try CatalogFixture.instant("2026-07-15T10:00:00Z")
        #expect(schedule.keepUntil == sevenYears)
        #expect(schedule.legalKeepUntil == sevenYears)
        #expect(schedule.deleteBy == sevenYears)
        #expect(schedule.deleteAt == sevenYears)
        #expect(schedule.deletionRule == "acme-fca-request")
        #expect(schedule.restrictedFrom == sixMonths)
        #expect(schedule.writeOnceUntil == nil)
        #expect(schedule.governing == ["acme-fca-request", "fr-cnil-call-recording"])
        #expect(schedule.conflicts.map(\.resolution) == [.keptForLegalObligation])
        #expect(schedule.reasons.first { $0.rule == "acme-fca-request" }?.isLegalObligation == true)

        let untagged = try scheduler.schedule(for: try F.recording(in: ["FR"], purposes: [.quality]))
        #expect(untagged.deleteAt == sixMonths)
        #expect(untagged.conflicts.isEmpty)
    }

    @Test("a business policy's write-once lock never outlasts the keep it protects")
    func businessLockCapped() throws {
        let policy = try F.policy(
            "acme-worm", match: RetentionQuery(queues: ["sales"]), minimum: "P2Y", writeOnce: true)
        let recording = try F.recording(in: ["FR"], purposes: [.quality], queue: "sales")
        let schedule = try F.scheduler("acme-3", [policy]).schedule(for: recording)
        let sixMonths = try CatalogFixture.instant("2026-07-15T10:00:00Z")
        #expect(schedule.keepUntil == sixMonths)
        #expect(schedule.writeOnceUntil == sixMonths)
    }

    /// "Keep nothing from this queue": the maximum falls before the call ends, so the recording
    /// is due the moment it ends. Nothing keeps it past the maximum for a legal obligation, so it
    /// is not "restricted", and the certificate cites the policy.
    @Test("a maximum that ends before the call does makes the recording due at its end")
    func maximumBeforeEnd() throws {
        let policy = try F.policy("acme-keep-nothing", match: RetentionQuery(queues: ["ivr"]), maximum: "P0D")
        let recording = try F.recording(in: ["US"], queue: "ivr")
        let schedule = try F.scheduler("v1", [policy]).schedule(for: recording)
        let end = try F.end()
        #expect(schedule.deleteBy == end)
        #expect(schedule.deleteAt == end)
        #expect(schedule.keepUntil == end)
        #expect(schedule.restrictedFrom == nil)
        #expect(schedule.deletionRule == "acme-keep-nothing")
        #expect(schedule.governing == ["acme-keep-nothing"])
        #expect(schedule.conflicts.isEmpty)
        #expect(F.trail(schedule) == [Step("acme-keep-nothing", .maximum(.zero, until: try F.start()))])

        // With a legal minimum as well, the recording is kept for it and restricted from the start.
        var regulated = recording
        regulated.declaredRegimes = ["us-cftc-1-35"]
        let kept = try F.scheduler("v1", [policy]).schedule(for: regulated)
        let oneYear = try CatalogFixture.instant("2027-01-15T10:30:00Z")
        #expect(kept.keepUntil == oneYear)
        #expect(kept.deleteBy == oneYear)
        #expect(kept.restrictedFrom == (try F.start()))
        #expect(kept.conflicts.map(\.resolution) == [.keptForLegalObligation])
        #expect(kept.governing == ["us-cftc-1-35", "acme-keep-nothing"])
    }

    // MARK: Nothing applies

    @Test("with no rule at all nothing is deleted, and the trail says why")
    func noRule() throws {
        let recording = try F.recording(in: ["JP"], purposes: [.quality])
        let schedule = try F.scheduler().schedule(for: recording)
        #expect(schedule.deleteAt == nil)
        #expect(schedule.deleteBy == nil)
        #expect(schedule.deletionRule == nil)
        #expect(schedule.keepUntil == recording.endedAt)
        #expect(schedule.legalKeepUntil == recording.endedAt)
        #expect(schedule.writeOnceUntil == nil)
        #expect(schedule.governing.isEmpty)
        #expect(F.trail(schedule) == [Step("-", .noRuleApplies)])
        #expect(schedule.explanation.hasSuffix("no rule sets a deletion time, so it is kept until a policy does."))
    }

    @Test(
        "an unknown or missing location applies no place's rules and says so",
        arguments: [["unknown"], [], ["FR", "unknown"]])
    func unknownJurisdiction(places: [String]) throws {
        let recording = try F.recording(in: places, declared: ["us-cftc-1-35"], purposes: [.quality])
        let schedule = try F.scheduler().schedule(for: recording)
        #expect(schedule.reasons.contains { $0.finding == .unknownJurisdiction && $0.rule == nil })
        #expect(schedule.keepUntil == (try CatalogFixture.instant("2027-01-15T10:30:00Z")))
        let cnil = schedule.reasons.contains { $0.rule == "fr-cnil-call-recording" }
        #expect(cnil == places.contains("FR"))
    }

    @Test(
        "a declared reference or card-data regime changes no date, only notes itself in the trail",
        arguments: ["us-legal-hold-duty", "pci-dss-3-3-1"])
    func noScheduleEffect(rule: String) throws {
        let id = RecordingID()
        let ruleID = try RetentionRuleID(rule)
        for places in [["US"], ["FR"]] {
            let plain = try F.recording(id: id, in: places, declared: ["us-cftc-1-35"], purposes: [.quality])
            var declared = plain
            declared.declaredRegimes = [ruleID, "us-cftc-1-35"]
            let scheduler = try F.scheduler()
            let with = try scheduler.schedule(for: declared)
            let without = try scheduler.schedule(for: plain)
            #expect(with.keepUntil == without.keepUntil)
            #expect(with.legalKeepUntil == without.legalKeepUntil)
            #expect(with.deleteBy == without.deleteBy)
            #expect(with.deleteAt == without.deleteAt)
            #expect(with.deletionRule == without.deletionRule)
            #expect(with.writeOnceUntil == without.writeOnceUntil)
            #expect(with.restrictedFrom == without.restrictedFrom)
            #expect(with.governing == without.governing)
            #expect(with.conflicts == without.conflicts)
            #expect(with.redactions.isEmpty)
            #expect(F.trail(with) == [Step(rule, .noScheduleEffect)] + F.trail(without))
            #expect(with.reasons.first?.description.contains("declared, but it does not set") == true)
        }
    }

    // MARK: Card data

    @Test("flagged card-data ranges are due at the end of the call, citing PCI DSS")
    func cardData() throws {
        let ranges = [
            CardDataRange(start: .seconds(70), end: .seconds(80)),
            CardDataRange(start: .seconds(25), end: .seconds(10)),
        ]
        let recording = try F.recording(
            in: ["US"], declared: ["us-cftc-1-35"], purposes: [.legalOrRegulatory], cardData: ranges)
        let schedule = try F.scheduler().schedule(for: recording)
        let end = try F.end()
        #expect(schedule.redactions.count == 2)
        #expect(schedule.redactions.map(\.dueAt) == [end, end])
        #expect(schedule.redactions.map(\.rule) == ["pci-dss-3-3-1", "pci-dss-3-3-1"])
        #expect(schedule.redactions.map(\.range.start) == [.seconds(70), .seconds(10)])
        #expect(schedule.redactions.map(\.range.end) == [.seconds(80), .seconds(25)])
        #expect(F.trail(schedule).last == Step("pci-dss-3-3-1", .cardData(ranges: 2, dueAt: end)))
        #expect(
            schedule.reasons.last?.description.contains("2 flagged card-data ranges must be removed at once") == true)
        // The rest of the recording keeps its schedule.
        #expect(schedule.keepUntil == (try CatalogFixture.instant("2027-01-15T10:30:00Z")))
        #expect(schedule.deleteAt == schedule.keepUntil)

        var unflagged = recording
        unflagged.cardDataRanges = []
        let plain = try F.scheduler().schedule(for: unflagged)
        #expect(plain.redactions.isEmpty)
        #expect(!plain.reasons.contains { $0.rule == "pci-dss-3-3-1" })
    }

    @Test("without a card-data rule in the catalog, flagged ranges are still due at once")
    func cardDataWithoutRule() throws {
        let catalog = RetentionCatalog(
            regimes: [
                RetentionRegime(
                    id: "acme-keep", jurisdiction: nil, name: "Keep", applicability: .declared,
                    minimum: try F.period("P1Y"), maximum: nil)
            ], version: "code")
        let recording = try F.recording(
            in: ["US"], cardData: [CardDataRange(start: .seconds(1), end: .seconds(2))])
        let schedule = try RetentionScheduler(catalog: catalog).schedule(for: recording)
        #expect(schedule.redactions.map(\.dueAt) == [try F.end()])
        #expect(schedule.redactions.map(\.rule) == [nil])
    }

    // MARK: Errors

    @Test("a declared regime the catalog lacks is refused", arguments: ["eu-mifid-2", "EU MiFID", "acme-unknown"])
    func unknownRegime(id: String) throws {
        let recording = try F.recording(in: ["FR"], declared: ["eu-mifid2-16-7", RetentionRuleID(stringLiteral: id)])
        #expect(
            throws: RetentionScheduleError.unknownRegime(
                RetentionRuleID(stringLiteral: id), recordingID: recording.recordingID)
        ) {
            try F.scheduler().schedule(for: recording)
        }
        let error = RetentionScheduleError.unknownRegime(
            RetentionRuleID(stringLiteral: id), recordingID: recording.recordingID)
        // The regime is refused before any recording is kept: the message names none.
        #expect(error.description.contains("'\(id)'") && !error.description.contains(recording.recordingID.description))
    }

    @Test("a recording that ends before it starts is refused; a zero-length one is not")
    func endsBeforeStart() throws {
        let backwards = try F.recording(start: "2026-01-15T10:30:00Z", end: "2026-01-15T10:29:59Z", in: ["FR"])
        #expect(throws: RetentionScheduleError.endsBeforeItStarts(backwards.recordingID)) {
            try F.scheduler().schedule(for: backwards)
        }
        let instant = try F.recording(
            start: "2026-01-15T10:30:00Z", end: "2026-01-15T10:30:00Z", in: ["US"], declared: ["us-cftc-1-35"])
        #expect(
            try F.scheduler().schedule(for: instant).keepUntil == (try CatalogFixture.instant("2027-01-15T10:30:00Z")))
    }

    @Test("a policy with a regime's id is refused")
    func policyNamesRegime() throws {
        let policy = try F.policy("fr-cnil-call-recording", maximum: "P1Y")
        let policies = try RetentionPolicySet(version: "v1", policies: [policy])
        #expect(throws: RetentionScheduleError.policyNamesRegime("fr-cnil-call-recording")) {
            try RetentionScheduler(catalog: try RetentionCatalog.bundled, policies: policies)
        }
        #expect(
            RetentionScheduleError.policyNamesRegime("fr-cnil-call-recording").description.contains(
                "'fr-cnil-call-recording'"))
    }

    @Test("rule names cover every regime and policy")
    func ruleNames() throws {
        let scheduler = try F.scheduler("v1", [try F.policy("acme-x", name: "Acme X", maximum: "P1Y")])
        let names = scheduler.ruleNames
        #expect(names.count == 26)
        #expect(names["acme-x"] == "Acme X")
        #expect(names["eu-mifid2-16-7"] == "MiFID II Art 16(7) (Directive 2014/65/EU)")
    }
}

public import CallVaultCore
import Foundation

/// Computes retention schedules from a catalog and a host's policies.
///
/// For each recording the rules that apply are: the catalog regimes the host declares for it; the
/// catalog's `jurisdiction` regimes of every place a party was (limited to their purposes, when
/// they name some); and the host policies whose query matches. Minimums count from the end of the
/// call and round later; maximums count from its start and round earlier, so neither errs on the
/// unlawful side.
///
/// ```swift
/// let scheduler = try RetentionScheduler(catalog: .bundled, policies: ourPolicies)
/// let schedule = try scheduler.schedule(for: attributes)
/// print(schedule.explanation)
/// ```
public struct RetentionScheduler: Sendable {
    /// The catalog in use.
    public let catalog: RetentionCatalog
    /// The host's policies in use.
    public let policies: RetentionPolicySet

    /// The organisation's stated retention period (what its notices tell customers), applied to
    /// every recording as a policy maximum from the start of the call; `nil` when it states none.
    /// Legal minimums still win over it, with the conflict explained in the schedule.
    public private(set) var statedMaximum: RetentionPeriod?

    /// The id schedules and certificates cite for ``statedMaximum``.
    public static let statedPeriodRule: RetentionRuleID = "organisation-stated-period"
    /// The name schedules and reports give ``statedMaximum``.
    public static let statedPeriodName = "The organisation's stated retention period"

    /// The name of every regime and policy, by id, for certificates and reports.
    public var ruleNames: [RetentionRuleID: String] {
        var names = Dictionary(catalog.regimes.map { ($0.id, $0.name) }, uniquingKeysWith: { _, last in last })
        for policy in policies.policies { names[policy.id] = policy.name }
        if statedMaximum != nil { names[Self.statedPeriodRule] = Self.statedPeriodName }
        return names
    }
    private var statedRule: Rule?
    private let declarable: [RetentionRuleID: Rule]
    private let automatic: [Rule]
    private let cardDataRule: Rule?
    private let policyRules: [PolicyRule]

    /// A rule from either source, in the one shape the computation needs. A class, so walking the
    /// rules retains one reference per rule instead of copying every field (and the regime's).
    final class Rule: Sendable {
        let id: RetentionRuleID
        let name: String
        let minimum: RetentionPeriod?
        let maximum: RetentionPeriod?
        let isLegal: Bool
        let writeOnce: Bool
        let purposes: Set<Purpose>
        let regime: RetentionRegime?
        let affectsSchedule: Bool

        init(
            id: RetentionRuleID, name: String, minimum: RetentionPeriod?, maximum: RetentionPeriod?, isLegal: Bool,
            writeOnce: Bool, purposes: Set<Purpose>, regime: RetentionRegime?, affectsSchedule: Bool
        ) {
            self.id = id
            self.name = name
            self.minimum = minimum
            self.maximum = maximum
            self.isLegal = isLegal
            self.writeOnce = writeOnce
            self.purposes = purposes
            self.regime = regime
            self.affectsSchedule = affectsSchedule
        }

        /// Whether the rule's regime binds recordings made under `place`.
        func covers(_ place: Jurisdiction) -> Bool { regime?.covers(place) ?? false }
    }

    /// A host policy's query and rule, as one reference.
    final class PolicyRule: Sendable {
        let query: RetentionQuery
        let rule: Rule

        init(query: RetentionQuery, rule: Rule) {
            self.query = query
            self.rule = rule
        }
    }

    /// Creates a scheduler.
    ///
    /// - Throws: ``RetentionScheduleError/policyNamesRegime(_:)`` when a policy has the id of a
    ///   catalog regime.
    public init(catalog: RetentionCatalog, policies: RetentionPolicySet = .none) throws {
        self.catalog = catalog
        self.policies = policies
        var declarable: [RetentionRuleID: Rule] = [:]
        var automatic: [Rule] = []
        var cardDataRule: Rule?
        for regime in catalog.regimes {
            let rule = Rule(
                id: regime.id, name: regime.name, minimum: regime.minimum, maximum: regime.maximum,
                isLegal: regime.binding == .law, writeOnce: regime.writeOnce, purposes: regime.purposes, regime: regime,
                affectsSchedule: regime.applicability == .declared || regime.applicability == .jurisdiction)
            declarable[regime.id] = rule
            switch regime.applicability {
            case .jurisdiction: automatic.append(rule)
            case .cardData: cardDataRule = cardDataRule ?? rule
            case .declared, .reference: break
            }
        }
        var policyRules: [PolicyRule] = []
        for policy in policies.policies {
            guard declarable[policy.id] == nil, policy.id != Self.statedPeriodRule else {
                throw RetentionScheduleError.policyNamesRegime(policy.id)
            }
            policyRules.append(
                PolicyRule(
                    query: policy.match,
                    rule: Rule(
                        id: policy.id, name: policy.name, minimum: policy.minimum, maximum: policy.maximum,
                        isLegal: policy.isLegalObligation, writeOnce: policy.writeOnce, purposes: [], regime: nil,
                        affectsSchedule: true)
                ))
        }
        self.declarable = declarable
        self.automatic = automatic
        self.cardDataRule = cardDataRule
        self.policyRules = policyRules
    }

    /// This scheduler with `maximum` as the organisation's stated retention period
    /// (``statedMaximum``): every recording is deleted by then unless a legal minimum keeps it
    /// longer, and a recording no other rule covers gets it as its delete-by date. `nil` states none.
    public func stating(maximum: RetentionPeriod?) -> RetentionScheduler {
        var copy = self
        copy.statedMaximum = maximum
        copy.statedRule = maximum.map {
            Rule(
                id: Self.statedPeriodRule, name: Self.statedPeriodName, minimum: nil, maximum: $0, isLegal: false,
                writeOnce: false, purposes: [], regime: nil, affectsSchedule: true)
        }
        return copy
    }

    /// This scheduler with the stated period of `days` days (a notice's `retentionDays`, which
    /// `DisclosurePolicy` validates as 1 to 36,525), or none for `nil`.
    public func stating(days: Int?) -> RetentionScheduler {
        stating(maximum: days.flatMap(Self.period(notExceeding:)))
    }

    /// `days` days as a period: exactly, up to the 9,999 days a period's part holds; beyond that
    /// as years of 366 days and the remaining days, which never ends later than `days` days would
    /// (a stated maximum is never stretched). `nil` only for a negative count.
    static func period(notExceeding days: Int) -> RetentionPeriod? {
        guard days > RetentionPeriod.limit else { return try? RetentionPeriod(days: days) }
        let years = days / 366
        return try? RetentionPeriod(years: years, days: days - years * 366)
    }

    /// The version every schedule records for the host's side of the rules: the policies' version,
    /// and the stated period when there is one (a change of either is a change of policy).
    public var policyVersion: String {
        statedMaximum.map { "\(policies.version); stated period \($0)" } ?? policies.version
    }

    /// The schedule for a recording.
    ///
    /// - Throws: ``RetentionScheduleError/unknownRegime(_:recordingID:)`` when the recording
    ///   declares a regime the catalog lacks, ``RetentionScheduleError/endsBeforeItStarts(_:)``
    ///   for impossible times.
    public func schedule(for recording: RecordingRetentionAttributes) throws
        -> RetentionSchedule
    {
        try compute(recording, floor: nil)
    }

    /// The schedule for a recording under the current catalog and policies, given the schedule it
    /// had before: it may be longer or shorter, but never shorter than the earlier legal minimum,
    /// and a write-once lock is never lifted early.
    ///
    /// Use it when the catalog or the policies change. To correct a wrong fact (a regime declared by
    /// mistake), compute a fresh schedule with ``schedule(for:)`` instead and record the correction
    /// in the audit log: an obligation that never applied binds nothing, though a write-once lock
    /// already applied to storage still runs its course there.
    ///
    /// - Throws: as ``schedule(for:)``, and ``RetentionScheduleError/scheduleForAnotherRecording(_:)``.
    public func recompute(_ previous: RetentionSchedule, for recording: RecordingRetentionAttributes)
        throws -> RetentionSchedule
    {
        guard previous.recordingID == recording.recordingID else {
            throw RetentionScheduleError.scheduleForAnotherRecording(recording.recordingID)
        }
        return try compute(recording, floor: previous)
    }

    private func compute(_ recording: RecordingRetentionAttributes, floor: RetentionSchedule?)
        throws(RetentionScheduleError) -> RetentionSchedule
    {
        guard recording.startedAt <= recording.endedAt else { throw .endsBeforeItStarts(recording.recordingID) }
        var tally = Tally(start: recording.startedAt, end: recording.endedAt)

        for id in recording.declaredRegimes {
            guard let rule = declarable[id] else { throw .unknownRegime(id, recordingID: recording.recordingID) }
            if let regime = rule.regime, !regime.isDeclarableForRecordings {
                throw .notForRecordings(id, name: regime.name, scope: regime.scope, recordingID: recording.recordingID)
            }
            tally.apply(rule)
        }
        let placeUnknown = recording.jurisdictions.isEmpty || recording.jurisdictions.contains(.unknown)
        for rule in automatic where !recording.declaredRegimes.contains(rule.id) {
            guard recording.jurisdictions.contains(where: rule.covers) else { continue }
            if !rule.purposes.isEmpty, !recording.purposes.isEmpty, rule.purposes.isDisjoint(with: recording.purposes) {
                continue
            }
            tally.apply(rule)
        }
        for policy in policyRules where policy.query.matches(recording) {
            tally.apply(policy.rule)
        }
        if let statedRule { tally.apply(statedRule) }
        if placeUnknown {
            tally.reasons.append(RetentionReason(rule: nil, ruleName: "Jurisdiction", finding: .unknownJurisdiction))
        }
        if let floor, floor.legalKeepUntil > tally.legalKeep {
            tally.legalKeep = floor.legalKeepUntil
            tally.legalKeepRule = floor.legalMinimumRule
            tally.sawMinimum = true
            tally.reasons.append(
                RetentionReason(
                    rule: nil, ruleName: "Earlier schedule", isLegalObligation: true,
                    finding: .earlierLegalMinimum(
                        until: floor.legalKeepUntil, catalogVersion: floor.catalogVersion,
                        policyVersion: floor.policyVersion)))
        }
        tally.priorLock = floor?.writeOnceUntil

        var redactions: [CardDataRedaction] = []
        if !recording.cardDataRanges.isEmpty {
            let due = cardDataRule?.maximum?.end(from: recording.endedAt, rounding: .earlier) ?? recording.endedAt
            redactions = recording.cardDataRanges.map {
                CardDataRedaction(range: $0, dueAt: due, rule: cardDataRule?.id)
            }
            tally.reasons.append(
                RetentionReason(
                    rule: cardDataRule?.id, ruleName: cardDataRule?.name ?? "Card data",
                    finding: .cardData(ranges: redactions.count, dueAt: due)))
        }
        if !tally.sawMinimum && tally.cap == nil {
            tally.reasons.append(RetentionReason(rule: nil, ruleName: "Retention", finding: .noRuleApplies))
        }
        return tally.schedule(
            recordingID: recording.recordingID, redactions: redactions, catalogVersion: catalog.version,
            policyVersion: policyVersion)
    }
}

extension RetentionSchedule {
    /// The rule whose legal minimum set ``legalKeepUntil``: the legal minimum among the reasons
    /// that ends then or, when that date came from a still earlier schedule, the rule this one
    /// cites for deleting at it. `nil` when neither says (never a business rule that happened to
    /// govern the keep).
    fileprivate var legalMinimumRule: RetentionRuleID? {
        for reason in reasons where reason.isLegalObligation {
            if case .minimum(_, let until) = reason.finding, until == legalKeepUntil, let rule = reason.rule {
                return rule
            }
        }
        return keepUntil == legalKeepUntil ? deletionRule : nil
    }
}

/// The running result of applying rules to one recording.
private struct Tally {
    let start: Date
    let end: Date
    var legalKeep: Date
    var legalKeepRule: RetentionRuleID?
    var businessKeep: Date
    var businessKeepRule: RetentionRuleID?
    var cap: Date?
    var capRule: RetentionRuleID?
    var writeOnce: Date?
    var writeOnceRule: RetentionRuleID?
    var priorLock: Date?
    var sawMinimum = false
    var minimums: [(rule: RetentionRuleID, ends: Date, isLegal: Bool)] = []
    var reasons: [RetentionReason] = []

    init(start: Date, end: Date) {
        self.start = start
        self.end = end
        self.legalKeep = end
        self.businessKeep = end
        reasons.reserveCapacity(8)
        minimums.reserveCapacity(4)
    }

    mutating func apply(_ rule: RetentionScheduler.Rule) {
        guard rule.affectsSchedule else {
            reasons.append(
                RetentionReason(
                    rule: rule.id, ruleName: rule.name, isLegalObligation: rule.isLegal, finding: .noScheduleEffect))
            return
        }
        if let minimum = rule.minimum {
            let ends = minimum.end(from: end, rounding: .later)
            sawMinimum = true
            minimums.append((rule.id, ends, rule.isLegal))
            reasons.append(
                RetentionReason(
                    rule: rule.id, ruleName: rule.name, isLegalObligation: rule.isLegal,
                    finding: .minimum(minimum, until: ends)))
            // Periods are never negative, so the first minimum of each kind always takes the lead.
            if rule.isLegal {
                if legalKeepRule == nil || ends > legalKeep {
                    legalKeep = ends
                    legalKeepRule = rule.id
                }
            } else if businessKeepRule == nil || ends > businessKeep {
                businessKeep = ends
                businessKeepRule = rule.id
            }
            if rule.writeOnce {
                reasons.append(
                    RetentionReason(
                        rule: rule.id, ruleName: rule.name, isLegalObligation: rule.isLegal,
                        finding: .writeOnce(until: ends)))
                if ends > (writeOnce ?? .distantPast) {
                    writeOnce = ends
                    writeOnceRule = rule.id
                }
            }
        }
        if let maximum = rule.maximum {
            let ends = maximum.end(from: start, rounding: .earlier)
            reasons.append(
                RetentionReason(
                    rule: rule.id, ruleName: rule.name, isLegalObligation: rule.isLegal,
                    finding: .maximum(maximum, until: ends)))
            if ends < (cap ?? .distantFuture) {
                cap = ends
                capRule = rule.id
            }
        }
        if rule.minimum == nil && rule.maximum == nil {
            reasons.append(
                RetentionReason(
                    rule: rule.id, ruleName: rule.name, isLegalObligation: rule.isLegal, finding: .noFixedPeriod))
        }
    }

    func schedule(
        recordingID: RecordingID, redactions: [CardDataRedaction], catalogVersion: String, policyVersion: String
    ) -> RetentionSchedule {
        var conflicts: [RetentionConflict] = []
        var keepUntil = legalKeep
        var deleteBy: Date? = nil
        var restrictedFrom: Date? = nil
        var keepRule = legalKeepRule
        if let cap, let capRule {
            for minimum in minimums where minimum.ends > cap {
                conflicts.append(
                    RetentionConflict(
                        minimumRule: minimum.rule, minimumEnds: minimum.ends, maximumRule: capRule, maximumEnds: cap,
                        resolution: minimum.isLegal ? .keptForLegalObligation : .minimumShortenedToMaximum))
            }
            // Only a legal obligation keeps a recording past a maximum; a maximum that falls before
            // the call ends (a "keep nothing" policy) just makes it due at the end.
            if legalKeep > max(cap, end) { restrictedFrom = cap }
            let ceiling = max(cap, legalKeep)
            let business = min(businessKeep, ceiling)
            if business > keepUntil {
                keepUntil = business
                // A business minimum cut short ends when the maximum says, so the maximum is the
                // rule a deletion certificate cites.
                keepRule = businessKeep > ceiling ? capRule : businessKeepRule
            }
            deleteBy = max(cap, legalKeep)
        } else if businessKeep > keepUntil {
            keepUntil = businessKeep
            keepRule = businessKeepRule
        }
        // A business policy's lock never outlasts the keep it protects; a lock an earlier schedule
        // applied cannot be lifted, so it holds the recording however the policies changed.
        var lock = writeOnce.map { min($0, keepUntil) }
        var lockRule = writeOnceRule
        if let priorLock, priorLock > (lock ?? .distantPast) {
            lock = priorLock
            lockRule = nil
            keepUntil = max(keepUntil, priorLock)
            deleteBy = deleteBy.map { max($0, priorLock) }
        }
        let deleteByRule = deleteBy == nil ? nil : (restrictedFrom == nil ? capRule : legalKeepRule)
        var governing: [RetentionRuleID] = []
        governing.reserveCapacity(4)
        // The maximum a legal minimum overrode still governs: it sets when the restriction starts.
        for rule in [keepRule, deleteByRule, lockRule, restrictedFrom == nil ? nil : capRule] {
            if let rule, !governing.contains(rule) { governing.append(rule) }
        }
        return RetentionSchedule(
            recordingID: recordingID, keepUntil: keepUntil, legalKeepUntil: legalKeep, deleteBy: deleteBy,
            deleteAt: sawMinimum ? keepUntil : deleteBy, deletionRule: sawMinimum ? keepRule : deleteByRule,
            writeOnceUntil: lock, restrictedFrom: restrictedFrom,
            governing: governing, conflicts: conflicts, redactions: redactions, reasons: reasons,
            catalogVersion: catalogVersion, policyVersion: policyVersion)
    }
}

/// Errors computing a schedule.
public struct RetentionScheduleError: CallVaultError, Equatable, CallVaultReasonedError {
    /// The stable codes of ``RetentionScheduleError``.
    public struct Code: CallVaultErrorCode {
        /// The error type these codes belong to.
        public typealias Owner = RetentionScheduleError
        /// The code's stable text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// The recording declares a regime the catalog does not have.
        public static let unknownRegime = Code("retentionschedule.unknown-regime")
        /// The recording declares a reference regime whose period covers something other than call
        /// recordings (HIPAA's six years cover required documentation), so it cannot be declared.
        public static let notForRecordings = Code("retentionschedule.not-for-recordings")
        /// A host policy has the id of a catalog regime (or `organisation-stated-period`, the id of
        /// the stated period).
        public static let policyNamesRegime = Code("retentionschedule.policy-names-regime")
        /// The recording's end is before its start.
        public static let endsBeforeItStarts = Code("retentionschedule.ends-before-it-starts")
        /// A schedule was recomputed with another recording's attributes.
        public static let scheduleForAnotherRecording = Code("retentionschedule.schedule-for-another-recording")

        /// Every code of this type.
        public static let all: [Code] = [
            unknownRegime, notForRecordings, policyNamesRegime, endsBeforeItStarts, scheduleForAnotherRecording,
        ]
    }

    /// What happened, with its details; the package's own code switches over it.
    package enum Reason: Equatable, Sendable {
        /// The recording declares a regime the catalog does not have.
        case unknownRegime(RetentionRuleID, recordingID: RecordingID)
        /// The recording declares a reference regime whose period covers something other than call
        /// recordings (HIPAA's six years cover required documentation), so it cannot be declared.
        case notForRecordings(RetentionRuleID, name: String, scope: String, recordingID: RecordingID)
        /// A host policy has the id of a catalog regime (or `organisation-stated-period`, the id of
        /// the stated period).
        case policyNamesRegime(RetentionRuleID)
        /// The recording's end is before its start.
        case endsBeforeItStarts(RecordingID)
        /// A schedule was recomputed with another recording's attributes.
        case scheduleForAnotherRecording(RecordingID)
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
        case .unknownRegime: .unknownRegime
        case .notForRecordings: .notForRecordings
        case .policyNamesRegime: .policyNamesRegime
        case .endsBeforeItStarts: .endsBeforeItStarts
        case .scheduleForAnotherRecording: .scheduleForAnotherRecording
        }
    }

    /// The rule that named an unknown regime, for ``Code/unknownRegime``; `nil` for every other code.
    public var unknownRegime: RetentionRuleID? {
        guard case .unknownRegime(let id, _) = reason else { return nil }
        return id
    }

    /// A sentence naming the rule or recording and what to do.
    public var message: String {
        switch reason {
        // The recording is not named: a regime is refused before a recording is kept (a session
        // starting, an import, `callvault retention schedule`), so its id names nothing that exists.
        case .unknownRegime(let id, _):
            "The declared retention regime '\(id)' is not in the catalog; check the id against `callvault retention regimes`, or add the regime to the catalog."
        case .notForRecordings(let id, let name, let scope, _):
            "The declared retention regime '\(id)' (\(name)) is a reference, not a rule for call recordings: its period covers \(scope.isEmpty ? "other records" : RetentionRegime.midSentence(scope)), not calls, so declaring it would suggest the recording is kept that long when nothing keeps it. Remove it from the declared regimes; if the organisation keeps such calls for a reason of its own, set a retention policy that says so."
        case .policyNamesRegime(let id):
            "Retention policy '\(id)' has the id of a catalog regime or of the organisation's stated period; give the policy its own id so schedules cite rules unambiguously."
        case .endsBeforeItStarts(let recording):
            "Recording \(recording) ends before it starts; check the clock of the recording server that reported it."
        case .scheduleForAnotherRecording(let recording):
            "The earlier schedule given belongs to another recording than \(recording); pass the recording's own schedule."
        }
    }

    /// The recording declares a regime the catalog does not have.
    public static func unknownRegime(_ retentionRuleID: RetentionRuleID, recordingID: RecordingID)
        -> RetentionScheduleError
    { RetentionScheduleError(.unknownRegime(retentionRuleID, recordingID: recordingID)) }
    /// The code for ``unknownRegime(_:recordingID:)``, for `catch RetentionScheduleError.unknownRegime`.
    public static let unknownRegime = Code.unknownRegime

    /// The recording declares a reference regime whose period covers something other than call
    /// recordings (HIPAA's six years cover required documentation), so it cannot be declared.
    public static func notForRecordings(
        _ retentionRuleID: RetentionRuleID, name: String, scope: String, recordingID: RecordingID
    ) -> RetentionScheduleError {
        RetentionScheduleError(.notForRecordings(retentionRuleID, name: name, scope: scope, recordingID: recordingID))
    }
    /// The code for ``notForRecordings(_:name:scope:recordingID:)``, for `catch RetentionScheduleError.notForRecordings`.
    public static let notForRecordings = Code.notForRecordings

    /// A host policy has the id of a catalog regime (or `organisation-stated-period`, the id of
    /// the stated period).
    public static func policyNamesRegime(_ retentionRuleID: RetentionRuleID) -> RetentionScheduleError {
        RetentionScheduleError(.policyNamesRegime(retentionRuleID))
    }
    /// The code for ``policyNamesRegime(_:)``, for `catch RetentionScheduleError.policyNamesRegime`.
    public static let policyNamesRegime = Code.policyNamesRegime

    /// The recording's end is before its start.
    public static func endsBeforeItStarts(_ recordingID: RecordingID) -> RetentionScheduleError {
        RetentionScheduleError(.endsBeforeItStarts(recordingID))
    }
    /// The code for ``endsBeforeItStarts(_:)``, for `catch RetentionScheduleError.endsBeforeItStarts`.
    public static let endsBeforeItStarts = Code.endsBeforeItStarts

    /// A schedule was recomputed with another recording's attributes.
    public static func scheduleForAnotherRecording(_ recordingID: RecordingID) -> RetentionScheduleError {
        RetentionScheduleError(.scheduleForAnotherRecording(recordingID))
    }
    /// The code for ``scheduleForAnotherRecording(_:)``, for `catch RetentionScheduleError.scheduleForAnotherRecording`.
    public static let scheduleForAnotherRecording = Code.scheduleForAnotherRecording
}

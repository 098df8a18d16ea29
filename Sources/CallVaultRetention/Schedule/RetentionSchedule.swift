public import CallVaultCore
public import Foundation

/// When a recording may, must and will be deleted, and why.
///
/// - ``keepUntil``: the earliest moment it may be deleted: the longest minimum that applies.
/// - ``deleteBy``: the latest: the shortest maximum, unless a legal minimum outlasts it (a
///   ``RetentionConflict``), in which case the legal obligation wins (GDPR Art. 17(3)(b)) and the
///   recording is restricted (Art. 18) from the maximum on.
/// - ``deleteAt``: when the sweeper deletes it: at ``keepUntil`` once a minimum has applied,
///   otherwise at ``deleteBy``; `nil` when no rule sets either (the reasons say so).
///
/// Legal holds suspend deletion without changing the schedule.
public struct RetentionSchedule: Hashable, Sendable, Codable {
    /// The recording.
    public let recordingID: RecordingID
    /// The earliest moment the recording may be deleted.
    public let keepUntil: Date
    /// The part of ``keepUntil`` that legal obligations require: an erasure request cannot shorten
    /// it, and a recomputed schedule never falls below it.
    public let legalKeepUntil: Date
    /// The latest moment the recording may be kept; `nil` when no maximum applies.
    public let deleteBy: Date?
    /// When the sweeper will delete the recording; `nil` when no rule sets a time.
    public let deleteAt: Date?
    /// The rule that sets ``deleteAt``, which a deletion certificate cites.
    public let deletionRule: RetentionRuleID?
    /// Until when the recording must be stored write-once; `nil` when no rule asks it.
    public let writeOnceUntil: Date?
    /// From when processing is restricted to the legal obligation that keeps the recording past a
    /// maximum; `nil` without such a conflict.
    public let restrictedFrom: Date?
    /// The rules that set ``keepUntil``, ``deleteBy``, ``writeOnceUntil`` and ``restrictedFrom``.
    public let governing: [RetentionRuleID]
    /// Minimums that outlast maximums, and how each was resolved.
    public let conflicts: [RetentionConflict]
    /// Card-data ranges that must be removed, and by when.
    public let redactions: [CardDataRedaction]
    /// What each applicable rule contributed, in the order applied.
    public let reasons: [RetentionReason]
    /// The version of the catalog the schedule was computed from.
    public let catalogVersion: String
    /// The version of the host's policies it was computed from.
    public let policyVersion: String

    init(
        recordingID: RecordingID, keepUntil: Date, legalKeepUntil: Date, deleteBy: Date?, deleteAt: Date?,
        deletionRule: RetentionRuleID?, writeOnceUntil: Date?, restrictedFrom: Date?, governing: [RetentionRuleID],
        conflicts: [RetentionConflict],
        redactions: [CardDataRedaction], reasons: [RetentionReason], catalogVersion: String, policyVersion: String
    ) {
        self.recordingID = recordingID
        self.keepUntil = keepUntil
        self.legalKeepUntil = legalKeepUntil
        self.deleteBy = deleteBy
        self.deleteAt = deleteAt
        self.deletionRule = deletionRule
        self.writeOnceUntil = writeOnceUntil
        self.restrictedFrom = restrictedFrom
        self.governing = governing
        self.conflicts = conflicts
        self.redactions = redactions
        self.reasons = reasons
        self.catalogVersion = catalogVersion
        self.policyVersion = policyVersion
    }

    /// The reason trail as lines a person reads, ending with the outcome.
    public var explanation: String {
        var lines = reasons.map { "- \($0)" }
        lines += conflicts.map { "- Conflict: \($0)" }
        let until = "Keep until \(CivilTime.iso8601(keepUntil))"
        let by = deleteBy.map { "; delete by \(CivilTime.iso8601($0))" } ?? "; no maximum applies"
        let at =
            deleteAt.map { "; the sweeper deletes it at \(CivilTime.iso8601($0))." }
            ?? "; no rule sets a deletion time, so it is kept until a policy does."
        lines.append(until + by + at)
        return lines.joined(separator: "\n")
    }
}

/// A minimum that outlasts a maximum, and how it was resolved.
public struct RetentionConflict: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The rule that requires keeping the recording.
    public let minimumRule: RetentionRuleID
    /// When its minimum ends.
    public let minimumEnds: Date
    /// The rule that caps how long it may be kept.
    public let maximumRule: RetentionRuleID
    /// When the cap falls.
    public let maximumEnds: Date
    /// How the conflict was resolved.
    public let resolution: Resolution

    /// How a conflict between a minimum and a maximum is resolved.
    public enum Resolution: String, Hashable, Sendable, Codable {
        /// A legal obligation to keep wins (GDPR Art. 17(3)(b)): the recording is kept until the
        /// minimum ends and restricted (Art. 18) to that obligation from the maximum on.
        case keptForLegalObligation = "kept-for-legal-obligation"
        /// A business minimum yields to the maximum: the recording is deleted by the maximum.
        case minimumShortenedToMaximum = "minimum-shortened-to-maximum"
    }

    /// One sentence: the two rules, the two dates and the resolution.
    public var description: String {
        let dates =
            "\(minimumRule) requires keeping until \(CivilTime.day(minimumEnds)), \(maximumRule) allows keeping only until \(CivilTime.day(maximumEnds))"
        switch resolution {
        case .keptForLegalObligation:
            return
                "\(dates): the legal obligation wins (GDPR Art. 17(3)(b)); the recording is kept until \(CivilTime.day(minimumEnds)) and restricted to that obligation (Art. 18) from \(CivilTime.day(maximumEnds))."
        case .minimumShortenedToMaximum:
            return
                "\(dates): \(minimumRule) is not a legal obligation, so it yields to \(maximumRule)'s \(CivilTime.day(maximumEnds)) (a legal obligation to keep it longer, if any, still holds)."
        }
    }
}

/// A card-data range that must be removed from a recording, and by when.
public struct CardDataRedaction: Hashable, Sendable, Codable {
    /// The flagged range.
    public let range: CardDataRange
    /// When it must be gone: at once, the moment the recording ends.
    public let dueAt: Date
    /// The rule that requires it, when the catalog has one.
    public let rule: RetentionRuleID?
}

/// What one rule contributed to a schedule.
public struct RetentionReason: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The rule; `nil` for findings about the recording itself.
    public let rule: RetentionRuleID?
    /// The rule's name.
    public let ruleName: String
    /// Whether the rule is a legal obligation (law, a binding standard, or a policy marked so),
    /// which an erasure request cannot override.
    public let isLegalObligation: Bool
    /// What the rule says about this recording.
    public let finding: Finding

    init(rule: RetentionRuleID?, ruleName: String, isLegalObligation: Bool = false, finding: Finding) {
        self.rule = rule
        self.ruleName = ruleName
        self.isLegalObligation = isLegalObligation
        self.finding = finding
    }

    /// What a rule says about one recording.
    public enum Finding: Hashable, Sendable, Codable {
        /// Keep at least `period` after the call, so until `until`.
        case minimum(RetentionPeriod, until: Date)
        /// Keep at most `period` from the start of the call, so until `until`.
        case maximum(RetentionPeriod, until: Date)
        /// Store write-once until `until`.
        case writeOnce(until: Date)
        /// The rule sets no period: keep no longer than the purposes need.
        case noFixedPeriod
        /// `ranges` flagged card-data ranges are due for removal at `dueAt`.
        case cardData(ranges: Int, dueAt: Date)
        /// An earlier schedule's legal minimum still binds: a recomputation never shortens it.
        case earlierLegalMinimum(until: Date, catalogVersion: String, policyVersion: String)
        /// The rule was declared but does not set a whole recording's period (a card-data or
        /// reference rule: card data is flagged by range, legal holds are placed as holds).
        case noScheduleEffect
        /// No rule or policy sets a period for this recording.
        case noRuleApplies
        /// Where a party was is not known, so no place's own rules could be applied.
        case unknownJurisdiction
    }

    /// One sentence.
    public var description: String {
        let name = rule.map { "\(ruleName) (\($0))" } ?? ruleName
        switch finding {
        case .minimum(let period, let until):
            return "\(name): keep at least \(period.spelledOut) after the call, until \(CivilTime.day(until))."
        case .maximum(let period, let until):
            return
                "\(name): keep at most \(period.spelledOut) from the start of the call, until \(CivilTime.day(until))."
        case .writeOnce(let until):
            return "\(name): store write-once until \(CivilTime.day(until))."
        case .noFixedPeriod:
            return "\(name): no fixed period; keep no longer than the purposes need, so set a policy maximum."
        case .cardData(let ranges, let dueAt):
            return
                "\(name): \(ranges) flagged card-data range\(ranges == 1 ? "" : "s") must be removed at once (due \(CivilTime.iso8601(dueAt)))."
        case .earlierLegalMinimum(let until, let catalogVersion, let policyVersion):
            return
                "\(name): the schedule computed under catalog \(catalogVersion) and policies \(policyVersion) required keeping until \(CivilTime.day(until)); a later version never shortens a legal minimum."
        case .noScheduleEffect:
            return
                "\(name): declared, but it does not set how long a whole recording is kept (card data is flagged by range; legal holds are placed as holds)."
        case .noRuleApplies:
            return "\(name): no rule or policy sets a period; the recording is kept until a policy does."
        case .unknownJurisdiction:
            return
                "\(name): a party's location is unknown, so only declared regimes and policies apply; nothing is deleted early on a guess."
        }
    }
}

import CallVaultCore
import CallVaultRetention
import Foundation
import Testing

/// Recordings, policies and schedulers for the schedule tests. The standard call starts at
/// 2026-01-15T10:00:00Z and lasts 30 minutes.
enum ScheduleFixture {
    static let startText = "2026-01-15T10:00:00Z"
    static let endText = "2026-01-15T10:30:00Z"

    static func start() throws -> Date { try CatalogFixture.instant(startText) }
    static func end() throws -> Date { try CatalogFixture.instant(endText) }

    /// A recording's attributes, by jurisdiction code.
    static func recording(
        id: RecordingID = RecordingID(), start: String = startText, end: String = endText, in places: [String],
        declared: [RetentionRuleID] = [], purposes: Set<Purpose> = [], tags: Set<String> = [], queue: String? = nil,
        lineOfBusiness: String? = nil, customer: String? = nil, agent: String? = nil,
        cardData: [CardDataRange] = []
    ) throws -> RecordingRetentionAttributes {
        RecordingRetentionAttributes(
            recordingID: id, startedAt: try CatalogFixture.instant(start), endedAt: try CatalogFixture.instant(end),
            jurisdictions: try places.map { try Jurisdiction(parsing: $0) }, declaredRegimes: declared,
            purposes: purposes, tags: tags, queue: queue, lineOfBusiness: lineOfBusiness, customerID: customer,
            agentID: agent, cardDataRanges: cardData)
    }

    /// A host policy, with periods given as ISO 8601 text.
    static func policy(
        _ id: RetentionRuleID, name: String? = nil, match: RetentionQuery = RetentionQuery(), minimum: String? = nil,
        maximum: String? = nil, writeOnce: Bool = false, legal: Bool = false
    ) throws -> RetentionPolicy {
        try RetentionPolicy(
            id: id, name: name ?? "Policy \(id)", match: match,
            minimum: try minimum.map { try RetentionPeriod(iso8601: $0) },
            maximum: try maximum.map { try RetentionPeriod(iso8601: $0) }, writeOnce: writeOnce,
            isLegalObligation: legal)
    }

    /// A scheduler over the bundled catalog and these policies.
    static func scheduler(_ version: String = "none", _ policies: [RetentionPolicy] = []) throws -> RetentionScheduler {
        let set =
            policies.isEmpty && version == "none" ? .none : try RetentionPolicySet(version: version, policies: policies)
        return try RetentionScheduler(catalog: try RetentionCatalog.bundled, policies: set)
    }

    /// The reason trail as (rule id or "-", finding) pairs, for exact comparison.
    static func trail(_ schedule: RetentionSchedule) -> [Step] {
        schedule.reasons.map { Step(rule: $0.rule?.rawValue ?? "-", finding: $0.finding) }
    }

    /// One step of a reason trail.
    struct Step: Hashable, CustomStringConvertible {
        let rule: String
        let finding: RetentionReason.Finding

        init(rule: String, finding: RetentionReason.Finding) {
            self.rule = rule
            self.finding = finding
        }

        init(_ rule: String, _ finding: RetentionReason.Finding) {
            self.init(rule: rule, finding: finding)
        }

        var description: String { "\(rule): \(finding)" }
    }

    static func period(_ text: String) throws -> RetentionPeriod {
        try RetentionPeriod(iso8601: text)
    }
}

import CallVaultCore
import CallVaultRetention
import Foundation

/// What `retention schedule` reports; its JSON keys are part of the tool's interface. Instants are
/// ISO 8601 in UTC (`2031-01-15T10:05:00Z`), and every key is present, `null` when it has no value.
struct RetentionScheduleReport: Encodable {
    struct Conflict: Encodable {
        var minimumRule: String
        var minimumEnds: String
        var maximumRule: String
        var maximumEnds: String
        /// `kept-for-legal-obligation` or `minimum-shortened-to-maximum`.
        var resolution: String
        var description: String

        init(_ conflict: RetentionConflict) {
            minimumRule = conflict.minimumRule.rawValue
            minimumEnds = CivilTime.iso8601(conflict.minimumEnds)
            maximumRule = conflict.maximumRule.rawValue
            maximumEnds = CivilTime.iso8601(conflict.maximumEnds)
            resolution = conflict.resolution.rawValue
            description = conflict.description
        }
    }

    var keepUntil: String
    var legalKeepUntil: String
    var deleteBy: String?
    var deleteAt: String?
    var deletionRule: String?
    var writeOnceUntil: String?
    var restrictedFrom: String?
    var governing: [String]
    var conflicts: [Conflict]
    var reasons: [String]
    var catalogVersion: String
    var policyVersion: String

    init(_ schedule: RetentionSchedule) {
        keepUntil = CivilTime.iso8601(schedule.keepUntil)
        legalKeepUntil = CivilTime.iso8601(schedule.legalKeepUntil)
        deleteBy = schedule.deleteBy.map(CivilTime.iso8601)
        deleteAt = schedule.deleteAt.map(CivilTime.iso8601)
        deletionRule = schedule.deletionRule?.rawValue
        writeOnceUntil = schedule.writeOnceUntil.map(CivilTime.iso8601)
        restrictedFrom = schedule.restrictedFrom.map(CivilTime.iso8601)
        governing = schedule.governing.map(\.rawValue)
        conflicts = schedule.conflicts.map(Conflict.init)
        reasons = schedule.reasons.map(\.description)
        catalogVersion = schedule.catalogVersion
        policyVersion = schedule.policyVersion
    }

    private enum CodingKeys: String, CodingKey {
        case keepUntil, legalKeepUntil, deleteBy, deleteAt, deletionRule, writeOnceUntil, restrictedFrom, governing
        case conflicts, reasons, catalogVersion, policyVersion
    }

    // Written out so an absent time is `null`, not a missing key (the synthesized encoding drops nils).
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(keepUntil, forKey: .keepUntil)
        try container.encode(legalKeepUntil, forKey: .legalKeepUntil)
        try container.encode(deleteBy, forKey: .deleteBy)
        try container.encode(deleteAt, forKey: .deleteAt)
        try container.encode(deletionRule, forKey: .deletionRule)
        try container.encode(writeOnceUntil, forKey: .writeOnceUntil)
        try container.encode(restrictedFrom, forKey: .restrictedFrom)
        try container.encode(governing, forKey: .governing)
        try container.encode(conflicts, forKey: .conflicts)
        try container.encode(reasons, forKey: .reasons)
        try container.encode(catalogVersion, forKey: .catalogVersion)
        try container.encode(policyVersion, forKey: .policyVersion)
    }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// The schedule for a person: the recording, the five times, the governing rules, the conflicts
    /// and the reason trail.
    static func text(
        for schedule: RetentionSchedule, of recording: RecordingRetentionAttributes, purposes: [Purpose],
        ruleNames: [RetentionRuleID: String]
    ) -> String {
        let report = RetentionScheduleReport(schedule)
        func list(_ items: [String]) -> String { items.isEmpty ? "none" : items.joined(separator: ", ") }
        var lines = [
            "Recording: started \(CivilTime.iso8601(recording.startedAt)), ended \(CivilTime.iso8601(recording.endedAt)).",
            "Declared regimes: \(list(recording.declaredRegimes.map(\.rawValue))); "
                + "jurisdictions: \(list(recording.jurisdictions.map(\.code))); "
                + "purposes: \(purposes.isEmpty ? "none given" : list(purposes.map(\.identifier))).",
            "Catalog: \(report.catalogVersion); policies: \(report.policyVersion).",
            "",
            "Keep until:        \(report.keepUntil)",
            "Delete by:         \(report.deleteBy ?? "none (no maximum applies)")",
            "Deletion time:     \(report.deleteAt ?? "none (no rule sets one; kept until a policy does)")",
            "Write-once until:  \(report.writeOnceUntil ?? "none (no rule asks for write-once storage)")",
            "Restricted from:   \(report.restrictedFrom ?? "none (no legal minimum outlasts a maximum)")",
            "",
            "Governing rules:",
        ]
        if schedule.governing.isEmpty {
            lines.append("  none")
        } else {
            let width = schedule.governing.map(\.rawValue.count).max() ?? 0
            lines += schedule.governing.map { id in
                let padding = String(repeating: " ", count: width - id.rawValue.count)
                return "  \(id.rawValue)\(padding)  \(ruleNames[id] ?? "")"
            }
        }
        lines += ["", "Conflicts:"]
        lines += schedule.conflicts.isEmpty ? ["  none"] : schedule.conflicts.map { "  \($0)" }
        lines += ["", "Reasons:"]
        lines += schedule.explanation.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
        return lines.joined(separator: "\n")
    }
}

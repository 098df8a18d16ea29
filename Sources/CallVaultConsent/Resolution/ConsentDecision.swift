public import CallVaultCore

/// What the law asks of each party on a call before it is recorded, and why.
///
/// The strictest rule across every party's location wins and applies to every party the
/// recording organisation does not speak for. The decision records the catalog version it was made
/// with, so a receipt or an audit can show which rules were in force.
public struct ConsentDecision: Hashable, Sendable {
    /// One party's part of the decision.
    public struct PartyDecision: Hashable, Sendable {
        /// The party.
        public let party: CallParty
        /// What the party needs before recording.
        public let requirement: ConsentRequirement
        /// The strictness of the law at the party's own location.
        public let localStrictness: ConsentStrictness
        /// Whether this party's announcement must be on the recording (or, where the rule allows, a
        /// warning tone stand for it): set for every party who must be told or asked, when any
        /// party on the call is where the law says so (the rule binds the whole conversation).
        public let recordedNotice: RecordedNotice?
        let finding: LocationFinding

        /// Whether this party's announcement must itself be recorded (a tone may stand for it where
        /// ``recordedNotice`` allows one and the host prefers it).
        public var announcementMustBeRecorded: Bool { recordedNotice != nil }
    }

    /// The version of the catalog the decision was made with.
    public let catalogVersion: String
    /// Inbound or outbound.
    public let direction: CallDirection
    /// The purposes the recording is for.
    public let purposes: [Purpose]
    /// Each party's requirement, in the order the parties were given.
    public let parties: [PartyDecision]
    /// The strictest rule across all parties.
    public let strictness: ConsentStrictness
    /// The jurisdictions that set ``strictness``.
    public let governing: [Jurisdiction]
    /// Purposes that a lawful basis other than consent does not cover, where that matters.
    public let purposesNeedingConsent: [Purpose]
    /// The strictest recorded-notice rule across the parties' locations: nil unless some party is
    /// where the announcement must be on the recording (Washington, Connecticut).
    public let recordedNotice: RecordedNotice?
    /// The jurisdictions that ask for the recorded notice.
    public let recordedNoticeSetBy: [Jurisdiction]

    /// Whether every party other than the recording organisation's own must consent.
    public var isAllParty: Bool { strictness >= .allPartyNoticeSuffices || !purposesNeedingConsent.isEmpty }

    /// Whether a notice followed by staying on the line is enough for everyone who must agree
    /// (true when nobody must agree).
    public var noticeSuffices: Bool {
        strictness <= .allPartyNoticeSuffices && purposesNeedingConsent.isEmpty
    }

    /// The requirement for `party`, if the party is on the call.
    public func requirement(for party: PartyID) -> ConsentRequirement? {
        parties.first { $0.party.id == party }?.requirement
    }

    /// The strongest requirement across the parties.
    public var highestRequirement: ConsentRequirement {
        parties.map(\.requirement).max() ?? .none
    }

    /// The catalog rows that set ``strictness`` (each once, in party order): the rows whose notes,
    /// source and review date the reason trail quotes.
    public var governingRules: [JurisdictionRule] {
        var seen = Set<Jurisdiction>()
        var rules: [JurisdictionRule] = []
        for decision in parties {
            for case .rule(let rule, _, let ruleStrictness) in decision.finding.steps
            where ruleStrictness == strictness && governing.contains(rule.jurisdiction)
                && seen.insert(rule.jurisdiction).inserted
            {
                rules.append(rule)
            }
        }
        return rules
    }

    /// The reasoning, one sentence per line, for a compliance officer.
    public var reasons: [String] {
        var lines: [String] = []
        for decision in parties {
            let party = decision.party
            lines.append(
                "\(party.role) \(party.id) at \(party.location) (\(party.medium)): \(decision.localStrictness) there.")
            for step in decision.finding.steps { lines.append("  " + Self.explain(step)) }
        }
        lines.append(
            "The strictest rule wins: \(strictness), set by \(governing.map(\.code).joined(separator: ", ")).")
        if !purposesNeedingConsent.isEmpty {
            lines.append(
                "No lawful basis other than consent covers the purpose\(purposesNeedingConsent.count == 1 ? "" : "s") "
                    + "\(purposesNeedingConsent.map(\.identifier).joined(separator: ", ")), so each party must consent explicitly."
            )
        }
        switch (isAllParty, noticeSuffices) {
        case (true, true):
            lines.append(
                "Every party other than the recording organisation's own must consent; a notice followed by staying on the line counts as consent."
            )
        case (_, false):
            lines.append(
                "Every party other than the recording organisation's own must consent by an affirmative act (key press, spoken yes, or agent attestation) before recording starts."
            )
        case (false, true):
            lines.append(
                "Every party other than the recording organisation's own must be told before recording starts.")
        }
        if let recordedNotice {
            let codes = recordedNoticeSetBy.map(\.code).joined(separator: ", ")
            lines.append(
                recordedNotice.allowsWarningTone
                    ? "\(codes) asks that the announcement to each party be on the recording, or that a warning tone repeat about every 15 seconds while recording; so recording opens when each announcement starts, unless the host uses the tone."
                    : "\(codes) asks that the announcement to each party be on the recording; so recording opens when each announcement starts."
            )
        }
        // The notes of the rows that set the call's strictness: the special cases that matter.
        for rule in governingRules where !rule.notes.isEmpty {
            // The review date sits beside the source, so a reader sees how fresh the row is.
            let reviewed = rule.reviewed.map { " (reviewed \($0))" } ?? " (no review date)"
            lines.append(
                "\(rule.jurisdiction) (\(rule.name)), \(rule.catalog) line \(rule.line): \(rule.notes) Source: \(rule.source)\(reviewed)"
            )
        }
        lines.append("Catalog: \(catalogVersion).")
        return lines
    }

    private static func explain(_ step: LocationFinding.Step) -> String {
        switch step {
        case .rule(let rule, let medium, let strictness):
            let perMedium = rule.mediumModels[medium].map { ", \($0) for \(medium) calls" } ?? ""
            let dataProtection =
                rule.hasDataProtectionLaw ? "; a data-protection law needs a lawful basis per purpose" : ""
            return
                "\(rule.jurisdiction) (\(rule.name)): \(rule.model)\(perMedium); notice counts as consent: \(rule.noticeAsConsent)\(dataProtection); so \(strictness)."
        case .unknownLocation:
            return "The location is unknown, so the strictest reading applies: all-party, explicit consent."
        case .subdivisionUnknown(let country):
            return
                "\(country)'s rules differ by subdivision and the subdivision is unknown, so the strictest reading applies: all-party, explicit consent."
        case .notInCatalog(let jurisdiction):
            return
                "The catalog has no rule for \(jurisdiction), so the strictest reading applies: all-party, explicit consent."
        case .countryRuleApplies(let subdivision, let country):
            return
                "The catalog has no rule of its own for \(subdivision); \(country)'s rule applies throughout the country."
        }
    }
}

public import CallVaultCore

/// Decides what each party on a call needs before recording: nothing, notice, or consent.
///
/// The strictest rule across every party's location wins and applies to every party other than
/// the recording organisation's own (agents and bots). An unknown location, a bare country code
/// whose rules differ by subdivision (`US`, `AU`), or a code the catalog lacks reads as all-party
/// with explicit consent; a subdivision also falls under its country's rule, and the stricter of
/// the two applies. Adding a party can only keep or raise the requirement.
///
/// ```swift
/// let resolver = RequirementResolver(catalog: try .bundled)
/// let decision = resolver.resolve(
///     direction: .inbound,
///     parties: [
///         CallParty(id: "caller", role: .customer, location: try Jurisdiction(parsing: "US-CA"), medium: .mobile),
///         CallParty(id: "agent-7", role: .agent, location: try Jurisdiction(parsing: "US-TX")),
///     ],
///     purposes: [.quality, .training])
/// decision.isAllParty          // true: California
/// decision.noticeSuffices      // true: a notice plus staying on the line is consent there
/// ```
public struct RequirementResolver: Sendable {
    /// The rules used.
    public let catalog: JurisdictionCatalog

    /// Creates a resolver over `catalog`.
    public init(catalog: JurisdictionCatalog) {
        self.catalog = catalog
    }

    /// Resolves the requirement for a call.
    public func resolve(direction: CallDirection, parties: [CallParty], purposes: [Purpose]) -> ConsentDecision {
        var findings: [LocationFinding] = []
        findings.reserveCapacity(parties.count)
        var strictness = ConsentStrictness.oneParty
        var anyLawfulBasis = false
        for party in parties {
            let finding = catalog.finding(for: party.location, medium: party.medium)
            if finding.strictness > strictness { strictness = finding.strictness }
            anyLawfulBasis = anyLawfulBasis || finding.hasLawfulBasisRule
            findings.append(finding)
        }
        var governing: [Jurisdiction] = []
        for finding in findings where finding.strictness == strictness {
            for jurisdiction in finding.governing where !governing.contains(jurisdiction) {
                governing.append(jurisdiction)
            }
        }
        // Where data-protection law applies to any party, purposes beyond the standard ones have no
        // basis but consent, and that consent must be an affirmative act.
        let purposesNeedingConsent =
            anyLawfulBasis && !purposes.allSatisfy(Purpose.standard.contains)
            ? purposes.filter { !Purpose.standard.contains($0) } : []
        let othersNeed: ConsentRequirement =
            strictness >= .allPartyNoticeSuffices || !purposesNeedingConsent.isEmpty ? .consent : .notice
        var recordedNotice: RecordedNotice?
        var recordedNoticeSetBy: [Jurisdiction] = []
        for finding in findings {
            guard let wanted = finding.recordedNotice else { continue }
            recordedNotice = max(recordedNotice ?? wanted, wanted)
            for source in finding.recordedNoticeSources where !recordedNoticeSetBy.contains(source) {
                recordedNoticeSetBy.append(source)
            }
        }
        var decisions: [ConsentDecision.PartyDecision] = []
        decisions.reserveCapacity(parties.count)
        for (party, finding) in zip(parties, findings) {
            let requirement = party.role.isRecordingSide ? ConsentRequirement.none : othersNeed
            decisions.append(
                ConsentDecision.PartyDecision(
                    party: party, requirement: requirement, localStrictness: finding.strictness,
                    recordedNotice: requirement == .none ? nil : recordedNotice, finding: finding))
        }
        return ConsentDecision(
            catalogVersion: catalog.version, direction: direction, purposes: purposes, parties: decisions,
            strictness: strictness, governing: governing, purposesNeedingConsent: purposesNeedingConsent,
            recordedNotice: recordedNotice, recordedNoticeSetBy: recordedNoticeSetBy)
    }
}

import CallVaultConsent

/// What a customer at each row's code should need, written by hand from the legal reference table's
/// notes (Reference/consent-jurisdictions.csv and legal-catalog.md), not derived from the
/// catalog: the table tests compare the resolver with it.
///
/// Readings: `one-party` rows ask only for notice; `all-party` rows whose notes say an announcement
/// plus staying on the line is consent (or makes the recording not secret) ask for consent that
/// notice can stand for; all-party rows whose notice column is `uncertain` or `no` ask for explicit
/// consent; `uncertain` consent models read as all-party; an `uncertain` notice column, whatever the
/// model, reads as explicit consent (the stricter reading); `lawful-basis` rows and EU
/// members read as lawful basis with notice. A bare `US` or `AU` means the subdivision is unknown, so explicit.
enum ExpectedReadings {
    struct Reading: Sendable {
        /// The strictness a customer there must get (the agent sits in a one-party place).
        let strictness: ConsentStrictness
        /// The governing codes when they are not the row's own code (plus, for one-party rows, its
        /// country and the agent's place).
        let governing: Set<String>?
        /// Why the resolver is believed to read this row wrongly, when it is; the row is then checked
        /// inside `withKnownIssue`.
        let disputed: String?

        init(_ strictness: ConsentStrictness, governing: Set<String>? = nil, disputed: String? = nil) {
            self.strictness = strictness
            self.governing = governing
            self.disputed = disputed
        }
    }

    static let oneParty = Reading(.oneParty)
    static let noticeSuffices = Reading(.allPartyNoticeSuffices)
    static let explicit = Reading(.allPartyExplicit)
    static let euMember = Reading(.lawfulBasis, governing: ["EU"])

    /// Every row of the reference table: 52 US (federal, 50 states, DC) and 24 others.
    static let table: [String: Reading] = [
        // Federal law is one-party, but a bare US code says nothing of the state: strictest reading.
        "US": explicit,
        "US-AL": oneParty, "US-AK": oneParty, "US-AZ": oneParty, "US-AR": oneParty, "US-CO": oneParty,
        "US-DC": oneParty, "US-GA": oneParty, "US-HI": oneParty, "US-ID": oneParty, "US-IN": oneParty,
        "US-IA": oneParty, "US-KS": oneParty, "US-KY": oneParty, "US-LA": oneParty, "US-ME": oneParty,
        "US-MN": oneParty, "US-MS": oneParty, "US-MO": oneParty, "US-NE": oneParty, "US-NJ": oneParty,
        "US-NM": oneParty, "US-NY": oneParty, "US-NC": oneParty, "US-ND": oneParty, "US-OH": oneParty,
        "US-OK": oneParty, "US-RI": oneParty, "US-SC": oneParty, "US-SD": oneParty, "US-TN": oneParty,
        "US-TX": oneParty, "US-UT": oneParty, "US-VA": oneParty, "US-WV": oneParty, "US-WI": oneParty,
        "US-WY": oneParty,
        // No statute; treated as one-party in practice (in-home covert recording is the caveat).
        "US-VT": oneParty,
        // Penal Code 632/632.7: all parties; a warning at the outset plus continuing is implied consent.
        "US-CA": noticeSuffices,
        // CGS 52-570d: a recorded verbal notice or a periodic tone suffices.
        "US-CT": noticeSuffices,
        // Conflicting statutes, conservative treatment all-party; notice column says yes.
        "US-DE": noticeSuffices,
        // Announcement at the outset is commonly treated as implied consent.
        "US-FL": noticeSuffices,
        // The offence needs surreptitious recording: an announced recording is not covered.
        "US-IL": noticeSuffices,
        // All parties, and whether notice plus continuing is consent is uncertain.
        "US-MD": explicit,
        // 'Secretly': a known recording is not secret.
        "US-MA": noticeSuffices,
        // Statute says all parties, courts let participants record: conservative all-party; notice yes.
        "US-MI": noticeSuffices,
        // Hidden device without knowledge; a warning is an exception.
        "US-MT": noticeSuffices,
        // Phone calls all-party (also read for wireless); notice-as-consent disputed.
        "US-NV": explicit,
        // All parties; notice plus continuation not confirmed.
        "US-NH": explicit,
        // ORS 165.540(1)(a): a participant may record a telecommunication.
        "US-OR": oneParty,
        // Announcement plus staying on the line relied on as consent.
        "US-PA": noticeSuffices,
        // RCW 9.73.030(3): an effective, recorded announcement is consent.
        "US-WA": noticeSuffices,
        "CA": oneParty,
        "GB": oneParty,
        "EU": Reading(.lawfulBasis),
        // StGB s.201 plus DPAs: opt-in before recording; notice plus continuing is not consent.
        "DE": explicit,
        // CNIL: information plus a right to object, not consent; the EU floor agrees.
        "FR": Reading(.lawfulBasis, governing: ["FR", "EU"]),
        // STC 114/1984: a participant may record; a company needs GDPR notice and a lawful basis
        // (the EU floor), not explicit consent.
        "ES": euMember,
        "IT": euMember,
        "NL": euMember,
        // Commonwealth law is one-party with knowledge, but States differ: a bare AU is unknown.
        "AU": explicit,
        "AU-NSW": noticeSuffices,
        "AU-VIC": oneParty,
        "AU-QLD": oneParty,
        "AU-WA": noticeSuffices,
        "AU-SA": noticeSuffices,
        // Implied consent not confirmed.
        "AU-TAS": explicit,
        // 'Consent' includes implied consent (s.2).
        "AU-ACT": noticeSuffices,
        "AU-NT": oneParty,
        // DPDP Act s.6(1): consent needs a clear affirmative action; whether the s.7(a) legitimate
        // use covers recording is uncertain, so consent is required.
        "IN": explicit,
        "BR": oneParty,
        "IR": explicit,
        // Criminal law needs consent; whether an announcement counts is unsettled.
        "AE": explicit,
        "JP": oneParty,
        // PDPA s.15(1): a caller told the purpose who stays on the line is deemed to consent.
        "SG": noticeSuffices,
        "ZA": oneParty,
    ]

    /// The governing codes expected when a customer at `code` talks to an agent at
    /// ``ResolutionFixture/oneParty``.
    static func governing(for code: String, reading: Reading) -> Set<String> {
        if let governing = reading.governing { return governing }
        guard reading.strictness == .oneParty else { return [code] }
        var codes: Set<String> = [code, ResolutionFixture.oneParty]
        if let dash = code.firstIndex(of: "-") { codes.insert(String(code[..<dash])) }
        return codes
    }

    /// Rows whose model depends on the medium (the generator adds per-medium models for them).
    static let perMedium = ["US-CT", "US-NV", "US-OR", "AU", "US-CA"]

    /// EU members in the reference table: the EU row binds them as a floor.
    static let euMembers = ["DE", "FR", "ES", "IT", "NL"]
}

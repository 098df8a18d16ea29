import CallVaultConsent
import CallVaultCore
import Testing

/// The catalog rows corrected for issue 12 (Spain, Singapore, India, and Quebec under Canada's
/// row): what a customer calling from each place now needs, and the review dates every row carries.
@Suite("Catalog corrections: Spain, Singapore, India, Quebec")
struct CatalogCorrectionTests {
    /// The rows re-reviewed on 2026-12-06; every other row keeps the table's date.
    static let corrected: Set<String> = ["ES", "SG", "IN", "CA"]

    @Test("Spain: a participant's company recording its customers needs notice and a lawful basis, not a key press")
    func spain() throws {
        let decision = try ResolutionFixture.resolve([
            ResolutionFixture.customer("ES", .mobile), ResolutionFixture.agent("ES"),
        ])
        #expect(decision.strictness == .lawfulBasis)
        #expect(decision.requirement(for: "customer") == .notice)
        #expect(decision.noticeSuffices)
        #expect(!decision.isAllParty)
        #expect(ResolutionFixture.governing(decision) == ["EU"])
        // The participant rule alone is one-party; the GDPR floor is what asks for notice and a basis.
        let spain = try #require(try ResolutionFixture.bundled().rule(for: ResolutionFixture.place("ES")))
        #expect(spain.model == .oneParty)
        #expect(spain.noticeAsConsent == .notApplicable)
        #expect(spain.notes.contains("STC 114/1984"))
        #expect(spain.source.contains("hj.tribunalconstitucional.es"))
        // A purpose beyond the standard ones has no basis but consent.
        let custom = try ResolutionFixture.resolve(
            [ResolutionFixture.customer("ES"), ResolutionFixture.agent("ES")],
            purposes: [.quality, try Purpose("voice-analytics")])
        #expect(custom.requirement(for: "customer") == .consent)
        #expect(!custom.noticeSuffices)
    }

    @Test("Singapore: deemed consent under the PDPA, so notice and staying on the line is consent")
    func singapore() throws {
        let decision = try ResolutionFixture.resolve([
            ResolutionFixture.customer("SG"), ResolutionFixture.agent(ResolutionFixture.oneParty),
        ])
        #expect(decision.strictness == .allPartyNoticeSuffices)
        #expect(decision.requirement(for: "customer") == .consent)
        #expect(decision.noticeSuffices)
        #expect(ResolutionFixture.governing(decision) == ["SG"])
        let trail = ResolutionFixture.trail(decision)
        #expect(trail.contains("s.15(1)"))
        #expect(trail.contains("(reviewed 2026-12-06)"))
        // Deemed consent covers the purpose the caller was told of; other purposes need a yes.
        let custom = try ResolutionFixture.resolve(
            [ResolutionFixture.customer("SG"), ResolutionFixture.agent(ResolutionFixture.oneParty)],
            purposes: [try Purpose("marketing-analysis")])
        #expect(!custom.noticeSuffices)
        #expect(custom.purposesNeedingConsent.map(\.identifier) == ["marketing-analysis"])
    }

    @Test("India: the DPDP Act's consent needs a clear affirmative act, so explicit consent")
    func india() throws {
        let decision = try ResolutionFixture.resolve([
            ResolutionFixture.customer("IN", .mobile), ResolutionFixture.agent(ResolutionFixture.oneParty),
        ])
        #expect(decision.strictness == .allPartyExplicit)
        #expect(decision.requirement(for: "customer") == .consent)
        #expect(!decision.noticeSuffices)
        #expect(ResolutionFixture.governing(decision) == ["IN"])
        let trail = ResolutionFixture.trail(decision)
        for cited in [
            "Telecommunications Act 2023", "s.42(2)(b)", "Digital Personal Data Protection Act 2023",
            "DPDP Rules 2025", "clear affirmative action", "(uncertain)", "(reviewed 2026-12-06)",
        ] {
            #expect(trail.contains(cited), "India's trail lacks '\(cited)'")
        }
        #expect(!trail.contains("Telegraph Act 1885 s.5(2)"), "the repealed Telegraph Act is still cited as law")
    }

    @Test("Quebec: Canada's rule applies (notice), and the trail carries the Law 25 note and its review date")
    func quebec() throws {
        let catalog = try ResolutionFixture.bundled()
        #expect(catalog.rule(for: try ResolutionFixture.place("CA-QC")) == nil)
        #expect(!catalog.hasSubdivisions(of: try ResolutionFixture.place("CA")), "a CA-QC row would make CA-ON unknown")
        let decision = try ResolutionFixture.resolve([
            ResolutionFixture.customer("CA-QC"), ResolutionFixture.agent("CA-ON"),
        ])
        #expect(decision.strictness == .oneParty)
        #expect(decision.requirement(for: "customer") == .notice)
        #expect(ResolutionFixture.governing(decision) == ["CA"])
        let trail = ResolutionFixture.trail(decision)
        #expect(trail.contains("Law 25"))
        #expect(trail.contains("P-39.1"))
        #expect(trail.contains("(reviewed 2026-12-06)"))
        let custom = try ResolutionFixture.resolve(
            [ResolutionFixture.customer("CA-QC"), ResolutionFixture.agent("CA-ON")],
            purposes: [try Purpose("voice-profiling")])
        #expect(custom.requirement(for: "customer") == .consent)
    }

    @Test("every bundled row has a review date: the corrected rows today's, the others the table's")
    func reviewDates() throws {
        let catalog = try ResolutionFixture.bundled()
        for (jurisdiction, rule) in catalog.rules {
            let expected = Self.corrected.contains(jurisdiction.code) ? "2026-12-06" : "2026-11-29"
            #expect(rule.reviewed == expected, "\(jurisdiction.code): \(String(describing: rule.reviewed))")
        }
    }

    @Test("the reason trail gives the review date beside the source of each governing row")
    func reviewDateBesideSource() throws {
        let catalog = try ResolutionFixture.bundled()
        let decision = try ResolutionFixture.resolve([ResolutionFixture.customer("US-CA", .mobile)])
        let rule = try #require(decision.governingRules.first)
        #expect(decision.governingRules.map(\.jurisdiction.code) == ["US-CA"])
        #expect(decision.reasons.contains { $0.hasSuffix("Source: \(rule.source) (reviewed 2026-11-29)") })
        #expect(catalog.rule(for: rule.jurisdiction) == rule)
    }
}

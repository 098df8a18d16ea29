import CallVaultConsent
import CallVaultCore
import Testing

/// A subdivision the catalog lacks, in a country whose rules do not differ by subdivision, takes the
/// country's rule; a listed subdivision also falls under its country's rule, and the stricter applies.
@Suite("Resolver: subdivisions and their country")
struct CountryRuleTests {
    @Test(
        "an unlisted subdivision of an undivided country gets the country's rule, and the trail says so",
        arguments: [
            ("CA-QC", "CA", ConsentStrictness.oneParty), ("GB-SCT", "GB", .oneParty),
            ("DE-BY", "DE", .allPartyExplicit),
            ("JP-13", "JP", .oneParty), ("IN-MH", "IN", .allPartyExplicit), ("BR-SP", "BR", .oneParty),
        ])
    func countryRule(subdivision: String, country: String, expected: ConsentStrictness) throws {
        let decision = try ResolutionFixture.resolve([try ResolutionFixture.customer(subdivision)])
        #expect(decision.strictness == expected)
        #expect(ResolutionFixture.governing(decision).contains(country))
        #expect(!ResolutionFixture.governing(decision).contains(subdivision))
        let trail = ResolutionFixture.trail(decision)
        #expect(trail.contains("no rule of its own for \(subdivision); \(country)'s rule applies"))
        let rule = try #require(try ResolutionFixture.bundled().rule(for: ResolutionFixture.place(country)))
        #expect(trail.contains(rule.notes))
    }

    @Test("an unlisted subdivision of a country the catalog lacks is all-party explicit")
    func unlistedCountry() throws {
        let decision = try ResolutionFixture.resolve([try ResolutionFixture.customer("MX-CMX")])
        #expect(decision.strictness == .allPartyExplicit)
        #expect(ResolutionFixture.governing(decision).isSuperset(of: ["MX-CMX", "MX"]))
    }

    @Test("a subdivision's country floor applies when it is stricter than the subdivision's own row")
    func stricterCountryFloor() throws {
        let catalog = try JurisdictionCatalog(
            csv: """
                \(ResolutionFixture.requiredHeader)
                XA,Strictland,all-party,no,national law is all-party,https://example.org/xa
                XA-ONE,Easy Province,one-party,n/a,provincial law is one-party,https://example.org/xa-one
                """, label: "floor-test")
        let decision = RequirementResolver(catalog: catalog).resolve(
            direction: .inbound, parties: [try ResolutionFixture.customer("XA-ONE")], purposes: [.quality])
        #expect(decision.strictness == .allPartyExplicit)
        #expect(decision.governing.map(\.code) == ["XA"])
        #expect(ResolutionFixture.trail(decision).contains("national law is all-party"))
    }

    @Test("a subdivision stricter than its country keeps its own rule (US-CA over federal one-party)")
    func stricterSubdivision() throws {
        let decision = try ResolutionFixture.resolve([try ResolutionFixture.customer("US-CA")])
        #expect(decision.strictness == .allPartyNoticeSuffices)
        #expect(decision.governing.map(\.code) == ["US-CA"])
        #expect(ResolutionFixture.trail(decision).contains("United States (federal)"))
    }
}

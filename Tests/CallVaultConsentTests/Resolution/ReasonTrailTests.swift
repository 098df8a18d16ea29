import CallVaultConsent
import CallVaultCore
import Testing

/// The reason trail a compliance officer reads: each party's finding, the winning rule and who set
/// it, what each party must do, the governing rules' notes and sources, and the catalog version.
@Suite("Resolver: reason trails")
struct ReasonTrailTests {
    @Test("California and Texas: every party's finding, the winner, California's notes, and the version")
    func californiaTexas() throws {
        let catalog = try ResolutionFixture.bundled()
        let decision = try ResolutionFixture.resolve([
            ResolutionFixture.customer("US-CA", .mobile), ResolutionFixture.agent("US-TX"),
        ])
        let reasons = decision.reasons
        #expect(reasons.first == "customer customer at US-CA (mobile): all-party, notice suffices there.")
        #expect(reasons.contains("agent agent at US-TX (landline): one-party there."))
        #expect(reasons.contains("The strictest rule wins: all-party, notice suffices, set by US-CA."))
        #expect(reasons.contains { $0.contains("a notice followed by staying on the line counts as consent") })
        let california = try #require(catalog.rule(for: try ResolutionFixture.place("US-CA")))
        #expect(
            reasons.contains {
                $0.hasPrefix("US-CA (California), \(california.catalog) line \(california.line): \(california.notes)")
            })
        #expect(reasons.last == "Catalog: \(catalog.version).")
    }

    @Test("the notes of places that did not govern are not quoted as reasons")
    func onlyGoverningNotes() throws {
        let catalog = try ResolutionFixture.bundled()
        let decision = try ResolutionFixture.resolve([
            ResolutionFixture.customer("US-CA"), ResolutionFixture.agent("US-TX"),
        ])
        let texas = try #require(catalog.rule(for: try ResolutionFixture.place("US-TX")))
        #expect(!ResolutionFixture.trail(decision).contains(texas.notes))
    }

    @Test("explicit consent says an affirmative act is needed before recording")
    func explicitWording() throws {
        let decision = try ResolutionFixture.resolve([try ResolutionFixture.customer("DE")])
        #expect(decision.reasons.contains { $0.contains("affirmative act") && $0.contains("before recording starts") })
    }

    @Test("one-party says everyone is told before recording")
    func noticeWording() throws {
        let decision = try ResolutionFixture.resolve([try ResolutionFixture.customer("US-NY")])
        #expect(decision.reasons.contains { $0.contains("must be told before recording starts") })
        #expect(!decision.reasons.contains { $0.contains("affirmative act") })
    }

    @Test("Connecticut's trail carries its recorded-notice and tone alternatives")
    func connecticut() throws {
        let decision = try ResolutionFixture.resolve([try ResolutionFixture.customer("US-CT", .voip)])
        let trail = ResolutionFixture.trail(decision)
        #expect(trail.contains("52-570d"))
        #expect(trail.contains("tone"))
    }

    @Test("the trail names the version of a host's own catalog")
    func hostVersion() throws {
        let catalog = try JurisdictionCatalog(
            csv: """
                \(ResolutionFixture.requiredHeader)
                XC,Testland,all-party,yes,the test statute,https://example.org/xc
                """, label: "acme-legal-2026-10")
        let decision = RequirementResolver(catalog: catalog).resolve(
            direction: .inbound, parties: [try ResolutionFixture.customer("XC")], purposes: [.quality])
        #expect(catalog.version.hasPrefix("acme-legal-2026-10+"))
        #expect(decision.catalogVersion == catalog.version)
        #expect(decision.reasons.last == "Catalog: \(catalog.version).")
        #expect(
            ResolutionFixture.trail(decision).contains(
                "XC (Testland), acme-legal-2026-10 line 2: the test statute Source: https://example.org/xc"))
    }
}

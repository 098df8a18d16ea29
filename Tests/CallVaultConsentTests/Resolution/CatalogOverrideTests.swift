import CallVaultConsent
import CallVaultCore
import Testing

/// A host's legal team replaces or adds rows: decisions follow the host's rows, and the version
/// names both catalogs.
@Suite("Catalog overrides")
struct CatalogOverrideTests {
    static let texasAllParty = """
        \(ResolutionFixture.requiredHeader)
        US-TX,Texas (legal team reading),all-party,no,Our counsel reads Texas as all-party for this client.,internal memo 2026-10
        """

    @Test("a host row replacing Texas changes the decision and the version names both catalogs")
    func replaceRow() throws {
        let bundled = try ResolutionFixture.bundled()
        let host = try JurisdictionCatalog(csv: Self.texasAllParty, label: "acme-legal")
        let catalog = bundled.overriding(with: host)
        #expect(catalog.version.contains(bundled.version))
        #expect(catalog.version.contains(host.version))
        #expect(catalog.version != bundled.version)
        #expect(catalog.rules.count == bundled.rules.count)

        let parties = [try ResolutionFixture.customer("US-TX"), try ResolutionFixture.agent("US-TX")]
        let before = RequirementResolver(catalog: bundled).resolve(
            direction: .inbound, parties: parties, purposes: [.quality])
        let after = RequirementResolver(catalog: catalog).resolve(
            direction: .inbound, parties: parties, purposes: [.quality])
        #expect(before.requirement(for: "customer") == .notice)
        #expect(after.strictness == .allPartyExplicit)
        #expect(after.requirement(for: "customer") == .consent)
        #expect(after.catalogVersion == catalog.version)
        #expect(ResolutionFixture.trail(after).contains("Our counsel reads Texas as all-party"))
        #expect(after.reasons.last == "Catalog: \(catalog.version).")
    }

    @Test("rows the host does not give are kept from the bundled catalog")
    func otherRowsKept() throws {
        let bundled = try ResolutionFixture.bundled()
        let catalog = bundled.overriding(with: try JurisdictionCatalog(csv: Self.texasAllParty, label: "acme-legal"))
        for (jurisdiction, rule) in bundled.rules where jurisdiction.code != "US-TX" {
            #expect(catalog.rule(for: jurisdiction) == rule)
        }
    }

    @Test("a host row adds a country the bundled catalog lacks")
    func addRow() throws {
        let host = try JurisdictionCatalog(
            csv: """
                \(ResolutionFixture.requiredHeader)
                MX,Mexico,one-party,n/a,Federal criminal code: a participant may record.,internal memo
                """, label: "acme-mx")
        let catalog = try ResolutionFixture.bundled().overriding(with: host)
        let before = try ResolutionFixture.resolve([try ResolutionFixture.customer("MX")])
        let after = RequirementResolver(catalog: catalog).resolve(
            direction: .inbound, parties: [try ResolutionFixture.customer("MX")], purposes: [.quality])
        #expect(before.strictness == .allPartyExplicit)
        #expect(after.strictness == .oneParty)
        #expect(catalog.rules.count == 77)
    }

    @Test("the same label over different text gives a different version")
    func versionFollowsText() throws {
        let one = try JurisdictionCatalog(csv: Self.texasAllParty, label: "acme-legal")
        let other = try JurisdictionCatalog(
            csv: """
                \(ResolutionFixture.requiredHeader)
                US-TX,Texas (legal team reading),all-party,yes,Our counsel reads Texas as all-party for this client.,internal memo 2026-10
                """, label: "acme-legal")
        #expect(one.version != other.version)
        #expect(one.version.hasPrefix("acme-legal+"))
        #expect(try JurisdictionCatalog(csv: Self.texasAllParty, label: "acme-legal").version == one.version)
    }

    @Test("a catalog built in code carries the version it is given")
    func codeCatalog() throws {
        let rule = JurisdictionRule(
            jurisdiction: try ResolutionFixture.place("XD"), name: "Codeland", model: .allParty, noticeAsConsent: .yes)
        let catalog = JurisdictionCatalog(rules: [rule], version: "in-code-1")
        let decision = RequirementResolver(catalog: catalog).resolve(
            direction: .inbound, parties: [try ResolutionFixture.customer("XD")], purposes: [.quality])
        #expect(decision.catalogVersion == "in-code-1")
        #expect(decision.strictness == .allPartyNoticeSuffices)
    }
}

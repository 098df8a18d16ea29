import CallVaultConsent
import CallVaultCore
import Testing

/// Defects and disputed readings found while testing the catalog and resolver, now fixed: each
/// test pins the fix.
@Suite("Catalog and resolver: fixed defects")
struct KnownIssueTests {
    @Test("a header that names a column twice is a typed error on line 1, not a crash")
    func duplicateHeaderColumn() {
        let csv = "code,code,name,consent_model,notice_counts_as_consent,notes,source\nXA,XA,X,one-party,n/a,n,s"
        #expect {
            try JurisdictionCatalog(csv: csv, label: "host")
        } throws: { error in
            guard
                case .invalidValue(line: 1, column: "code", value: _, expected: _) = (error as? ConsentCatalogError)?
                    .reason
            else {
                return false
            }
            return true
        }
    }

    @Test("UK GDPR, like the EU's, gives a custom purpose no basis but consent")
    func ukCustomPurpose() throws {
        let custom = try Purpose("voice-biometrics")
        let britain = try ResolutionFixture.resolve([try ResolutionFixture.customer("GB")], purposes: [custom])
        let netherlands = try ResolutionFixture.resolve([try ResolutionFixture.customer("NL")], purposes: [custom])
        #expect(netherlands.requirement(for: "customer") == .consent)
        #expect(britain.purposesNeedingConsent == [custom])
        #expect(britain.requirement(for: "customer") == .consent)
    }

    @Test("forgetting where an EU party is keeps the custom purposes that need consent")
    func unknownPlaceKeepsPurposes() throws {
        let custom = try Purpose("voice-biometrics")
        let known = try ResolutionFixture.resolve(
            [ResolutionFixture.customer("US-NY"), ResolutionFixture.party(.bot, "IT", id: "ivr")], purposes: [custom])
        let forgotten = try ResolutionFixture.resolve(
            [ResolutionFixture.customer("US-NY"), ResolutionFixture.party(.bot, "unknown", id: "ivr")],
            purposes: [custom])
        #expect(known.purposesNeedingConsent == [custom])
        #expect(forgotten.requirement(for: "customer") == .consent)
        #expect(forgotten.purposesNeedingConsent == [custom])
    }

    @Test("a row whose notice column is uncertain gets the stricter reading: explicit consent")
    func uncertainNoticeStricterReading() throws {
        // Spain's bundled row was uncertain until issue 12 settled it (STC 114/1984 plus GDPR);
        // a host catalog that still reads it as uncertain gets explicit consent.
        let host = try JurisdictionCatalog(
            csv: "\(ResolutionFixture.requiredHeader)\nES,Spain (uncertain reading),one-party,uncertain,notes,memo",
            label: "host")
        let catalog = try ResolutionFixture.bundled().overriding(with: host)
        let decision = RequirementResolver(catalog: catalog).resolve(
            direction: .inbound, parties: [try ResolutionFixture.customer("ES")], purposes: [.quality])
        #expect(decision.strictness == .allPartyExplicit)
        #expect(!decision.noticeSuffices)
    }

    @Test("a bare US code's trail does not quote the federal one-party notes as the reason")
    func bareCountryTrail() throws {
        let catalog = try ResolutionFixture.bundled()
        let federal = try #require(catalog.rule(for: try Jurisdiction(parsing: "US")))
        let decision = try ResolutionFixture.resolve([try ResolutionFixture.customer("US")])
        #expect(!ResolutionFixture.trail(decision).contains(federal.notes))
        #expect(ResolutionFixture.trail(decision).contains("rules differ by subdivision"))
    }
}

import CallVaultConsent
import CallVaultCore
import Testing

/// Rows whose rule depends on how a party is connected: the generator's per-medium models for
/// Connecticut, Nevada, Oregon, Australia and California 632.7, and a catalog whose media differ.
@Suite("Resolver: per-medium rules")
struct PerMediumTests {
    @Test(
        "each per-medium row resolves as its notes say, on every medium, and the trail shows the medium's model",
        arguments: [
            ("US-CT", ConsentStrictness.allPartyNoticeSuffices, "all-party"),
            ("US-NV", .allPartyExplicit, "all-party"),
            ("US-OR", .oneParty, "one-party"),
            ("US-CA", .allPartyNoticeSuffices, "all-party"),
        ], CallMedium.allCases)
    func perMediumRow(row: (code: String, expected: ConsentStrictness, model: String), medium: CallMedium) throws {
        let (code, expected, model) = row
        let decision = try ResolutionFixture.resolve([try ResolutionFixture.customer(code, medium)])
        #expect(decision.strictness == expected, "\(code) \(medium): \(decision.strictness.testName)")
        #expect(ResolutionFixture.trail(decision).contains("\(model) for \(medium) calls"))
        #expect(ResolutionFixture.trail(decision).contains("at \(code) (\(medium))"))
    }

    @Test(
        "Australia's Commonwealth rule is one-party on every medium, read under an Australian state",
        arguments: CallMedium.allCases)
    func australia(medium: CallMedium) throws {
        let decision = try ResolutionFixture.resolve([try ResolutionFixture.customer("AU-VIC", medium)])
        #expect(decision.strictness == .oneParty)
        #expect(
            ResolutionFixture.trail(decision).contains(
                "AU (Australia (Commonwealth)): mixed, one-party for \(medium) calls"))
    }

    @Test("California 632.7: a caller on a mobile phone and an agent in Texas is all-party")
    func californiaMobile() throws {
        let decision = try ResolutionFixture.resolve([
            ResolutionFixture.customer("US-CA", .mobile), ResolutionFixture.agent("US-TX"),
        ])
        #expect(decision.isAllParty)
        #expect(decision.noticeSuffices)
        #expect(ResolutionFixture.trail(decision).contains("632.7"))
    }

    /// A catalog where the medium changes the answer, so the resolver must read the party's medium.
    static let splitCatalog = """
        \(ResolutionFixture.fullHeader)
        XB,Split,mixed,no,one-party,all-party,lawful-basis,,wire calls one-party; cellular all-party; VoIP data law,https://example.org/xb
        """

    @Test(
        "the party's medium picks the row's model",
        arguments: [
            (CallMedium.landline, ConsentStrictness.oneParty), (.mobile, .allPartyExplicit), (.voip, .lawfulBasis),
        ])
    func mediumPicksModel(medium: CallMedium, expected: ConsentStrictness) throws {
        let catalog = try JurisdictionCatalog(csv: Self.splitCatalog, label: "split")
        let decision = RequirementResolver(catalog: catalog).resolve(
            direction: .outbound, parties: [try ResolutionFixture.customer("XB", medium)], purposes: [.quality])
        #expect(decision.strictness == expected)
    }

    @Test("on a call mixing media, the strictest medium's model wins for everyone")
    func mixedMediaCall() throws {
        let catalog = try JurisdictionCatalog(csv: Self.splitCatalog, label: "split")
        let decision = RequirementResolver(catalog: catalog).resolve(
            direction: .inbound,
            parties: [
                try ResolutionFixture.party(.customer, "XB", .landline, id: "desk"),
                try ResolutionFixture.party(.thirdParty, "XB", .mobile, id: "cell"),
            ],
            purposes: [.quality])
        #expect(decision.strictness == .allPartyExplicit)
        #expect(decision.requirement(for: "desk") == .consent)
        #expect(decision.requirement(for: "cell") == .consent)
    }
}

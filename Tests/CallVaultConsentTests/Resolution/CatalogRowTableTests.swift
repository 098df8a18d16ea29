import CallVaultConsent
import CallVaultCore
import Testing

/// Every row of the bundled catalog, resolved for a customer there talking to an agent in a
/// one-party place, against the hand-written expectations in ``ExpectedReadings``.
@Suite("Resolver: a table over every catalog row")
struct CatalogRowTableTests {
    @Test("the bundled catalog has exactly the 76 jurisdictions of the reference table")
    func bundledCodes() throws {
        let catalog = try ResolutionFixture.bundled()
        let codes = Set(catalog.rules.keys.map(\.code))
        #expect(codes.count == 76)
        #expect(
            codes.subtracting(ExpectedReadings.table.keys).isEmpty,
            "not in the table: \(codes.subtracting(ExpectedReadings.table.keys))")
        #expect(
            Set(ExpectedReadings.table.keys).subtracting(codes).isEmpty,
            "missing from the catalog: \(Set(ExpectedReadings.table.keys).subtracting(codes))")
    }

    @Test(
        "a customer at each row's code gets the reading the reference notes call for, on every medium",
        arguments: ExpectedReadings.table.keys.sorted(), CallMedium.allCases)
    func everyRow(code: String, medium: CallMedium) throws {
        let reading = try #require(ExpectedReadings.table[code])
        if let reason = reading.disputed {
            withKnownIssue(Comment(rawValue: reason)) {
                try check(code: code, medium: medium, reading: reading)
            }
        } else {
            try check(code: code, medium: medium, reading: reading)
        }
    }

    private func check(code: String, medium: CallMedium, reading: ExpectedReadings.Reading) throws {
        let catalog = try ResolutionFixture.bundled()
        let decision = RequirementResolver(catalog: catalog).resolve(
            direction: .inbound,
            parties: [
                try ResolutionFixture.customer(code, medium), try ResolutionFixture.agent(ResolutionFixture.oneParty),
            ],
            purposes: [.quality])
        let expected = reading.strictness
        #expect(
            decision.strictness == expected,
            "\(code) \(medium): \(decision.strictness.testName), expected \(expected.testName)")
        #expect(decision.parties[0].localStrictness == expected)
        #expect(decision.requirement(for: "customer") == (expected >= .allPartyNoticeSuffices ? .consent : .notice))
        #expect(decision.requirement(for: "agent") == ConsentRequirement.none)
        #expect(decision.isAllParty == (expected >= .allPartyNoticeSuffices))
        #expect(decision.noticeSuffices == (expected <= .allPartyNoticeSuffices))
        #expect(ResolutionFixture.governing(decision) == ExpectedReadings.governing(for: code, reading: reading))
        #expect(decision.catalogVersion == catalog.version)
    }

    @Test(
        "each row's reason trail names its governing codes, quotes their notes and ends with the catalog version",
        arguments: ExpectedReadings.table.keys.sorted())
    func everyRowTrail(code: String) throws {
        let catalog = try ResolutionFixture.bundled()
        let decision = try ResolutionFixture.resolve([
            ResolutionFixture.customer(code), ResolutionFixture.agent(ResolutionFixture.oneParty),
        ])
        let trail = ResolutionFixture.trail(decision)
        #expect(decision.reasons.last == "Catalog: \(catalog.version).")
        for governing in decision.governing {
            #expect(trail.contains(governing.code))
            // The notes quoted are those of the rows that set the strictness; a bare country code
            // (US, AU) governs because its subdivision is unknown, not because of its own row.
            if let rule = catalog.rule(for: governing), !catalog.hasSubdivisions(of: governing) {
                #expect(trail.contains(rule.notes), "\(code): the notes of \(governing) are missing")
                #expect(trail.contains(rule.source), "\(code): the source of \(governing) is missing")
            }
        }
    }
}

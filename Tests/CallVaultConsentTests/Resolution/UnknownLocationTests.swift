import CallVaultConsent
import CallVaultCore
import Testing

/// Anything the catalog cannot place reads as all-party with explicit consent: an unknown location,
/// a bare country code whose rules differ by subdivision, and a code the catalog has no row for.
@Suite("Resolver: unknown places read as all-party explicit")
struct UnknownLocationTests {
    @Test(
        "a customer whose place is unknown or unlisted must consent explicitly",
        arguments: ["unknown", "US", "AU", "US-XX", "AU-ZZ", "MX", "XK", "us", "au-zz"])
    func strictest(code: String) throws {
        let decision = try ResolutionFixture.resolve([
            ResolutionFixture.customer(code), ResolutionFixture.agent(ResolutionFixture.oneParty),
        ])
        #expect(decision.strictness == .allPartyExplicit)
        #expect(decision.isAllParty)
        #expect(!decision.noticeSuffices)
        #expect(decision.requirement(for: "customer") == .consent)
        #expect(decision.requirement(for: "agent") == ConsentRequirement.none)
        #expect(ResolutionFixture.governing(decision) == [try ResolutionFixture.place(code).code])
    }

    @Test("a bare US or AU says the subdivision is unknown, and still cites the federal rule", arguments: ["US", "AU"])
    func bareCountry(code: String) throws {
        let decision = try ResolutionFixture.resolve([try ResolutionFixture.customer(code)])
        let trail = ResolutionFixture.trail(decision)
        #expect(trail.contains("\(code)'s rules differ by subdivision and the subdivision is unknown"))
        let federal = try #require(try ResolutionFixture.bundled().rule(for: ResolutionFixture.place(code)))
        #expect(trail.contains(federal.name))
    }

    @Test(
        "an unlisted subdivision of a subdivided country says the catalog has no rule for it",
        arguments: ["US-XX", "AU-ZZ"])
    func unlistedSubdivision(code: String) throws {
        let decision = try ResolutionFixture.resolve([try ResolutionFixture.customer(code)])
        #expect(ResolutionFixture.trail(decision).contains("The catalog has no rule for \(code)"))
    }

    @Test("an unknown location's trail says so")
    func unknownTrail() throws {
        let decision = try ResolutionFixture.resolve([try ResolutionFixture.customer("unknown")])
        #expect(ResolutionFixture.trail(decision).contains("The location is unknown"))
        #expect(decision.governing == [.unknown])
    }

    @Test(
        "an agent or bot at an unknown place still raises the rule for the customer",
        arguments: [PartyRole.agent, .bot])
    func recordingSideUnknown(role: PartyRole) throws {
        let decision = try ResolutionFixture.resolve([
            ResolutionFixture.customer("US-NY"), ResolutionFixture.party(role, "unknown", id: "ours"),
        ])
        #expect(decision.strictness == .allPartyExplicit)
        #expect(decision.requirement(for: "customer") == .consent)
        #expect(decision.requirement(for: "ours") == ConsentRequirement.none)
    }
}

import CallVaultConsent
import CallVaultCore
import Testing

/// Calls whose parties sit under different laws: the strictest rule wins for every party the
/// organisation does not speak for.
@Suite("Resolver: parties in different places")
struct MultiPartyTests {
    @Test("a caller in US-CA and an agent in US-TX is all-party, and notice suffices")
    func californiaTexas() throws {
        let decision = try ResolutionFixture.resolve([
            ResolutionFixture.customer("US-CA"), ResolutionFixture.agent("US-TX"),
        ])
        #expect(decision.isAllParty)
        #expect(decision.noticeSuffices)
        #expect(decision.strictness == .allPartyNoticeSuffices)
        #expect(decision.governing.map(\.code) == ["US-CA"])
        #expect(decision.requirement(for: "customer") == .consent)
        #expect(decision.requirement(for: "agent") == ConsentRequirement.none)
        #expect(decision.parties.map(\.localStrictness) == [.allPartyNoticeSuffices, .oneParty])
    }

    @Test("the agent's place counts too: a caller in US-TX and an agent in US-CA is all-party")
    func texasCalifornia() throws {
        let decision = try ResolutionFixture.resolve([
            ResolutionFixture.customer("US-TX"), ResolutionFixture.agent("US-CA"),
        ])
        #expect(decision.isAllParty)
        #expect(decision.governing.map(\.code) == ["US-CA"])
        #expect(decision.requirement(for: "customer") == .consent)
    }

    @Test("a caller in US-NY and an agent in GB needs notice only")
    func newYorkBritain() throws {
        let decision = try ResolutionFixture.resolve([
            ResolutionFixture.customer("US-NY"), ResolutionFixture.agent("GB"),
        ])
        #expect(decision.strictness == .oneParty)
        #expect(!decision.isAllParty)
        #expect(decision.noticeSuffices)
        #expect(decision.requirement(for: "customer") == .notice)
        #expect(decision.highestRequirement == .notice)
        #expect(ResolutionFixture.governing(decision) == ["US-NY", "US", "GB"])
    }

    @Test("a caller in Germany needs an opt-in, whatever the agent's place", arguments: ["US-TX", "GB", "DE", "FR"])
    func germany(agentPlace: String) throws {
        let decision = try ResolutionFixture.resolve([
            ResolutionFixture.customer("DE"), ResolutionFixture.agent(agentPlace),
        ])
        #expect(decision.strictness == .allPartyExplicit)
        #expect(!decision.noticeSuffices)
        #expect(decision.requirement(for: "customer") == .consent)
        #expect(ResolutionFixture.trail(decision).contains("opt-in"))
    }

    @Test("Maryland's uncertain notice beats California's notice-suffices")
    func marylandCalifornia() throws {
        let decision = try ResolutionFixture.resolve([
            ResolutionFixture.party(.customer, "US-CA", .mobile, id: "a"),
            ResolutionFixture.party(.customer, "US-MD", id: "b"),
        ])
        #expect(decision.strictness == .allPartyExplicit)
        #expect(decision.governing.map(\.code) == ["US-MD"])
        #expect(decision.requirement(for: "a") == .consent)
    }

    @Test("two all-party places of equal strictness both govern")
    func equalGoverning() throws {
        let decision = try ResolutionFixture.resolve([
            ResolutionFixture.customer("US-FL"), ResolutionFixture.party(.thirdParty, "US-WA", id: "expert"),
            ResolutionFixture.agent("US-TX"),
        ])
        #expect(decision.strictness == .allPartyNoticeSuffices)
        #expect(ResolutionFixture.governing(decision) == ["US-FL", "US-WA"])
        #expect(decision.requirement(for: "expert") == .consent)
    }

    @Test("a conferenced third party at an unknown place makes everyone's consent explicit")
    func unknownThirdParty() throws {
        let decision = try ResolutionFixture.resolve([
            ResolutionFixture.customer("GB"), ResolutionFixture.party(.thirdParty, "unknown", id: "guest"),
            ResolutionFixture.agent("JP"),
        ])
        #expect(decision.strictness == .allPartyExplicit)
        #expect(decision.governing == [.unknown])
        #expect(decision.requirement(for: "customer") == .consent)
        #expect(decision.requirement(for: "guest") == .consent)
    }

    @Test("lawful basis in France beats one-party New York: notice, with France and the EU governing")
    func franceNewYork() throws {
        let decision = try ResolutionFixture.resolve([
            ResolutionFixture.customer("US-NY"), ResolutionFixture.agent("FR"),
        ])
        #expect(decision.strictness == .lawfulBasis)
        #expect(decision.requirement(for: "customer") == .notice)
        #expect(ResolutionFixture.governing(decision) == ["FR", "EU"])
    }

    @Test("the direction of the call does not change the requirement", arguments: ["US-CA", "US-NY", "DE", "unknown"])
    func direction(code: String) throws {
        let parties = [try ResolutionFixture.customer(code), try ResolutionFixture.agent("US-TX")]
        let inbound = try ResolutionFixture.resolve(parties, direction: .inbound)
        let outbound = try ResolutionFixture.resolve(parties, direction: .outbound)
        #expect(inbound.strictness == outbound.strictness)
        #expect(inbound.parties.map(\.requirement) == outbound.parties.map(\.requirement))
        #expect(outbound.direction == .outbound)
    }
}

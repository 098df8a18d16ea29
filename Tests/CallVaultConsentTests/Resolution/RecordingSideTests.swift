import CallVaultConsent
import CallVaultCore
import Testing

/// Agents and bots belong to the recording organisation: they never need anything, wherever they
/// are; customers and third parties get the call's requirement.
@Suite("Resolver: whose consent is asked")
struct RecordingSideTests {
    static let places = ["US-TX", "US-CA", "US-MD", "DE", "FR", "unknown", "US", "XX"]

    @Test(
        "agents and bots need nothing, wherever they and the customer are", arguments: [PartyRole.agent, .bot], places)
    func recordingSide(role: PartyRole, code: String) throws {
        for customerPlace in Self.places {
            let decision = try ResolutionFixture.resolve(
                [ResolutionFixture.customer(customerPlace), ResolutionFixture.party(role, code, .voip, id: "ours")],
                purposes: [.quality, try Purpose("custom-purpose")])
            #expect(
                decision.requirement(for: "ours") == ConsentRequirement.none,
                "\(role) at \(code), customer at \(customerPlace)")
        }
    }

    @Test("a third party gets the same requirement as the customer", arguments: places)
    func thirdParty(code: String) throws {
        let decision = try ResolutionFixture.resolve([
            ResolutionFixture.customer("US-NY"), ResolutionFixture.party(.thirdParty, code, id: "interpreter"),
            ResolutionFixture.agent("US-TX"),
        ])
        #expect(decision.requirement(for: "interpreter") == decision.requirement(for: "customer"))
        #expect(decision.requirement(for: "interpreter") != ConsentRequirement.none)
    }

    @Test("a call with only the organisation's own parties needs nothing from anyone")
    func onlyRecordingSide() throws {
        let decision = try ResolutionFixture.resolve([
            ResolutionFixture.agent("DE"), ResolutionFixture.party(.bot, "unknown", id: "ivr"),
        ])
        #expect(decision.highestRequirement == ConsentRequirement.none)
        #expect(decision.parties.count == 2)
    }

    @Test("parties keep the order they were given in, with their roles, places and media")
    func partyOrder() throws {
        let parties = [
            try ResolutionFixture.party(.bot, "GB", .voip, id: "ivr"),
            try ResolutionFixture.customer("US-CA", .mobile),
            try ResolutionFixture.agent("US-TX"),
        ]
        let decision = try ResolutionFixture.resolve(parties)
        #expect(decision.parties.map(\.party) == parties)
    }
}

import CallVaultConsent
import CallVaultCore
import Testing

/// EU members fall under the EU's GDPR/ePrivacy floor as well as their own law; the stricter applies.
@Suite("Resolver: the EU floor under its members")
struct EUFloorTests {
    @Test("a member whose own rule is laxer than the EU's gets the EU floor", arguments: ["IT", "NL"])
    func laxerMember(code: String) throws {
        let decision = try ResolutionFixture.resolve([try ResolutionFixture.customer(code)])
        #expect(decision.parties[0].localStrictness == .lawfulBasis)
        #expect(decision.governing.map(\.code) == ["EU"])
        let eu = try #require(try ResolutionFixture.bundled().rule(for: ResolutionFixture.place("EU")))
        #expect(ResolutionFixture.trail(decision).contains(eu.notes))
        #expect(ResolutionFixture.trail(decision).contains("\(code) ("))
    }

    @Test("Germany's own all-party opt-in rule is stricter than the EU floor and governs alone")
    func germany() throws {
        let decision = try ResolutionFixture.resolve([try ResolutionFixture.customer("DE")])
        #expect(decision.strictness == .allPartyExplicit)
        #expect(decision.governing.map(\.code) == ["DE"])
        #expect(ResolutionFixture.trail(decision).contains("EU (European Union"))
    }

    @Test("an unlisted German state gets Germany's rule and the EU floor")
    func germanState() throws {
        let decision = try ResolutionFixture.resolve([try ResolutionFixture.customer("DE-BE")])
        #expect(decision.strictness == .allPartyExplicit)
        #expect(ResolutionFixture.trail(decision).contains("EU (European Union"))
    }

    @Test("every member's customer needs at least the EU floor", arguments: ExpectedReadings.euMembers)
    func atLeastTheFloor(code: String) throws {
        let decision = try ResolutionFixture.resolve([try ResolutionFixture.customer(code)])
        #expect(decision.strictness >= .lawfulBasis)
    }

    @Test(
        "a member's custom purpose needs explicit consent through the EU floor", arguments: ExpectedReadings.euMembers)
    func customPurposeInMembers(code: String) throws {
        let decision = try ResolutionFixture.resolve(
            [try ResolutionFixture.customer(code)], purposes: [.quality, try Purpose("voice-analytics")])
        #expect(decision.purposesNeedingConsent.map(\.identifier) == ["voice-analytics"])
        #expect(decision.requirement(for: "customer") == .consent)
        #expect(!decision.noticeSuffices)
    }
}

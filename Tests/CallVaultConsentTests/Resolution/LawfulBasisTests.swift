import CallVaultConsent
import CallVaultCore
import Testing

/// Data-protection rows (EU, FR, and the members' EU floor): a lawful basis and notice cover the
/// standard purposes; a purpose no other basis covers needs consent, and that consent must be an
/// affirmative act. (SG, whose notice column is uncertain, reads as explicit consent instead.)
@Suite("Resolver: lawful-basis jurisdictions and purposes")
struct LawfulBasisTests {
    static let lawfulBasisCodes = ["EU", "FR", "NL"]

    @Test("each standard purpose needs only notice", arguments: lawfulBasisCodes, Purpose.standard)
    func standardPurpose(code: String, purpose: Purpose) throws {
        let decision = try ResolutionFixture.resolve(
            [ResolutionFixture.customer(code), ResolutionFixture.agent(code)], purposes: [purpose])
        #expect(decision.strictness == .lawfulBasis)
        #expect(decision.requirement(for: "customer") == .notice)
        #expect(!decision.isAllParty)
        #expect(decision.noticeSuffices)
        #expect(decision.purposesNeedingConsent.isEmpty)
    }

    @Test("all standard purposes together still need only notice", arguments: lawfulBasisCodes)
    func allStandardPurposes(code: String) throws {
        let decision = try ResolutionFixture.resolve([ResolutionFixture.customer(code)], purposes: Purpose.standard)
        #expect(decision.requirement(for: "customer") == .notice)
    }

    @Test(
        "a custom purpose needs consent, notice cannot stand for it, and the trail names the purpose",
        arguments: lawfulBasisCodes)
    func customPurpose(code: String) throws {
        let marketing = try Purpose("marketing-analytics")
        let decision = try ResolutionFixture.resolve(
            [ResolutionFixture.customer(code), ResolutionFixture.agent(code)], purposes: [.quality, marketing])
        #expect(decision.requirement(for: "customer") == .consent)
        #expect(decision.requirement(for: "agent") == ConsentRequirement.none)
        #expect(decision.isAllParty)
        #expect(!decision.noticeSuffices)
        #expect(decision.purposesNeedingConsent == [marketing])
        #expect(decision.strictness == .lawfulBasis)
        #expect(ResolutionFixture.trail(decision).contains("marketing-analytics"))
        #expect(ResolutionFixture.trail(decision).contains("affirmative act"))
    }

    @Test(
        "a custom purpose changes nothing where no data-protection row applies",
        arguments: ["US-NY", "US-TX", "US-GA"])
    func customPurposeElsewhere(code: String) throws {
        let decision = try ResolutionFixture.resolve(
            [try ResolutionFixture.customer(code)], purposes: [try Purpose("marketing-analytics")])
        #expect(decision.purposesNeedingConsent.isEmpty)
        #expect(decision.requirement(for: "customer") == .notice)
    }

    @Test("a custom purpose on a call with one party in the EU turns an all-party-notice call explicit")
    func customPurposeAcrossBorders() throws {
        let decision = try ResolutionFixture.resolve(
            [ResolutionFixture.customer("US-CA"), ResolutionFixture.agent("FR")],
            purposes: [try Purpose("voice-biometrics")])
        #expect(decision.strictness == .allPartyNoticeSuffices)
        #expect(!decision.noticeSuffices)
        #expect(decision.requirement(for: "customer") == .consent)
    }

    @Test("the decision keeps the purposes and direction it was asked about")
    func purposesAndDirectionKept() throws {
        let purposes = [Purpose.training, .disputeResolution]
        let decision = try ResolutionFixture.resolve(
            [try ResolutionFixture.customer("FR")], purposes: purposes, direction: .outbound)
        #expect(decision.purposes == purposes)
        #expect(decision.direction == .outbound)
    }

    @Test(
        "a data-protection law named on a one-party row gives a custom purpose no basis but consent",
        arguments: ["GB", "CA", "BR", "ZA", "JP", "AU-VIC"])
    func dataProtectionRows(code: String) throws {
        let custom = try Purpose("voice-biometrics")
        let decision = try ResolutionFixture.resolve([try ResolutionFixture.customer(code)], purposes: [custom])
        // AU-VIC inherits the Commonwealth Privacy Act from its country's row.
        #expect(decision.purposesNeedingConsent == [custom])
        #expect(decision.requirement(for: "customer") == .consent)
        #expect(!decision.noticeSuffices)
        let standard = try ResolutionFixture.resolve([try ResolutionFixture.customer(code)], purposes: Purpose.standard)
        #expect(standard.requirement(for: "customer") == .notice, "standard purposes still need only notice")
    }
}

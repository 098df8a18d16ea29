import CallVaultAccess
import CallVaultCore
import CallVaultCrypto
import CallVaultTestKit
import Foundation
import Testing

/// An allow decision becomes a short-lived grant binding principal, action, recording, purpose,
/// expiry and a nonce, signed with Ed25519.
@Suite("Grants: issuing")
struct GrantIssuerTests {
    let clock = ManualWallClock(World.now)
    var issuer: GrantIssuer { GrantIssuer(signingKey: GrantWorld.issuerKey, clock: clock) }

    @Test("a grant binds what was decided, and verifies with the issuer's key")
    func binds() throws {
        let decision = GrantWorld.decision()
        let signed = try issuer.issue(for: decision)
        let grant = try signed.verified(by: GrantWorld.issuerKey.verifyingKey)
        #expect(grant.principal == "sup.maria")
        #expect(grant.action == .listen)
        #expect(grant.recordingID == World.recordingID)
        #expect(grant.purpose == .quality)
        #expect(grant.issuedAt == World.now)
        #expect(grant.expiresAt == World.now.addingTimeInterval(300))
        #expect(grant.singleUse)
        #expect(!grant.watermark)
        #expect(!grant.breakGlass)
        #expect(grant.rule == "supervisors-review")
        #expect(grant.policyVersion == "test-2026-03")
        #expect(grant.nonce.count == 32)
        #expect(grant.nonce.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        #expect(signed.signer == issuer.verifyingKey)
        #expect(AccessGrant.documentFormat == "callvault-access-grant/1")
    }

    @Test("a grant travels as a signed file and reads back the same")
    func fileRoundTrip() throws {
        let signed = try issuer.issue(for: GrantWorld.decision())
        let file = try signed.fileContents()
        #expect(file.contains("\"format\" : \"callvault-access-grant/1\""))
        let read = try SignedAccessGrant(fileContents: file)
        #expect(read == signed)
        #expect(try read.verified(by: GrantWorld.issuerKey.verifyingKey) == signed.content)
    }

    @Test("every grant has its own nonce")
    func nonces() throws {
        let decision = GrantWorld.decision()
        let nonces = try (0..<200).map { _ in try issuer.issue(for: decision).content.nonce }
        #expect(Set(nonces).count == 200)
    }

    @Test("the grant's lifetime counts from when it is issued")
    func lifetimeFromIssue() throws {
        clock.advance(by: .seconds(42))
        let grant = try issuer.issue(for: GrantWorld.decision()).content
        #expect(grant.issuedAt == World.now.addingTimeInterval(42))
        #expect(grant.expiresAt == World.now.addingTimeInterval(342))
    }

    struct ObligationCase: Sendable, CustomTestStringConvertible {
        let name: String
        let decision: AccessDecision
        let lifetime: TimeInterval
        let singleUse: Bool
        let watermark: Bool
        let breakGlass: Bool
        var testDescription: String { name }
    }

    static let obligationCases = [
        ObligationCase(
            name: "a watermarked two-minute download",
            decision: GrantWorld.decision(.download, approvals: ["sup.omar"]), lifetime: 120, singleUse: true,
            watermark: true, breakGlass: false),
        ObligationCase(
            name: "a reusable rewrap", decision: GrantWorld.decision(.rewrapKeys, principal: World.ada), lifetime: 300,
            singleUse: false, watermark: false, breakGlass: false),
        ObligationCase(
            name: "a fifteen-minute break-glass",
            decision: GrantWorld.decision(
                .breakGlass, principal: World.noor, purpose: .disputeResolution, justification: "emergency"),
            lifetime: 900, singleUse: true, watermark: false, breakGlass: true),
    ]

    @Test("obligations are carried into the grant", arguments: obligationCases)
    func obligations(_ example: ObligationCase) throws {
        try #require(example.decision.isAllowed, "\(example.decision)")
        let grant = try issuer.issue(for: example.decision).content
        #expect(grant.expiresAt.timeIntervalSince(grant.issuedAt) == example.lifetime)
        #expect(grant.singleUse == example.singleUse)
        #expect(grant.watermark == example.watermark)
        #expect(grant.breakGlass == example.breakGlass)
        #expect(grant.action == example.decision.action)
        #expect(grant.rule == example.decision.decidingRule)
    }

    @Test("a denial yields no grant")
    func denialYieldsNoGrant() {
        let denied = GrantWorld.decision(principal: World.omar)
        #expect(!denied.isAllowed)
        #expect(throws: GrantError.notAllowed(denied.description)) { try issuer.issue(for: denied) }
    }
}

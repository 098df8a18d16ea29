import CallVaultAccess
import CallVaultAudit
import CallVaultCore
import CallVaultCrypto
import CallVaultTestKit
import Foundation
import Testing

/// The front door: every decision, allowed or denied, is in the audit log before the controller
/// returns, and only an allow yields a grant.
@Suite("Controller")
struct AccessControllerTests {
    let clock = ManualWallClock(World.now)
    let audit: AuditLog
    let sink: InMemoryAuditSink
    let controller: AccessController

    init() async throws {
        (audit, sink) = try await GrantWorld.auditLog(clock: clock)
        controller = AccessController(
            policy: World.policy, issuer: GrantIssuer(signingKey: GrantWorld.issuerKey, clock: clock), audit: audit)
    }

    @Test("an allow is audited, then granted")
    func allow() async throws {
        let (decision, grant) = try await controller.request(World.request(World.maria, .listen, .quality))
        #expect(decision.isAllowed)
        let signed = try #require(grant)
        #expect(try signed.verified(by: GrantWorld.issuerKey.verifyingKey).recordingID == World.recordingID)
        let entries = sink.entries
        try #require(entries.count == 1)
        let record = entries[0].record
        #expect(record.action.identifier == "access.listen")
        #expect(record.outcome == .allowed)
        #expect(record.actor == "sup.maria")
        #expect(record.target == "recording:\(World.recordingID)")
        #expect(record.purpose == .quality)
        #expect(record.reasons == ["allowed by rule supervisors-review", "policy test-2026-03"])
    }

    @Test("a denial is audited with its reasons, and yields no grant")
    func deny() async throws {
        let (decision, grant) = try await controller.request(World.request(World.sam, .listen, .customerRequest))
        #expect(!decision.isAllowed)
        #expect(grant == nil)
        let entries = sink.entries
        try #require(entries.count == 1)
        #expect(entries[0].record.action.identifier == "access.listen")
        #expect(entries[0].record.outcome == .denied)
        #expect(entries[0].record.reasons.first?.hasPrefix("needs new consent") == true)
        #expect(entries[0].record.reasons.last == "policy test-2026-03")
    }

    @Test("each action is audited under its own name", arguments: AccessAction.standard)
    func auditActionNames(_ action: AccessAction) async throws {
        _ = try await controller.request(World.request(World.nobody, action, .quality, justification: "x"))
        #expect(sink.entries.map(\.record.action.identifier) == ["access.\(action)"])
    }

    @Test("break-glass is audited as break-glass, flagged first, with its justification")
    func breakGlass() async throws {
        let (allowed, grant) = try await controller.request(
            World.request(World.noor, .breakGlass, .disputeResolution, justification: "police need the address"))
        #expect(allowed.isAllowed)
        #expect(grant?.content.breakGlass == true)
        let (denied, none) = try await controller.request(World.request(World.noor, .breakGlass, .disputeResolution))
        #expect(!denied.isAllowed)
        #expect(none == nil)
        let records = sink.entries.map(\.record)
        #expect(records.map(\.action) == [.breakGlass, .breakGlass])
        #expect(records.map(\.outcome) == [.allowed, .denied])
        #expect(
            records[0].reasons == [
                "BREAK-GLASS", "allowed by rule incident-break-glass",
                "BREAK-GLASS, flagged for review: police need the address", "policy test-2026-03",
            ])
        #expect(
            records[1].reasons == [
                "BREAK-GLASS", "break-glass access needs a written justification", "policy test-2026-03",
            ])
    }

    @Test("the request is decided at the clock's time, not at the time the caller names")
    func decidesNow() async throws {
        // Maria's second factor was 10 minutes before 10:00; at 11:00 it is 70 minutes old.
        clock.advance(by: .seconds(3_600))
        let stale = World.request(World.maria, .listen, .quality)
        #expect(World.policy.decide(stale).isAllowed, "at 10:00 it would be allowed")
        let (decision, grant) = try await controller.request(stale)
        #expect(!decision.isAllowed)
        #expect(decision.decidedAt == World.now.addingTimeInterval(3_600))
        #expect(grant == nil)
        #expect(decision.labels == ["condition:supervisors-review:multi-factor authentication within 60 minutes"])
    }

    @Test("when the audit log cannot record the decision, no grant is issued")
    func auditFailure() async throws {
        let log = try await AuditLog(sink: FailingAuditSink(), signingKey: GrantWorld.signingKey(), clock: clock)
        let controller = AccessController(
            policy: World.policy, issuer: GrantIssuer(signingKey: GrantWorld.issuerKey, clock: clock), audit: log)
        await #expect(throws: FailingAuditSink.Refused.self) {
            try await controller.request(World.request(World.maria, .listen, .quality))
        }
    }

    @Test("from request to audio: the controller's grant opens the recording through the custodian")
    func endToEnd() async throws {
        let sealed = try GrantWorld.sealedRecording()
        let custodian = try IdentityKeyCustodian(
            identityFile: GrantWorld.identityFile, passphrase: Passphrase(GrantWorld.passphrase),
            trustedIssuer: GrantWorld.issuerKey.verifyingKey, clock: clock, ledger: InMemoryGrantLedger(),
            audit: audit)
        let (_, grant) = try await controller.request(World.request(World.maria, .listen, .quality))
        let key = try await custodian.releaseDataKey(
            for: World.recordingID, wraps: sealed.wraps, grant: try #require(grant), action: .listen)
        #expect(try GrantWorld.open(sealed.envelope, with: key) == GrantWorld.audio)
        #expect(sink.entries.map(\.record.action.identifier) == ["access.listen", "grant.use"])
    }

    @Test("the audit record of a decision can be built without a controller")
    func auditRecordOnly() {
        let record = AccessController.auditRecord(
            for: World.policy.decide(World.request(World.omar, .listen, .quality)))
        #expect(record.outcome == .denied)
        #expect(
            record.reasons == [
                "rule supervisors-review needs same team: the recording belongs to another team", "policy test-2026-03",
            ])
    }
}

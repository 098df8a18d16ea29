import CallVaultAccess
import CallVaultAudit
import CallVaultCore
import CallVaultCrypto
import CallVaultTestKit
import Foundation
import Testing

/// The key custodian over a real passphrase-protected identity file: it releases a recording's
/// data key only for a valid, unexpired, unused grant for that recording and action, refuses
/// every other grant with a specific error, and audits every grant it is shown.
@Suite("Custodian: identity file")
struct IdentityKeyCustodianTests {
    let clock = ManualWallClock(World.now)
    let issuer: GrantIssuer
    let audit: AuditLog
    let sink: InMemoryAuditSink
    let custodian: IdentityKeyCustodian
    let sealed: (envelope: [UInt8], wraps: [WrappedDataKey])

    init() async throws {
        issuer = GrantIssuer(signingKey: GrantWorld.issuerKey, clock: clock)
        (audit, sink) = try await GrantWorld.auditLog(clock: clock)
        custodian = try IdentityKeyCustodian(
            identityFile: GrantWorld.identityFile, passphrase: Passphrase(GrantWorld.passphrase),
            trustedIssuer: GrantWorld.issuerKey.verifyingKey, clock: clock, ledger: InMemoryGrantLedger(),
            audit: audit, name: "custodian-1")
        sealed = try GrantWorld.sealedRecording()
    }

    func grant(_ action: AccessAction = .listen, decision: AccessDecision? = nil) throws -> SignedAccessGrant {
        try issuer.issue(for: decision ?? GrantWorld.decision(action))
    }

    func release(
        _ grant: SignedAccessGrant, action: AccessAction = .listen, recording: RecordingID = World.recordingID,
        wraps: [WrappedDataKey]? = nil, by custodian: IdentityKeyCustodian? = nil
    ) async throws -> DataKey {
        try await (custodian ?? self.custodian).releaseDataKey(
            for: recording, wraps: wraps ?? sealed.wraps, grant: grant, action: action)
    }

    @Test("a valid grant releases the data key, which opens the recording; the use is audited")
    func honoured() async throws {
        let grant = try grant()
        let key = try await release(grant)
        #expect(try GrantWorld.open(sealed.envelope, with: key) == GrantWorld.audio)
        let entries = sink.entries
        try #require(entries.count == 1)
        let record = entries[0].record
        #expect(record.action == .grantUse)
        #expect(record.outcome == .succeeded)
        #expect(record.actor == "sup.maria")
        #expect(record.target == "recording:\(World.recordingID)")
        #expect(record.purpose == .quality)
        #expect(
            record.reasons == [
                "listen via custodian-1",
                "grant \(grant.content.nonce) by rule supervisors-review honoured; data key released",
            ])
    }

    /// Ways a grant can be wrong, each refused with its own error.
    enum Refusal: String, CaseIterable, Sendable {
        case signedByAnotherIssuer
        case forgedUnderTheTrustedName
        case payloadByteChanged
        case signatureByteChanged
        case expired
        case notYetValid
        case anotherRecording
        case anotherAction
        case replayed
        case custodianTrustsAnotherIssuer
    }

    @Test("a bad grant is refused with a specific error and the refusal is audited", arguments: Refusal.allCases)
    func refused(_ refusal: Refusal) async throws {
        var custodian = self.custodian
        var action = AccessAction.listen
        var recording = World.recordingID
        var presented = try grant()
        let expected: GrantError
        var priorEntries = 0
        switch refusal {
        case .signedByAnotherIssuer:
            presented = try GrantIssuer(signingKey: GrantWorld.otherKey, clock: clock).issue(for: GrantWorld.decision())
            expected = .untrustedIssuer(found: GrantWorld.otherKey.verifyingKey.description)
        case .forgedUnderTheTrustedName:
            // Signed with another key, but the file names the trusted key as its signer.
            let forged = try GrantIssuer(signingKey: GrantWorld.otherKey, clock: clock).issue(
                for: GrantWorld.decision())
            let file = try forged.fileContents().replacingOccurrences(
                of: GrantWorld.otherKey.verifyingKey.description, with: GrantWorld.issuerKey.verifyingKey.description)
            presented = try SignedAccessGrant(fileContents: file)
            #expect(presented.signer == GrantWorld.issuerKey.verifyingKey)
            expected = .altered
        case .payloadByteChanged:
            // One digit of the expiry changed, in both copies of the payload: a longer grant.
            presented = try GrantWorld.editPayload(of: presented) { payload in
                let marker = Array("\"expiresAt\":".utf8)
                guard
                    let start = (0...(payload.count - marker.count)).first(where: {
                        Array(payload[$0..<$0 + marker.count]) == marker
                    })
                else { return }
                let digit = start + marker.count
                payload[digit] = payload[digit] == UInt8(ascii: "9") ? UInt8(ascii: "8") : payload[digit] + 1
            }
            #expect(presented.content.expiresAt != (try grant()).content.expiresAt)
            expected = .altered
        case .signatureByteChanged:
            presented = try GrantWorld.editSignature(of: presented)
            expected = .altered
        case .expired:
            clock.advance(by: .seconds(300))
            expected = .expired(at: "2026-03-02T10:05:00Z")
        case .notYetValid:
            let ahead = ManualWallClock(World.now.addingTimeInterval(31))
            presented = try GrantIssuer(signingKey: GrantWorld.issuerKey, clock: ahead).issue(
                for: GrantWorld.decision())
            expected = .notYetValid(from: "2026-03-02T10:00:31Z")
        case .anotherRecording:
            let other = RecordingID()
            recording = other
            expected = .wrongRecording(granted: World.recordingID, presented: other)
        case .anotherAction:
            action = .download
            expected = .wrongAction(granted: "listen", presented: "download")
        case .replayed:
            _ = try await release(presented)
            priorEntries = 1
            expected = .replayed(nonce: presented.content.nonce)
        case .custodianTrustsAnotherIssuer:
            custodian = IdentityKeyCustodian(
                identity: GrantWorld.identity, trustedIssuer: GrantWorld.otherKey.verifyingKey, clock: clock,
                ledger: InMemoryGrantLedger(), audit: audit,
                name: "custodian-1")
            expected = .untrustedIssuer(found: GrantWorld.issuerKey.verifyingKey.description)
        }
        await #expect(throws: expected) {
            try await release(presented, action: action, recording: recording, by: custodian)
        }
        let entries = sink.entries
        try #require(entries.count == priorEntries + 1)
        let record = entries[priorEntries].record
        #expect(record.action == .grantUse)
        #expect(record.outcome == .failed)
        #expect(record.target == "recording:\(recording)")
        #expect(record.reasons.first == "\(action) via custodian-1")
        #expect(record.reasons.contains("refused: \(expected)"), "\(record.reasons)")
    }

    @Test("a grant one second before its expiry, or issued within the allowed clock skew, is honoured")
    func edges() async throws {
        let grant = try grant()
        clock.advance(by: .seconds(299))
        _ = try await release(grant)
        let ahead = ManualWallClock(clock.now.addingTimeInterval(30))
        let early = try GrantIssuer(signingKey: GrantWorld.issuerKey, clock: ahead).issue(for: GrantWorld.decision())
        _ = try await release(early)
        #expect(sink.entries.map(\.record.outcome) == [.succeeded, .succeeded])
    }

    @Test("a grant the policy made reusable can be used until it expires")
    func reusable() async throws {
        let grant = try grant(.rewrapKeys, decision: GrantWorld.decision(.rewrapKeys, principal: World.ada))
        #expect(!grant.content.singleUse)
        for _ in 0..<3 { _ = try await release(grant, action: .rewrapKeys) }
        clock.advance(by: .seconds(300))
        await #expect(throws: GrantError.expired(at: "2026-03-02T10:05:00Z")) {
            try await release(grant, action: .rewrapKeys)
        }
    }

    @Test("custodians sharing a ledger refuse a grant any of them has honoured")
    func sharedLedger() async throws {
        let ledger = InMemoryGrantLedger()
        let first = IdentityKeyCustodian(
            identity: GrantWorld.identity, trustedIssuer: GrantWorld.issuerKey.verifyingKey, clock: clock,
            ledger: ledger)
        let second = IdentityKeyCustodian(
            identity: GrantWorld.identity, trustedIssuer: GrantWorld.issuerKey.verifyingKey, clock: clock,
            ledger: ledger)
        let grant = try grant()
        _ = try await release(grant, by: first)
        await #expect(throws: GrantError.replayed(nonce: grant.content.nonce)) { try await release(grant, by: second) }
        // A custodian with a ledger of its own does not know of the use: fleets share one.
        _ = try await release(grant)
    }

    @Test("a custodian that is not a recipient refuses, audits it, and does not burn the grant")
    func notARecipient() async throws {
        let other = try Identity.generate()
        let stranger = IdentityKeyCustodian(
            identity: other, trustedIssuer: GrantWorld.issuerKey.verifyingKey, clock: clock,
            ledger: InMemoryGrantLedger(), audit: audit)
        let grant = try grant()
        await #expect {
            try await release(grant, by: stranger)
        } throws: { error in
            guard case EnvelopeError.noMatchingRecipient = error else { return false }
            return true
        }
        #expect(sink.entries.map(\.record.outcome) == [.failed])
        // The grant was not consumed by the custodian that could not use it... and a custodian
        // sharing nothing with it still honours it.
        _ = try await release(grant)
    }

    @Test("a wrap that does not open for this recording is refused and audited")
    func wrapForAnotherRecording() async throws {
        let otherWraps = try GrantWorld.sealedRecording(RecordingID()).wraps
        let grant = try grant()
        await #expect {
            try await release(grant, wraps: otherWraps)
        } throws: { error in
            guard case CryptoError.wrapBoundToOtherRecording = error else { return false }
            return true
        }
        let entries = sink.entries
        try #require(entries.count == 1)
        #expect(entries[0].record.outcome == .failed)
        #expect(entries[0].record.reasons.last?.hasPrefix("refused: ") == true)
    }

    @Test("a break-glass grant is flagged in the audit log at every use")
    func breakGlassFlagged() async throws {
        let decision = GrantWorld.decision(
            .breakGlass, principal: World.noor, purpose: .disputeResolution, justification: "emergency")
        let grant = try grant(.breakGlass, decision: decision)
        let key = try await release(grant, action: .breakGlass)
        #expect(try GrantWorld.open(sealed.envelope, with: key) == GrantWorld.audio)
        await #expect(throws: GrantError.replayed(nonce: grant.content.nonce)) {
            try await release(grant, action: .breakGlass)
        }
        let entries = sink.entries
        #expect(entries.map(\.record.outcome) == [.succeeded, .failed])
        for entry in entries { #expect(entry.record.reasons.first == "BREAK-GLASS") }
    }

    @Test("no key is released when the audit log cannot record the use")
    func auditFailureReleasesNothing() async throws {
        let failing = FailingAuditSink()
        let log = try await AuditLog(sink: failing, signingKey: GrantWorld.signingKey(), clock: clock)
        let custodian = IdentityKeyCustodian(
            identity: GrantWorld.identity, trustedIssuer: GrantWorld.issuerKey.verifyingKey, clock: clock,
            ledger: InMemoryGrantLedger(), audit: log)
        await #expect(throws: FailingAuditSink.Refused.self) { try await release(try grant(), by: custodian) }
    }

    @Test("a wrong passphrase does not open the custodian's identity file")
    func wrongPassphrase() {
        #expect(throws: CryptoError.wrongPassphrase) {
            try IdentityKeyCustodian(
                identityFile: GrantWorld.identityFile, passphrase: Passphrase("wrong"),
                trustedIssuer: GrantWorld.issuerKey.verifyingKey, clock: clock, ledger: InMemoryGrantLedger())
        }
    }

    @Test("the ledger forgets used nonces once their grants have expired")
    func ledgerPruning() async throws {
        let ledger = InMemoryGrantLedger()
        let expiry = World.now.addingTimeInterval(60)
        for index in 0...10_000 {
            #expect(try await ledger.consume(nonce: "n\(index)", expiresAt: expiry, now: World.now))
        }
        #expect(try await ledger.consume(nonce: "n0", expiresAt: expiry, now: World.now) == false)
        // After expiry the old nonces are dropped (their grants are refused as expired anyway).
        let later = expiry.addingTimeInterval(1)
        #expect(try await ledger.consume(nonce: "fresh", expiresAt: later.addingTimeInterval(60), now: later))
        #expect(try await ledger.consume(nonce: "n0", expiresAt: later.addingTimeInterval(60), now: later))
    }
}

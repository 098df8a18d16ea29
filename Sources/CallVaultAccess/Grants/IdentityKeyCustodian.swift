public import CallVaultAudit
public import CallVaultCore
public import CallVaultCrypto
import Foundation

/// A ``KeyCustodian`` holding one recipient identity (opened from a passphrase-protected identity
/// file), trusting one grant issuer, and writing every grant it is shown, honoured or not, to the
/// audit log.
///
/// ```swift
/// let custodian = try IdentityKeyCustodian(
///     identityFile: text, passphrase: passphrase, trustedIssuer: issuer.verifyingKey,
///     clock: SystemWallClock(), audit: auditLog)
/// let key = try await custodian.releaseDataKey(for: id, wraps: header.wraps, grant: grant, action: .listen)
/// let reader = try EnvelopeReader(source: source, dataKey: key)
/// ```
public struct IdentityKeyCustodian: KeyCustodian {
    private let identity: Identity
    private let trustedIssuer: VerifyingKey
    private let clock: any WallClock
    private let ledger: any GrantLedger
    private let audit: AuditLog?
    private let identityName: PrincipalID
    /// Clock difference tolerated between the issuer and the custodian.
    public let allowedSkew: Duration

    /// A custodian over an identity already opened.
    public init(
        identity: Identity, trustedIssuer: VerifyingKey, clock: any WallClock,
        ledger: any GrantLedger = InMemoryGrantLedger(),
        audit: AuditLog? = nil, name: PrincipalID = "key-custodian", allowedSkew: Duration = .seconds(30)
    ) {
        self.identity = identity
        self.trustedIssuer = trustedIssuer
        self.clock = clock
        self.ledger = ledger
        self.audit = audit
        self.identityName = name
        self.allowedSkew = allowedSkew
    }

    /// A custodian over an identity file, opened with its passphrase (Argon2id).
    ///
    /// - Throws: CallVaultCrypto's errors for a wrong passphrase or a damaged file.
    public init(
        identityFile: String, passphrase: Passphrase, trustedIssuer: VerifyingKey, clock: any WallClock,
        ledger: any GrantLedger = InMemoryGrantLedger(), audit: AuditLog? = nil, name: PrincipalID = "key-custodian"
    ) throws {
        self.init(
            identity: try IdentityFile.open(identityFile, passphrase: passphrase), trustedIssuer: trustedIssuer,
            clock: clock, ledger: ledger, audit: audit, name: name)
    }

    /// Checks the grant, records it, and unwraps the data key.
    public func releaseDataKey(
        for recording: RecordingID, wraps: [WrappedDataKey], grant: SignedAccessGrant, action: AccessAction
    ) async throws -> DataKey {
        let now = clock.now
        let content: AccessGrant
        do {
            content = try check(grant, recording: recording, action: action, now: now)
            if content.singleUse {
                let fresh = try await ledger.consume(nonce: content.nonce, expiresAt: content.expiresAt, now: now)
                guard fresh else { throw GrantError.replayed(nonce: content.nonce) }
            }
        } catch {
            try await record(
                grant.content, recording: recording, action: action, outcome: .failed, reasons: ["\(error)"])
            throw error
        }
        let matching = wraps.filter { $0.recipient == identity.recipient.fingerprint }
        guard let wrap = matching.first else {
            let reason =
                "the custodian's identity \(identity.recipient.fingerprint) is not among the recording's recipients"
            try await record(content, recording: recording, action: action, outcome: .failed, reasons: [reason])
            throw EnvelopeError.noMatchingRecipient(
                identity: identity.recipient.fingerprint, recipients: wraps.map(\.recipient))
        }
        let key = try identity.unwrap(wrap, recordingID: recording)
        try await record(
            content, recording: recording, action: action, outcome: .succeeded,
            reasons: ["grant \(content.nonce) by rule \(content.rule) honoured; data key released"])
        return key
    }

    private func check(_ grant: SignedAccessGrant, recording: RecordingID, action: AccessAction, now: Date) throws
        -> AccessGrant
    {
        guard grant.signer == trustedIssuer else { throw GrantError.untrustedIssuer(found: grant.signer.description) }
        let content: AccessGrant
        do {
            content = try grant.verified(by: trustedIssuer)
        } catch {
            throw GrantError.altered
        }
        guard content.recordingID == recording else {
            throw GrantError.wrongRecording(granted: content.recordingID, presented: recording)
        }
        guard content.action == action else {
            throw GrantError.wrongAction(granted: content.action.identifier, presented: action.identifier)
        }
        let skew = Double(allowedSkew.components.seconds)
        guard now < content.expiresAt else { throw GrantError.expired(at: CivilTime.iso8601(content.expiresAt)) }
        guard content.issuedAt.timeIntervalSince(now) <= skew else {
            throw GrantError.notYetValid(from: CivilTime.iso8601(content.issuedAt))
        }
        return content
    }

    private func record(
        _ grant: AccessGrant, recording: RecordingID, action: AccessAction, outcome: AuditOutcome, reasons: [String]
    ) async throws {
        guard let audit else { return }
        try await audit.record(
            AuditRecord(
                actor: grant.principal, action: .grantUse, target: AuditRecord.target(recording),
                purpose: grant.purpose,
                outcome: outcome, reasons: ["\(action.identifier) via \(identityName)"] + reasons))
    }
}

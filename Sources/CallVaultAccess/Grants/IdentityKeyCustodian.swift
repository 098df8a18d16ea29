public import CallVaultAudit
public import CallVaultCore
public import CallVaultCrypto
import Foundation

/// A ``KeyCustodian`` holding one recipient identity (opened from a passphrase-protected identity
/// file), trusting one grant issuer, and writing every grant it is shown, honoured or not, to the
/// audit log.
///
/// The ledger of used grants is the host's choice, never a default: every custodian trusting the
/// same issuer must share one (a fleet keeps it in its database), or a single-use grant honoured
/// on one node can be replayed on another. See ``GrantLedger``.
///
/// ```swift
/// let custodian = try IdentityKeyCustodian(
///     identityFile: text, passphrase: passphrase, trustedIssuer: issuer.verifyingKey,
///     clock: SystemWallClock(), ledger: fleetLedger, audit: auditLog)
/// let key = try await custodian.releaseDataKey(for: id, wraps: header.wraps, grant: grant, action: .listen)
/// let reader = try EnvelopeReader(source: source, dataKey: key)
/// ```
public struct IdentityKeyCustodian: KeyCustodian {
    private let identity: Identity
    private let trustedIssuer: VerifyingKey
    private let clock: any WallClock
    private let ledger: any GrantLedger
    private let audit: AuditLog?
    /// Whether grant uses are written as CallVault's own (a vault folder's custodian).
    private let writesAsCallVault: Bool
    private let identityName: PrincipalID
    /// Clock difference tolerated between the issuer and the custodian.
    public let allowedSkew: Duration

    /// A custodian over an identity already opened.
    ///
    /// - Parameters:
    ///   - identity: the recipient identity whose wraps it opens.
    ///   - trustedIssuer: the key grants must be signed with.
    ///   - clock: judges grants' validity.
    ///   - ledger: the used single-use grants, shared by every custodian trusting `trustedIssuer`.
    ///   - audit: where every grant shown is recorded; `nil` records nothing.
    ///   - name: the custodian's name in audit entries.
    ///   - allowedSkew: clock difference tolerated between the issuer and the custodian.
    public init(
        identity: Identity, trustedIssuer: VerifyingKey, clock: any WallClock,
        ledger: any GrantLedger,
        audit: AuditLog? = nil, name: PrincipalID = "key-custodian", allowedSkew: Duration = .seconds(30)
    ) {
        self.init(
            identity: identity, trustedIssuer: trustedIssuer, clock: clock, ledger: ledger, audit: audit, name: name,
            allowedSkew: allowedSkew, writesAsCallVault: false)
    }

    /// Creates the custodian of a vault a vault folder composed, writing grant uses as
    /// CallVault's own (a host's custodian writes through the log's public `record(_:)`).
    package init(
        identity: Identity, trustedIssuer: VerifyingKey, clock: any WallClock, ledger: any GrantLedger,
        audit: AuditLog?, name: PrincipalID = "key-custodian", allowedSkew: Duration = .seconds(30),
        writesAsCallVault: Bool
    ) {
        self.writesAsCallVault = writesAsCallVault
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
    /// - Parameters:
    ///   - identityFile: the identity file's text.
    ///   - passphrase: opens it.
    ///   - trustedIssuer: the key grants must be signed with.
    ///   - clock: judges grants' validity.
    ///   - ledger: the used single-use grants, shared by every custodian trusting `trustedIssuer`.
    ///   - audit: where every grant shown is recorded; `nil` records nothing.
    ///   - name: the custodian's name in audit entries.
    ///   - allowedSkew: clock difference tolerated between the issuer and the custodian.
    /// - Throws: CallVaultCrypto's errors for a wrong passphrase or a damaged file.
    public init(
        identityFile: String, passphrase: Passphrase, trustedIssuer: VerifyingKey, clock: any WallClock,
        ledger: any GrantLedger, audit: AuditLog? = nil, name: PrincipalID = "key-custodian",
        allowedSkew: Duration = .seconds(30)
    ) throws {
        self.init(
            identity: try IdentityFile.open(identityFile, passphrase: passphrase), trustedIssuer: trustedIssuer,
            clock: clock, ledger: ledger, audit: audit, name: name, allowedSkew: allowedSkew)
    }

    /// Checks the grant, records it, and unwraps the data key.
    ///
    /// Every grant shown is written to the audit log (action `grant.use`) before this returns,
    /// honoured (`succeeded`) or refused (`failed`, with the reason); if the audit log cannot be
    /// written, no key is released.
    ///
    /// - Throws: ``GrantError`` for a grant that is forged, altered, expired, not yet valid,
    ///   replayed, or for another recording or action; `EnvelopeError.noMatchingRecipient` when the
    ///   custodian's identity is not among `wraps`; CallVaultCrypto's errors when the wrap does not
    ///   open for this recording.
    public func releaseDataKey(
        for recording: RecordingID, wraps: [WrappedDataKey], grant: SignedAccessGrant, action: AccessAction
    ) async throws -> DataKey {
        let now = clock.now
        let content: AccessGrant
        do {
            content = try check(grant, recording: recording, action: action, now: now)
        } catch {
            // The claims of a grant that did not verify are recorded as claims, not as facts.
            try await record(
                grant.content, recording: recording, action: action, outcome: .failed,
                reasons: ["refused: \(error)", "the grant's contents are unverified"])
            throw error
        }
        let fingerprint = identity.recipient.fingerprint
        guard let wrap = wraps.first(where: { $0.recipient == fingerprint }) else {
            let reason = "refused: the custodian's identity \(fingerprint) is not among the recording's recipients"
            try await record(content, recording: recording, action: action, outcome: .failed, reasons: [reason])
            throw EnvelopeError.noMatchingRecipient(identity: fingerprint, recipients: wraps.map(\.recipient))
        }
        let key: DataKey
        do {
            // Consumed only once the grant is known good and the custodian holds a wrap, so a grant
            // sent to the wrong custodian is not burned; still before the key is unwrapped.
            if content.singleUse {
                let fresh = try await ledger.consume(nonce: content.nonce, expiresAt: content.expiresAt, now: now)
                guard fresh else { throw GrantError.replayed(nonce: content.nonce) }
            }
            key = try identity.unwrap(wrap, recordingID: recording)
        } catch {
            try await record(
                content, recording: recording, action: action, outcome: .failed, reasons: ["refused: \(error)"])
            throw error
        }
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
        // Break-glass grants are flagged at every use, as their decisions are.
        let flag = grant.breakGlass ? ["BREAK-GLASS"] : []
        let entry = AuditRecord(
            actor: grant.principal, action: .grantUse, target: AuditRecord.target(recording), purpose: grant.purpose,
            outcome: outcome, reasons: flag + ["\(action.identifier) via \(identityName)"] + reasons)
        if writesAsCallVault {
            try await audit.recordAsCallVault(entry)
        } else {
            try await audit.record(entry)
        }
    }
}

public import CallVaultCore
public import CallVaultCrypto
import CallVaultSupport
public import Foundation

/// A short-lived, signed permission for one principal to take one action on one recording for one
/// purpose: what an allow decision turns into, and what a ``KeyCustodian`` demands before it
/// releases a data key.
///
/// Grants travel as `SignedDocument<AccessGrant>` (Ed25519 over canonical JSON); the nonce makes
/// each one distinct, so a single-use grant presented twice is recognised.
public struct AccessGrant: SignableDocument {
    /// `callvault-access-grant/1`.
    public static let documentFormat = "callvault-access-grant/1"

    /// Who may act.
    public let principal: PrincipalID
    /// The action granted.
    public let action: AccessAction
    /// The recording.
    public let recordingID: RecordingID
    /// The purpose it was granted for.
    public let purpose: Purpose
    /// When it was issued.
    public let issuedAt: Date
    /// When it lapses.
    public let expiresAt: Date
    /// 16 random bytes in hexadecimal.
    public let nonce: String
    /// Whether it may be used once only.
    public let singleUse: Bool
    /// Whether exported copies must be watermarked.
    public let watermark: Bool
    /// The rule that allowed it.
    public let rule: String
    /// The policy version that decided.
    public let policyVersion: String
    /// Whether it is break-glass access.
    public let breakGlass: Bool
}

/// A signed grant.
public typealias SignedAccessGrant = SignedDocument<AccessGrant>

/// Turns allow decisions into signed grants.
public struct GrantIssuer: Sendable {
    let signingKey: SigningKey
    let clock: any WallClock

    /// Creates an issuer signing with `signingKey` (custodians trust its verifying key).
    public init(signingKey: SigningKey, clock: any WallClock) {
        self.signingKey = signingKey
        self.clock = clock
    }

    /// The verifying key custodians must trust.
    public var verifyingKey: VerifyingKey { signingKey.verifyingKey }

    /// A grant for an allowed decision.
    ///
    /// - Throws: ``GrantError/notAllowed(_:)`` for a denial, or a signing error.
    public func issue(for decision: AccessDecision) throws -> SignedAccessGrant {
        guard decision.isAllowed, let rule = decision.decidingRule else {
            throw GrantError.notAllowed(decision.description)
        }
        // The system generator is the kernel's CSPRNG (getrandom on Linux).
        var generator = SystemRandomNumberGenerator()
        let nonce = (0..<2).flatMap { _ in withUnsafeBytes(of: generator.next() as UInt64) { Array($0) } }
        let now = clock.now
        let lifetime = decision.obligations.grantLifetime.components
        let grant = AccessGrant(
            principal: decision.principal, action: decision.action, recordingID: decision.recordingID,
            purpose: decision.purpose, issuedAt: now,
            expiresAt: now.addingTimeInterval(Double(lifetime.seconds) + Double(lifetime.attoseconds) / 1e18),
            nonce: Hex.encode(nonce),
            singleUse: decision.obligations.singleUse, watermark: decision.obligations.watermark, rule: rule,
            policyVersion: decision.policyVersion, breakGlass: decision.isBreakGlass)
        return try SignedDocument(signing: grant, with: signingKey)
    }
}

public import CallVaultCore
public import CallVaultCrypto
public import Foundation

/// Holds recipients' private keys and releases a recording's data key only for a valid grant: the
/// seam where access decisions are enforced, so a host that skips the policy still cannot open a
/// recording.
public protocol KeyCustodian: Sendable {
    /// The data key of `recording`, unwrapped from one of `wraps`, if `grant` is a valid, unexpired,
    /// unused grant for that recording and `action`.
    ///
    /// - Throws: ``GrantError`` for a forged, altered, expired, replayed or mismatched grant.
    func releaseDataKey(
        for recording: RecordingID, wraps: [WrappedDataKey], grant: SignedAccessGrant, action: AccessAction
    ) async throws -> DataKey
}

/// Remembers the nonces of used single-use grants until they expire, so each is used once.
///
/// Every custodian that trusts the same grant issuer must share one ledger: a fleet of nodes
/// behind one issuer keeps it in a database all of them write, or a grant honoured on one node
/// can be replayed on the next. A ledger in memory is complete only where grants cannot outlive
/// the process (a vault folder opened by `VaultFolder.open`, which issues grants under a key
/// generated when it opens); CallVaultTestKit's `InMemoryGrantLedger` is one for tests.
public protocol GrantLedger: Sendable {
    /// Records the nonce as used at `now`; `false` if it already was.
    func consume(nonce: String, expiresAt: Date, now: Date) async throws -> Bool
}

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
public protocol GrantLedger: Sendable {
    /// Records the nonce as used at `now`; `false` if it already was.
    func consume(nonce: String, expiresAt: Date, now: Date) async throws -> Bool
}

/// A ledger in memory: complete for a custodian whose grants cannot outlive its process, as a
/// vault folder's is (`OpenedVault` issues grants under a key generated when it opens, so a grant
/// never verifies in another process or after a restart, and nothing the ledger forgets on exit can
/// be replayed). Custodians that trust an issuer shared by several processes or nodes need one
/// ledger they all share, through their database.
public final class InMemoryGrantLedger: GrantLedger {
    private let used = LockedState<[String: Date]>([:])

    /// Creates an empty ledger.
    public init() {}

    /// Records the nonce; forgets nonces whose grants have expired.
    public func consume(nonce: String, expiresAt: Date, now: Date) async throws -> Bool {
        used.withLock { used in
            if used.count > 10_000 {
                used = used.filter { $0.value > now }
            }
            return used.updateValue(expiresAt, forKey: nonce) == nil
        }
    }
}

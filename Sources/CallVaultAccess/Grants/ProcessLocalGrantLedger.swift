import CallVaultCore
package import Foundation

/// A ledger in this process's memory: complete only for a custodian whose grants cannot outlive
/// the process, as a vault folder's is (`OpenedVault` issues grants under a key generated when it
/// opens, so a grant never verifies in another process or after a restart, and nothing the ledger
/// forgets on exit can be replayed). Package-only: a host's custodians that trust an issuer shared
/// by several processes or nodes need one ledger they all share, through their database, so a
/// host always chooses its ledger (CallVaultTestKit's `InMemoryGrantLedger` wraps this one for
/// tests).
package final class ProcessLocalGrantLedger: GrantLedger {
    /// Used nonces and when their grants expire.
    private let used = LockedState<[String: Date]>([:])
    /// How many nonces are kept before expired ones are forgotten.
    private static let pruneThreshold = 10_000

    /// Creates an empty ledger.
    package init() {}

    /// Records the nonce; forgets nonces whose grants have expired (they are refused as expired).
    package func consume(nonce: String, expiresAt: Date, now: Date) async throws -> Bool {
        used.withLock { used in
            if used.count > Self.pruneThreshold {
                used = used.filter { $0.value > now }
            }
            return used.updateValue(expiresAt, forKey: nonce) == nil
        }
    }
}

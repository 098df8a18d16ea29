public import CallVaultAccess
public import Foundation

/// A `GrantLedger` in memory, for tests: the nonces of used single-use grants, forgotten when the
/// process ends.
///
/// Not for production custodians that trust an issuer shared by several processes or nodes: a
/// grant honoured on one node could be replayed on another, or after a restart. Those share one
/// ledger kept in their database.
public final class InMemoryGrantLedger: GrantLedger {
    private let ledger = ProcessLocalGrantLedger()

    /// Creates an empty ledger.
    public init() {}

    /// Records the nonce as used at `now`; `false` if it already was. Nonces whose grants have
    /// expired are forgotten once many are kept (those grants are refused as expired anyway).
    public func consume(nonce: String, expiresAt: Date, now: Date) async throws -> Bool {
        try await ledger.consume(nonce: nonce, expiresAt: expiresAt, now: now)
    }
}

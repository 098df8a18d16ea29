/// A CallVault error whose kind and details are one package-visible `Reason` value.
///
/// Most CallVault errors keep what happened as a `package enum Reason` the SDK's own code switches
/// over, and derive their public ``CallVaultError/code`` and ``CallVaultError/message`` from it.
/// Conforming gives such an error its equality once, here, instead of in every module: two errors
/// are equal when their reasons are (the underlying cause is not compared). Matching by code
/// (`catch EnvelopeError.segmentTampered`) comes from ``CallVaultErrorCode``, and matching by a
/// kind without details (`catch EnvelopeError.truncated`) from ``CallVaultError``.
package protocol CallVaultReasonedError: CallVaultError, Equatable {
    /// What happened, with its details.
    associatedtype Reason: Equatable, Sendable
    /// What happened, with its details.
    var reason: Reason { get }
}

extension CallVaultReasonedError {
    /// Two errors are equal when they report the same failure with the same details (the
    /// underlying cause is not compared).
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.reason == rhs.reason }
}

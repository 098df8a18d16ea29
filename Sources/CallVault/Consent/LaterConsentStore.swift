public import CallVaultConsent
public import CallVaultCore
public import CallVaultCrypto

/// Where a vault keeps the consents customers give (or withdraw) after their call, as signed
/// receipts linked to the recording: the catalog entry stays as it was signed on the call.
public protocol LaterConsentStore: Sendable {
    /// Adds a receipt; adding one already there (same receipt id) is harmless.
    func add(_ receipt: SignedLaterConsentReceipt) async throws
    /// The receipts about `recording`, oldest first.
    func receipts(for recording: RecordingID) async throws -> [SignedLaterConsentReceipt]
}

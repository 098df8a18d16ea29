public import CallVaultCrypto

/// A consent receipt signed with the organisation's Ed25519 key, as a file a customer can be given.
///
/// ```swift
/// let signed = try SignedConsentReceipt(signing: receipt, with: organisationKey)
/// let file = try signed.fileContents()          // give this to the customer
/// let checked = try SignedConsentReceipt(fileContents: file).verified(by: organisationKey.verifyingKey)
/// ```
public typealias SignedConsentReceipt = SignedDocument<ConsentReceipt>

extension ConsentReceipt: SignableDocument {
    /// `callvault-consent-receipt/1`.
    public static let documentFormat = "callvault-consent-receipt/1"
}

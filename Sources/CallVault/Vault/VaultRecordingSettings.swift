public import CallVaultConsent
public import CallVaultCore
public import CallVaultCrypto
public import CallVaultRetention

/// How a vault records: whom it encrypts for, how it asks for consent and words its notices, how it
/// schedules retention, and the key that signs consent receipts.
public struct VaultRecordingSettings: Sendable {
    /// Who can open recordings: public keys only, so a stolen recorder cannot read what it recorded.
    public var recipients: [Recipient]
    /// Decides who must be told and who must agree.
    public var resolver: RequirementResolver
    /// The purposes recordings are made for (what announcements disclose).
    public var purposes: [Purpose]
    /// Keys, timeouts, delivery and what to do on refusal or withdrawal.
    public var consentPolicy: ConsentPolicy
    /// What notices say: the organisation, retention, audiences, contacts.
    public var disclosurePolicy: DisclosurePolicy
    /// Renders notices in the parties' languages.
    public var renderer: DisclosureRenderer
    /// Computes each recording's retention schedule.
    public var scheduler: RetentionScheduler
    /// Signs consent receipts.
    public var receiptSigner: SigningKey

    /// Describes how a vault records.
    public init(
        recipients: [Recipient], resolver: RequirementResolver, purposes: [Purpose], consentPolicy: ConsentPolicy,
        disclosurePolicy: DisclosurePolicy, renderer: DisclosureRenderer = DisclosureRenderer(),
        scheduler: RetentionScheduler, receiptSigner: SigningKey
    ) {
        self.recipients = recipients
        self.resolver = resolver
        self.purposes = purposes
        self.consentPolicy = consentPolicy
        self.disclosurePolicy = disclosurePolicy
        self.renderer = renderer
        self.scheduler = scheduler
        self.receiptSigner = receiptSigner
    }
}

public import CallVaultConsent
public import CallVaultCore
public import CallVaultCrypto
public import CallVaultRetention

/// How a vault records: whom it encrypts for, how it asks for consent and words its notices, how it
/// schedules retention, and the key that signs consent receipts.
public struct RecordingSettings: Sendable {
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
    /// Computes each recording's retention schedule, with the notices' stated period
    /// (`DisclosurePolicy.retentionDays`) as every recording's policy maximum: what the notice
    /// and the transparency report tell a customer is what the schedule does, whatever scheduler
    /// is set here (setting one keeps its catalog and policies; the stated period always follows
    /// ``disclosurePolicy``).
    public var scheduler: RetentionScheduler {
        get { baseScheduler.stating(days: disclosurePolicy.retentionDays) }
        set { baseScheduler = newValue }
    }
    /// Lines of business and queues on which recording is mandatory: a session on one runs with
    /// `ConsentPolicy.recordingMandatory` on (a refusal ends the call rather than continuing it
    /// unrecorded).
    public var mandatoryRecordingLines: Set<String>
    /// Retention regimes declared for every recording of a line of business (an investment
    /// firm's order desk declares `eu-mifid2-16-7`), added to the regimes the session declares.
    public var regimesByLineOfBusiness: [String: [RetentionRuleID]]
    private var baseScheduler: RetentionScheduler
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
        self.baseScheduler = scheduler
        self.receiptSigner = receiptSigner
        self.mandatoryRecordingLines = []
        self.regimesByLineOfBusiness = [:]
    }

    /// The consent policy for a call on `lineOfBusiness` through `queue`: the `consentPolicy` property, with
    /// recording mandatory when either is one of ``mandatoryRecordingLines``.
    public func consentPolicy(lineOfBusiness: String?, queue: String?) -> ConsentPolicy {
        var policy = consentPolicy
        if [lineOfBusiness, queue].contains(where: { $0.map(mandatoryRecordingLines.contains) ?? false }) {
            policy.recordingMandatory = true
        }
        return policy
    }

    /// The regimes a recording declares: the session's own, then its line of business's
    /// (``regimesByLineOfBusiness``), each once.
    public func declaredRegimes(_ own: [RetentionRuleID], lineOfBusiness: String?) -> [RetentionRuleID] {
        var regimes = own
        for regime in lineOfBusiness.flatMap({ regimesByLineOfBusiness[$0] }) ?? [] where !regimes.contains(regime) {
            regimes.append(regime)
        }
        return regimes
    }
}

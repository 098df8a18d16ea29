public import CallVaultConsent
public import CallVaultCore
public import CallVaultCrypto
public import CallVaultRetention

/// What a vault folder's `vault.json` says: who records, why and for how long (what notices tell
/// customers), the keys callers press, where they withdraw consent and complain, the language
/// notices fall back to, who may manage legal holds, and which recipients besides the vault's own
/// identity every recording is encrypted for.
///
/// ```swift
/// var configuration = VaultConfiguration(
///     organisation: "Northwind Contact Centre", purposes: [.quality, .disputeResolution])
/// configuration.retentionDays = 730
/// configuration.audiences = [.supervisors, .complianceOfficers]
/// configuration.complaintContact = .email("complaints@northwind.example")
/// configuration.holdOfficers = ["legal.alice", "legal.bob"]
/// ```
///
/// See <doc:VaultFolderFiles> for the file's fields.
public struct VaultConfiguration: Hashable, Sendable {
    /// The `vault.json` format this version writes and reads.
    public static let format = 1

    /// The organisation's name, as notices say it.
    public var organisation: String
    /// Why calls are recorded, as notices say it, in order.
    public var purposes: [Purpose]
    /// How many days recordings are kept, as notices say it (the retention engine's schedules
    /// decide deletion).
    public var retentionDays: Int?
    /// Who may listen to recordings, as notices say it.
    public var audiences: Set<DisclosureAudience>
    /// The key a caller presses to agree to recording.
    public var consentKey: Character
    /// The key a caller presses to continue without recording.
    public var declineKey: Character
    /// The key a caller presses to stop recording during the call; `nil` for none.
    public var withdrawalKey: Character?
    /// Where a customer withdraws consent after the call.
    public var withdrawalContact: DisclosureContact?
    /// Where a customer complains about recordings.
    public var complaintContact: DisclosureContact?
    /// The language (a BCP 47 tag) of notices for parties whose language is unknown.
    public var defaultLanguage: String
    /// The principals who may place legal holds and take part in releasing them (complaints desks
    /// file complaints under a hold, so they belong here too).
    public var holdOfficers: [PrincipalID]
    /// Recipients every new recording is encrypted for besides the vault's identity (an escrow
    /// key, a second site); a recipient rotation adds and removes them.
    public var additionalRecipients: [Recipient]
    /// How consent is asked where the law leaves a choice (timeouts, deliveries, withdrawal
    /// handling, explicit consent everywhere, mandatory lines); the engine's defaults unless set.
    public var consentSettings: ConsentConfiguration
    /// Consent catalog files in the vault's folder (plain file names, such as
    /// `consent-overrides.csv`) whose rows replace or add to the bundled catalog's, in order.
    public var consentCatalogOverrides: [String]
    /// The organisation's retention policies (per line of business, queue, tag...), applied with
    /// the catalog's regimes; `nil` for none.
    public var retentionPolicies: RetentionPolicySet?
    /// Retention regimes declared for every recording of a line of business, such as
    /// `["order-desk": ["eu-mifid2-16-7"]]`.
    public var regimesByLineOfBusiness: [String: [RetentionRuleID]]
    /// Whether the vault is a simulation (a demo or a rehearsal whose clock jumps ahead): its
    /// recordings, schedules, tombstones and certificates carry simulated times, so it is not a
    /// record of real calls. ``VaultFolder`` refuses to open a simulation for a live host, and a
    /// live vault for a simulation; fixed when the vault is made. `false` unless set.
    public var simulation: Bool

    /// A configuration with the usual keys (1 agrees, 2 declines, 9 withdraws) and English as the
    /// default language; set the other fields as needed.
    public init(
        organisation: String, purposes: [Purpose], retentionDays: Int? = nil, audiences: Set<DisclosureAudience> = [],
        consentKey: Character = "1", declineKey: Character = "2", withdrawalKey: Character? = "9",
        withdrawalContact: DisclosureContact? = nil, complaintContact: DisclosureContact? = nil,
        defaultLanguage: String = "en", holdOfficers: [PrincipalID] = [], additionalRecipients: [Recipient] = []
    ) {
        self.organisation = organisation
        self.purposes = purposes
        self.retentionDays = retentionDays
        self.audiences = audiences
        self.consentKey = consentKey
        self.declineKey = declineKey
        self.withdrawalKey = withdrawalKey
        self.withdrawalContact = withdrawalContact
        self.complaintContact = complaintContact
        self.defaultLanguage = defaultLanguage
        self.holdOfficers = holdOfficers
        self.additionalRecipients = additionalRecipients
        self.consentSettings = ConsentConfiguration()
        self.consentCatalogOverrides = []
        self.retentionPolicies = nil
        self.regimesByLineOfBusiness = [:]
        self.simulation = false
    }

    /// What notices are rendered from.
    public var disclosurePolicy: DisclosurePolicy {
        DisclosurePolicy(
            organisation: organisation, purposes: purposes, retentionDays: retentionDays, audiences: audiences,
            consentKey: consentKey, declineKey: declineKey, withdrawalKey: withdrawalKey,
            withdrawalContact: withdrawalContact, complaintContact: complaintContact)
    }

    /// The consent engine's policy: the keys, default language and ``consentSettings`` of this
    /// configuration (``ConsentConfiguration/mandatoryLines`` are applied per call, by line).
    public var consentPolicy: ConsentPolicy {
        var policy = consentSettings.applied(to: ConsentPolicy())
        policy.consentKey = consentKey
        policy.declineKey = declineKey
        policy.withdrawalKey = withdrawalKey
        policy.defaultLanguage = defaultLanguage
        return policy
    }

    /// Checks that notices can be rendered from the configuration.
    ///
    /// - Throws: ``VaultFolderError/malformedConfiguration(path:field:reason:)`` naming the field:
    ///   an empty organisation or purpose list, a key that is not a digit or is used twice, a
    ///   retention outside 1 day to 100 years, a contact that does not fit its channel, a
    ///   default language without notices, consent settings out of range, an override file name
    ///   that is not a plain file name, a regime the bundled catalog lacks or that cannot be
    ///   declared for recordings, or retention policies that take a regime's id.
    public func validate() throws {
        try validate(source: VaultFolder.configurationFileName)
    }

    /// ``validate()`` naming `source` (the file's path) in its errors.
    package func validate(source: String) throws(VaultFolderError) {
        func fail(_ field: String, _ reason: String, underlying: (any Error)? = nil) -> VaultFolderError {
            VaultFolderError(
                .malformedConfiguration(path: source, field: field, reason: reason), underlying: underlying)
        }
        guard !organisation.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw fail("organisation", "give the organisation's name as notices should say it")
        }
        guard !purposes.isEmpty else {
            throw fail("purposes", "give at least one purpose, such as quality or dispute-resolution")
        }
        do {
            try disclosurePolicy.validate()
        } catch {
            throw fail(Self.field(of: error), "\(error)", underlying: error)
        }
        do {
            _ = try DisclosureRenderer().language(forTag: defaultLanguage)
        } catch {
            throw fail("defaultLanguage", "\(error)", underlying: error)
        }
        for (index, officer) in holdOfficers.enumerated() {
            do {
                try PrincipalID.validate(officer.rawValue)
            } catch {
                throw fail("holdOfficers[\(index)]", "\(error)", underlying: error)
            }
            // One person listed twice under two spellings would be two officers, and could
            // request and approve a hold's release alone.
            if let first = holdOfficers[..<index].firstIndex(where: { $0.isSamePrincipal(as: officer) }) {
                throw fail(
                    "holdOfficers[\(index)]",
                    "'\(officer.escaped)' is the same principal as holdOfficers[\(first)] '\(holdOfficers[first].escaped)' spelled differently (ids are compared without regard to case or Unicode form); list each officer once"
                )
            }
        }
        try validateDecisions(source: source)
    }

    private static func field(of error: any Error) -> String {
        guard let error = error as? DisclosureError else { return "(document)" }
        return switch error.reason {
        case .invalidField(let field, _, _), .missingField(let field, _): field.name
        case .conflictingKeys(let first, _, _): first.name
        case .invalidAudience: "audiences"
        default: "(document)"
        }
    }
}

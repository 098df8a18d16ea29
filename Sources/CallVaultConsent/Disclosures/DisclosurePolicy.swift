public import CallVaultCore

/// The facts every announcement and disclosure is rendered from: who records, why, for how long,
/// who may listen, how to withdraw and how to complain.
///
/// The law asks that customers are told these things; keeping them in one value means the IVR
/// prompt, the agent's script and the written disclosure always say the same, in every language.
/// Fields a template does not use may be left out: an IVR notice needs no complaint contact. A
/// template that uses a field the policy lacks fails with ``DisclosureError/missingField(_:kind:)``.
///
/// ```swift
/// let policy = DisclosurePolicy(
///     organisation: "Acme Bank",
///     purposes: [.quality, .training, .disputeResolution],
///     retentionDays: 1825,
///     audiences: [.supervisors, .qualityTeam, .regulatorsAndCourts],
///     consentKey: "1", declineKey: "2", withdrawalKey: "9",
///     withdrawalContact: .website("acme.example/recordings"),
///     complaintContact: .email("complaints@acme.example"))
/// ```
public struct DisclosurePolicy: Hashable, Sendable {
    /// The organisation's name, shown as given (surrounding white space aside).
    public var organisation: String
    /// Why calls are recorded, in the order they are named; repeats are named once.
    public var purposes: [Purpose]
    /// How many days recordings are kept; rendered in years, months and days ("5 years").
    public var retentionDays: Int?
    /// Who may listen to recordings; named in ``DisclosureAudience/standard`` order, then others.
    public var audiences: Set<DisclosureAudience>
    /// The key a caller presses to agree to recording (a digit).
    public var consentKey: Character?
    /// The key a caller presses to continue without recording (a digit).
    public var declineKey: Character?
    /// The key a caller presses at any time during the call to stop recording (a digit).
    public var withdrawalKey: Character?
    /// Where a customer can withdraw consent after the call.
    public var withdrawalContact: DisclosureContact?
    /// Where a customer can complain about recordings.
    public var complaintContact: DisclosureContact?
    /// The authority a customer can complain to beyond the organisation, named as it should read
    /// after "complain to" ("the Information Commissioner's Office"). Without it the written
    /// disclosure speaks of one in general terms ("a data protection authority"; in Persian "the
    /// competent authorities", since Iran has no data-protection authority). Name it wherever the
    /// general words would be wrong.
    public var regulator: String?

    /// Creates a policy; only the organisation and purposes are needed by every template.
    public init(
        organisation: String,
        purposes: [Purpose],
        retentionDays: Int? = nil,
        audiences: Set<DisclosureAudience> = [],
        consentKey: Character? = nil,
        declineKey: Character? = nil,
        withdrawalKey: Character? = nil,
        withdrawalContact: DisclosureContact? = nil,
        complaintContact: DisclosureContact? = nil,
        regulator: String? = nil
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
        self.regulator = regulator
    }

    /// The longest retention a disclosure states: a hundred years. Anything longer is a mistake.
    public static let maximumRetentionDays = 36_525

    /// Checks every field that is set; rendering does this too.
    ///
    /// - Throws: ``DisclosureError/invalidField(_:value:reason:)`` for a key that is not a digit, a
    ///   retention outside 1 day to 100 years, a name or contact with control characters, a name with
    ///   direction controls (marks, embeddings, overrides, isolates), or a
    ///   contact that does not fit its channel; ``DisclosureError/conflictingKeys(_:_:key:)`` when
    ///   the consent key equals the decline or withdrawal key.
    public func validate() throws {
        if PlainText.hasControlCharacters(organisation) {
            throw DisclosureError.invalidField(
                .organisation, value: organisation, reason: "it contains control characters such as line breaks")
        }
        if PlainText.hasDirectionControls(organisation) {
            throw DisclosureError.invalidField(
                .organisation, value: organisation,
                reason:
                    "it contains a direction control (a mark, embedding, override or isolate); notices set the name's direction themselves, so give the name without them"
            )
        }
        if let regulator,
            PlainText.hasControlCharacters(regulator) || PlainText.isBlank(regulator)
                || PlainText.hasDirectionControls(regulator)
        {
            throw DisclosureError.invalidField(
                .regulator, value: regulator,
                reason:
                    "give the authority's name on one line, without direction controls, or leave it out for the general words"
            )
        }
        if let days = retentionDays, !(1...Self.maximumRetentionDays).contains(days) {
            throw DisclosureError.invalidField(
                .retentionDays, value: String(days),
                reason: "give a number of days from 1 to \(Self.maximumRetentionDays) (100 years)")
        }
        for (field, key) in [
            (DisclosureField.consentKey, consentKey), (.declineKey, declineKey), (.withdrawalKey, withdrawalKey),
        ] {
            if let key, !(key.isASCII && key.isWholeNumber) {
                throw DisclosureError.invalidField(
                    field, value: String(key),
                    reason: "use a digit from 0 to 9, which every language reads aloud the same way")
            }
        }
        if let consentKey {
            if consentKey == declineKey {
                throw DisclosureError.conflictingKeys(.consentKey, .declineKey, key: consentKey)
            }
            if consentKey == withdrawalKey {
                throw DisclosureError.conflictingKeys(.consentKey, .withdrawalKey, key: consentKey)
            }
        }
        for (field, contact) in [
            (DisclosureField.withdrawalContact, withdrawalContact), (.complaintContact, complaintContact),
        ] {
            if let contact, let problem = contact.problem {
                throw DisclosureError.invalidField(field, value: contact.address, reason: problem)
            }
        }
    }
}

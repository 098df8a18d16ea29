/// A named gap in a template, written `{name}`, that rendering fills from the policy.
///
/// Templates say everything in words of their own language and leave the facts to placeholders,
/// so one template serves every policy and no disclosure is written by hand for one case.
///
/// | placeholder | becomes | from |
/// |---|---|---|
/// | `{organisation}` | the organisation's name, as given | ``DisclosurePolicy/organisation`` |
/// | `{purposes}` | the purposes' names, joined: "quality monitoring and staff training" | ``DisclosurePolicy/purposes`` |
/// | `{retention}` | the period in years, months and days: "5 years" | ``DisclosurePolicy/retentionDays`` |
/// | `{audiences}` | the audiences' names, joined | ``DisclosurePolicy/audiences`` |
/// | `{consentKey}`, `{declineKey}`, `{withdrawalKey}` | the key: "1" | the policy's keys |
/// | `{withdrawalContact}`, `{complaintContact}` | the contact's address, as given | the policy's contacts |
/// | `{howToWithdraw}` | "by pressing 9 at any time during a call or by visiting example.com" | the withdrawal key and contact |
/// | `{howToComplain}` | "by writing to complaints@example.com" | ``DisclosurePolicy/complaintContact`` |
/// | `{regulator}` | the authority to complain to, as given, or the language's general words ("a data protection authority") | ``DisclosurePolicy/regulator`` |
public struct DisclosurePlaceholder: Hashable, Sendable, CustomStringConvertible {
    /// What a placeholder stands for.
    enum Role: String, Hashable, Sendable, CaseIterable {
        case organisation
        case purposes
        case retention
        case audiences
        case consentKey
        case declineKey
        case withdrawalKey
        case withdrawalContact
        case howToWithdraw
        case complaintContact
        case howToComplain
        case regulator
    }

    let role: Role

    private init(_ role: Role) {
        self.role = role
    }

    /// Looks a placeholder up by name; `nil` if there is none.
    public init?(name: String) {
        guard let role = Role(rawValue: name) else { return nil }
        self.role = role
    }

    /// The name between the braces.
    public var name: String { role.rawValue }

    /// The policy field it needs.
    public var field: DisclosureField {
        switch role {
        case .organisation: .organisation
        case .purposes: .purposes
        case .retention: .retentionDays
        case .audiences: .audiences
        case .consentKey: .consentKey
        case .declineKey: .declineKey
        case .withdrawalKey: .withdrawalKey
        case .withdrawalContact: .withdrawalContact
        case .howToWithdraw: .withdrawal
        case .complaintContact, .howToComplain: .complaintContact
        case .regulator: .regulator
        }
    }

    /// `{organisation}`.
    public static let organisation = DisclosurePlaceholder(.organisation)
    /// `{purposes}`.
    public static let purposes = DisclosurePlaceholder(.purposes)
    /// `{retention}`.
    public static let retention = DisclosurePlaceholder(.retention)
    /// `{audiences}`.
    public static let audiences = DisclosurePlaceholder(.audiences)
    /// `{consentKey}`.
    public static let consentKey = DisclosurePlaceholder(.consentKey)
    /// `{declineKey}`.
    public static let declineKey = DisclosurePlaceholder(.declineKey)
    /// `{withdrawalKey}`.
    public static let withdrawalKey = DisclosurePlaceholder(.withdrawalKey)
    /// `{withdrawalContact}`.
    public static let withdrawalContact = DisclosurePlaceholder(.withdrawalContact)
    /// `{howToWithdraw}`.
    public static let howToWithdraw = DisclosurePlaceholder(.howToWithdraw)
    /// `{complaintContact}`.
    public static let complaintContact = DisclosurePlaceholder(.complaintContact)
    /// `{howToComplain}`.
    public static let howToComplain = DisclosurePlaceholder(.howToComplain)

    /// `{regulator}`.
    public static let regulator = DisclosurePlaceholder(.regulator)

    /// Every placeholder.
    public static let all: [DisclosurePlaceholder] = Role.allCases.map(DisclosurePlaceholder.init)

    /// `{name}`.
    public var description: String { "{\(name)}" }
}

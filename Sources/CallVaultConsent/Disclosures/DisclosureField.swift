/// A field of a ``DisclosurePolicy``, as errors name it.
///
/// Which fields are required depends on the template: an IVR notice needs the withdrawal key, a
/// written disclosure needs the complaint contact. ``DisclosureError/missingField(_:kind:)`` names
/// the one that is missing, by the policy's property name.
public struct DisclosureField: Hashable, Sendable, CustomStringConvertible {
    /// The policy property's name, for example `complaintContact`.
    public let name: String
    /// What the field holds, for error messages, such as "a contact for complaints".
    public let explanation: String

    private init(_ name: String, _ explanation: String) {
        self.name = name
        self.explanation = explanation
    }

    /// ``DisclosurePolicy/organisation``.
    public static let organisation = DisclosureField("organisation", "the organisation's name")
    /// ``DisclosurePolicy/purposes``.
    public static let purposes = DisclosureField("purposes", "at least one purpose")
    /// ``DisclosurePolicy/retentionDays``.
    public static let retentionDays = DisclosureField("retentionDays", "how many days recordings are kept")
    /// ``DisclosurePolicy/audiences``.
    public static let audiences = DisclosureField("audiences", "at least one audience who may listen")
    /// ``DisclosurePolicy/consentKey``.
    public static let consentKey = DisclosureField("consentKey", "the key that agrees to recording")
    /// ``DisclosurePolicy/declineKey``.
    public static let declineKey = DisclosureField("declineKey", "the key that continues without recording")
    /// ``DisclosurePolicy/withdrawalKey``.
    public static let withdrawalKey = DisclosureField("withdrawalKey", "the key that stops recording at any time")
    /// ``DisclosurePolicy/withdrawalContact``.
    public static let withdrawalContact = DisclosureField(
        "withdrawalContact", "a contact for withdrawing consent after the call")
    /// Either ``DisclosurePolicy/withdrawalKey`` or ``DisclosurePolicy/withdrawalContact``.
    public static let withdrawal = DisclosureField(
        "withdrawalKey or withdrawalContact", "a way to withdraw consent (a key, a contact, or both)")
    /// ``DisclosurePolicy/complaintContact``.
    public static let complaintContact = DisclosureField("complaintContact", "a contact for complaints")

    /// ``DisclosurePolicy/regulator``.
    public static let regulator = DisclosureField(
        "regulator", "the authority customers can complain to (the language has no general words for one)")

    /// The name.
    public var description: String { name }
}

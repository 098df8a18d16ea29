/// Errors in CallVaultCore's own values.
public enum CoreError: CallVaultError, Equatable {
    /// A jurisdiction code that is not ISO 3166-1 alpha-2, ISO 3166-2 or `unknown`.
    case invalidJurisdictionCode(String)
    /// A purpose identifier with characters other than lower-case letters, digits and hyphens.
    case invalidPurpose(String)

    /// A sentence saying what is wrong and what to do.
    public var description: String {
        switch self {
        case .invalidJurisdictionCode(let text):
            "'\(text)' is not a jurisdiction code: use an ISO 3166-1 country such as DE, an ISO 3166-2 subdivision such as US-CA, or 'unknown'."
        case .invalidPurpose(let text):
            "'\(text)' is not a purpose identifier: use 1 to 64 lower-case letters, digits and hyphens, such as dispute-resolution."
        }
    }
}

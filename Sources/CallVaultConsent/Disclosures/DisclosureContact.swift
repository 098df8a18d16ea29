/// Where a customer can reach the organisation: a web address, an email address or a phone number,
/// given as-is and rendered with the wording its channel needs ("by visiting", "by writing to",
/// "by calling").
///
/// ```swift
/// let complaints = DisclosureContact.email("complaints@example.com")
/// let withdrawal = DisclosureContact.website("example.com/recording")
/// ```
public struct DisclosureContact: Hashable, Sendable, CustomStringConvertible {
    /// How the contact is reached. A struct rather than an enum, so channels can be added.
    public struct Channel: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: String, Sendable {
            case website
            case email
            case phone
        }

        private let kind: Kind

        private init(_ kind: Kind) {
            self.kind = kind
        }

        /// A web page.
        public static let website = Channel(.website)
        /// An email address.
        public static let email = Channel(.email)
        /// A phone number.
        public static let phone = Channel(.phone)

        /// `website`, `email` or `phone`.
        public var description: String { kind.rawValue }
    }

    /// How the contact is reached.
    public let channel: Channel
    /// The address as given: a URL, an email address or a phone number.
    public let address: String

    private init(channel: Channel, address: String) {
        self.channel = channel
        self.address = address
    }

    /// A web page, for example `example.com/privacy`.
    public static func website(_ address: String) -> DisclosureContact {
        DisclosureContact(channel: .website, address: address)
    }

    /// An email address, for example `privacy@example.com`.
    public static func email(_ address: String) -> DisclosureContact {
        DisclosureContact(channel: .email, address: address)
    }

    /// A phone number, for example `+44 20 7946 0000`.
    public static func phone(_ address: String) -> DisclosureContact {
        DisclosureContact(channel: .phone, address: address)
    }

    /// Why the address cannot be used for its channel, or `nil` if it can.
    var problem: String? {
        let trimmed = PlainText.trimmed(address)
        if trimmed.isEmpty { return "it is blank" }
        if PlainText.hasControlCharacters(trimmed) { return "it contains control characters such as line breaks" }
        switch channel {
        case .email where !trimmed.contains("@") || trimmed.contains(where: \.isWhitespace):
            return "an email address has an '@' and no spaces"
        case .website where trimmed.contains(where: \.isWhitespace):
            return "a web address has no spaces"
        case .phone
        where !trimmed.contains(where: \.isNumber)
            || !trimmed.allSatisfy({ $0.isNumber || " +-().".contains($0) }):
            return "a phone number has digits, spaces and + - ( ) . only"
        default:
            return nil
        }
    }

    /// `channel: address`.
    public var description: String { "\(channel): \(address)" }
}

public import CallVaultCore

/// Names a retention rule: a regime in the catalog (`eu-mifid2-16-7`) or a host's policy
/// (`acme-sales-two-years`). Schedules, certificates and audit events cite rules by it.
///
/// Catalog regimes and host policies share one namespace, so a schedule's reason is never
/// ambiguous; a scheduler refuses a policy whose id a regime already has.
public struct RetentionRuleID: Hashable, Sendable, Codable, Comparable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    /// The identifier: lower-case letters, digits, hyphens and dots.
    public let rawValue: String

    /// Wraps an identifier.
    ///
    /// - Throws: ``RetentionRuleIDError`` unless `rawValue` is 1 to 80 lower-case ASCII letters,
    ///   digits, hyphens or dots.
    public init(_ rawValue: String) throws {
        guard Self.isValid(rawValue) else { throw RetentionRuleIDError(text: rawValue) }
        self.rawValue = rawValue
    }

    /// Wraps a literal identifier, for rules named in code. A literal that is not a valid
    /// identifier still names no rule the catalog has, so lookups fail with a typed error.
    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    static func isValid(_ text: String) -> Bool {
        (1...80).contains(text.utf8.count)
            && text.utf8.allSatisfy { byte in
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            }
    }

    /// Orders by identifier.
    public static func < (lhs: RetentionRuleID, rhs: RetentionRuleID) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// The identifier.
    public var description: String { rawValue }

    /// Encodes as the identifier.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Decodes from the identifier, refusing an invalid one.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(text)
    }
}

/// An identifier that is not a valid rule id.
public struct RetentionRuleIDError: CallVaultError, Equatable {
    /// The stable codes of ``RetentionRuleIDError``.
    public struct Code: CallVaultErrorCode {
        /// The error type these codes belong to.
        public typealias Owner = RetentionRuleIDError
        /// The code's stable text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// The text is not 1 to 80 lower-case letters, digits, hyphens or dots.
        public static let invalid = Code("retentionruleid.invalid")

        /// Every code of this type.
        public static let all: [Code] = [invalid]
    }

    /// The code of every ``RetentionRuleIDError``, for `catch RetentionRuleIDError.invalid`.
    public static let invalid = Code.invalid

    /// The text that was refused.
    public let text: String

    /// What kind of failure this is: always ``Code/invalid``.
    public var code: Code { .invalid }

    /// Nothing underlies this error: always `nil`.
    public var underlying: (any Error)? { nil }

    /// A sentence naming the text and the allowed form.
    public var message: String {
        "\"\(text)\" is not a valid retention rule id: use 1 to 80 lower-case letters, digits, hyphens or dots, like eu-mifid2-16-7."
    }
}

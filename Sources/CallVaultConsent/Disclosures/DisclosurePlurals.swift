/// How a language picks the form of a noun after a number: the CLDR plural categories it uses.
///
/// Needed only to add a language: the bundled grammars already carry theirs.
public struct DisclosurePluralRule: Hashable, Sendable {
    /// A CLDR plural category.
    enum Category: Hashable, Sendable {
        case one, two, few, many, other
    }

    private enum Kind: Hashable, Sendable {
        case oneIsSingular
        case zeroAndOneAreSingular
        case noPlural
        case arabic
    }

    private let kind: Kind

    private init(_ kind: Kind) {
        self.kind = kind
    }

    /// 1 takes the `one` form, every other number `other` (English, German, Spanish, Persian).
    public static let oneIsSingular = DisclosurePluralRule(.oneIsSingular)
    /// 0 and 1 take the `one` form, every other number `other` (French).
    public static let zeroAndOneAreSingular = DisclosurePluralRule(.zeroAndOneAreSingular)
    /// Every number takes the `other` form (Chinese, Japanese, Korean, Turkish).
    public static let noPlural = DisclosurePluralRule(.noPlural)
    /// Arabic: 1 `one`, 2 `two`, 3 to 10 `few`, 11 to 99 `many` (by the last two digits), the rest
    /// `other`.
    public static let arabic = DisclosurePluralRule(.arabic)

    /// The category for a whole number.
    func category(for count: Int) -> Category {
        switch kind {
        case .oneIsSingular:
            return count == 1 ? .one : .other
        case .zeroAndOneAreSingular:
            return count == 0 || count == 1 ? .one : .other
        case .noPlural:
            return .other
        case .arabic:
            let lastTwo = count % 100
            if count == 1 { return .one }
            if count == 2 { return .two }
            if (3...10).contains(lastTwo) { return .few }
            if (11...99).contains(lastTwo) { return .many }
            return .other
        }
    }
}

/// The forms of one unit ("year") after a number, by plural category, each with an optional
/// `{count}` placeholder for the number in ASCII digits.
///
/// A form may spell a number out where the grammar needs it ("one year", "einen Monat",
/// "سنتين"); a category without a form uses ``other``.
///
/// ```swift
/// let years = DisclosurePluralForms(one: "one year", other: "{count} years")
/// ```
public struct DisclosurePluralForms: Hashable, Sendable {
    /// The form for the `one` category.
    public let one: String?
    /// The form for the `two` category.
    public let two: String?
    /// The form for the `few` category.
    public let few: String?
    /// The form for the `many` category.
    public let many: String?
    /// The form for every other number.
    public let other: String

    /// Creates the forms.
    public init(one: String? = nil, two: String? = nil, few: String? = nil, many: String? = nil, other: String) {
        self.one = one
        self.two = two
        self.few = few
        self.many = many
        self.other = other
    }

    /// Every form given.
    var all: [String] { [one, two, few, many, other].compactMap { $0 } }

    /// The form for a category.
    func form(for category: DisclosurePluralRule.Category) -> String {
        switch category {
        case .one: one ?? other
        case .two: two ?? other
        case .few: few ?? other
        case .many: many ?? other
        case .other: other
        }
    }
}

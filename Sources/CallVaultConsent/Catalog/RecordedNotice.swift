/// Whether a jurisdiction's law wants the announcement itself on the recording.
///
/// Washington (RCW 9.73.030(3)) deems consent given by an announcement only if the announcement is
/// recorded; Connecticut (CGS 52-570d) accepts a verbal notice recorded at the start, or instead an
/// automatic warning tone repeated about every 15 seconds. Where a call falls under such a rule,
/// recording opens when a party's announcement starts (or, where allowed and the host prefers it,
/// the warning tone runs throughout the recording).
public struct RecordedNotice: Hashable, Sendable, Comparable, CustomStringConvertible {
    private enum Kind: String, Sendable {
        case requiredOrTone = "required-or-tone"
        case required
    }

    private let kind: Kind

    private init(_ kind: Kind) {
        self.kind = kind
    }

    /// The announcement must be on the recording; nothing else will do.
    public static let required = RecordedNotice(.required)
    /// The announcement must be on the recording, or a warning tone must repeat about every 15
    /// seconds while recording.
    public static let requiredOrTone = RecordedNotice(.requiredOrTone)

    /// Reads the catalog spelling (`required`, `required-or-tone`).
    public init?(catalogValue: String) {
        guard let kind = Kind(rawValue: catalogValue) else { return nil }
        self.kind = kind
    }

    /// Whether a periodic warning tone may stand for the recorded announcement.
    public var allowsWarningTone: Bool { kind == .requiredOrTone }

    /// Orders from the more lenient (`required-or-tone`) to the stricter (`required`).
    public static func < (lhs: RecordedNotice, rhs: RecordedNotice) -> Bool {
        lhs.kind == .requiredOrTone && rhs.kind == .required
    }

    /// The catalog spelling.
    public var description: String { kind.rawValue }
}

import Foundation

/// Identifies a person or service acting on recordings: an agent, a supervisor, a compliance
/// officer, a sweeper. Access decisions, legal holds and the audit log name principals by it.
///
/// A new id must read one way only: 1 to ``maximumByteCount`` bytes of UTF-8, with no whitespace,
/// no control characters and no invisible format characters (zero-width spaces and joiners,
/// bidirectional marks and overrides, soft hyphens, variation selectors: every default-ignorable
/// code point). Otherwise "alice" and "alice " or "alice\u{200B}" would look like one person and
/// count as two, and an id could rewrite the terminal or the log line that shows it.
///
/// ```swift
/// let requester = try PrincipalID("sup.maria")          // new input: validated
/// let stored = PrincipalID(recorded: textFromAnOldLog)   // stored data: carried as it was
/// print(stored.escaped)                                  // safe to show
/// requester.isSamePrincipal(as: try PrincipalID("SUP.MARIA"))  // true
/// ```
public struct PrincipalID: Hashable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The longest id, in bytes of UTF-8.
    public static let maximumByteCount = 256

    /// The host's identifier for the principal, exactly as given or stored.
    public let rawValue: String

    /// Validates a new id: what a command line, a principal file, a configuration file or a host's
    /// request supplies.
    ///
    /// - Throws: ``PrincipalIDError`` saying what is wrong and what to do.
    public init(_ rawValue: String) throws {
        try Self.validate(rawValue)
        self.rawValue = rawValue
    }

    /// Carries an id already recorded (in an audit log, a database row, a signed document) as it
    /// was, valid or not: evidence is read back unchanged, and an id written before ids were
    /// validated must still be shown and compared. Never use it for new input.
    public init(recorded rawValue: String) {
        self.rawValue = rawValue
    }

    /// A literal id in code, such as `"callvault-sweeper"`; it must be valid (a programming error
    /// otherwise, caught the first time the code runs).
    public init(stringLiteral value: String) {
        precondition(Self.problem(in: value) == nil, "a PrincipalID literal must be a valid principal id")
        self.rawValue = value
    }

    /// Whether the id is one ``init(_:)`` accepts (an id carried by ``init(recorded:)`` may not be).
    public var isValid: Bool { Self.problem(in: rawValue) == nil }

    /// The id.
    public var description: String { rawValue }

    /// The id safe to print on a terminal or in a log line, and never alike for two different ids:
    /// whitespace, control and invisible characters become `\uXXXX`, a backslash `\\`, a double
    /// quote `\"`, and the empty id `""`. A valid id without backslashes or quotes is unchanged.
    public var escaped: String {
        guard !rawValue.isEmpty else { return "\"\"" }
        guard rawValue.unicodeScalars.contains(where: { Self.needsEscape($0) }) else { return rawValue }
        var result = ""
        for scalar in rawValue.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case _ where Self.kind(of: scalar) != nil:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Whether `other` names the same principal spelled differently: compared without the
    /// characters an id may not hold, after Unicode compatibility normalisation (NFKC, which
    /// includes NFC) and case folding, so "alice", "ALICE", "ａｌｉｃｅ" and a stored "alice " are
    /// one person. Two-person rules (approvals, a hold's release, a complaint's review) use it to
    /// keep one person from acting as two; granting access never does (it needs the exact id).
    public func isSamePrincipal(as other: PrincipalID) -> Bool {
        comparisonKey == other.comparisonKey
    }

    /// The form ``isSamePrincipal(as:)`` compares: ids that name the same principal have the same
    /// key.
    public var comparisonKey: String {
        // Printable ASCII without capitals is its own key (normalisation and folding change none
        // of it, and it holds nothing to remove): most ids, with no allocation on access decisions.
        if rawValue.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && !(0x41...0x5A).contains($0) }) { return rawValue }
        let visible = String(String.UnicodeScalarView(rawValue.unicodeScalars.filter { Self.kind(of: $0) == nil }))
        return visible.precomposedStringWithCompatibilityMapping
            .folding(options: [.caseInsensitive], locale: nil)
            .precomposedStringWithCompatibilityMapping
    }

    /// Encodes as the identifier.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Decodes from the identifier as ``init(recorded:)`` does: decoding reads stored data (signed
    /// documents, database rows), which is read back as it was written.
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }
}

extension PrincipalID {
    /// Throws what is wrong with `text` as a new principal id, if anything.
    public static func validate(_ text: String) throws {
        if let problem = problem(in: text) { throw problem }
    }

    /// What is wrong with `text` as a new id, or `nil` when ``init(_:)`` accepts it.
    package static func problem(in text: String) -> PrincipalIDError? {
        let byteCount = text.utf8.count
        guard byteCount > 0 else { return .empty }
        guard byteCount <= maximumByteCount else { return .tooLong(byteCount: byteCount) }
        for (index, scalar) in text.unicodeScalars.enumerated() {
            guard let kind = kind(of: scalar) else { continue }
            let shown = shown(text)
            switch kind {
            case .whitespace: return .whitespace(id: shown, position: index + 1)
            case .control: return .control(id: shown, position: index + 1)
            case .invisible: return .invisible(id: shown, position: index + 1)
            }
        }
        return nil
    }

    /// The kinds of character an id may not hold.
    enum Refused {
        case whitespace, control, invisible
    }

    /// Why `scalar` may not be in an id, or `nil` when it may.
    static func kind(of scalar: Unicode.Scalar) -> Refused? {
        let properties = scalar.properties
        if properties.isWhitespace { return .whitespace }
        if properties.generalCategory == .control { return .control }
        if properties.generalCategory == .format || properties.isDefaultIgnorableCodePoint { return .invisible }
        return nil
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\\" || scalar == "\"" || kind(of: scalar) != nil
    }

    /// An id as an error message shows it: escaped, and cut to its first 64 characters.
    private static func shown(_ text: String) -> String {
        let escaped = PrincipalID(recorded: text).escaped
        return escaped.count > 64 ? String(escaped.prefix(64)) + "…" : escaped
    }
}

/// Why a text is not a principal id.
public struct PrincipalIDError: CallVaultError, Equatable, CallVaultReasonedError {
    /// The stable codes of ``PrincipalIDError``.
    public struct Code: CallVaultErrorCode {
        /// The error type these codes belong to.
        public typealias Owner = PrincipalIDError
        /// The code's stable text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// The id is empty.
        public static let empty = Code("principalid.empty")
        /// The id is longer than ``PrincipalID/maximumByteCount`` bytes of UTF-8.
        public static let tooLong = Code("principalid.too-long")
        /// The id holds whitespace (a space, a tab, a line break, a no-break space) at `position`
        /// (counted in Unicode scalars from 1); `id` is the id escaped.
        public static let whitespace = Code("principalid.whitespace")
        /// The id holds a control character (an escape, NUL, DEL, a C1 control) at `position`.
        public static let control = Code("principalid.control")
        /// The id holds an invisible format character (a zero-width space or joiner, a bidirectional
        /// mark or override, a soft hyphen, a variation selector: a default-ignorable code point) at
        /// `position`.
        public static let invisible = Code("principalid.invisible")

        /// Every code of this type.
        public static let all: [Code] = [
            empty, tooLong, whitespace, control, invisible,
        ]
    }

    /// What happened, with its details; the package's own code switches over it.
    package enum Reason: Equatable, Sendable {
        /// The id is empty.
        case empty
        /// The id is longer than ``PrincipalID/maximumByteCount`` bytes of UTF-8.
        case tooLong(byteCount: Int)
        /// The id holds whitespace (a space, a tab, a line break, a no-break space) at `position`
        /// (counted in Unicode scalars from 1); `id` is the id escaped.
        case whitespace(id: String, position: Int)
        /// The id holds a control character (an escape, NUL, DEL, a C1 control) at `position`.
        case control(id: String, position: Int)
        /// The id holds an invisible format character (a zero-width space or joiner, a bidirectional
        /// mark or override, a soft hyphen, a variation selector: a default-ignorable code point) at
        /// `position`.
        case invisible(id: String, position: Int)
    }

    /// What happened, with its details.
    package let reason: Reason
    /// The error that caused this one, if any.
    public let underlying: (any Error)?

    /// Creates an error from its reason and cause.
    package init(_ reason: Reason, underlying: (any Error)? = nil) {
        self.reason = reason
        self.underlying = underlying
    }

    /// What kind of failure this is.
    public var code: Code {
        switch reason {
        case .empty: .empty
        case .tooLong: .tooLong
        case .whitespace: .whitespace
        case .control: .control
        case .invisible: .invisible
        }
    }

    /// What is wrong and what to do.
    public var message: String {
        switch reason {
        case .empty:
            "A principal id cannot be empty: give the id your identity provider uses for the person or service, such as sup.maria."
        case .tooLong(let byteCount):
            "A principal id is at most \(PrincipalID.maximumByteCount) bytes of UTF-8; this one is \(byteCount): give the identity provider's id for the person or service, not a description."
        case .whitespace(let id, let position):
            "The principal id '\(id)' holds whitespace at character \(position): ids contain no spaces, tabs or line breaks. Remove it (a leading or trailing space is usually a copy-and-paste slip)."
        case .control(let id, let position):
            "The principal id '\(id)' holds a control character at character \(position): ids contain none. Give the id as your identity provider spells it."
        case .invisible(let id, let position):
            "The principal id '\(id)' holds an invisible format character at character \(position) (a zero-width, bidirectional or similar character that would make it look like another id): remove it and give the id as your identity provider spells it."
        }
    }

    /// The id is empty.
    public static var empty: PrincipalIDError { PrincipalIDError(.empty) }

    /// The id is longer than ``PrincipalID/maximumByteCount`` bytes of UTF-8.
    public static func tooLong(byteCount: Int) -> PrincipalIDError { PrincipalIDError(.tooLong(byteCount: byteCount)) }
    /// The code for ``tooLong(byteCount:)``, for `catch PrincipalIDError.tooLong`.
    public static let tooLong = Code.tooLong

    /// The id holds whitespace (a space, a tab, a line break, a no-break space) at `position`
    /// (counted in Unicode scalars from 1); `id` is the id escaped.
    public static func whitespace(id: String, position: Int) -> PrincipalIDError {
        PrincipalIDError(.whitespace(id: id, position: position))
    }
    /// The code for ``whitespace(id:position:)``, for `catch PrincipalIDError.whitespace`.
    public static let whitespace = Code.whitespace

    /// The id holds a control character (an escape, NUL, DEL, a C1 control) at `position`.
    public static func control(id: String, position: Int) -> PrincipalIDError {
        PrincipalIDError(.control(id: id, position: position))
    }
    /// The code for ``control(id:position:)``, for `catch PrincipalIDError.control`.
    public static let control = Code.control

    /// The id holds an invisible format character (a zero-width space or joiner, a bidirectional
    /// mark or override, a soft hyphen, a variation selector: a default-ignorable code point) at
    /// `position`.
    public static func invisible(id: String, position: Int) -> PrincipalIDError {
        PrincipalIDError(.invisible(id: id, position: position))
    }
    /// The code for ``invisible(id:position:)``, for `catch PrincipalIDError.invisible`.
    public static let invisible = Code.invisible
}

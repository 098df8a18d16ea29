/// The text of one kind of disclosure in one language, with `{placeholder}` gaps, a stable script
/// identifier and a version.
///
/// A consent receipt records the script identifier, version and language of what a party heard,
/// so change the version whenever the words change. A template must say what its kind is for:
/// every kind names `{organisation}` and `{purposes}`; an IVR notice names `{withdrawalKey}`; an IVR
/// consent request names `{consentKey}` and `{declineKey}`; a written disclosure names
/// `{retention}`, `{audiences}`, a way to withdraw and a way to complain. See
/// ``DisclosurePlaceholder`` for every placeholder. Write plain sentences a speech synthesiser can
/// read: no markup, no abbreviations it would spell out.
///
/// ```swift
/// let notice = try DisclosureTemplate(
///     kind: .ivrNotice, language: .english, scriptID: "acme.ivr.notice", version: "2026.12.1",
///     text: "Welcome to {organisation}. We record calls for {purposes}. Press {withdrawalKey} to opt out.")
/// ```
public struct DisclosureTemplate: Hashable, Sendable {
    /// The kind of disclosure.
    public let kind: DisclosureKind
    /// The language the text is in.
    public let language: DisclosureLanguage
    /// A stable identifier for the script, the same in every language (`callvault.ivr.notice`).
    public let scriptID: String
    /// The version of this text (`2026.12.1`).
    public let version: String
    /// The text, with `{placeholder}` gaps.
    public let text: String

    /// Creates a template, checking it.
    ///
    /// - Parameters:
    ///   - kind: the kind of disclosure the text is.
    ///   - language: the language the text is in.
    ///   - scriptID: letters, digits, `.`, `-` and `_`, for example `acme.ivr.notice`.
    ///   - version: any text without spaces, for example `2026.12.1`.
    ///   - text: the words, with `{placeholder}` gaps.
    /// - Throws: ``DisclosureError/malformedTemplate(scriptID:language:reason:)`` for an unusable
    ///   identifier or version, blank text, unbalanced braces, or text that leaves out what its
    ///   kind must say; ``DisclosureError/unknownPlaceholder(_:scriptID:language:)`` for a name
    ///   that is not a ``DisclosurePlaceholder``.
    public init(
        kind: DisclosureKind, language: DisclosureLanguage, scriptID: String, version: String, text: String
    ) throws {
        self.init(unchecked: kind, language: language, scriptID: scriptID, version: version, text: text)
        _ = try placeholders()
    }

    /// Creates a template without checking it; rendering checks it.
    init(unchecked kind: DisclosureKind, language: DisclosureLanguage, scriptID: String, version: String, text: String)
    {
        self.kind = kind
        self.language = language
        self.scriptID = scriptID
        self.version = version
        self.text = text
    }

    /// The placeholders the text uses, in order of first use.
    ///
    /// - Throws: what ``init(kind:language:scriptID:version:text:)`` throws.
    public func placeholders() throws -> [DisclosurePlaceholder] {
        try parsed().placeholders
    }

    /// Parses and checks the text.
    func parsed() throws(DisclosureError) -> (text: TemplateText, placeholders: [DisclosurePlaceholder]) {
        let isIdentifierCharacter = { (c: Character) in c.isASCII && (c.isLetter || c.isNumber || ".-_".contains(c)) }
        guard !scriptID.isEmpty, scriptID.allSatisfy(isIdentifierCharacter) else {
            throw malformed("has a script identifier that is not letters, digits, '.', '-' and '_'")
        }
        guard !version.isEmpty, !version.contains(where: \.isWhitespace), !PlainText.hasControlCharacters(version)
        else {
            throw malformed("has a version that is empty or contains spaces")
        }
        guard !PlainText.isBlank(text) else { throw malformed("has blank text") }
        let parsed: TemplateText
        do throws(TemplateText.Problem) {
            parsed = try TemplateText(parsing: text)
        } catch {
            switch error {
            case .malformed(let reason): throw malformed(reason)
            }
        }
        var placeholders: [DisclosurePlaceholder] = []
        for name in parsed.placeholderNames {
            guard let placeholder = DisclosurePlaceholder(name: name) else {
                throw .unknownPlaceholder(name, scriptID: scriptID, language: language)
            }
            placeholders.append(placeholder)
        }
        for alternatives in kind.requiredContent where !alternatives.contains(where: placeholders.contains) {
            throw malformed(
                "leaves out \(alternatives.map(\.description).joined(separator: " or ")), which every \(kind) template uses"
            )
        }
        return (parsed, placeholders)
    }

    private func malformed(_ reason: String) -> DisclosureError {
        .malformedTemplate(scriptID: scriptID.isEmpty ? "(no script id)" : scriptID, language: language, reason: reason)
    }
}

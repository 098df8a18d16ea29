/// A disclosure ready to play, read or publish, with what a consent receipt needs to prove which
/// words a party was given: script, version, language and a hash of the text.
///
/// ```swift
/// let prompt = try renderer.render(.ivrNotice, policy: policy, language: .german)
/// callControl.play(prompt.text, language: prompt.language.tag)
/// receipt.announcement = ScriptReference(
///     scriptID: prompt.scriptID, version: prompt.version,
///     language: prompt.language.tag, textHash: prompt.textHash)
/// ```
public struct RenderedDisclosure: Hashable, Sendable {
    /// The kind of disclosure.
    public let kind: DisclosureKind
    /// The template's script identifier (`callvault.ivr.notice`).
    public let scriptID: String
    /// The template's version (`2026.12.1`).
    public let version: String
    /// The language it was rendered in, as requested (`fr-CA` even where `fr` wording was used).
    public let language: DisclosureLanguage
    /// The text: plain, never blank, with no placeholders left. Spoken kinds are one line;
    /// the written disclosure is a title and paragraphs separated by blank lines.
    public let text: String
    /// BLAKE2b-256 of the text's UTF-8 bytes, in lowercase hexadecimal.
    public let textHash: String
}

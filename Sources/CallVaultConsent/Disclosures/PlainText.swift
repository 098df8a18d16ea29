/// Checks and small edits on the plain text that goes into disclosures.
enum PlainText {
    /// Left-to-right isolate: starts a run shown left to right whatever surrounds it.
    static let leftToRightIsolate: Character = "\u{2066}"
    /// First strong isolate: starts a run whose direction follows its first letter, for names that
    /// may be written in either direction ("Acme Bank", "بانک ملت").
    static let firstStrongIsolate: Character = "\u{2068}"
    /// Pop directional isolate: ends the run.
    static let popDirectionalIsolate: Character = "\u{2069}"

    /// The text without leading and trailing white space.
    static func trimmed(_ text: String) -> String {
        var characters = Substring(text)
        while characters.first?.isWhitespace == true { characters.removeFirst() }
        while characters.last?.isWhitespace == true { characters.removeLast() }
        return String(characters)
    }

    /// Whether the text is empty or only white space.
    static func isBlank(_ text: String) -> Bool {
        text.allSatisfy(\.isWhitespace)
    }

    /// Whether the text holds control characters (line breaks, tabs, escapes), which have no
    /// place in a name or a contact read aloud.
    static func hasControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    /// Whether the text holds a character that changes the direction of the text around it
    /// (marks, embeddings, overrides, isolates). Notices wrap a name in an isolate of their own; a
    /// name carrying such characters could close it early and reorder what the customer reads.
    static func hasDirectionControls(_ text: String) -> Bool {
        text.unicodeScalars.contains {
            switch $0.value {
            case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
            default: false
            }
        }
    }

}

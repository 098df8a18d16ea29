/// Text made safe to show on a terminal: every character that a terminal acts on instead of
/// showing, or that reorders what it shows, is written as a visible `\uXXXX` escape.
///
/// Ids, reasons, matter names, policy and catalog text and audit entries reach the tool's output
/// from files and vaults that others wrote. Printed raw, an escape sequence (ESC, CSI) can recolour
/// or rewrite the screen and set the window title, a carriage return can overwrite a line already
/// shown, and a bidirectional override (U+202E) can show `evil.exe` as `exe.live`. Every line the
/// tool prints goes through ``escaped(_:)`` (see `Output.swift` and ``Terminal``), so no report
/// has to remember to.
///
/// The escape is JSON's (`\u001B`, `\u202E`), so the same rendering keeps `--json` output valid
/// JSON with the same values: JSON text never holds a raw C0 control, and a raw U+202E can only
/// stand inside a string, where `\u202E` means the same character.
enum TerminalText {
    /// `text` with every unsafe character escaped; line feeds and tabs, which reports use for
    /// their layout, are kept.
    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard isUnsafe(scalar) else {
                result.append(scalar)
                continue
            }
            let hex = String(scalar.value, radix: 16, uppercase: true)
            for character in "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex {
                result.append(contentsOf: character.unicodeScalars)
            }
        }
        return String(result)
    }

    /// One value inside a line of a report (an id, a matter, a reason): escaped like
    /// ``escaped(_:)``, and its own line feeds and tabs too, so that a value cannot start a line
    /// of its own that reads as another entry of the report.
    static func field(_ value: some CustomStringConvertible) -> String {
        let text = value.description
        guard text.contains(where: { $0 == "\n" || $0 == "\t" || $0 == "\r\n" }) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\u000A"
            case "\t": result += "\\u0009"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Whether a terminal would act on `scalar` rather than show it, or reorder the text around it.
    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: false  // line feed and tab: the layout of reports
        case 0x00...0x1F, 0x7F: true  // C0 controls (ESC, CR, BEL, backspace...) and DEL
        case 0x80...0x9F: true  // C1 controls (CSI, OSC...)
        case 0x061C, 0x200E, 0x200F: true  // Arabic letter mark, left-to-right and right-to-left marks
        case 0x202A...0x202E: true  // bidirectional embeddings and overrides
        case 0x2066...0x2069: true  // bidirectional isolates
        case 0x2028, 0x2029: true  // line and paragraph separators
        default: false
        }
    }
}

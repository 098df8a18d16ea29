/// Text made safe to show on a terminal: every character that a terminal acts on instead of
/// showing, or that reorders what it shows, is written as a visible `\uXXXX` escape.
///
/// Ids, reasons, matter names, policy and catalog text and audit entries reach the tool's output
/// from files and vaults that others wrote. Printed raw, an escape sequence (ESC, CSI) can recolour
/// or rewrite the screen and set the window title, a carriage return can overwrite a line already
/// shown, and a bidirectional override (U+202E) can show `evil.exe` as `exe.live`; directional
/// isolates are let through only in pairs that open and close on one line. Every line the
/// tool prints goes through ``escaped(_:)`` (see `Output.swift` and ``Terminal``), so no report
/// has to remember to.
///
/// The escape is JSON's (`\u001B`, `\u202E`), so the same rendering keeps `--json` output valid
/// JSON with the same values: JSON text never holds a raw C0 control, and a raw U+202E can only
/// stand inside a string, where `\u202E` means the same character.
enum TerminalText {
    /// `text` with every unsafe character escaped; line feeds and tabs, which reports use for
    /// their layout, are kept, and so are directional isolates that open and close a pair on one
    /// line (see ``pairedIsolates(in:)``).
    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        let scalars = Array(text.unicodeScalars)
        let paired = pairedIsolates(in: scalars)
        var result = String.UnicodeScalarView()
        for (offset, scalar) in scalars.enumerated() {
            if isUnsafe(scalar), !paired.contains(offset) {
                appendEscape(of: scalar, to: &result)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// The offsets in `scalars` of the directional isolates (LRI U+2066, RLI U+2067, FSI U+2068)
    /// and the pops (PDI U+2069) that close them, correctly nested, on one line.
    ///
    /// The disclosure renderer and the transparency report put an isolate around a Latin name, an
    /// address or a Gregorian date inside Persian and Arabic text so that it keeps its order;
    /// escaped, the reader would see `\u2068Acme Bank\u2069`. An isolate only arranges the text
    /// between it and its pop, as one unit, so a closed pair cannot reorder anything outside it.
    /// A lone isolate could (it runs to the end of the line), and a lone pop could close an
    /// isolate the text around it opened: those stay escaped. A line feed ends every isolate
    /// (the bidirectional algorithm's paragraph end), so pairs never span lines.
    static func pairedIsolates(in scalars: [Unicode.Scalar]) -> Set<Int> {
        var paired: Set<Int> = []
        var open: [Int] = []
        for (offset, scalar) in scalars.enumerated() {
            switch scalar.value {
            case 0x2066...0x2068: open.append(offset)
            case 0x2069:
                if let start = open.popLast() { paired.formUnion([start, offset]) }
            case 0x0A: open.removeAll()
            default: break
            }
        }
        return paired
    }

    /// Appends `scalar` as JSON writes it escaped (`\u001B`).
    private static func appendEscape(of scalar: Unicode.Scalar, to result: inout String.UnicodeScalarView) {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        for character in "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex {
            result.append(contentsOf: character.unicodeScalars)
        }
    }

    /// One value inside a line of a report (an id, a matter, a reason, evidence): escaped like
    /// ``escaped(_:)``, and its own line feeds and tabs too, so that a value cannot start a line
    /// of its own that reads as another entry of the report; a directional isolate that does not
    /// open and close a pair within the value itself is escaped too, so that it cannot pair with
    /// one in the text around the value.
    static func field(_ value: some CustomStringConvertible) -> String {
        let text = value.description
        let scalars = Array(text.unicodeScalars)
        let hasIsolates = scalars.contains { (0x2066...0x2069).contains($0.value) }
        guard hasIsolates || text.contains(where: { $0 == "\n" || $0 == "\t" || $0 == "\r\n" }) else { return text }
        let paired = hasIsolates ? pairedIsolates(in: scalars) : []
        var result = String.UnicodeScalarView()
        for (offset, scalar) in scalars.enumerated() {
            switch scalar.value {
            case 0x0A, 0x09: appendEscape(of: scalar, to: &result)
            case 0x2066...0x2069 where !paired.contains(offset): appendEscape(of: scalar, to: &result)
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    /// Whether a terminal would act on `scalar` rather than show it, or reorder the text around it.
    /// Text someone typed or a file gave, quoted back in a message about it (`'call\u000A1001'
    /// cannot be a recording id`): every character that does not print as itself is escaped
    /// (controls, line feeds and tabs, invisible format characters such as the zero-width space
    /// U+200B, separators other than the plain space), so the reader sees exactly what is wrong.
    static func quoted(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if printsAsItself(scalar) {
                result.append(scalar)
            } else {
                appendEscape(of: scalar, to: &result)
            }
        }
        return String(result)
    }

    /// Whether a character shows as itself: a letter, mark, number, punctuation or symbol, or
    /// the plain space.
    private static func printsAsItself(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator,
            .spaceSeparator:
            return false
        default:
            return true
        }
    }

    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: false  // line feed and tab: the layout of reports
        case 0x00...0x1F, 0x7F: true  // C0 controls (ESC, CR, BEL, backspace...) and DEL
        case 0x80...0x9F: true  // C1 controls (CSI, OSC...)
        case 0x061C, 0x200E, 0x200F: true  // Arabic letter mark, left-to-right and right-to-left marks
        case 0x202A...0x202E: true  // bidirectional embeddings and overrides
        case 0x2066...0x2069: true  // bidirectional isolates (let through in pairs by escaped(_:))
        case 0x2028, 0x2029: true  // line and paragraph separators
        default: false
        }
    }
}

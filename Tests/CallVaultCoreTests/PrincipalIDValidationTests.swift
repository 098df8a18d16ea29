import CallVaultCore
import Foundation
import Testing

/// A principal id names one person or service in access decisions, approvals, holds and the audit
/// log, so it must read one way only: no whitespace, control or invisible format characters, not
/// empty and not absurdly long. Ids already stored (old logs and databases) are still read.
@Suite("Principal ids")
struct PrincipalIDValidationTests {
    struct Refused: Sendable, CustomTestStringConvertible {
        let name: String
        let text: String
        /// A phrase the error's message must contain.
        let says: String

        var testDescription: String { name }
    }

    /// `PrincipalID.init(_:)` on a `String` (a literal argument would be a literal id instead).
    static func parse(_ text: String) throws -> PrincipalID {
        try PrincipalID(text)
    }

    static let refused: [Refused] = [
        Refused(name: "empty", text: "", says: "empty"),
        Refused(name: "whitespace only", text: "   ", says: "whitespace"),
        Refused(name: "a trailing space", text: "alice ", says: "whitespace"),
        Refused(name: "a leading space", text: " alice", says: "whitespace"),
        Refused(name: "a space inside", text: "alice smith", says: "whitespace"),
        Refused(name: "a no-break space", text: "alice\u{00A0}", says: "whitespace"),
        Refused(name: "a tab", text: "alice\t", says: "whitespace"),
        Refused(name: "a line feed", text: "alice\nbob", says: "whitespace"),
        Refused(name: "a line separator", text: "alice\u{2028}", says: "whitespace"),
        Refused(name: "an escape sequence", text: "alice\u{1B}[31m", says: "control"),
        Refused(name: "NUL", text: "alice\u{0}", says: "control"),
        Refused(name: "DEL", text: "alice\u{7F}", says: "control"),
        Refused(name: "a C1 control", text: "alice\u{9B}", says: "control"),
        Refused(name: "a zero-width space", text: "alice\u{200B}", says: "invisible"),
        Refused(name: "a zero-width joiner", text: "al\u{200D}ice", says: "invisible"),
        Refused(name: "a right-to-left override", text: "\u{202E}ecila", says: "invisible"),
        Refused(name: "a byte order mark", text: "\u{FEFF}alice", says: "invisible"),
        Refused(name: "a soft hyphen", text: "ali\u{AD}ce", says: "invisible"),
        Refused(name: "a variation selector", text: "alice\u{FE0F}", says: "invisible"),
        Refused(name: "a Hangul filler", text: "alice\u{3164}", says: "invisible"),
        Refused(name: "257 bytes", text: String(repeating: "a", count: 257), says: "256"),
        Refused(name: "a megabyte", text: String(repeating: "x", count: 1 << 20), says: "256"),
    ]

    @Test("refused with a typed error that says what is wrong and what to do", arguments: refused)
    func refusedIDs(_ refused: Refused) {
        do {
            let id = try PrincipalID(refused.text)
            Issue.record("'\(id.rawValue.prefix(40))' was accepted")
        } catch {
            let message = "\(error)"
            #expect(message.contains(refused.says), "\(message)")
            #expect(message.count < 600, "the message stays short for a long id: \(message.count) characters")
            #expect(
                !message.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" }
                    && !message.contains("\u{202E}") && !message.contains("\u{200B}"),
                "the message shows the id escaped: \(message.debugDescription)")
            #expect(message.contains("principal id"), "\(message)")
        }
    }

    @Test(
        "accepted: ordinary ids of every kind, up to 256 bytes",
        arguments: [
            "sup.maria", "agent-7", "legal.alice@example.com", "CN=Alice,OU=Legal", "DOMAIN\\alice", "josé", "李雷",
            "مريم", "u:1234", String(repeating: "é", count: 128), String(repeating: "a", count: 256),
        ])
    func acceptedIDs(_ text: String) throws {
        let id = try PrincipalID(text)
        #expect(id.rawValue == text, "kept exactly as given")
        #expect(id.isValid)
    }

    @Test("the errors are typed: each case names its problem")
    func typedErrors() {
        #expect(throws: PrincipalIDError.empty) { try Self.parse("") }
        #expect(throws: PrincipalIDError.tooLong(byteCount: 300)) { try Self.parse(String(repeating: "b", count: 300)) }
        #expect(throws: PrincipalIDError.whitespace(id: "alice\\u0020", position: 6)) { try Self.parse("alice ") }
        #expect(throws: PrincipalIDError.control(id: "a\\u001Bb", position: 2)) { try Self.parse("a\u{1B}b") }
        #expect(throws: PrincipalIDError.invisible(id: "a\\u200Bb", position: 2)) { try Self.parse("a\u{200B}b") }
    }

    @Test("ids recorded before validation are carried as they were, and say they are not valid")
    func recorded() throws {
        let old = PrincipalID(recorded: "alice ")
        #expect(old.rawValue == "alice ")
        #expect(!old.isValid)
        #expect(PrincipalID(recorded: "").rawValue.isEmpty)
        let decoded = try JSONDecoder().decode([PrincipalID].self, from: Data(#"["bob\u200b", "carol"]"#.utf8))
        #expect(decoded.map(\.rawValue) == ["bob\u{200B}", "carol"], "stored data is read back as it was")
        #expect(!decoded[0].isValid)
        #expect(decoded[1] == (try Self.parse("carol")))
    }

    @Test("escaped: safe to print, and two different ids never print alike")
    func escaped() throws {
        #expect(try Self.parse("sup.maria").escaped == "sup.maria")
        #expect(PrincipalID(recorded: "alice ").escaped == "alice\\u0020")
        #expect(PrincipalID(recorded: "alice\u{200B}").escaped == "alice\\u200B")
        #expect(PrincipalID(recorded: "\u{1B}[2Jroot").escaped == "\\u001B[2Jroot")
        #expect(PrincipalID(recorded: "\u{202E}ecila").escaped == "\\u202Eecila")
        #expect(PrincipalID(recorded: "").escaped == "\"\"")
        #expect(try Self.parse("\"\"").escaped == "\\\"\\\"", "an id of two quotes does not print like the empty one")
        // A backslash is doubled, so an id spelling an escape does not print like the character.
        #expect(try Self.parse("alice\\u0020").escaped == "alice\\\\u0020")
        #expect(try Self.parse("DOMAIN\\alice").escaped == "DOMAIN\\\\alice")
        for id in [PrincipalID(recorded: "a\u{85}"), PrincipalID(recorded: "a\u{2029}b\u{7F}")] {
            #expect(!id.escaped.unicodeScalars.contains { $0.properties.generalCategory == .control })
        }
    }

    @Test(
        "the same principal spelled differently: case, Unicode normalisation, width, and characters an id may not hold",
        arguments: [
            ("alice", "ALICE"), ("alice", "Alice"), ("josé", "jose\u{301}"), ("straße", "STRASSE"),
            ("alice", "ａｌｉｃｅ"), ("ﬁona", "fiona"),
        ])
    func samePrincipal(_ pair: (String, String)) throws {
        let first = try PrincipalID(pair.0)
        let second = try PrincipalID(pair.1)
        #expect(first.isSamePrincipal(as: second))
        #expect(second.isSamePrincipal(as: first))
    }

    @Test("recorded ids with spaces or invisible characters are the same principal as the id without them")
    func samePrincipalRecorded() throws {
        let alice = try Self.parse("alice")
        for spelling in ["alice ", " alice", "alice\u{200B}", "al\u{AD}ice", "ALICE\u{FEFF}", "alice\u{1B}"] {
            #expect(PrincipalID(recorded: spelling).isSamePrincipal(as: alice), "\(spelling.debugDescription)")
        }
    }

    @Test("different principals stay different")
    func differentPrincipals() throws {
        let pairs = [("alice", "alicia"), ("alice", "alice2"), ("sup.maria", "sup.mario"), ("a.b", "ab")]
        for (one, other) in pairs {
            #expect(!(try PrincipalID(one)).isSamePrincipal(as: try PrincipalID(other)), "\(one) vs \(other)")
        }
    }

    @Test("literals in code are valid ids; an invalid literal is a programming error that stops the program")
    func literal() async {
        let id: PrincipalID = "callvault-sweeper"
        #expect(id.isValid)
        #expect(id.description == "callvault-sweeper")
        await #expect(processExitsWith: .failure) {
            _ = PrincipalID(stringLiteral: "alice ")
        }
    }
}

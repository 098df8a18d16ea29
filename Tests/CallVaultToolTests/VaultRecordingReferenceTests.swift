import CallVault
import CallVaultCore
import Foundation
import Testing

/// `callvault vault show`, `play`, `report`, `export` and `consent` name a recording by its id, a
/// prefix of its id no other recording shares, or its call id; a reference that fits several is
/// refused listing them.
@Suite("callvault vault: recordings named by id prefix or call id")
struct VaultRecordingReferenceTests {
    /// The shortest prefix of `id` no other id in `ids` starts with.
    static func uniquePrefix(of id: RecordingID, among ids: [RecordingID]) -> String {
        let text = id.description
        for length in 1...text.count {
            let prefix = String(text.prefix(length))
            if ids.filter({ $0.description.hasPrefix(prefix) }).count == 1 { return prefix }
        }
        return text
    }

    @Test("show, play and report take a unique id prefix or a call id, and act on that recording")
    func uniqueReferences() async throws {
        let fixture = try VaultFixture()
        let ids = try await fixture.recordCalls(3, startingAt: Date().addingTimeInterval(-3_600))
        let second = ids[1]
        let prefix = Self.uniquePrefix(of: second, among: ids)
        for reference in [prefix, prefix.uppercased(), "call-2", second.description] {
            let shown = try fixture.run("show", reference)
            #expect(shown.status == ExitStatus.success, "\(reference): \(shown)")
            #expect(shown.standardOutput.contains("recording: \(second)"), "\(reference): \(shown)")
        }

        let maria = try fixture.principal("maria", role: "supervisor", team: "team-a")
        let byID = try fixture.run("play", second.description, "--as", maria, "--purpose", "quality", "--out", "a.wav")
        let byCall = try fixture.run("play", "call-2", "--as", maria, "--purpose", "quality", "--out", "b.wav")
        #expect(byID.status == ExitStatus.success && byCall.status == ExitStatus.success, "\(byID)\n\(byCall)")
        #expect(try fixture.workspace.read("a.wav") == fixture.workspace.read("b.wav"))
        let entries = try await fixture.auditEntries(about: second)
        #expect(
            entries.filter { $0.record.action.identifier == "access.listen" }.count == 2,
            "both plays are audited against the recording the call id named")

        let report = try fixture.run("report", prefix)
        #expect(report.status == ExitStatus.success, "\(report)")
        #expect(report.standardOutput.contains("maria  listened (quality monitoring)"), "\(report)")
    }

    @Test("a prefix or call id that fits several recordings is refused with exit 1, listing each; nothing is played")
    func ambiguousReferences() async throws {
        let fixture = try VaultFixture()
        // Seventeen ids in sixteen hexadecimal digits: at least two share their first character.
        let ids = try await fixture.recordCalls(17, seconds: 0.1, startingAt: Date().addingTimeInterval(-7_200))
        let shared = try #require(
            Dictionary(grouping: ids) { $0.description.prefix(1) }.first { $0.value.count > 1 })
        let ambiguous = try fixture.run("show", String(shared.key))
        #expect(ambiguous.status == ExitStatus.badInput, "\(ambiguous)")
        #expect(
            ambiguous.standardError.contains("'\(shared.key)' fits \(shared.value.count) recordings"), "\(ambiguous)")
        for id in shared.value { #expect(ambiguous.standardError.contains(id.description), "\(ambiguous)") }
        #expect(ambiguous.standardOutput.isEmpty)

        // A call recorded twice (the same call id, two recordings).
        let again = try await fixture.recordCalls(1, seconds: 0.1, startingAt: Date().addingTimeInterval(-3_600))[0]
        let maria = try fixture.principal("maria", role: "supervisor", team: "team-a")
        let twice = try fixture.run("play", "call-1", "--as", maria, "--purpose", "quality", "--out", "twice.wav")
        #expect(twice.status == ExitStatus.badInput, "\(twice)")
        #expect(twice.standardError.contains("'call-1' fits 2 recordings"), "\(twice)")
        for id in [ids[0], again] { #expect(twice.standardError.contains(id.description), "\(twice)") }
        #expect(!fixture.workspace.exists("twice.wav"))
        #expect(try fixture.run("report", "call-1").status == ExitStatus.badInput)
    }

    @Test(
        "an id prefix or a call id that fits nothing is an unknown recording (1); text that can be neither is usage (64)"
    )
    func unknownReferences() async throws {
        let fixture = try VaultFixture()
        let id = try await fixture.recordCalls(1, startingAt: Date().addingTimeInterval(-3_600))[0]
        // A prefix of hexadecimal digits the only id does not start with.
        let other = id.description.hasPrefix("0") ? "1" : "0"
        // The review's case: "call-9999" has a call id's shape and names no call.
        for reference in [other + "bad", "call-9999", "no-such-call"] {
            for command in ["show", "report"] {
                let unknown = try fixture.run(command, reference)
                #expect(unknown.status == ExitStatus.badInput, "\(command) \(reference): \(unknown)")
                #expect(
                    unknown.standardError.contains("There is no recording '\(reference)'"),
                    "\(command) \(reference): \(unknown)")
            }
        }
        // White space around it, an invisible character, nothing: no call can have these ids.
        for reference in [" call-1", "call-1 ", "call\u{200B}-1", ""] {
            let notAReference = try fixture.run("show", reference)
            #expect(notAReference.status == ExitStatus.usage, "\(reference.debugDescription): \(notAReference)")
            #expect(
                notAReference.standardError.contains("cannot be a recording id"),
                "\(reference.debugDescription): \(notAReference)")
        }
        #expect(try fixture.run("report", " call-1").status == ExitStatus.usage)
        // Quoted back escaped, so the reader sees what is wrong: a line feed does not break the
        // message, and a zero-width space is not printed as the invisible character it complains of.
        for (reference, shown) in [
            ("call\n1001", "'call\\u000A1001'"), ("call-1001\u{200B}", "'call-1001\\u200B'"),
            ("call-1\t", "'call-1\\u0009'"),
        ] {
            let quoted = try fixture.run("show", reference)
            #expect(quoted.status == ExitStatus.usage, "\(reference.debugDescription): \(quoted)")
            #expect(quoted.standardError.contains(shown), "\(reference.debugDescription): \(quoted)")
            #expect(!quoted.standardError.contains("\u{200B}"), "\(quoted)")
        }
    }

    @Test("export and consent take a unique id prefix or a call id too, and act on that recording")
    func exportAndConsentReferences() async throws {
        let fixture = try VaultFixture()
        let ids = try await fixture.recordCalls(2, startingAt: Date().addingTimeInterval(-3_600))
        let second = ids[1]
        let consent = try fixture.run(
            "consent", "call-2", "--purpose", "training", "--channel", "web-form", "--evidence", "form 1", "--as",
            "dpo.ana")
        #expect(consent.status == ExitStatus.success, "\(consent)")
        #expect(consent.standardOutput.contains("for recording \(second)"), "\(consent)")
        let unknownConsent = try fixture.run(
            "consent", "call-9999", "--purpose", "training", "--channel", "web-form", "--evidence", "form 1", "--as",
            "dpo.ana")
        #expect(unknownConsent.status == ExitStatus.badInput, "\(unknownConsent)")

        try fixture.workspace.succeed("keygen", "-o", "court.id")
        let priya = try fixture.principal("priya", role: "compliance-officer")
        let prefix = Self.uniquePrefix(of: second, among: ids)
        let exported = try fixture.run(
            "export", prefix, "--as", priya, "--purpose", "dispute-resolution", "--legal-reference", "case 7",
            "--approved-by", "legal.bob", "--recipient", "court.id.pub", "--out", "package")
        #expect(exported.status == ExitStatus.success, "\(exported)")
        #expect(exported.standardOutput.contains("exported \(second)"), "\(exported)")
        let unknownExport = try fixture.run(
            "export", "call-9999", "--as", priya, "--purpose", "dispute-resolution", "--legal-reference", "case 7",
            "--approved-by", "legal.bob", "--recipient", "court.id.pub", "--out", "other")
        #expect(unknownExport.status == ExitStatus.badInput, "\(unknownExport)")
        #expect(!fixture.workspace.exists("other"))
    }
}

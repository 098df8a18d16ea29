import CallVault
import CallVaultCore
import Foundation
import Testing

/// `callvault vault show`, `play` and `report` name a recording by its id, a prefix of its id no
/// other recording shares, or its call id; a reference that fits several is refused listing them.
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

    @Test("an id prefix that fits nothing is an unknown recording (1); text that is no id and no call id is usage (64)")
    func unknownReferences() async throws {
        let fixture = try VaultFixture()
        let id = try await fixture.recordCalls(1, startingAt: Date().addingTimeInterval(-3_600))[0]
        // A prefix of hexadecimal digits the only id does not start with.
        let other = id.description.hasPrefix("0") ? "1" : "0"
        let unknown = try fixture.run("show", other + "bad")
        #expect(unknown.status == ExitStatus.badInput, "\(unknown)")
        #expect(unknown.standardError.contains("There is no recording '\(other)bad'"), "\(unknown)")
        let notAReference = try fixture.run("show", "no-such-call")
        #expect(notAReference.status == ExitStatus.usage, "\(notAReference)")
        #expect(notAReference.standardError.contains("is not a recording id"), "\(notAReference)")
        #expect(try fixture.run("report", "no-such-call").status == ExitStatus.usage)
    }
}

import CallVaultRetention
import CallVaultSQLite
import Foundation
import Testing

/// `callvault vault import`'s call facts: call ids that cannot pass for another, start times no
/// archive predates, and the business attributes a live session states; and the help of the
/// commands near it saying what they do.
@Suite("callvault vault import: call ids, start times and business attributes")
struct VaultImportCallFactsTests {
    let fixture: VaultFixture

    init() throws {
        var configuration = VaultFixture.configuration
        configuration.regimesByLineOfBusiness = ["collections": ["us-cfpb-reg-f-1006-100"]]
        fixture = try VaultFixture(configuration: configuration)
        try fixture.workspace.write(WAVFixture(encoding: .muLaw, frames: 8_000).bytes, to: "call.wav")
    }

    func importing(callID: String, startedAt: String = "2019-03-04T10:15:00Z", _ extra: [String] = []) throws
        -> ToolRun
    {
        try Tool.run(
            [
                "vault", "import", "--call-id", callID, "--started-at", startedAt, "--party", "customer@DE",
                "--consent-evidence", "prompt log", "--vault", fixture.name,
            ] + extra + ["call.wav"], in: fixture.workspace.directory)
    }

    func shown(_ run: ToolRun) throws -> [String: Any] {
        let id = try #require(
            (try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])?["recordingID"]
                as? String, "\(run)")
        let show = try fixture.run("show", id, "--json")
        return try #require(try JSONSerialization.jsonObject(with: Data(show.standardOutput.utf8)) as? [String: Any])
    }

    func recordingCount() throws -> Int {
        let list = try fixture.run("list", "--json")
        return (try JSONSerialization.jsonObject(with: Data(list.standardOutput.utf8)) as? [Any])?.count ?? -1
    }

    @Test("a call id with white space around it or an invisible character is refused; NFD finds the NFC import")
    func invisibleCallIDVariants() throws {
        #expect(try importing(callID: "legacy-1").status == ExitStatus.success)
        for variant in [" legacy-1", "legacy-1 ", "legacy-1\u{200B}", "legacy\u{7}-1", "\u{FEFF}legacy-1"] {
            let run = try importing(callID: variant)
            #expect(run.status == ExitStatus.badInput, "\(variant.debugDescription): \(run)")
            #expect(run.standardError.contains("cannot be told apart"), "\(variant.debugDescription): \(run)")
        }
        let composed = "caf\u{E9}"
        let decomposed = "cafe\u{301}"
        #expect(Array(composed.utf8) != Array(decomposed.utf8))
        #expect(try importing(callID: decomposed).status == ExitStatus.success)
        let again = try importing(callID: composed)
        #expect(again.status == ExitStatus.badInput, "\(again)")
        #expect(again.standardError.contains("already holds recording"), "\(again)")
        #expect(try recordingCount() == 2, "legacy-1 and café, once each")
    }

    @Test("a start before 1970 is refused, saying so; the earliest start accepted prints alike everywhere")
    func startsBefore1970() throws {
        for start in ["0000-01-01T00:00:00Z", "1582-10-10T00:00:00Z", "1969-12-31T23:59:59Z"] {
            let run = try importing(callID: "old-\(start.prefix(4))", startedAt: start)
            #expect(run.status == ExitStatus.badInput, "\(start): \(run)")
            #expect(run.standardError.contains("before 1970-01-01T00:00:00Z"), "\(start): \(run)")
        }
        #expect(try recordingCount() == 0)
        let epoch = "1970-01-01T00:00:00Z"
        let run = try importing(callID: "epoch", startedAt: epoch, ["--json"])
        #expect(run.status == ExitStatus.success, "\(run)")
        #expect(try shown(run)["startedAt"] as? String == epoch)
        #expect(try fixture.run("list").standardOutput.contains(epoch))
    }

    @Test("--line-of-business, --queue, --team and --agent are kept, and the line's regimes declared")
    func businessAttributes() throws {
        let run = try importing(
            callID: "c-1",
            [
                "--line-of-business", "collections", "--queue", "billing", "--team", "team-b", "--agent",
                "agent.kim", "--json",
            ])
        #expect(run.status == ExitStatus.success, "\(run)")
        let recording = try shown(run)
        #expect(recording["queue"] as? String == "billing" && recording["team"] as? String == "team-b")
        #expect(recording["agentID"] as? String == "agent.kim")
        #expect(recording["declaredRegimes"] as? [String] == ["us-cfpb-reg-f-1006-100"], "\(recording)")

        let other = try importing(callID: "c-2", ["--line-of-business", "retail", "--json"])
        #expect(try shown(other)["declaredRegimes"] as? [String] == [], "another line declares nothing")
    }

    @Test("an undeclarable regime's message names no recording and reads as a sentence")
    func hipaaMessage() throws {
        let imported = try importing(callID: "c-1", ["--regime", "us-hipaa"])
        let scheduled = try Tool.run(
            ["retention", "schedule", "--regime", "us-hipaa", "--ended-at", "2026-01-15T10:05:00Z"],
            in: fixture.workspace.directory)
        for run in [imported, scheduled] {
            #expect(run.status != ExitStatus.success, "\(run)")
            #expect(run.standardError.contains("'us-hipaa'"), "\(run)")
            #expect(!run.standardError.contains("Recording "), "no recording exists to name: \(run)")
            #expect(!run.standardError.contains("covers Covered"), "\(run)")
        }
    }

    @Test("vault consent's help says an unknown --channel is a usage error, as it exits")
    func consentChannelHelp() throws {
        let help = try Tool.run(["vault", "consent", "--help"], in: fixture.workspace.directory)
        let unknown = try Tool.run(
            [
                "vault", "consent", "00000000-0000-0000-0000-000000000000", "--purpose", "training", "--channel",
                "fax", "--evidence", "form 1", "--as", "dpo.ana", "--vault", fixture.name,
            ], in: fixture.workspace.directory)
        #expect(unknown.status == ExitStatus.usage, "\(unknown)")
        let usage = try #require(help.standardOutput.components(separatedBy: "64 usage").last)
        #expect(usage.contains("--channel"), "\(help)")
        let failures = try #require(help.standardOutput.components(separatedBy: "64 usage").first)
        #expect(!failures.contains("unknown channel"), "\(help)")
    }

    @Test("a retention period out of range is refused in one sentence, ended once")
    func retentionDaysSentence() throws {
        let run = try Tool.run(
            [
                "vault", "init", "--vault", "new-vault", "--organisation", "Acme Bank", "--purpose", "quality",
                "--retention-days", "0", "--hold-officer", "legal.alice",
            ], in: fixture.workspace.directory)
        #expect(run.status != ExitStatus.success, "\(run)")
        #expect(run.standardError.contains("retentionDays"), "\(run)")
        #expect(!run.standardError.contains(".."), "\(run)")
    }
}

import CallVault
import CallVaultCore
import Foundation
import GRDB
import Testing

/// `callvault vault sweep --plan --as-of DATE` (what a sweep on DATE would delete, deleting
/// nothing) and `callvault vault kept-indefinitely` (what no sweep will delete as things stand).
@Suite("callvault vault: sweep plans for a date, and recordings kept indefinitely")
struct VaultSweepPlanAsOfTests {
    /// `sweep --plan --json`, as scripts read it.
    struct Plan: Decodable {
        struct Deletion: Decodable {
            var recordingID: String
            var dueAt: Date
            var cause: String
        }

        struct Held: Decodable {
            var recordingID: String
            var holds: [String]
        }

        var asOf: Date
        var interrupted: [String]
        var deletions: [Deletion]
        var held: [Held]
    }

    /// `kept-indefinitely --json`, as scripts read it.
    struct Kept: Decodable {
        var id: String
        var callID: String
        var state: String
        var startedAt: Date
        var reasons: [String]
        var holds: [String]
        var dueAt: Date?
    }

    static func decoded<Value: Decodable>(_ type: Value.Type, _ run: ToolRun) throws -> Value {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(type, from: Data(run.standardOutput.utf8))
    }

    @Test("--plan --as-of three years on lists recordings not due today, and the held; nothing is deleted")
    func planAsOfLater() async throws {
        let fixture = try VaultFixture()
        let ids = try await fixture.recordCalls(3, startingAt: Date().addingTimeInterval(-3_600))
        let placed = try fixture.run(
            "hold", "place", "--matter", "M", "--reason", "R", "--recording", ids[2].description, "--by", "legal.alice",
            "--id", "hold-m")
        try #require(placed.status == ExitStatus.success, "\(placed)")

        let today = try Self.decoded(Plan.self, try fixture.run("sweep", "--plan", "--json"))
        #expect(today.deletions.isEmpty && today.held.isEmpty, "nothing is due today")

        let later = ISO8601DateFormatter().string(from: Date().addingTimeInterval(3 * 366 * 86_400))
        let text = try fixture.run("sweep", "--plan", "--as-of", later)
        #expect(text.status == ExitStatus.success, "\(text)")
        #expect(text.standardOutput.contains("2 to delete, 1 held"), "\(text)")
        let plan = try Self.decoded(Plan.self, try fixture.run("sweep", "--plan", "--as-of", later, "--json"))
        #expect(ISO8601DateFormatter().string(from: plan.asOf) == later)
        #expect(Set(plan.deletions.map(\.recordingID)) == Set(ids[0...1].map(\.description)))
        #expect(plan.deletions.allSatisfy { $0.dueAt < plan.asOf && $0.dueAt > Date() }, "\(plan.deletions)")
        #expect(plan.held.map(\.recordingID) == [ids[2].description] && plan.held.first?.holds == ["hold-m"])

        let listed = try fixture.run("list", "--json")
        #expect(!listed.standardOutput.contains("\"deleted\""), "a plan deletes nothing: \(listed)")
        for id in ids {
            #expect(try fixture.run("show", id.description).standardOutput.contains("state: complete"))
        }
    }

    @Test("--as-of and --json need --plan, and --as-of takes an ISO 8601 time with a zone (usage, 64)")
    func asOfUsage() throws {
        let fixture = try VaultFixture()
        for arguments in [
            ["sweep", "--as-of", "2030-01-01T00:00:00Z"], ["sweep", "--json"],
            ["sweep", "--plan", "--as-of", "2030-01-01"], ["sweep", "--plan", "--as-of", "next year"],
        ] {
            let run = try Tool.run(
                ["vault"] + arguments + ["--vault", fixture.name], in: fixture.workspace.directory)
            #expect(run.status == ExitStatus.usage, "\(arguments): \(run)")
        }
    }

    @Test("kept-indefinitely lists the held and those without a retention record, with reasons; --json keys")
    func keptIndefinitely() async throws {
        let fixture = try VaultFixture()
        let ids = try await fixture.recordCalls(3, startingAt: Date().addingTimeInterval(-3_600))
        let none = try fixture.run("kept-indefinitely")
        #expect(none.status == ExitStatus.success, "\(none)")
        #expect(none.standardOutput.contains("each will be deleted when due"), "\(none)")
        #expect(try Self.decoded([Kept].self, try fixture.run("kept-indefinitely", "--json")).isEmpty)

        try #require(
            try fixture.run(
                "hold", "place", "--matter", "M", "--reason", "R", "--recording", ids[0].description, "--by",
                "legal.alice", "--id", "hold-m"
            ).status == ExitStatus.success)
        // A recording whose retention record is gone (a damaged vault): no sweep would ever find it.
        try DatabaseEdit.execute(
            fixture, "DELETE FROM retention_record WHERE recording_id = ?", [ids[2].description])

        let kept = try Self.decoded([Kept].self, try fixture.run("kept-indefinitely", "--json"))
        #expect(kept.map(\.id) == [ids[0].description, ids[2].description], "\(kept)")
        #expect(kept.first?.reasons == ["held"] && kept.first?.holds == ["hold-m"])
        #expect(kept.first?.dueAt != nil, "a held recording's retention end is still shown")
        #expect(kept.last?.reasons == ["no-retention-record"] && kept.last?.dueAt == nil)
        #expect(kept.allSatisfy { $0.state == "complete" && $0.callID.hasPrefix("call-") })

        let text = try fixture.run("kept-indefinitely")
        #expect(text.standardOutput.contains("held by hold-m"), "\(text)")
        #expect(text.standardOutput.contains("no retention record"), "\(text)")
        #expect(text.standardOutput.contains("2 recordings kept until something changes."), "\(text)")
        #expect(!text.standardOutput.contains(ids[1].description))
        let raw =
            try JSONSerialization.jsonObject(
                with: Data(try fixture.run("kept-indefinitely", "--json").standardOutput.utf8)) as? [[String: Any]]
        #expect(raw?.last?.keys.contains("dueAt") == true, "dueAt is written as null, not left out")
    }
}

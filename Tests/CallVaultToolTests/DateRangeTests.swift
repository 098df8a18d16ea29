import Foundation
import Testing

/// Dates the tool takes, and dates it works out from them, stay within the years 0000 to 9999: a
/// date that would print with a five-digit year (which nothing reads back) is a usage error naming
/// the option, never a report.
@Suite("callvault: dates past 9999")
struct DateRangeTests {
    let workspace: Workspace

    init() throws {
        workspace = try Workspace()
        for name in ["access-policy.json", "principal.json", "recording.json"] {
            let url = AccessCheckTests.root.appendingPathComponent("Examples/policies/\(name)")
            try workspace.write(Array(try Data(contentsOf: url)), to: name)
        }
    }

    @Test("retention schedule refuses an end whose schedule runs past 9999, in text and JSON")
    func scheduleBeyond9999() throws {
        for extra in [[], ["--json"]] {
            let run = try Tool.run(
                ["retention", "schedule", "--regime", "eu-mifid2-16-7", "--ended-at", "9999-06-01T00:00:00Z"] + extra,
                in: workspace.directory)
            #expect(run.status == ExitStatus.usage, "\(run)")
            #expect(run.standardOutput.isEmpty, "\(run)")
            #expect(!run.standardError.contains("10004"), "\(run)")
            #expect(run.standardError.contains("--ended-at 9999-06-01T00:00:00Z is too late"), "\(run)")
        }
        let fine = try Tool.run(
            ["retention", "schedule", "--regime", "eu-mifid2-16-7", "--ended-at", "9994-06-01T00:00:00Z"],
            in: workspace.directory)
        #expect(fine.status == ExitStatus.success, "\(fine)")
        #expect(fine.standardOutput.contains("9999-06-01T00:00:00Z"), "\(fine)")
    }

    @Test("a time that an offset moves past 9999 or before 0000 is a usage error")
    func offsetsPastTheCalendar() throws {
        for time in ["9999-12-31T23:00:00-05:00", "0000-01-01T00:30:00+01:00"] {
            let run = try Tool.run(
                ["retention", "schedule", "--regime", "eu-mifid2-16-7", "--ended-at", time], in: workspace.directory)
            #expect(run.status == ExitStatus.usage, "\(run)")
            #expect(run.standardError.contains("falls outside the years 0000 to 9999"), "\(run)")
        }
    }

    @Test("access check refuses an --at whose grant would expire after 9999")
    func accessGrantBeyond9999() throws {
        // The example principal, trained and signed in with multi-factor just before the end of 9999.
        let principal = """
            {"id": "sup.maria", "roles": ["supervisor"], "team": "billing",
             "authentication": {"method": "sso", "at": "9999-12-31T22:59:00Z", "multiFactor": true},
             "training": [{"course": "call-recording-privacy", "version": 3, "completedAt": "9999-01-01T00:00:00Z"}]}
            """
        try workspace.write(Array(principal.utf8), to: "late-principal.json")
        func check(at time: String) throws -> ToolRun {
            try Tool.run(
                [
                    "access", "check", "--policy", "access-policy.json", "--principal", "late-principal.json",
                    "--recording", "recording.json", "--action", "listen", "--purpose", "quality", "--at", time,
                ],
                in: workspace.directory)
        }
        let late = try check(at: "9999-12-31T23:50:00Z")
        #expect(late.status == ExitStatus.usage, "\(late)")
        #expect(!late.standardOutput.contains("10000-"), "\(late)")
        #expect(late.standardError.contains("--at 9999-12-31T23:50:00Z is too late"), "\(late)")
        // The same request a little earlier is allowed, its grant expiring within 9999.
        let earlier = try check(at: "9999-12-31T23:00:00Z")
        #expect(earlier.status == ExitStatus.success, "\(earlier)")
        #expect(earlier.standardOutput.contains("expires at 9999-12-31T23:"), "\(earlier)")
    }
}

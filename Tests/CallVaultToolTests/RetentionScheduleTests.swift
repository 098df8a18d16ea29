import Foundation
import Testing

/// `callvault retention schedule`, run as a built binary. Expected times are worked out from the
/// rules, not copied from the tool: minimums count from the end of the call and round later,
/// maximums from its start and round earlier.
@Suite("callvault retention schedule")
struct RetentionScheduleTests {
    let workspace: Workspace

    init() throws {
        workspace = try Workspace()
    }

    /// The JSON report, as scripts read it.
    struct Report: Decodable {
        struct Conflict: Decodable, Equatable {
            var minimumRule: String
            var minimumEnds: String
            var maximumRule: String
            var maximumEnds: String
            var resolution: String
            var description: String
        }

        var keepUntil: String
        var legalKeepUntil: String
        var deleteBy: String?
        var deleteAt: String?
        var deletionRule: String?
        var writeOnceUntil: String?
        var restrictedFrom: String?
        var governing: [String]
        var conflicts: [Conflict]
        var reasons: [String]
        var catalogVersion: String
        var policyVersion: String
    }

    /// Runs `retention schedule --json` with `arguments` and decodes the report.
    func schedule(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> Report {
        let run = try Tool.run(["retention", "schedule", "--json"] + arguments, in: workspace.directory)
        try #require(run.status == ExitStatus.success, "\(run)", sourceLocation: sourceLocation)
        return try JSONDecoder().decode(Report.self, from: Data(run.standardOutput.utf8))
    }

    /// The issue's worked example: a MiFID II order line in France, recorded for quality and
    /// regulatory purposes.
    static let workedConflict = [
        "--regime", "eu-mifid2-16-7", "--jurisdiction", "FR", "--purpose", "quality", "--purpose", "legal-regulatory",
        "--started-at", "2026-01-15T10:00:00Z", "--ended-at", "2026-01-15T10:05:00Z",
    ]

    @Test("MiFID II's five years outlast the CNIL's six months: kept for the legal obligation, restricted")
    func workedConflictJSON() throws {
        let run = try Tool.run(
            ["retention", "schedule", "--json"] + Self.workedConflict, in: workspace.directory)
        try #require(run.status == ExitStatus.success, "\(run)")
        let report = try JSONDecoder().decode(Report.self, from: Data(run.standardOutput.utf8))
        // MiFID II: 5 years from the end (10:05), 15 January is in every year.
        #expect(report.keepUntil == "2031-01-15T10:05:00Z")
        #expect(report.legalKeepUntil == "2031-01-15T10:05:00Z")
        // The CNIL's cap (6 months from the start, 10:00) yields to the legal minimum...
        #expect(report.deleteBy == "2031-01-15T10:05:00Z")
        #expect(report.deleteAt == "2031-01-15T10:05:00Z")
        #expect(report.deletionRule == "eu-mifid2-16-7")
        // ...and the recording is restricted to that obligation from the cap on.
        #expect(report.restrictedFrom == "2026-07-15T10:00:00Z")
        // MiFID II asks for write-once storage for its whole minimum.
        #expect(report.writeOnceUntil == "2031-01-15T10:05:00Z")
        #expect(report.governing == ["eu-mifid2-16-7", "fr-cnil-call-recording"])
        try #require(report.conflicts.count == 1)
        let conflict = report.conflicts[0]
        #expect(conflict.minimumRule == "eu-mifid2-16-7")
        #expect(conflict.minimumEnds == "2031-01-15T10:05:00Z")
        #expect(conflict.maximumRule == "fr-cnil-call-recording")
        #expect(conflict.maximumEnds == "2026-07-15T10:00:00Z")
        #expect(conflict.resolution == "kept-for-legal-obligation")
        #expect(conflict.description.contains("17(3)(b)"))
        // The GDPR and ePrivacy apply in France but set no period; the CNIL's cap is in the trail.
        #expect(report.reasons.contains { $0.contains("(eu-gdpr): no fixed period") })
        #expect(report.reasons.contains { $0.contains("(eu-eprivacy-5-2): no fixed period") })
        #expect(report.reasons.contains { $0.contains("(fr-cnil-call-recording): keep at most 6 months") })
        #expect(report.catalogVersion.hasPrefix("callvault-"))
        #expect(report.policyVersion == "none")
        #expect(run.standardError.isEmpty)
    }

    @Test("the text report gives the times, the governing rules, the conflict and the reason trail")
    func workedConflictText() throws {
        let run = try Tool.run(["retention", "schedule"] + Self.workedConflict, in: workspace.directory)
        try #require(run.status == ExitStatus.success, "\(run)")
        let lines = run.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for line in [
            "Keep until:        2031-01-15T10:05:00Z", "Delete by:         2031-01-15T10:05:00Z",
            "Deletion time:     2031-01-15T10:05:00Z", "Write-once until:  2031-01-15T10:05:00Z",
            "Restricted from:   2026-07-15T10:00:00Z",
            "  eu-mifid2-16-7          MiFID II Art 16(7) (Directive 2014/65/EU)",
            "  Keep until 2031-01-15T10:05:00Z; delete by 2031-01-15T10:05:00Z; the sweeper deletes it at 2031-01-15T10:05:00Z.",
        ] {
            #expect(lines.contains(line), "'\(line)' missing from \(run)")
        }
        let conflicts = try #require(lines.firstIndex(of: "Conflicts:"))
        #expect(
            lines[conflicts + 1].hasPrefix("  eu-mifid2-16-7 requires keeping until 2031-01-15, fr-cnil-call-recording")
        )
        let reasons = try #require(lines.firstIndex(of: "Reasons:"))
        #expect(reasons > conflicts)
        #expect(lines[reasons + 1].hasPrefix("  - MiFID II Art 16(7)"))
        #expect(
            run.standardOutput.contains(
                "Declared regimes: eu-mifid2-16-7; jurisdictions: FR; purposes: quality, legal-regulatory."))
    }

    @Test("the JSON has exactly the documented keys, sorted, with null for times no rule sets")
    func jsonKeys() throws {
        let run = try workspace.succeed(
            "retention", "schedule", "--json", "--regime", "br-sac-decree-11034", "--jurisdiction", "BR", "--ended-at",
            "2026-03-01T10:00:00Z")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        let keys = [
            "catalogVersion", "conflicts", "deleteAt", "deleteBy", "deletionRule", "governing", "keepUntil",
            "legalKeepUntil", "policyVersion", "reasons", "restrictedFrom", "writeOnceUntil",
        ]
        #expect(Set(object.keys) == Set(keys))
        for key in ["deleteBy", "writeOnceUntil", "restrictedFrom"] {
            #expect(object[key] is NSNull, "\(key) should be null")
        }
        let positions = keys.map { run.standardOutput.range(of: "\"\($0)\"")?.lowerBound }
        #expect(!positions.contains(nil))
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted(), "keys are not in sorted order")
    }

    @Test(
        "Brazil's SAC decree alone: kept 90 days, deleted then, no maximum; a local offset reads as the same instant",
        arguments: ["2026-03-01T10:00:00Z", "2026-03-01T07:00:00-03:00", "2026-03-01T10:00:00.000+00:00"])
    func brazil(endedAt: String) throws {
        let report = try schedule("--regime", "br-sac-decree-11034", "--jurisdiction", "BR", "--ended-at", endedAt)
        // 1 March + 90 days: 30 left in March, 30 in April, 30 in May.
        #expect(report.keepUntil == "2026-05-30T10:00:00Z")
        #expect(report.deleteAt == "2026-05-30T10:00:00Z")
        #expect(report.legalKeepUntil == "2026-05-30T10:00:00Z")
        #expect(report.deleteBy == nil)
        #expect(report.writeOnceUntil == nil)
        #expect(report.restrictedFrom == nil)
        #expect(report.conflicts.isEmpty)
        #expect(report.governing == ["br-sac-decree-11034"])
        #expect(
            report.reasons == [
                "Decreto 11.034/2022 art. 12 par. 3 (SAC rules; replaced Decreto 6.523/2008 art. 15) (br-sac-decree-11034): keep at least 90 days after the call, until 2026-05-30."
            ])
    }

    @Test("without --jurisdiction the place is unknown: the declared regime applies and the trail says so")
    func unknownPlace() throws {
        let report = try schedule("--regime", "br-sac-decree-11034", "--ended-at", "2026-03-01T10:00:00Z")
        #expect(report.keepUntil == "2026-05-30T10:00:00Z")
        #expect(report.reasons.contains { $0.contains("location is unknown") })
    }

    @Test("a one-year minimum from 29 February 2024 rounds later, to 1 March 2025")
    func leapDayMinimum() throws {
        let report = try schedule(
            "--regime", "us-cftc-1-35", "--jurisdiction", "US", "--ended-at", "2024-02-29T12:00:00Z")
        #expect(report.keepUntil == "2025-03-01T12:00:00Z")
        #expect(report.deleteAt == "2025-03-01T12:00:00Z")
        #expect(report.deleteBy == nil)
        #expect(report.writeOnceUntil == nil, "CFTC 1.35 does not ask for write-once storage")
    }

    @Test("a one-year maximum from 29 February 2024 rounds earlier, to 28 February 2025")
    func leapDayMaximum() throws {
        let report = try schedule(
            "--jurisdiction", "US-PA", "--purpose", "quality", "--ended-at", "2024-02-29T12:00:00Z")
        #expect(report.deleteBy == "2025-02-28T12:00:00Z")
        #expect(report.deleteAt == "2025-02-28T12:00:00Z", "with no minimum, the sweeper deletes at the maximum")
        #expect(report.keepUntil == "2024-02-29T12:00:00Z")
        #expect(report.governing == ["us-pa-5704-15"])
    }

    @Test("a purpose-limited rule does not reach a recording kept for other purposes")
    func purposeLimit() throws {
        let report = try schedule(
            "--jurisdiction", "FR", "--purpose", "dispute-resolution", "--ended-at", "2026-01-15T10:05:00Z")
        #expect(report.deleteBy == nil)
        #expect(!report.reasons.contains { $0.contains("fr-cnil-call-recording") })
        #expect(report.reasons.contains { $0.contains("(eu-gdpr)") })
    }

    @Test("FCA SYSC 10A: write-once for its five years; UK GDPR applies in GB without a period")
    func writeOnce() throws {
        let report = try schedule(
            "--regime", "gb-fca-sysc-10a", "--jurisdiction", "GB", "--started-at", "2026-01-15T09:58:00Z", "--ended-at",
            "2026-01-15T10:05:00Z")
        #expect(report.keepUntil == "2031-01-15T10:05:00Z")
        #expect(report.writeOnceUntil == "2031-01-15T10:05:00Z")
        #expect(report.deleteBy == nil)
        #expect(report.deleteAt == "2031-01-15T10:05:00Z")
        #expect(report.governing == ["gb-fca-sysc-10a"])
        #expect(report.reasons.contains { $0.contains("(gb-fca-sysc-10a): store write-once until 2031-01-15") })
        #expect(report.reasons.contains { $0.contains("(eu-gdpr): no fixed period") })
        let text = try workspace.succeed(
            "retention", "schedule", "--regime", "gb-fca-sysc-10a", "--jurisdiction", "GB", "--ended-at",
            "2026-01-15T10:05:00Z")
        #expect(text.standardOutput.contains("Write-once until:  2031-01-15T10:05:00Z"))
        #expect(text.standardOutput.contains("Delete by:         none (no maximum applies)"))
    }

    @Test("an unknown regime fails with status 1, naming it and the command that lists the ids")
    func unknownRegime() throws {
        let run = try workspace.run(
            "retention", "schedule", "--regime", "eu-mifid2-16-8", "--ended-at", "2026-01-15T10:05:00Z")
        #expect(run.status == ExitStatus.badInput, "\(run)")
        #expect(run.standardError.contains("has no regime 'eu-mifid2-16-8'"), "\(run)")
        #expect(run.standardError.contains("`callvault retention regimes` lists the ids"), "\(run)")
        #expect(run.standardError.contains("Did you mean eu-mifid2-16-7?"), "\(run)")
        #expect(!run.standardError.contains("Error:"), "not a usage error: the id is well-formed")
        #expect(run.standardOutput.isEmpty)
    }

    @Test(
        "a date that is not ISO 8601 with a zone is a usage error naming the value",
        arguments: [
            "2026-01-15", "2026-01-15T10:00:00", "2026-02-30T10:00:00Z", "15/01/2026 10:00", "2026-01-15T25:00:00Z",
            "2026-01-15T10:00:00+1", "2026-01-15T10:00:00Zjunk", "yesterday",
        ])
    func badDate(text: String) throws {
        let run = try workspace.run("retention", "schedule", "--jurisdiction", "FR", "--ended-at", text)
        #expect(run.status == ExitStatus.usage, "\(run)")
        #expect(run.standardError.contains("'\(text)' is not an ISO 8601 date and time with a zone"), "\(run)")
        #expect(run.standardError.contains("2026-01-15T10:00:00Z"), "the message shows the form")
        let started = try workspace.run(
            "retention", "schedule", "--jurisdiction", "FR", "--started-at", text, "--ended-at", "2026-01-15T10:05:00Z")
        #expect(started.status == ExitStatus.usage, "\(started)")
    }

    @Test(
        "a bad jurisdiction, purpose or rule id, no rule at all, or a call ending before it starts is a usage error",
        arguments: [
            (["--jurisdiction", "France"], "'France' is not a jurisdiction"),
            (["--jurisdiction", "FR", "--purpose", "Quality Control"], "'Quality Control' is not a purpose"),
            (["--regime", "MiFID II"], "'MiFID II' is not a rule id"),
            ([], "at least one --regime"),
            (["--jurisdiction", "FR", "--started-at", "2026-01-15T10:06:00Z"], "is after --ended-at"),
        ])
    func usageErrors(arguments: [String], message: String) throws {
        let run = try Tool.run(
            ["retention", "schedule"] + arguments + ["--ended-at", "2026-01-15T10:05:00Z"], in: workspace.directory)
        #expect(run.status == ExitStatus.usage, "\(run)")
        #expect(run.standardError.contains(message), "\(run)")
        #expect(run.standardOutput.isEmpty)
    }

    @Test("rule ids and places ignore case, and a repeated --regime counts once")
    func caseAndRepeats() throws {
        let report = try schedule(
            "--regime", "EU-MIFID2-16-7", "--regime", "eu-mifid2-16-7", "--jurisdiction", "de", "--ended-at",
            "2026-01-15T10:05:00Z")
        #expect(report.keepUntil == "2031-01-15T10:05:00Z")
        #expect(report.reasons.filter { $0.contains("keep at least 5 years") }.count == 1)
    }

    /// A host's policies: sales calls at most two years; recordings the FCA asked about kept seven.
    static let policies = """
        {
          "version": "acme-2026-11",
          "policies": [
            { "id": "acme-sales", "name": "Sales calls", "match": { "queues": ["sales"] }, "maximum": "P2Y" },
            { "id": "acme-fca-request", "name": "FCA request of 2026-10", "match": { "tags": ["fca-request"] },
              "minimum": "P7Y", "legalObligation": true }
          ]
        }
        """

    @Test("a business maximum shortens a practice minimum: deleted at the maximum, not restricted")
    func businessMaximum() throws {
        try workspace.write(Array(Self.policies.utf8), to: "policies.json")
        let times = ["--started-at", "2026-01-15T10:00:00Z", "--ended-at", "2026-01-15T10:05:00Z"]
        let run = try Tool.run(
            [
                "retention", "schedule", "--json", "--regime", "us-tcpa-consent-records", "--jurisdiction", "US",
                "--queue", "sales", "--policies", "policies.json",
            ] + times, in: workspace.directory)
        try #require(run.status == ExitStatus.success, "\(run)")
        let report = try JSONDecoder().decode(Report.self, from: Data(run.standardOutput.utf8))
        // TCPA practice: 4 years from the end; the policy: 2 years from the start, which wins.
        #expect(report.keepUntil == "2028-01-15T10:00:00Z")
        #expect(report.deleteBy == "2028-01-15T10:00:00Z")
        #expect(report.deleteAt == "2028-01-15T10:00:00Z")
        #expect(report.restrictedFrom == nil)
        #expect(report.legalKeepUntil == "2026-01-15T10:05:00Z", "no legal minimum applies")
        #expect(report.governing.contains("acme-sales"))
        #expect(
            report.conflicts == [
                .init(
                    minimumRule: "us-tcpa-consent-records", minimumEnds: "2030-01-15T10:05:00Z",
                    maximumRule: "acme-sales",
                    maximumEnds: "2028-01-15T10:00:00Z", resolution: "minimum-shortened-to-maximum",
                    description: report.conflicts.first?.description ?? "")
            ])
        #expect(report.policyVersion == "acme-2026-11")

        // The policy matches the sales queue only: elsewhere the practice minimum stands.
        let support = try Tool.run(
            [
                "retention", "schedule", "--json", "--regime", "us-tcpa-consent-records", "--jurisdiction", "US",
                "--queue", "support", "--policies", "policies.json",
            ] + times, in: workspace.directory)
        try #require(support.status == ExitStatus.success, "\(support)")
        let unmatched = try JSONDecoder().decode(Report.self, from: Data(support.standardOutput.utf8))
        #expect(unmatched.keepUntil == "2030-01-15T10:05:00Z")
        #expect(unmatched.deleteBy == nil)
        #expect(unmatched.conflicts.isEmpty)
    }

    @Test("a policy marked a legal obligation outlasts the CNIL's cap, matched by --tag")
    func legalObligationPolicy() throws {
        try workspace.write(Array(Self.policies.utf8), to: "policies.json")
        let report = try schedule(
            "--jurisdiction", "FR", "--purpose", "quality", "--tag", "fca-request", "--policies", "policies.json",
            "--started-at", "2026-01-15T10:00:00Z", "--ended-at", "2026-01-15T10:05:00Z")
        #expect(report.keepUntil == "2033-01-15T10:05:00Z")
        #expect(report.deleteBy == "2033-01-15T10:05:00Z")
        #expect(report.restrictedFrom == "2026-07-15T10:00:00Z")
        #expect(report.conflicts.map(\.resolution) == ["kept-for-legal-obligation"])
        #expect(report.conflicts.map(\.minimumRule) == ["acme-fca-request"])
    }

    @Test("a malformed policy file fails with status 1, naming the file and the policy at fault")
    func malformedPolicies() throws {
        try workspace.write(
            Array(
                """
                {"version": "acme-2026-11", "policies": [
                  {"id": "acme-sales", "name": "Sales calls", "maximum": "P2Y"},
                  {"id": "acme-broken", "name": "Broken", "minimum": "P3Y", "maximum": "P1Y"}
                ]}
                """.utf8), to: "broken.json")
        let broken = try workspace.run(
            "retention", "schedule", "--jurisdiction", "US", "--policies", "broken.json", "--ended-at",
            "2026-01-15T10:05:00Z")
        #expect(broken.status == ExitStatus.badInput, "\(broken)")
        #expect(broken.standardError.contains("broken.json: "), "\(broken)")
        #expect(broken.standardError.contains("number 2 ('acme-broken')"), "\(broken)")
        #expect(broken.standardError.contains("minimum (P3Y) is longer than its maximum (P1Y)"), "\(broken)")
        #expect(broken.standardOutput.isEmpty)

        try workspace.write(
            Array(#"{"version": "v1", "policies": [{"id": "acme-typo", "name": "Typo", "minimun": "P1Y"}]}"#.utf8),
            to: "typo.json")
        let typo = try workspace.run(
            "retention", "schedule", "--jurisdiction", "US", "--policies", "typo.json", "--ended-at",
            "2026-01-15T10:05:00Z")
        #expect(typo.status == ExitStatus.badInput, "\(typo)")
        #expect(typo.standardError.contains("'acme-typo'"), "\(typo)")
        #expect(typo.standardError.contains("minimun"), "\(typo)")

        try workspace.write(
            Array(#"{"version": "v1", "policies": [{"id": "eu-gdpr", "name": "Ours", "maximum": "P1Y"}]}"#.utf8),
            to: "clash.json")
        let clash = try workspace.run(
            "retention", "schedule", "--jurisdiction", "US", "--policies", "clash.json", "--ended-at",
            "2026-01-15T10:05:00Z")
        #expect(clash.status == ExitStatus.badInput, "\(clash)")
        #expect(clash.standardError.contains("clash.json: "), "\(clash)")
        #expect(clash.standardError.contains("'eu-gdpr' has the id of a catalog regime"), "\(clash)")

        for (name, contents) in [("notjson.json", "policies: none"), ("empty.json", "")] {
            try workspace.write(Array(contents.utf8), to: name)
            let run = try workspace.run(
                "retention", "schedule", "--jurisdiction", "US", "--policies", name, "--ended-at",
                "2026-01-15T10:05:00Z")
            #expect(run.status == ExitStatus.badInput, "\(run)")
            #expect(run.standardError.contains("\(name): The retention policy file cannot be read"), "\(run)")
        }
        let missing = try workspace.run(
            "retention", "schedule", "--jurisdiction", "US", "--policies", "nowhere.json", "--ended-at",
            "2026-01-15T10:05:00Z")
        #expect(missing.status == ExitStatus.badInput, "\(missing)")
        #expect(missing.standardError.contains("nowhere.json"), "\(missing)")
    }

    @Test("--catalog schedules against a host's catalog, recorded in the schedule")
    func hostCatalog() throws {
        try workspace.write(
            Array(
                """
                id,code,name,applies,minimum,maximum,binding,write_once
                acme-fca-request,GB,FCA request of 2026-10,declared,P7Y,,law,yes
                """.utf8), to: "acme.csv")
        let report = try schedule(
            "--catalog", "acme.csv", "--catalog-label", "acme-legal", "--regime", "acme-fca-request", "--jurisdiction",
            "GB", "--ended-at", "2026-01-15T10:05:00Z")
        #expect(report.keepUntil == "2033-01-15T10:05:00Z")
        #expect(report.writeOnceUntil == "2033-01-15T10:05:00Z")
        #expect(report.catalogVersion.hasPrefix("acme-legal+"))
        // The host's catalog replaces the bundled one: MiFID II is not in it.
        let run = try workspace.run(
            "retention", "schedule", "--catalog", "acme.csv", "--regime", "eu-mifid2-16-7", "--ended-at",
            "2026-01-15T10:05:00Z")
        #expect(run.status == ExitStatus.badInput, "\(run)")
        #expect(run.standardError.contains("acme.csv+"), "\(run)")
    }

    @Test("declaring a card-data or reference regime is noted on standard error: it cannot change a schedule")
    func regimesThatDoNotSchedule() throws {
        let run = try workspace.succeed(
            "retention", "schedule", "--regime", "pci-dss-3-3-1", "--regime", "us-legal-hold-duty", "--jurisdiction",
            "US",
            "--ended-at", "2026-01-15T10:05:00Z")
        #expect(run.standardError.contains("note: pci-dss-3-3-1 applies to flagged card-data ranges"), "\(run)")
        #expect(run.standardError.contains("note: us-legal-hold-duty is a duty carried out elsewhere"), "\(run)")
        #expect(run.standardOutput.contains("Deletion time:     none (no rule sets one; kept until a policy does)"))
    }

    @Test("help lists every option and says --regime may be left out when --jurisdiction is given")
    func help() throws {
        let run = try workspace.succeed("retention", "schedule", "--help")
        for option in [
            "--regime", "--jurisdiction", "--purpose", "--tag", "--queue", "--line-of-business", "--policies",
            "--catalog", "--started-at", "--ended-at", "--json", "Exit status",
        ] {
            #expect(run.standardOutput.contains(option), "\(option) missing from \(run)")
        }
        let help = run.standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(help.contains("--regime may be left out when --jurisdiction is given"), "\(run)")
    }
}
